use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition whose `executionRoleArn` and `taskRoleArn` name the same IAM
    /// role. A role name is compared with the `role/...` part of an ARN, so
    /// `"ecsTaskExecutionRole"` and `"arn:aws:iam::123456789012:role/ecsTaskExecutionRole"`
    /// are the same role. The security hint TD-SEC-018 names the same condition and is reported
    /// under this code.
    ///
    /// ## Why is this bad?
    /// The two roles serve different principals. The execution role is used by the ECS agent
    /// (image pulls, log delivery, reading secrets); the task role is what your application's
    /// code gets. Sharing one role hands the application every permission the agent needs,
    /// including read access to all the task's secrets, and makes neither role least-privilege.
    /// AWS recommends separate roles.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/web-task",
    ///   "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]
    /// }
    /// ```
    ///
    /// ## References
    /// - CKV:ECSTaskDefinitionRoleCheck.py (checkov 3.3.30, CKV_AWS_249)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html
    pub struct SharedTaskAndExecutionRole {
        code: "TD-IAM-009",
        name: "shared-task-and-execution-role",
        severity: Warning,
        scope: Task,
        summary: "executionRoleArn and taskRoleArn are the same role",
        aliases: ["TD-SEC-018"],
    }
}

/// The `[path/]name` of a role reference: the part after `:role/` of an ARN, or the name itself.
fn role_tail(reference: &str) -> &str {
    if reference.starts_with("arn:") {
        reference
            .split_once(":role/")
            .map_or(reference, |(_, tail)| tail)
    } else {
        reference
    }
}

impl Rule for SharedTaskAndExecutionRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        let (Some(exec), Some(role)) = (task.get("executionRoleArn"), task.get("taskRoleArn"))
        else {
            return;
        };
        let (Some(e), Some(t)) = (exec.as_str(), role.as_str()) else {
            return;
        };
        if e.is_empty() || t.is_empty() {
            return;
        }
        let same = if e.starts_with("arn:") && t.starts_with("arn:") {
            e == t
        } else {
            role_tail(e) == role_tail(t)
        };
        if !same {
            return;
        }
        // A pair in conflict: report the one written second, label the first (rules.md §0.5).
        let ((first, first_key), (second, second_key)) = if exec.span <= role.span {
            ((exec, "executionRoleArn"), (role, "taskRoleArn"))
        } else {
            ((role, "taskRoleArn"), (exec, "executionRoleArn"))
        };
        out.push(
            Finding::at(
                second,
                format!("{second_key} names the same role as {first_key} (\"{}\")", role_tail(e)),
            )
            .label(first, format!("{first_key} is the same role"))
            .help("give the task its own role with only the permissions the application needs; keep the execution role for the ECS agent"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::SharedTaskAndExecutionRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(exec: &str, role: &str) -> String {
        format!(
            r#"{{"family": "a", "executionRoleArn": "{exec}", "taskRoleArn": "{role}", "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn the_same_role_warns_on_the_second_with_a_label_on_the_first() {
        let arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
        let text = task(arn, arn);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/taskRoleArn");
        assert_eq!(
            d[0].message,
            "taskRoleArn names the same role as executionRoleArn (\"ecsTaskExecutionRole\")"
        );
        assert_eq!(d[0].labels[0].pointer, "/executionRoleArn");
        assert_eq!(spanned(&text, &d[0]), format!("\"{arn}\""));
        // A short name is the ARN's tail.
        assert_fails(&Rule::META, &task(arn, "ecsTaskExecutionRole"));
        assert_fails(&Rule::META, &task("ecsTaskExecutionRole", arn));
        let text = r#"{"taskRoleArn": "r", "executionRoleArn": "r", "family": "a", "containerDefinitions": []}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/executionRoleArn");
    }

    #[test]
    fn different_roles_missing_roles_and_intrinsics_pass() {
        assert_passes(
            &Rule::META,
            &task(
                "arn:aws:iam::123456789012:role/exec",
                "arn:aws:iam::123456789012:role/task",
            ),
        );
        // The same name in two accounts is two roles.
        assert_passes(
            &Rule::META,
            &task(
                "arn:aws:iam::123456789012:role/r",
                "arn:aws:iam::210987654321:role/r",
            ),
        );
        assert_passes(&Rule::META, &task("", ""));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "executionRoleArn": "r", "containerDefinitions": []}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ExecutionRoleArn: !GetAtt Role.Arn\n      TaskRoleArn: !GetAtt Role.Arn\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
    }
}
