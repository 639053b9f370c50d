use super::report_missing_role;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a task definition in which a container logs with `awsfirelens` to an AWS
    /// destination while the task names no `taskRoleArn`. The destination is the output plugin
    /// named by the `Name` option (Fluent Bit) or `@type` (Fluentd): `cloudwatch`,
    /// `cloudwatch_logs`, `firehose`, `kinesis_firehose`, `kinesis_streams`, `kinesis`, `s3`,
    /// and `es` / `opensearch` when `AWS_Auth` is `On`.
    ///
    /// ## Why is this bad?
    /// The FireLens router (Fluent Bit or Fluentd) runs inside the task and calls the
    /// destination's AWS API with the task role's credentials, not the execution role's.
    /// Without a task role it has no credentials: the task starts, but every log record is
    /// retried and then dropped. `es` and `opensearch` also serve clusters outside AWS, so they
    /// count only with `AWS_Auth: On`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app-firelens",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "essential": true,
    ///       "memoryReservation": 50,
    ///       "firelensConfiguration": {"type": "fluentbit"}
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memoryReservation": 100,
    ///       "logConfiguration": {
    ///         "logDriver": "awsfirelens",
    ///         "options": {"Name": "firehose", "region": "us-east-1", "delivery_stream": "app-logs"}
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "app-firelens",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/app-firelens-task",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "essential": true,
    ///       "memoryReservation": 50,
    ///       "firelensConfiguration": {"type": "fluentbit"}
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memoryReservation": 100,
    ///       "logConfiguration": {
    ///         "logDriver": "awsfirelens",
    ///         "options": {"Name": "firehose", "region": "us-east-1", "delivery_stream": "app-logs"}
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:using_firelens.md (archived ECS developer guide: the task role needs the destination's permissions)
    /// - DG23:firelens-taskdef.md (archived ECS developer guide: example task definitions)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html
    pub struct FirelensAwsDestinationWithoutTaskRole {
        code: "TD-IAM-012",
        name: "firelens-aws-destination-without-task-role",
        severity: Warning,
        scope: Task,
        summary: "FireLens sends logs to an AWS service but the task has no task role",
    }
}

/// Output plugins that call an AWS API with the task role.
const AWS_OUTPUTS: [&str; 7] = [
    "cloudwatch",
    "cloudwatch_logs",
    "firehose",
    "kinesis_firehose",
    "kinesis_streams",
    "kinesis",
    "s3",
];

/// The `Name` / `@type` option of a FireLens log configuration when it names an AWS destination.
fn aws_destination(options: &Node) -> Option<&Node> {
    let option = |key: &str| {
        options
            .members()
            .iter()
            .find(|m| m.key.eq_ignore_ascii_case(key))
            .map(|m| &m.value)
    };
    let plugin = option("Name").or_else(|| option("@type"))?;
    let name = plugin.as_str()?.to_ascii_lowercase();
    let aws_auth = option("AWS_Auth")
        .and_then(Node::as_str)
        .is_some_and(|v| v.eq_ignore_ascii_case("on"));
    let aws = AWS_OUTPUTS.contains(&name.as_str())
        || (matches!(name.as_str(), "es" | "opensearch") && aws_auth);
    aws.then_some(plugin)
}

impl Rule for FirelensAwsDestinationWithoutTaskRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let causes: Vec<(String, &Node)> = cx
            .containers()
            .filter_map(|(i, c)| {
                let log = c.get("logConfiguration")?;
                if log.get("logDriver").and_then(Node::as_str) != Some("awsfirelens") {
                    return None;
                }
                let plugin = aws_destination(log.get("options")?)?;
                let label = container_label(c, i);
                let name = plugin.as_str().unwrap_or_default();
                Some((
                    format!("container {label} sends its logs to {name}"),
                    plugin,
                ))
            })
            .collect();
        report_missing_role(
            cx,
            out,
            "taskRoleArn",
            &causes,
            "FireLens delivers logs to an AWS service with the task role's credentials, and there is no taskRoleArn".to_owned(),
            "a role allowed to write to the destination (for example firehose:PutRecordBatch)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FirelensAwsDestinationWithoutTaskRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(extra: &str, options: &str) -> String {
        format!(
            r#"{{"family": "a"{extra}, "containerDefinitions": [{{"name": "r", "image": "fb", "firelensConfiguration": {{"type": "fluentbit"}}}}, {{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "awsfirelens", "options": {options}}}}}]}}"#
        )
    }

    #[test]
    fn aws_destinations_without_task_role_warn() {
        let d = assert_fails(
            &Rule::META,
            &task("", r#"{"Name": "cloudwatch_logs", "region": "us-east-1"}"#),
        );
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/1/logConfiguration/options/Name"
        );
        assert_eq!(
            d[0].labels[0].message,
            "container 'app' sends its logs to cloudwatch_logs"
        );
        assert_fails(&Rule::META, &task("", r#"{"name": "Kinesis_Streams"}"#));
        assert_fails(&Rule::META, &task("", r#"{"@type": "s3"}"#));
        assert_fails(
            &Rule::META,
            &task(
                "",
                r#"{"Name": "es", "AWS_Auth": "On", "Host": "x.es.amazonaws.com"}"#,
            ),
        );
    }

    #[test]
    fn task_role_other_destinations_and_other_drivers_pass() {
        let role = r#", "taskRoleArn": "arn:aws:iam::123456789012:role/t""#;
        assert_passes(&Rule::META, &task(role, r#"{"Name": "firehose"}"#));
        assert_passes(
            &Rule::META,
            &task("", r#"{"Name": "datadog", "apikey": "x"}"#),
        );
        assert_passes(
            &Rule::META,
            &task("", r#"{"Name": "es", "Host": "es.example.com"}"#),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "app", "image": "b", "logConfiguration": {"logDriver": "splunk", "options": {"Name": "s3"}}}]}"#,
        );
    }
}
