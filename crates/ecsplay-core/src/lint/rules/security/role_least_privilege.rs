use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// When a task definition has an `executionRoleArn` and reads secrets, parameters,
    /// registry credentials or environment files with it, lists what that role must be allowed
    /// to read: the `valueFrom` of every container secret and log secret, every
    /// `repositoryCredentials.credentialsParameter` and every `environmentFiles` object. The
    /// hint points at `executionRoleArn`. The catalogue's row is advice without a condition;
    /// this project shows it where the definition itself says what the role needs. The task
    /// role's needs are the application's and cannot be read from the definition.
    ///
    /// ## Why is this bad?
    /// The execution role is used by ECS itself, before the containers start: it pulls images,
    /// writes logs and reads the secrets it injects. A role with `secretsmanager:*` on `*`
    /// (common in examples) lets anyone who can run a task with it read every secret of the
    /// account. Grant `AmazonECSTaskExecutionRolePolicy` (image pulls and logs) and, for the
    /// secrets, exactly the ARNs this definition uses. The task role (`taskRoleArn`) should
    /// likewise allow only what the application calls.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Nothing to change in the definition when the role is already scoped; without secrets
    /// the hint has nothing to list:
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html
    /// - DG23: task_execution_IAM_role.md (the permissions for secrets, parameters and environment files)
    pub struct RoleLeastPrivilege {
        code: "TD-SEC-023",
        name: "role-least-privilege",
        severity: Info,
        scope: Task,
        summary: "what the task execution role must be allowed to read, and nothing more",
    }
}

/// The resources the execution role reads for this task: (IAM action, resources).
fn resources<'a>(cx: &'a Context<'a>) -> Vec<(&'static str, Vec<&'a str>)> {
    let mut secrets = Vec::new();
    let mut parameters = Vec::new();
    let mut files = Vec::new();
    let mut add_secret = |value: &'a str| {
        let list = if value.starts_with("arn:") && value.contains(":secretsmanager:") {
            &mut secrets
        } else {
            &mut parameters
        };
        if !list.contains(&value) {
            list.push(value);
        }
    };
    for (_, c) in cx.containers() {
        let own = c.get("secrets").map(Node::items).unwrap_or_default();
        let log = c
            .at_path(["logConfiguration", "secretOptions"])
            .map(Node::items)
            .unwrap_or_default();
        for s in own.iter().chain(log) {
            if let Some(v) = s.get("valueFrom").and_then(Node::as_str) {
                add_secret(v);
            }
        }
        if let Some(v) = c
            .at_path(["repositoryCredentials", "credentialsParameter"])
            .and_then(Node::as_str)
        {
            add_secret(v);
        }
        for f in c
            .get("environmentFiles")
            .map(Node::items)
            .unwrap_or_default()
        {
            if let Some(v) = f.get("value").and_then(Node::as_str) {
                if !files.contains(&v) {
                    files.push(v);
                }
            }
        }
    }
    [
        ("secretsmanager:GetSecretValue", secrets),
        ("ssm:GetParameters", parameters),
        ("s3:GetObject", files),
    ]
    .into_iter()
    .filter(|(_, r)| !r.iter().all(|v| v.is_empty()))
    .collect()
}

impl Rule for RoleLeastPrivilege {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(role) = cx
            .task()
            .and_then(|t| t.get("executionRoleArn"))
            .filter(|r| r.is_set())
        else {
            return;
        };
        let needs = resources(cx);
        if needs.is_empty() {
            return;
        }
        let count: usize = needs.iter().map(|(_, r)| r.len()).sum();
        let grants: Vec<String> = needs
            .iter()
            .map(|(action, list)| {
                let shown: Vec<&str> = list.iter().take(3).copied().collect();
                let more = if list.len() > 3 { ", …" } else { "" };
                format!("{action} on {}{more}", shown.join(", "))
            })
            .collect();
        let (things, which) = if count == 1 {
            ("resource", "that one")
        } else {
            ("resources", "those")
        };
        out.push(
            Finding::at(
                role,
                format!("the task execution role reads {count} {things} for this task; allow it {which} and nothing more"),
            )
            .help(format!(
                "besides AmazonECSTaskExecutionRolePolicy, grant {} (plus kms:Decrypt for a customer-managed key), not wildcards",
                grants.join("; ")
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RoleLeastPrivilege as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(role: &str, container: &str) -> String {
        format!(
            r#"{{"family": "a", {role}"containerDefinitions": [{{"name": "app", "image": "b", {container}}}]}}"#
        )
    }

    const ROLE: &str = r#""executionRoleArn": "arn:aws:iam::123456789012:role/exec", "#;

    #[test]
    fn the_resources_the_role_reads_are_listed() {
        let text = task(
            ROLE,
            r#""secrets": [{"name": "A", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:a"}, {"name": "B", "valueFrom": "/prod/b"}], "environmentFiles": [{"value": "arn:aws:s3:::cfg/a.env", "type": "s3"}]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/executionRoleArn");
        assert_eq!(
            spanned(&text, &d[0]),
            r#""arn:aws:iam::123456789012:role/exec""#
        );
        assert_eq!(
            d[0].message,
            "the task execution role reads 3 resources for this task; allow it those and nothing more"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("besides AmazonECSTaskExecutionRolePolicy, grant secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:a; ssm:GetParameters on /prod/b; s3:GetObject on arn:aws:s3:::cfg/a.env (plus kms:Decrypt for a customer-managed key), not wildcards")
        );
        let d = assert_fails(
            &Rule::META,
            &task(
                ROLE,
                r#""repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:r"}"#,
            ),
        );
        assert!(d[0].message.contains("reads 1 resource for"));
    }

    #[test]
    fn nothing_to_read_or_no_role_passes() {
        assert_passes(&Rule::META, &task(ROLE, r#""memory": 64"#));
        // Without a role TD-IAM-003 reports the secrets.
        assert_passes(
            &Rule::META,
            &task("", r#""secrets": [{"name": "A", "valueFrom": "/a"}]"#),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "secrets": [{"name": "A", "valueFrom": "/a"}]}]"#,
        );
    }
}
