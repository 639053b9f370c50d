use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a container of a Fargate task definition that logs with the `awslogs` driver but
    /// has no `awslogs-stream-prefix` option. Also known as TD-LOG-007.
    ///
    /// ## Why is this bad?
    /// On EC2 the driver can name log streams after the Docker container id; a Fargate task has
    /// no host-visible container id, so `awslogs-stream-prefix` is "Required: Yes, when using
    /// Fargate". With it, each stream is named `prefix/container-name/task-id`, which is also
    /// what the ECS console needs to show the logs of a task.
    ///
    /// ## Example
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
    ///         "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}
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
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: awslogs-stream-prefix "Required: Yes, when using Fargate. Optional when using EC2.")
    /// - DG23:using_awslogs.md (stream names prefix/container-name/task-id)
    pub struct FargateAwslogsStreamPrefixMissing {
        code: "TD-FG-017",
        name: "fargate-awslogs-stream-prefix-missing",
        severity: Error,
        scope: Task,
        summary: "Fargate container logging with awslogs without awslogs-stream-prefix",
        aliases: ["TD-LOG-007"],
    }
}

impl Rule for FargateAwslogsStreamPrefixMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        let prefix = cx
            .task()
            .and_then(|t| t.get("family"))
            .and_then(Node::as_str)
            .filter(|f| !f.is_empty())
            .unwrap_or("ecs");
        for (i, container, log) in cx.container_members("logConfiguration") {
            if log.get("logDriver").and_then(Node::as_str) != Some("awslogs") {
                continue;
            }
            // A missing option points at `options`, or at `logConfiguration` without one.
            let holder = match log.get("options") {
                None => log,
                Some(o) if o.is_null() => log,
                Some(o) if o.is_object() => o,
                // Deploy-time or mistyped options are not judged here.
                Some(_) => continue,
            };
            if holder
                .get("awslogs-stream-prefix")
                .is_some_and(|p| !p.is_null())
            {
                continue;
            }
            out.push(
                Finding::at(
                    holder,
                    format!(
                        "container {} logs with awslogs on Fargate without the \"awslogs-stream-prefix\" option",
                        container_label(container, i)
                    ),
                )
                .help(format!(
                    "add \"awslogs-stream-prefix\": \"{prefix}\" to the awslogs options; streams are then named {prefix}/<container name>/<task id>"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn};
    use super::FargateAwslogsStreamPrefixMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn a_missing_prefix_points_at_the_options() {
        let text = fargate(
            "",
            r#""logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/t"}}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options"
        );
        assert_eq!(spanned(&text, &d[0]), r#"{"awslogs-group": "/ecs/t"}"#);
        assert_eq!(
            d[0].message,
            "container 'app' logs with awslogs on Fargate without the \"awslogs-stream-prefix\" option"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("add \"awslogs-stream-prefix\": \"t\" to the awslogs options; streams are then named t/<container name>/<task id>")
        );
    }

    #[test]
    fn without_options_it_points_at_the_log_configuration() {
        let text = fargate("", r#""logConfiguration": {"logDriver": "awslogs"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/logConfiguration");
        let text = fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          LogConfiguration:\n            LogDriver: awslogs\n            Options:\n              awslogs-group: /ecs/t\n");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/LogConfiguration/Options"
        );
        // Without a family (CloudFormation may generate it) the prefix proposed is "ecs".
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("\"awslogs-stream-prefix\": \"ecs\""));
    }

    #[test]
    fn a_prefix_other_drivers_unknown_options_or_ec2_pass() {
        assert_passes(
            &Rule::META,
            &fargate(
                "",
                r#""logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/t", "awslogs-stream-prefix": "t"}}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &fargate("", r#""logConfiguration": {"logDriver": "awsfirelens"}"#),
        );
        assert_passes(
            &Rule::META,
            &fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          LogConfiguration:\n            LogDriver: awslogs\n            Options: !If [C, {a: b}, !Ref AWS::NoValue]\n"),
        );
        assert_passes(
            &Rule::META,
            &fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          LogConfiguration:\n            LogDriver: awslogs\n            Options:\n              awslogs-stream-prefix: !Ref AWS::StackName\n"),
        );
        assert_passes(
            &Rule::META,
            &ec2(
                "",
                r#""logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/t"}}"#,
            ),
        );
    }
}
