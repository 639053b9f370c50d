use super::awslogs_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Explains an `awslogs` log configuration with `"mode": "blocking"`.
    ///
    /// ## Why is this bad?
    /// In the blocking mode, when the flow of logs to CloudWatch Logs is interrupted (a missing
    /// VPC endpoint or NAT route, throttling, an outage), "calls from container code to write
    /// to the stdout and stderr streams will block. The logging thread of the application will
    /// block as a result. This may cause the application to become unresponsive and lead to
    /// container healthcheck failure." The `non-blocking` mode keeps lines in an in-memory
    /// buffer (`max-buffer-size`) and drops them when it is full instead. Since 25 June 2025
    /// `non-blocking` is what ECS uses when `mode` is omitted (unless the account setting
    /// `defaultLogDriverMode` says otherwise).
    ///
    /// rules.md also asks to explain the default when `mode` is omitted; as that would fire on
    /// almost every `awslogs` configuration with nothing to change, this rule only speaks of an
    /// explicit `blocking`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web", "mode": "blocking"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web", "mode": "non-blocking", "max-buffer-size": "25m"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: mode blocking or non-blocking; the default changed to non-blocking on June 25, 2025; the defaultLogDriverMode account setting; max-buffer-size)
    /// - DG23:using_awslogs.md (awslogs options)
    pub struct AwslogsBlockingMode {
        code: "TD-LOG-014",
        name: "awslogs-blocking-mode",
        severity: Info,
        scope: Containers,
        summary: "awslogs in blocking mode stalls the application when CloudWatch Logs cannot keep up",
    }
}

impl Rule for AwslogsBlockingMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in awslogs_configs(cx) {
            let Some((node, "blocking")) = log.option_str("mode") else {
                continue;
            };
            out.push(
                Finding::at(
                    node,
                    format!("awslogs mode \"blocking\" of container {}: when CloudWatch Logs is slow or cannot be reached, the container's writes to stdout and stderr wait, and the application stalls", log.label),
                )
                .help("use \"non-blocking\" (the default since 25 June 2025) with a max-buffer-size such as \"25m\" when losing some lines is better than stalling; keep blocking only when no line may be lost"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AwslogsBlockingMode as Rule;
    use crate::lint::rules::logging::with_log_configuration;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str) -> String {
        with_log_configuration(&format!(
            r#"{{"logDriver": "awslogs", "options": {{"awslogs-group": "g", "awslogs-region": "us-east-1"{mode}}}}}"#
        ))
    }

    #[test]
    fn blocking_mode_is_explained() {
        let text = task(r#", "mode": "blocking""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/mode"
        );
        assert_eq!(spanned(&text, &d[0]), "\"blocking\"");
        assert!(d[0]
            .message
            .starts_with("awslogs mode \"blocking\" of container 'app'"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration:\n            LogDriver: awslogs\n            Options: {awslogs-group: g, mode: blocking}\n");
    }

    #[test]
    fn non_blocking_absent_and_other_drivers_pass() {
        assert_passes(&Rule::META, &task(""));
        assert_passes(&Rule::META, &task(r#", "mode": "non-blocking""#));
        assert_passes(
            &Rule::META,
            &with_log_configuration(r#"{"logDriver": "splunk", "options": {"mode": "blocking"}}"#),
        );
    }
}
