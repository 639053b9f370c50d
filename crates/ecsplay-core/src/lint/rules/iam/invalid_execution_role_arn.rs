use super::invalid_role_reference;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an `executionRoleArn` that is neither an IAM role ARN
    /// (`arn:aws:iam::<12-digit account id>:role/[<path>/]<name>`) nor a plain role name. Typical
    /// hits are placeholders left in a template (`arn:aws:iam::XXXXXXXXXXXX:role/...`,
    /// `{{execution-role-arn}}`, `<account-id>`), the ARN of a user or instance profile, and an
    /// ARN with a Region in it.
    ///
    /// ## Why is this bad?
    /// ECS checks the role when the definition is registered and refuses a reference it cannot
    /// resolve with `Role is not valid`; CloudFormation fails the stack the same way, minutes into
    /// the deployment. A CloudFormation value only known at deploy time (`!GetAtt Role.Arn`,
    /// `!Ref RoleArnParameter`) is not judged.
    ///
    /// The catalogue row asks for a full ARN. ECS also accepts a bare role name here and completes
    /// it to an ARN in the caller's account (an ECS maintainer says so in
    /// aws-actions/amazon-ecs-render-task-definition#19, and copilot-cli deployed role names in
    /// this property until it switched to ARNs only to avoid stack drift, copilot-cli#2887), so a
    /// valid role name is accepted here; cfn-lint's E3511 is stricter and flags it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::XXXXXXXXXXXX:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-RULE:E3511 (cfn-lint 1.58.0 iam/RoleArnPattern.py)
    /// - CFN-RULE:E1156 (cfn-lint 1.58.0 formats/IamRoleArn.py)
    /// - BOTO:RegisterTaskDefinitionRequest.executionRoleArn (botocore 1.44.5 ECS model)
    /// - ERR: https://github.com/aws-samples/aws-modern-application-workshop/issues/9
    /// - ERR: https://github.com/aws-actions/amazon-ecs-render-task-definition/issues/19 (role names accepted)
    pub struct InvalidExecutionRoleArn {
        code: "TD-IAM-007",
        name: "invalid-execution-role-arn",
        severity: Error,
        scope: Task,
        summary: "executionRoleArn is not an IAM role ARN or role name",
    }
}

impl Rule for InvalidExecutionRoleArn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        out.extend(invalid_role_reference(task, "executionRoleArn"));
    }
}

#[cfg(test)]
mod tests {
    use super::InvalidExecutionRoleArn as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(role: &str) -> String {
        format!(
            r#"{{"family": "a", "executionRoleArn": "{role}", "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn placeholders_and_wrong_arns_fail() {
        let text = task("arn:aws:iam::XXXXXXXXXXXX:role/ecs_task_execution_role");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/executionRoleArn");
        assert_eq!(
            spanned(&text, &d[0]),
            r#""arn:aws:iam::XXXXXXXXXXXX:role/ecs_task_execution_role""#
        );
        assert_eq!(
            d[0].message,
            "executionRoleArn \"arn:aws:iam::XXXXXXXXXXXX:role/ecs_task_execution_role\" has the account id \"XXXXXXXXXXXX\", which is not a 12-digit AWS account id (a placeholder left in?)"
        );
        for bad in [
            "{{execution-role-arn}}",
            "arn:aws:iam::<account-id>:role/exec",
            "arn:aws:iam::123456789012:user/deploy",
            "arn:aws:iam:us-east-1:123456789012:role/exec",
            "arn:aws:ecs:us-east-1:123456789012:role/exec",
        ] {
            assert_fails(&Rule::META, &task(bad));
        }
        // A literal that CloudFormation does not substitute (no Fn::Sub) is a literal.
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ExecutionRoleArn: arn:aws:iam::${AWS::AccountId}:role/exec\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
    }

    #[test]
    fn arns_names_intrinsics_and_empty_values_pass() {
        for ok in [
            "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "arn:aws-us-gov:iam::123456789012:role/service-role/exec",
            "ecsTaskExecutionRole",
            "",
        ] {
            assert_passes(&Rule::META, &task(ok));
        }
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ExecutionRoleArn: !GetAtt Role.Arn\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ExecutionRoleArn: !Sub 'arn:aws:iam::${AWS::AccountId}:role/exec'\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
    }
}
