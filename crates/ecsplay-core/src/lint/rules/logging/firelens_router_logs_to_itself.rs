use super::{is_firelens_router, log_configs};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a FireLens log router (a container with `firelensConfiguration`) whose own
    /// `logDriver` is `awsfirelens`.
    ///
    /// ## Why is this bad?
    /// The router would send its own output to itself: its startup errors and delivery
    /// failures, exactly the lines you need when logs stop arriving, go through the component
    /// that is failing, and a router that cannot start has nowhere to say why. AWS's examples
    /// give the router its own `awslogs` configuration.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "essential": true,
    ///       "memory": 128,
    ///       "firelensConfiguration": {"type": "fluentbit"},
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
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
    ///       "firelensConfiguration": {"type": "fluentbit"},
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/firelens", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "router"}}
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:firelens-taskdef.md (archived ECS developer guide: the router logs with awslogs in the examples)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html
    pub struct FirelensRouterLogsToItself {
        code: "TD-LOG-023",
        name: "firelens-router-logs-to-itself",
        severity: Warning,
        scope: Containers,
        summary: "FireLens log router logs with awsfirelens, to itself",
    }
}

impl Rule for FirelensRouterLogsToItself {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in
            log_configs(cx).filter(|l| l.driver == "awsfirelens" && is_firelens_router(l.container))
        {
            out.push(
                Finding::at(log.driver_node, format!("FireLens log router {} sends its own logs to itself with awsfirelens", log.label))
                    .help("log the router with awslogs, for example {\"logDriver\": \"awslogs\", \"options\": {\"awslogs-group\": \"/ecs/firelens\", \"awslogs-region\": \"<region>\", \"awslogs-stream-prefix\": \"router\"}}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FirelensRouterLogsToItself as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn a_router_on_awsfirelens_warns_at_the_driver() {
        let text = r#"[{"name": "r", "image": "fb", "firelensConfiguration": {"type": "fluentbit"}, "logConfiguration": {"logDriver": "awsfirelens"}}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/0/logConfiguration/logDriver");
        assert_eq!(spanned(text, &d[0]), r#""awsfirelens""#);
        assert_eq!(
            d[0].message,
            "FireLens log router 'r' sends its own logs to itself with awsfirelens"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: r\n          Image: fb\n          FirelensConfiguration: {Type: fluentd}\n          LogConfiguration: {LogDriver: awsfirelens}\n");
    }

    #[test]
    fn a_router_on_another_driver_and_applications_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "r", "image": "fb", "firelensConfiguration": {"type": "fluentbit"}, "logConfiguration": {"logDriver": "awslogs"}}, {"name": "a", "image": "b", "logConfiguration": {"logDriver": "awsfirelens"}}]"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "r", "image": "fb", "firelensConfiguration": {"type": "fluentbit"}}]"#,
        );
    }
}
