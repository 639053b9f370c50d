use super::awslogs_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports `awslogs` options without `awslogs-region`. (A log configuration with no options
    /// at all is reported once, by TD-LOG-005.)
    ///
    /// ## Why is this bad?
    /// The ECS documentation marks `awslogs-region` as required: it is the Region of the log
    /// group the driver writes to, and ECS does not fill it in (an ECS agent maintainer: a task
    /// definition without it "would be considered invalid"). cfn-lint requires it everywhere
    /// (`'awslogs-region' is a required property`). Without it Docker's driver refuses to start
    /// the container (`must specify a value for environment variable 'AWS_REGION' or log opt
    /// 'awslogs-region'`).
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
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-stream-prefix": "web"}}
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
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: awslogs options)
    /// - CFN-EXT:logging_configuration.json (cfn-lint 1.58.0, E3046: awslogs-region required)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    /// - ERR: https://github.com/aws/amazon-ecs-agent/pull/4191 (review thread: omitting awslogs-region is invalid)
    /// - ERR: https://github.com/moby/moby/issues/20358 (Docker's error without a region)
    pub struct AwslogsRegionMissing {
        code: "TD-LOG-006",
        name: "awslogs-region-missing",
        severity: Error,
        scope: Containers,
        summary: "awslogs options without awslogs-region",
    }
}

impl Rule for AwslogsRegionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in awslogs_configs(cx) {
            if !log.options.is_some_and(Node::is_object) || log.option("awslogs-region").is_some() {
                continue;
            }
            let help = if cx.is_cloudformation() {
                "add awslogs-region: !Ref AWS::Region (or the Region of the log group)"
            } else {
                "add \"awslogs-region\" with the Region of the log group, for example \"us-east-1\""
            };
            out.push(
                Finding::at(
                    log.missing_option_at(),
                    format!("the awslogs options of container {} have no \"awslogs-region\"; it is required", log.label),
                )
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::with_log_configuration;
    use super::AwslogsRegionMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn missing_region_points_at_the_options() {
        let d = assert_fails(
            &Rule::META,
            &with_log_configuration(
                r#"{"logDriver": "awslogs", "options": {"awslogs-group": "g"}}"#,
            ),
        );
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options"
        );
        assert_eq!(
            d[0].message,
            "the awslogs options of container 'app' have no \"awslogs-region\"; it is required"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs", "options": {}}}]"#,
        );
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: g}}\n");
        assert!(d[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("!Ref AWS::Region")));
    }

    #[test]
    fn a_region_no_options_and_other_drivers_pass() {
        assert_passes(
            &Rule::META,
            &with_log_configuration(
                r#"{"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "us-east-1"}}"#,
            ),
        );
        // No options at all is TD-LOG-005's.
        assert_passes(
            &Rule::META,
            &with_log_configuration(r#"{"logDriver": "awslogs"}"#),
        );
        assert_passes(
            &Rule::META,
            &with_log_configuration(r#"{"logDriver": "splunk", "options": {"splunk-url": "u"}}"#),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: g, awslogs-region: !Ref AWS::Region}}\n");
    }
}
