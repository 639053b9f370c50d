use super::report_missing_role;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a task definition whose FireLens router loads its configuration from Amazon S3
    /// (`firelensConfiguration.options["config-file-type"]` is `s3`) while the task names no
    /// `executionRoleArn`.
    ///
    /// ## Why is this bad?
    /// The ECS agent downloads the configuration file before the router starts, with the task
    /// execution role: it needs `s3:GetObject` on the file and `s3:GetBucketLocation` on the
    /// bucket. Without the role the file cannot be fetched and the router, and so the task,
    /// does not start. (Fargate does not support `s3` here at all: TD-FG-021.)
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app-firelens",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/app-firelens-task",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "memoryReservation": 50,
    ///       "firelensConfiguration": {
    ///         "type": "fluentbit",
    ///         "options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::my-config-bucket/fluent-bit/extra.conf"}
    ///       }
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memoryReservation": 100,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "app-firelens",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/app-firelens-task",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "memoryReservation": 50,
    ///       "firelensConfiguration": {
    ///         "type": "fluentbit",
    ///         "options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::my-config-bucket/fluent-bit/extra.conf"}
    ///       }
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memoryReservation": 100,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:using_firelens.md (archived ECS developer guide: required IAM permissions for an S3 configuration file)
    /// - BOTO:FirelensConfiguration.options (botocore 1.44.5 ECS model)
    pub struct FirelensS3ConfigWithoutExecutionRole {
        code: "TD-IAM-016",
        name: "firelens-s3-config-without-execution-role",
        severity: Warning,
        scope: Task,
        summary: "FireLens configuration file in S3 without an execution role to fetch it",
    }
}

impl Rule for FirelensS3ConfigWithoutExecutionRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let causes: Vec<(String, &Node)> = cx
            .containers()
            .filter_map(|(i, c)| {
                let kind = c.at_path(["firelensConfiguration", "options", "config-file-type"])?;
                (kind.as_str() == Some("s3")).then(|| {
                    let label = container_label(c, i);
                    (
                        format!("container {label} loads its FireLens configuration from S3"),
                        kind,
                    )
                })
            })
            .collect();
        report_missing_role(
            cx,
            out,
            "executionRoleArn",
            &causes,
            "the FireLens configuration file is downloaded from S3 with the task execution role, and there is no executionRoleArn".to_owned(),
            "a role allowed s3:GetObject on the file and s3:GetBucketLocation on its bucket",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FirelensS3ConfigWithoutExecutionRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(extra: &str, kind: &str) -> String {
        format!(
            r#"{{"family": "a"{extra}, "containerDefinitions": [{{"name": "r", "image": "fb", "firelensConfiguration": {{"type": "fluentbit", "options": {{"config-file-type": "{kind}", "config-file-value": "arn:aws:s3:::b/c.conf"}}}}}}]}}"#
        )
    }

    #[test]
    fn s3_config_without_execution_role_warns() {
        let d = assert_fails(&Rule::META, &task("", "s3"));
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/firelensConfiguration/options/config-file-type"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: r\n          Image: fb\n          FirelensConfiguration:\n            Type: fluentbit\n            Options: {config-file-type: s3, config-file-value: !Ref Conf}\n");
    }

    #[test]
    fn execution_role_or_file_config_pass() {
        assert_passes(&Rule::META, &task(r#", "executionRoleArn": "exec""#, "s3"));
        assert_passes(&Rule::META, &task("", "file"));
        assert_passes(
            &Rule::META,
            r#"[{"name": "r", "image": "fb", "firelensConfiguration": {"type": "fluentbit", "options": {"config-file-type": "s3"}}}]"#,
        );
    }
}
