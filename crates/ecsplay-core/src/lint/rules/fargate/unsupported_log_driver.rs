use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The log drivers Fargate supports.
const FARGATE_DRIVERS: [&str; 3] = ["awslogs", "splunk", "awsfirelens"];

declare_rule! {
    /// ## What it does
    /// Reports a container of a Fargate task definition whose `logConfiguration.logDriver` is
    /// not one Fargate supports: `awslogs`, `splunk` or `awsfirelens`. Also known as TD-LOG-002.
    ///
    /// ## Why is this bad?
    /// The other drivers (`json-file`, `syslog`, `journald`, `gelf`, `fluentd`) write to or
    /// through the Docker host, which a Fargate task does not have; ECS refuses the definition,
    /// and cfn-lint reports E3048 `'json-file' is not one of ['awslogs', 'splunk',
    /// 'awsfirelens']`. To send logs elsewhere (Fluentd, Datadog, Elasticsearch, S3…) on Fargate,
    /// route them through FireLens with `awsfirelens`. A driver that is no ECS driver at all
    /// (a typo such as `cloudwatch`) is reported here too, as cfn-lint does, besides TD-LOG-001.
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
    ///     {"name": "app", "image": "nginx:1.27", "logConfiguration": {"logDriver": "json-file"}}
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
    ///       "image": "nginx:1.27",
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
    /// - BOTO:LogConfiguration.logDriver (botocore 1.44.5 ECS model: "For tasks on Fargate, the supported log drivers are awslogs, splunk, and awsfirelens")
    /// - CFN-RULE:E3048 (cfn-lint 1.58.0, fargate_properties.json), CFN-RULE:E3713 (service side)
    /// - DG23:AWS_Fargate.md (Logging)
    pub struct FargateUnsupportedLogDriver {
        code: "TD-FG-016",
        name: "fargate-unsupported-log-driver",
        severity: Error,
        scope: Task,
        summary: "Fargate container with a log driver other than awslogs, splunk or awsfirelens",
        aliases: ["TD-LOG-002"],
    }
}

impl Rule for FargateUnsupportedLogDriver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        for (i, container, log) in cx.container_members("logConfiguration") {
            let Some(node) = log.get("logDriver") else {
                continue;
            };
            // Empty strings are TD-SHAPE-015's, deploy-time values are not judged.
            let Some(driver) = node.as_str().filter(|d| !d.is_empty()) else {
                continue;
            };
            if FARGATE_DRIVERS.contains(&driver) {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!(
                        "container {} uses the log driver {driver}, which Fargate does not support; Fargate supports awslogs, splunk and awsfirelens",
                        container_label(container, i)
                    ),
                )
                .help(if cx.facts.windows {
                    // FireLens is not available for Windows containers (TD-LOG-020).
                    "use \"awslogs\" to send the logs to CloudWatch Logs, or \"splunk\"; FireLens is not available for Windows containers"
                } else {
                    "use \"awslogs\" to send the logs to CloudWatch Logs, or \"awsfirelens\" with a FireLens router container to send them anywhere else"
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn, fargate_windows};
    use super::FargateUnsupportedLogDriver as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn log(driver: &str) -> String {
        format!(r#""logConfiguration": {{"logDriver": {driver}}}"#)
    }

    #[test]
    fn host_drivers_and_typos_fail_at_the_driver() {
        for driver in [
            "json-file",
            "syslog",
            "journald",
            "gelf",
            "fluentd",
            "sumologic",
            "AWSLOGS",
        ] {
            let text = fargate("", &log(&format!("\"{driver}\"")));
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(
                d[0].pointer,
                "/containerDefinitions/0/logConfiguration/logDriver"
            );
            assert_eq!(spanned(&text, &d[0]), format!("\"{driver}\""));
        }
        let d = assert_fails(&Rule::META, &fargate("", &log("\"fluentd\"")));
        assert_eq!(
            d[0].message,
            "container 'app' uses the log driver fluentd, which Fargate does not support; Fargate supports awslogs, splunk and awsfirelens"
        );
        // cfn-lint's E3048 case.
        let text = fargate_cfn("      ContainerDefinitions:\n        - LogConfiguration:\n            LogDriver: sumologic\n            Options: {sumo-url: aurl}\n");
        assert_fails(&Rule::META, &text);
    }

    #[test]
    fn fargate_drivers_unknown_empty_and_ec2_pass() {
        for driver in [
            "\"awslogs\"",
            "\"splunk\"",
            "\"awsfirelens\"",
            "\"\"",
            "null",
        ] {
            assert_passes(&Rule::META, &fargate("", &log(driver)));
        }
        assert_passes(
            &Rule::META,
            &fargate_cfn("      ContainerDefinitions:\n        - LogConfiguration:\n            LogDriver: !Ref Driver\n"),
        );
        assert_passes(&Rule::META, &ec2("", &log("\"json-file\"")));
    }

    #[test]
    fn windows_help_does_not_propose_firelens() {
        let d = assert_fails(&Rule::META, &fargate_windows("", &log("\"json-file\"")));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("FireLens is not available"));
    }
}
