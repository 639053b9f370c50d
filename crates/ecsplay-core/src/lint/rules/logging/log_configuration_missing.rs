use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a container without a `logConfiguration`. The security hint TD-SEC-016 names the
    /// same condition and is reported under this code.
    ///
    /// ## Why is this bad?
    /// Without one, the container's output goes to the Docker daemon's default driver: on EC2
    /// that is usually `json-file` on the instance's disk, readable only by logging into that
    /// instance and lost with it; on Fargate nothing keeps it at all. When the container fails,
    /// its last words are gone. AWS Config's managed rule `ecs-task-definition-log-configuration`
    /// flags the same thing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
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
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-log-configuration.html
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    pub struct LogConfigurationMissing {
        code: "TD-LOG-024",
        name: "log-configuration-missing",
        severity: Warning,
        scope: Containers,
        summary: "container without a logConfiguration",
        aliases: ["TD-SEC-016"],
    }
}

impl Rule for LogConfigurationMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            if c.get("logConfiguration").is_some_and(|l| !l.is_null()) {
                continue;
            }
            out.push(
                Finding::at(c, format!("container {} has no logConfiguration; its output stays with the Docker daemon's default driver, or is lost on Fargate", container_label(c, i)))
                    .help("add a \"logConfiguration\", for example with the awslogs driver and an awslogs-group"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LogConfigurationMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn containers_without_log_configuration_warn() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs"}}, {"name": "side", "image": "c"}]}"#,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/1");
        assert!(d[0]
            .message
            .starts_with("container 'side' has no logConfiguration"));
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": null}]"#,
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n");
    }

    #[test]
    fn any_log_configuration_passes() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "json-file"}}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: !If [Logs, {LogDriver: awslogs}, !Ref AWS::NoValue]\n");
    }
}
