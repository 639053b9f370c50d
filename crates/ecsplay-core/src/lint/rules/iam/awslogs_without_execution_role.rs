use super::{awslogs_drivers, report_missing_role, role_required_platform};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition for Fargate, ECS Anywhere (`EXTERNAL`) or Managed Instances in
    /// which a container logs with the `awslogs` driver while the task names no
    /// `executionRoleArn`.
    ///
    /// ## Why is this bad?
    /// The `awslogs` driver sends the container's output to CloudWatch Logs with the
    /// credentials of the task execution role (`logs:CreateLogStream`, `logs:PutLogEvents`); on
    /// these launch types it does not fall back on an instance role. RegisterTaskDefinition
    /// refuses the definition: `Fargate requires task definition to have execution role ARN to
    /// support log driver awslogs.`
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "logConfiguration": {
    ///         "logDriver": "awslogs",
    ///         "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "logConfiguration": {
    ///         "logDriver": "awslogs",
    ///         "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
    /// - ERR: https://github.com/virtual-kubelet/virtual-kubelet/issues/193
    pub struct AwslogsWithoutExecutionRole {
        code: "TD-IAM-002",
        name: "awslogs-without-execution-role",
        severity: Error,
        scope: Task,
        summary: "Fargate, EXTERNAL or Managed Instances task logs with awslogs without an execution role",
    }
}

impl Rule for AwslogsWithoutExecutionRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(platform) = role_required_platform(&cx.facts) else {
            return;
        };
        let causes = awslogs_drivers(cx);
        let message = format!(
            "{platform} requires task definition to have execution role ARN to support log driver awslogs: there is no executionRoleArn"
        );
        report_missing_role(
            cx,
            out,
            "executionRoleArn",
            &causes,
            message,
            "a role allowed logs:CreateLogStream and logs:PutLogEvents (the AmazonECSTaskExecutionRolePolicy managed policy)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::AwslogsWithoutExecutionRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(compat: &str, extra: &str, driver: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": [{compat}]{extra}, "containerDefinitions": [{{"name": "a", "image": "nginx", "logConfiguration": {{"logDriver": "{driver}", "options": {{}}}}}}, {{"name": "b", "image": "nginx", "logConfiguration": {{"logDriver": "{driver}"}}}}]}}"#
        )
    }

    #[test]
    fn awslogs_without_role_fails_once_with_a_label_per_container() {
        let d = assert_fails(&Rule::META, &task(r#""FARGATE""#, "", "awslogs"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "");
        assert!(d[0]
            .message
            .starts_with("Fargate requires task definition to have execution role ARN to support log driver awslogs"));
        let labels: Vec<&str> = d[0].labels.iter().map(|l| l.pointer.as_str()).collect();
        assert_eq!(
            labels,
            [
                "/containerDefinitions/0/logConfiguration/logDriver",
                "/containerDefinitions/1/logConfiguration/logDriver"
            ]
        );
        assert_fails(&Rule::META, &task(r#""MANAGED_INSTANCES""#, "", "awslogs"));
        let d = assert_fails(
            &Rule::META,
            &task(r#""EXTERNAL""#, r#", "executionRoleArn": null"#, "awslogs"),
        );
        assert_eq!(d[0].pointer, "/executionRoleArn");
    }

    #[test]
    fn cloudformation_string_role_passes_and_missing_role_fails() {
        let base = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          LogConfiguration:\n            LogDriver: awslogs\n";
        assert_fails(&Rule::META, base);
        assert_passes(
            &Rule::META,
            &format!("{base}      ExecutionRoleArn: !Ref ExecRoleArn\n"),
        );
    }

    #[test]
    fn other_drivers_ec2_and_given_roles_pass() {
        assert_passes(&Rule::META, &task(r#""FARGATE""#, "", "splunk"));
        assert_passes(&Rule::META, &task(r#""EC2""#, "", "awslogs"));
        assert_passes(&Rule::META, &task("", "", "awslogs"));
        assert_passes(
            &Rule::META,
            &task(r#""FARGATE""#, r#", "executionRoleArn": "exec""#, "awslogs"),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs"}}]"#,
        );
    }
}
