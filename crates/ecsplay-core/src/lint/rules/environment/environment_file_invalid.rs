use super::{
    container_lists, environment_file_values, known_items, s3_object_arn, MAX_ENVIRONMENT_FILES,
};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a container that lists more than 10 `environmentFiles`, and an environment file
    /// whose `value` is not the ARN of an S3 object,
    /// `^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}/.+$` (`arn:aws:s3:::bucket/path/app.env`). A `type`
    /// other than `s3` is reported by the schema layer (TD-SHAPE-012); a missing `value` or
    /// `type` too (TD-SHAPE-014).
    ///
    /// ## Why is this bad?
    /// ECS downloads each file from S3 with the task execution role before the container
    /// starts. It needs the object's ARN: an `s3://bucket/key` URL, an HTTPS URL, a bucket
    /// without a key or a placeholder cannot be fetched, and the task stops before the
    /// container runs. A container may list at most ten files.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "environmentFiles": [{"value": "s3://my-config-bucket/web/app.env", "type": "s3"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "environmentFiles": [{"value": "arn:aws:s3:::my-config-bucket/web/app.env", "type": "s3"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:EnvironmentFile (botocore 1.44.5 ECS model: value is the ARN of the S3 object)
    /// - BOTO:ContainerDefinition.environmentFiles (botocore 1.44.5 ECS model: up to 10 files)
    /// - DG23: taskdef-envfiles.md
    pub struct EnvironmentFileInvalid {
        code: "TD-ENV-016",
        name: "environment-file-invalid",
        severity: Error,
        scope: Containers,
        summary: "more than 10 environment files, or one that is not an S3 object ARN",
    }
}

impl Rule for EnvironmentFileInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in container_lists(cx, "environmentFiles") {
            let count = known_items(&list.value);
            if count > MAX_ENVIRONMENT_FILES {
                out.push(
                    Finding::at_key(
                        list,
                        format!(
                            "container {} lists {count} environment files; ECS allows at most {MAX_ENVIRONMENT_FILES}",
                            container_label(c, i)
                        ),
                    )
                    .help("merge some of the files, so that the container lists at most 10"),
                );
            }
        }
        for (label, node, value) in environment_file_values(cx) {
            if s3_object_arn(value).is_some() {
                continue;
            }
            let help = match value.strip_prefix("s3://") {
                Some(path) => format!("write the object's ARN: \"arn:aws:s3:::{path}\""),
                None => {
                    "write the ARN of the S3 object: \"arn:aws:s3:::<bucket>/<key>.env\"".to_owned()
                }
            };
            out.push(
                Finding::at(
                    node,
                    format!("environment file \"{value}\" of container {label} is not the ARN of an S3 object"),
                )
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cfn_container, with_env_file};
    use super::EnvironmentFileInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn values_that_are_not_object_arns_fail() {
        let text = with_env_file("s3://bucket/app.env");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/environmentFiles/0/value"
        );
        assert_eq!(spanned(&text, &d[0]), r#""s3://bucket/app.env""#);
        assert_eq!(
            d[0].message,
            "environment file \"s3://bucket/app.env\" of container 'app' is not the ARN of an S3 object"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("write the object's ARN: \"arn:aws:s3:::bucket/app.env\"")
        );
        for bad in [
            "arn:aws:s3:::bucket",
            "arn:aws:s3:::bucket/",
            "arn:aws:s3:::Bucket/app.env",
            "arn:aws:s3:::ab/app.env",
            "https://bucket.s3.amazonaws.com/app.env",
            "arn:aws:s3:us-east-1::bucket/app.env",
        ] {
            assert_fails(&Rule::META, &with_env_file(bad));
        }
    }

    #[test]
    fn more_than_ten_files_fail() {
        let files = [r#"{"value": "arn:aws:s3:::bucket/a.env", "type": "s3"}"#; 11].join(", ");
        let text = format!(r#"[{{"name": "a", "image": "b", "environmentFiles": [{files}]}}]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/0/environmentFiles");
        assert_eq!(
            d[0].message,
            "container 'a' lists 11 environment files; ECS allows at most 10"
        );
        let files = [r#"{"value": "arn:aws:s3:::bucket/a.env", "type": "s3"}"#; 10].join(", ");
        assert_passes(
            &Rule::META,
            &format!(r#"[{{"name": "a", "image": "b", "environmentFiles": [{files}]}}]"#),
        );
    }

    #[test]
    fn object_arns_and_deploy_time_values_pass() {
        for ok in [
            "arn:aws:s3:::my-bucket/web/app.env",
            "arn:aws-us-gov:s3:::my.bucket/app.env",
        ] {
            assert_passes(&Rule::META, &with_env_file(ok));
        }
        assert_passes(
            &Rule::META,
            &cfn_container("          EnvironmentFiles:\n            - {Value: !Sub 'arn:aws:s3:::${Bucket}/app.env', Type: s3}\n"),
        );
    }
}
