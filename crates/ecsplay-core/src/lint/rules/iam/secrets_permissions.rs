use super::missing_role;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Explains, once per task, which permissions the task execution role needs for the
    /// secrets its containers read at start (`secrets[*].valueFrom` and
    /// `logConfiguration.secretOptions[*].valueFrom`): `secretsmanager:GetSecretValue` for
    /// Secrets Manager secrets, `ssm:GetParameters` for Systems Manager parameters, each on
    /// those resources only. The finding is on the first reference, with a label on each
    /// other one. A task without an execution role is TD-IAM-003's error.
    ///
    /// ## Why is this bad?
    /// The agent fetches the secrets with the execution role before the containers start. The
    /// managed policy `AmazonECSTaskExecutionRolePolicy` covers image pulls and logs only; it
    /// grants neither action, so a role with just that policy makes the task stop with
    /// `ResourceInitializationError: unable to pull secrets or registry auth`. A secret or
    /// SecureString parameter encrypted with a customer managed KMS key also needs
    /// `kms:Decrypt` on that key. Granting the actions on `*` works but lets every task using
    /// the role read every secret of the account: least privilege is to list the ARNs.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine",
    ///      "secrets": [
    ///        {"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"},
    ///        {"name": "API_KEY", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/api-key"}
    ///      ]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine"}
    ///   ]
    /// }
    /// ```
    ///
    /// (A task that needs secrets keeps them; give the execution role a policy allowing
    /// `secretsmanager:GetSecretValue` on the secret's ARN and `ssm:GetParameters` on the
    /// parameter's ARN. The hint has nothing else to say.)
    ///
    /// ## References
    /// - DG23:specifying-sensitive-data-secrets.md (required IAM permissions: secretsmanager:GetSecretValue, ssm:GetParameters, kms:Decrypt for a customer managed key)
    /// - DG23:task_execution_IAM_role.md (AmazonECSTaskExecutionRolePolicy grants ECR and CloudWatch Logs actions only)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html (least-privilege roles)
    pub struct SecretsPermissions {
        code: "TD-IAM-014",
        name: "secrets-execution-role-permissions",
        severity: Info,
        scope: Containers,
        summary: "The secrets a task reads need secretsmanager or ssm permissions on its execution role",
    }
}

/// The service a `valueFrom` reads from, as the action the execution role needs: an ARN names
/// it; anything else not an ARN is a Systems Manager parameter name. `None` for ARNs of other
/// services (TD-ENV-010 and TD-LOG-025 judge the value).
fn action(value: &str) -> Option<&'static str> {
    match value.strip_prefix("arn:") {
        None => Some("ssm:GetParameters"),
        Some(rest) => match rest.split(':').nth(1) {
            Some("secretsmanager") => Some("secretsmanager:GetSecretValue"),
            Some("ssm") => Some("ssm:GetParameters"),
            _ => None,
        },
    }
}

impl Rule for SecretsPermissions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // TD-IAM-003: there is no role to grant anything to yet.
        if cx
            .task()
            .is_some_and(|t| missing_role(t, "executionRoleArn").is_some())
        {
            return;
        }
        let mut refs: Vec<(String, &Node, &'static str)> = Vec::new();
        for (i, container) in cx.containers() {
            let lists = [
                container.get("secrets"),
                container.at_path(["logConfiguration", "secretOptions"]),
            ];
            for entry in lists.into_iter().flatten().flat_map(Node::items) {
                let Some(node) = entry.get("valueFrom") else {
                    continue;
                };
                let Some(needs) = node.as_str().filter(|v| !v.is_empty()).and_then(action) else {
                    continue;
                };
                refs.push((container_label(container, i), node, needs));
            }
        }
        let Some(((_, first, _), others)) = refs.split_first() else {
            return;
        };
        let count = |needs: &str| refs.iter().filter(|(_, _, n)| *n == needs).count();
        let (secrets, parameters) = (
            count("secretsmanager:GetSecretValue"),
            count("ssm:GetParameters"),
        );
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("1 {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let grants: Vec<String> = [
            (secrets > 0).then(|| {
                format!(
                    "secretsmanager:GetSecretValue on {}",
                    plural(secrets, "secret")
                )
            }),
            (parameters > 0)
                .then(|| format!("ssm:GetParameters on {}", plural(parameters, "parameter"))),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut finding = Finding::at(
            first,
            format!(
                "the agent reads these secrets before the containers start: the task execution role must allow {}, which AmazonECSTaskExecutionRolePolicy does not grant",
                grants.join(" and ")
            ),
        )
        .help("give the execution role a policy that allows these actions on exactly the referenced ARNs, plus kms:Decrypt on a customer managed KMS key that encrypts them");
        for (label, node, needs) in others {
            finding = finding.label(node, format!("container {label}: {needs}"));
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::SecretsPermissions as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const SM: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
    const SSM: &str = "arn:aws:ssm:us-east-1:123456789012:parameter/api-key";

    fn task(head: &str, secrets: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "app", "image": "i", "memory": 64, "secrets": [{secrets}]}}]}}"#
        )
    }

    const ROLE: &str = r#""executionRoleArn": "arn:aws:iam::123456789012:role/exec", "#;

    #[test]
    fn secrets_are_explained_once_per_task() {
        let secrets = format!(
            r#"{{"name": "A", "valueFrom": "{SM}"}}, {{"name": "B", "valueFrom": "{SSM}"}}, {{"name": "C", "valueFrom": "/prod/c"}}"#
        );
        let text = task(ROLE, &secrets);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/secrets/0/valueFrom");
        assert_eq!(spanned(&text, &d[0]), format!("\"{SM}\""));
        assert_eq!(d[0].message, "the agent reads these secrets before the containers start: the task execution role must allow secretsmanager:GetSecretValue on 1 secret and ssm:GetParameters on 2 parameters, which AmazonECSTaskExecutionRolePolicy does not grant");
        assert_eq!(d[0].labels.len(), 2);
        // Log secret options count too; a Terraform array has no task level.
        let d = assert_fails(
            &Rule::META,
            &format!(
                r#"[{{"name": "a", "image": "i", "logConfiguration": {{"logDriver": "splunk", "secretOptions": [{{"name": "splunk-token", "valueFrom": "{SM}"}}]}}}}]"#
            ),
        );
        assert!(d[0]
            .message
            .contains("secretsmanager:GetSecretValue on 1 secret,"));
    }

    #[test]
    fn no_role_no_secrets_and_unreadable_values_pass() {
        // TD-IAM-003 reports the missing role.
        assert_passes(
            &Rule::META,
            &task("", &format!(r#"{{"name": "A", "valueFrom": "{SM}"}}"#)),
        );
        assert_passes(&Rule::META, &task(ROLE, ""));
        assert_passes(
            &Rule::META,
            &task(
                ROLE,
                r#"{"name": "A", "valueFrom": "arn:aws:s3:::bucket/key"}"#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ExecutionRoleArn: !GetAtt Role.Arn\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Secrets: [{Name: A, ValueFrom: !Ref Secret}]\n");
    }
}
