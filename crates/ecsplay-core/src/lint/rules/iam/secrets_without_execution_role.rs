use super::{containers_with, report_missing_role};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a task definition in which a container has `secrets`, or a log configuration
    /// has `secretOptions`, while the task names no `executionRoleArn`. Any launch type.
    ///
    /// ## Why is this bad?
    /// The ECS agent fetches secrets from Secrets Manager or SSM Parameter Store with the task
    /// execution role before the container starts. RegisterTaskDefinition refuses the
    /// definition: `When you are specifying container secrets, you must also specify a value
    /// for 'executionRoleArn'.` Empty `secrets` lists (as `describe-task-definition` prints
    /// them) need no role.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "api",
    ///       "image": "public.ecr.aws/docker/library/python:3.12",
    ///       "memory": 512,
    ///       "secrets": [
    ///         {"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/api/db-password"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "api",
    ///       "image": "public.ecr.aws/docker/library/python:3.12",
    ///       "memory": 512,
    ///       "secrets": [
    ///         {"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/api/db-password"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
    /// - ERR: https://github.com/fabfuel/ecs-deploy/issues/87
    pub struct SecretsWithoutExecutionRole {
        code: "TD-IAM-003",
        name: "secrets-without-execution-role",
        severity: Error,
        scope: Task,
        summary: "container secrets or log secretOptions without an execution role",
    }
}

impl Rule for SecretsWithoutExecutionRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Only a list with entries needs the role; a deploy-time list is not judged.
        let mut causes = containers_with(cx, "secrets", "has secrets");
        for (i, c) in cx.containers() {
            if let Some(options) = c
                .at_path(["logConfiguration", "secretOptions"])
                .filter(|s| !s.items().is_empty())
            {
                let label = container_label(c, i);
                causes.push((format!("container {label} has log secretOptions"), options));
            }
        }
        causes.sort_by_key(|(_, n)| n.span);
        report_missing_role(
            cx,
            out,
            "executionRoleArn",
            &causes,
            "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'".to_owned(),
            "a role allowed to read the referenced secrets (secretsmanager:GetSecretValue, ssm:GetParameters)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::SecretsWithoutExecutionRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    const SECRET: &str = r#"[{"name": "X", "valueFrom": "/p"}]"#;

    #[test]
    fn secrets_or_secret_options_without_role_fail() {
        let text = format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "a", "image": "b", "secrets": {SECRET}}}]}}"#
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].message,
            "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'"
        );
        assert_eq!(d[0].labels[0].pointer, "/containerDefinitions/0/secrets");
        let text = format!(
            r#"{{"family": "a", "executionRoleArn": "", "containerDefinitions": [{{"name": "a", "image": "b", "logConfiguration": {{"logDriver": "splunk", "secretOptions": {SECRET}}}}}]}}"#
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/executionRoleArn");
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/logConfiguration/secretOptions"
        );
    }

    #[test]
    fn cloudformation_without_role_fails() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          Secrets:\n            - Name: X\n              ValueFrom: !Ref Param\n");
        assert_eq!(d[0].pointer, "/Resources/T/Properties");
    }

    #[test]
    fn empty_lists_roles_and_terraform_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "secrets": []}]}"#,
        );
        assert_passes(
            &Rule::META,
            &format!(
                r#"{{"family": "a", "executionRoleArn": "exec", "containerDefinitions": [{{"name": "a", "image": "b", "secrets": {SECRET}}}]}}"#
            ),
        );
        assert_passes(
            &Rule::META,
            &format!(r#"[{{"name": "a", "image": "b", "secrets": {SECRET}}}]"#),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          Secrets: !If [HasSecrets, [{Name: X, ValueFrom: p}], !Ref AWS::NoValue]\n");
    }
}
