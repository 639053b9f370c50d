use super::invalid_role_reference;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `taskRoleArn` that is neither an IAM role ARN
    /// (`arn:aws:iam::<12-digit account id>:role/[<path>/]<name>`) nor a role name
    /// (1 to 64 of `A-Z a-z 0-9 + = , . @ _ -`, optionally after a path such as `service-role/`).
    /// Typical hits are placeholders left in a template (`arn:aws:iam::XXXXXXXXXXXX:role/...`,
    /// `{{task-role-arn}}`) and ARNs of something other than a role.
    ///
    /// ## Why is this bad?
    /// ECS checks the role when the definition is registered and refuses a reference it cannot
    /// resolve with `Role is not valid`. A CloudFormation value only known at deploy time
    /// (`!GetAtt TaskRole.Arn`, `!Ref TaskRole`, which yields the role name) is not judged.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "taskRoleArn": "{{task-role-arn}}",
    ///   "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/web-task",
    ///   "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.taskRoleArn (botocore 1.44.5 ECS model: short name or full ARN)
    /// - CFN-SCHEMA: TaskRoleArn (cfn-lint 1.58.0 resource schema: format AWS::IAM::Role.Arn, propertyTransform accepting names)
    /// - CFN-RULE:E1156 (cfn-lint 1.58.0 formats/IamRoleArn.py)
    /// - ERR: https://github.com/fabfuel/ecs-deploy/issues/231
    pub struct InvalidTaskRoleArn {
        code: "TD-IAM-008",
        name: "invalid-task-role-arn",
        severity: Error,
        scope: Task,
        summary: "taskRoleArn is not an IAM role ARN or role name",
    }
}

impl Rule for InvalidTaskRoleArn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        out.extend(invalid_role_reference(task, "taskRoleArn"));
    }
}

#[cfg(test)]
mod tests {
    use super::InvalidTaskRoleArn as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(role: &str) -> String {
        format!(
            r#"{{"family": "a", "taskRoleArn": "{role}", "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn placeholders_and_other_arns_fail() {
        let text = task("{{task-role-arn}}");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/taskRoleArn");
        assert_eq!(spanned(&text, &d[0]), r#""{{task-role-arn}}""#);
        assert_eq!(
            d[0].message,
            "taskRoleArn \"{{task-role-arn}}\" is neither an IAM role ARN nor a role name"
        );
        for bad in [
            "arn:aws:iam::xxxxxxxxxx:role/ecs_task_iam_role",
            "arn:aws:iam::123456789012:policy/p",
            "my role",
            "arn:aws:iam::123456789012:role/",
        ] {
            assert_fails(&Rule::META, &task(bad));
        }
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      TaskRoleArn: arn:aws:iam::123:role/x\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
        assert_eq!(d[0].pointer, "/Resources/T/Properties/TaskRoleArn");
    }

    #[test]
    fn arns_names_paths_and_intrinsics_pass() {
        for ok in [
            "arn:aws:iam::123456789012:role/web-task",
            "arn:aws-cn:iam::123456789012:role/team/web-task",
            "web-task",
            "service-role/web-task",
            "",
        ] {
            assert_passes(&Rule::META, &task(ok));
        }
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      TaskRoleArn: !Ref TaskRole\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
