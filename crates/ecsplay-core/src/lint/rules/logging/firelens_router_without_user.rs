use super::{log_configs, some_driver_unknown};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a `firelensConfiguration` (a FireLens log router) in a task definition where no
    /// container logs with the `awsfirelens` driver.
    ///
    /// ## Why is this bad?
    /// A router only receives the logs of containers whose `logDriver` is `awsfirelens`; one
    /// that nobody sends to is dead weight, and usually means the application container was
    /// left on another driver by mistake. RegisterTaskDefinition refuses the definition: `When
    /// a firelensConfiguration object is specified, at least one container has to be configured
    /// with the awsfirelens log driver.`
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
    ///       "firelensConfiguration": {"type": "fluentbit"}
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "json-file"}
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
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - ERR: https://github.com/aws/amazon-cloudwatch-logs-for-fluent-bit/issues/20
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html
    pub struct FirelensRouterWithoutUser {
        code: "TD-LOG-019",
        name: "firelens-router-without-user",
        severity: Error,
        scope: Containers,
        summary: "firelensConfiguration but no container logs with awsfirelens",
    }
}

impl Rule for FirelensRouterWithoutUser {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if some_driver_unknown(cx) || log_configs(cx).any(|l| l.driver == "awsfirelens") {
            return;
        }
        for (i, c, firelens) in cx.container_members("firelensConfiguration") {
            if !firelens.is_object() {
                continue;
            }
            out.push(
                Finding::at(
                    firelens,
                    format!("When a firelensConfiguration object is specified, at least one container has to be configured with the awsfirelens log driver (container {} is a log router; no container logs with awsfirelens)", container_label(c, i)),
                )
                .help("set \"logDriver\": \"awsfirelens\" on the containers whose logs the router should forward, or remove firelensConfiguration"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FirelensRouterWithoutUser as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    const ROUTER: &str = r#"{"name": "r", "image": "fb", "firelensConfiguration": {"type": "fluentbit"}, "logConfiguration": {"logDriver": "awslogs"}}"#;

    #[test]
    fn a_router_nobody_uses_fails_at_its_configuration() {
        let text = format!(
            r#"{{"family": "a", "containerDefinitions": [{ROUTER}, {{"name": "app", "image": "b"}}]}}"#
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/firelensConfiguration"
        );
        assert!(d[0]
            .message
            .ends_with("(container 'r' is a log router; no container logs with awsfirelens)"));
        assert_fails(&Rule::META, &format!("[{ROUTER}]"));
    }

    #[test]
    fn a_user_no_router_or_a_deploy_time_driver_pass() {
        let app =
            r#"{"name": "app", "image": "b", "logConfiguration": {"logDriver": "awsfirelens"}}"#;
        assert_passes(&Rule::META, &format!("[{ROUTER}, {app}]"));
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs"}}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: r\n          Image: fb\n          FirelensConfiguration: {Type: fluentbit}\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: !Ref Driver}\n");
    }
}
