use super::{is_firelens_router, log_configs};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container that logs with the `awsfirelens` driver in a task definition where
    /// no container has a `firelensConfiguration` (the FireLens log router).
    ///
    /// ## Why is this bad?
    /// `awsfirelens` hands the container's output to a Fluent Bit or Fluentd router running in
    /// the same task; the router is the container with `firelensConfiguration`. Without one
    /// there is nothing to send the logs to, and RegisterTaskDefinition refuses the definition:
    /// `When awsfirelens log driver is specified in log configuration, a firelens configuration
    /// object must be configured in one of the containers.`
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "/ecs/web", "log_stream_prefix": "app/"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "essential": true,
    ///       "memory": 128,
    ///       "firelensConfiguration": {"type": "fluentbit"}
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "/ecs/web", "log_stream_prefix": "app/"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - ERR: https://github.com/fabfuel/ecs-deploy/issues/164
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html
    pub struct AwsfirelensWithoutRouter {
        code: "TD-LOG-018",
        name: "awsfirelens-without-router",
        severity: Error,
        scope: Containers,
        summary: "awsfirelens log driver but no container with firelensConfiguration",
    }
}

impl Rule for AwsfirelensWithoutRouter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.containers().any(|(_, c)| is_firelens_router(c)) {
            return;
        }
        for log in log_configs(cx).filter(|l| l.driver == "awsfirelens") {
            out.push(
                Finding::at(
                    log.driver_node,
                    format!("When awsfirelens log driver is specified in log configuration, a firelens configuration object must be configured in one of the containers (container {} logs with awsfirelens; no container has a firelensConfiguration)", log.label),
                )
                .help("add a log router container, for example {\"name\": \"log_router\", \"image\": \"public.ecr.aws/aws-observability/aws-for-fluent-bit:stable\", \"essential\": true, \"firelensConfiguration\": {\"type\": \"fluentbit\"}}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AwsfirelensWithoutRouter as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const APP: &str =
        r#"{"name": "app", "image": "b", "logConfiguration": {"logDriver": "awsfirelens"}}"#;

    #[test]
    fn awsfirelens_without_router_fails_at_the_driver() {
        let text = format!(r#"{{"family": "a", "containerDefinitions": [{APP}]}}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/logDriver"
        );
        assert_eq!(spanned(&text, &d[0]), r#""awsfirelens""#);
        assert!(d[0].message.ends_with(
            "(container 'app' logs with awsfirelens; no container has a firelensConfiguration)"
        ));
        assert_fails(&Rule::META, &format!("[{APP}]"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awsfirelens}\n");
    }

    #[test]
    fn a_router_or_other_drivers_pass() {
        let router =
            r#"{"name": "r", "image": "fb", "firelensConfiguration": {"type": "fluentbit"}}"#;
        assert_passes(
            &Rule::META,
            &format!(r#"{{"family": "a", "containerDefinitions": [{router}, {APP}]}}"#),
        );
        assert_passes(&Rule::META, &format!("[{APP}, {router}]"));
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs"}}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: r\n          Image: fb\n          FirelensConfiguration: !If [UseFb, {Type: fluentbit}, !Ref AWS::NoValue]\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awsfirelens}\n");
    }
}
