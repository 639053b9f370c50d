use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a FireLens log router of a Fargate task definition whose
    /// `firelensConfiguration.options` set `"config-file-type": "s3"`.
    ///
    /// ## Why is this bad?
    /// A FireLens router can load an extra Fluent Bit or Fluentd configuration file from Amazon
    /// S3 or from a path inside its image, but "tasks hosted on Fargate only support the file
    /// configuration file type": on Fargate the router cannot fetch the file from S3. Bake the
    /// file into the router image (or a sidecar that writes it to a shared volume) and point
    /// `config-file-value` at its path.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "firelensConfiguration": {
    ///         "type": "fluentbit",
    ///         "options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::my-bucket/fluent-bit.conf"}
    ///       }
    ///     },
    ///     {"name": "app", "image": "nginx:1.27", "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch"}}}
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
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/fluent-bit-custom:1.0",
    ///       "firelensConfiguration": {
    ///         "type": "fluentbit",
    ///         "options": {"config-file-type": "file", "config-file-value": "/extra.conf"}
    ///       }
    ///     },
    ///     {"name": "app", "image": "nginx:1.27", "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:FirelensConfiguration.options (botocore 1.44.5 ECS model: "Tasks hosted on Fargate only support the file configuration file type")
    pub struct FargateFirelensS3Config {
        code: "TD-FG-021",
        name: "fargate-firelens-s3-config",
        severity: Error,
        scope: Task,
        summary: "FireLens router on Fargate loading its configuration file from S3",
    }
}

impl Rule for FargateFirelensS3Config {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        for (i, container, firelens) in cx.container_members("firelensConfiguration") {
            let Some(node) = firelens.at_path(["options", "config-file-type"]) else {
                continue;
            };
            if node.as_str() == Some("s3") {
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "container {} loads its FireLens configuration from S3, which Fargate does not support",
                            container_label(container, i)
                        ),
                    )
                    .help("copy the configuration file into the router image and set \"config-file-type\": \"file\" with \"config-file-value\" set to its path"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn};
    use super::FargateFirelensS3Config as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn router(kind: &str) -> String {
        format!(
            r#""firelensConfiguration": {{"type": "fluentbit", "options": {{"config-file-type": "{kind}", "config-file-value": "arn:aws:s3:::b/k.conf"}}}}"#
        )
    }

    #[test]
    fn s3_on_fargate_fails_at_the_type() {
        let text = fargate("", &router("s3"));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/firelensConfiguration/options/config-file-type"
        );
        assert_eq!(spanned(&text, &d[0]), "\"s3\"");
        assert_eq!(
            d[0].message,
            "container 'app' loads its FireLens configuration from S3, which Fargate does not support"
        );
        let text = fargate_cfn("      ContainerDefinitions:\n        - Name: router\n          Image: fluent-bit\n          FirelensConfiguration:\n            Type: fluentbit\n            Options:\n              config-file-type: s3\n");
        assert_eq!(spanned(&text, &assert_fails(&Rule::META, &text)[0]), "s3");
    }

    #[test]
    fn file_no_options_or_ec2_passes() {
        assert_passes(&Rule::META, &fargate("", &router("file")));
        assert_passes(
            &Rule::META,
            &fargate("", r#""firelensConfiguration": {"type": "fluentbit"}"#),
        );
        assert_passes(&Rule::META, &ec2("", &router("s3")));
    }
}
