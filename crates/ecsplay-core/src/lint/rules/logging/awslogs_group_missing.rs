use super::{awslogs_configs, family};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports an `awslogs` log configuration without `options`, or whose options have no
    /// `awslogs-group`.
    ///
    /// ## Why is this bad?
    /// The `awslogs` driver sends the container's output to a CloudWatch Logs log group, and
    /// `awslogs-group` names it; there is no default. Without it the container cannot start
    /// (the Docker driver fails with a missing log group), and cfn-lint reports the template
    /// (`'awslogs-group' is a required property`, or `'Options' is a required property` when
    /// there are no options at all). A missing `awslogs-region` is TD-LOG-006.
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
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}
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
    /// - CFN-RULE:E3046 (cfn-lint 1.58.0 ecs/LogConfiguration.py, extensions/aws_ecs_taskdefinition/logging_configuration.json)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    pub struct AwslogsGroupMissing {
        code: "TD-LOG-005",
        name: "awslogs-group-missing",
        severity: Error,
        scope: Containers,
        summary: "awslogs log configuration without options or without awslogs-group",
    }
}

impl Rule for AwslogsGroupMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let family = family(cx);
        for log in awslogs_configs(cx) {
            let has_options = log.options.is_some_and(Node::is_object);
            if has_options && log.option("awslogs-group").is_some() {
                continue;
            }
            let message = if has_options {
                format!(
                    "the awslogs options of container {} have no \"awslogs-group\"; it is required",
                    log.label
                )
            } else {
                format!("the awslogs log configuration of container {} has no options; \"awslogs-group\" and \"awslogs-region\" are required", log.label)
            };
            let help = if has_options {
                format!("add \"awslogs-group\": \"/ecs/{family}\" (a CloudWatch Logs log group)")
            } else {
                format!("add \"options\": {{\"awslogs-group\": \"/ecs/{family}\", \"awslogs-region\": \"<region>\", \"awslogs-stream-prefix\": \"{family}\"}}")
            };
            out.push(Finding::at(log.missing_option_at(), message).help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::with_log_configuration;
    use super::AwslogsGroupMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn missing_group_points_at_the_options() {
        let text = with_log_configuration(
            r#"{"logDriver": "awslogs", "options": {"awslogs-region": "us-east-1"}}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options"
        );
        assert_eq!(spanned(&text, &d[0]), r#"{"awslogs-region": "us-east-1"}"#);
        assert_eq!(
            d[0].message,
            "the awslogs options of container 'app' have no \"awslogs-group\"; it is required"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some(r#"add "awslogs-group": "/ecs/web" (a CloudWatch Logs log group)"#)
        );
    }

    #[test]
    fn missing_options_point_at_the_log_configuration() {
        let d = assert_fails(
            &Rule::META,
            &with_log_configuration(r#"{"logDriver": "awslogs"}"#),
        );
        assert_eq!(d[0].pointer, "/containerDefinitions/0/logConfiguration");
        assert!(d[0].message.contains("has no options"));
        let d = assert_fails(
            &Rule::META,
            &with_log_configuration(r#"{"logDriver": "awslogs", "options": null}"#),
        );
        assert_eq!(d[0].pointer, "/containerDefinitions/0/logConfiguration");
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs", "options": {}}}]"#,
        );
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awslogs}\n");
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/LogConfiguration"
        );
    }

    #[test]
    fn a_group_other_drivers_and_deploy_time_options_pass() {
        assert_passes(
            &Rule::META,
            &with_log_configuration(
                r#"{"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &with_log_configuration(r#"{"logDriver": "json-file"}"#),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration:\n            LogDriver: awslogs\n            Options: !If [Prod, {awslogs-group: g, awslogs-region: r}, !Ref AWS::NoValue]\n");
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration:\n            LogDriver: awslogs\n            Options: {awslogs-group: !Ref LogGroup, awslogs-region: !Ref AWS::Region}\n");
    }
}
