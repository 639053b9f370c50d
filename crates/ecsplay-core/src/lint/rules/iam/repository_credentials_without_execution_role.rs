use super::{containers_with, report_missing_role};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition in which a container has `repositoryCredentials` (private
    /// registry authentication) while the task names no `executionRoleArn`. Any launch type.
    ///
    /// ## Why is this bad?
    /// The registry user name and password live in a Secrets Manager secret, which the ECS agent
    /// reads with the task execution role before it pulls the image. RegisterTaskDefinition
    /// refuses the definition: `Private repository authentication requires that the task
    /// definition specify a value for executionRoleArn.`
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "worker",
    ///       "image": "registry.example.com/team/worker:2.1",
    ///       "memory": 256,
    ///       "repositoryCredentials": {
    ///         "credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-creds-AbCdEf"
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "worker",
    ///       "image": "registry.example.com/team/worker:2.1",
    ///       "memory": 256,
    ///       "repositoryCredentials": {
    ///         "credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-creds-AbCdEf"
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
    /// - ERR: https://github.com/sil-org/ecs-deploy/issues/188
    pub struct RepositoryCredentialsWithoutExecutionRole {
        code: "TD-IAM-004",
        name: "repository-credentials-without-execution-role",
        severity: Error,
        scope: Task,
        summary: "private registry authentication (repositoryCredentials) without an execution role",
    }
}

impl Rule for RepositoryCredentialsWithoutExecutionRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let causes = containers_with(cx, "repositoryCredentials", "has repositoryCredentials");
        report_missing_role(
            cx,
            out,
            "executionRoleArn",
            &causes,
            "Private repository authentication requires that the task definition specify a value for executionRoleArn".to_owned(),
            "a role allowed secretsmanager:GetSecretValue on the credentials secret",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RepositoryCredentialsWithoutExecutionRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    const CREDS: &str = r#""repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:c"}"#;

    #[test]
    fn credentials_without_role_fail() {
        let text = format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "a", "image": "b"}}, {{"name": "w", "image": "r.example.com/w", {CREDS}}}]}}"#
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].message,
            "Private repository authentication requires that the task definition specify a value for executionRoleArn"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/1/repositoryCredentials"
        );
        assert_eq!(
            d[0].labels[0].message,
            "container 'w' has repositoryCredentials"
        );
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      ContainerDefinitions:\n        - Name: app\n          Image: r.example.com/app\n          RepositoryCredentials:\n            CredentialsParameter: !Ref Creds\n");
        assert_eq!(d[0].pointer, "/Resources/T/Properties");
    }

    #[test]
    fn role_given_or_no_credentials_pass() {
        assert_passes(
            &Rule::META,
            &format!(
                r#"{{"family": "a", "executionRoleArn": "arn:aws:iam::123456789012:role/e", "containerDefinitions": [{{"name": "w", "image": "r.example.com/w", {CREDS}}}]}}"#
            ),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "w", "image": "w", "repositoryCredentials": {}}]}"#,
        );
        assert_passes(
            &Rule::META,
            &format!(r#"[{{"name": "w", "image": "r.example.com/w", {CREDS}}}]"#),
        );
    }
}
