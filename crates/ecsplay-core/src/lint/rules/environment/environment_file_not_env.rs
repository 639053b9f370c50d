use super::{environment_file_values, s3_object_arn};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an environment file whose S3 object key does not end in `.env`
    /// (`arn:aws:s3:::bucket/web/app.properties`). Values that are not S3 object ARNs at all
    /// are TD-ENV-016.
    ///
    /// ## Why is this bad?
    /// The API documentation of `environmentFiles` requires the `.env` file extension. Beyond
    /// the name, the content must be `.env` syntax: one `VARIABLE=VALUE` per line, `#` for
    /// comments, UTF-8; a JSON, YAML or `.properties` file is not read as intended.
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
    ///       "environmentFiles": [{"value": "arn:aws:s3:::my-config-bucket/web/config.json", "type": "s3"}]
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
    /// - BOTO:ContainerDefinition.environmentFiles (botocore 1.44.5 ECS model: the file must have a .env extension)
    /// - DG23: taskdef-envfiles.md
    pub struct EnvironmentFileNotEnv {
        code: "TD-ENV-017",
        name: "environment-file-not-env",
        severity: Error,
        scope: Containers,
        summary: "environment file whose S3 object key does not end in .env",
    }
}

impl Rule for EnvironmentFileNotEnv {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (label, node, value) in environment_file_values(cx) {
            let Some((_, key)) = s3_object_arn(value) else {
                continue;
            };
            if key.ends_with(".env") {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!("environment file \"{key}\" of container {label} does not have the .env extension ECS requires"),
                )
                .help("store the variables as VARIABLE=VALUE lines in an object whose key ends in .env, and point at that object"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::with_env_file;
    use super::EnvironmentFileNotEnv as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn other_extensions_fail() {
        let text = with_env_file("arn:aws:s3:::bucket/web/config.json");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            spanned(&text, &d[0]),
            r#""arn:aws:s3:::bucket/web/config.json""#
        );
        assert_eq!(
            d[0].message,
            "environment file \"web/config.json\" of container 'app' does not have the .env extension ECS requires"
        );
        assert_fails(&Rule::META, &with_env_file("arn:aws:s3:::bucket/app.ENV"));
        assert_fails(&Rule::META, &with_env_file("arn:aws:s3:::bucket/.env/app"));
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environmentFiles": [{"value": "arn:aws:s3:::bucket/env", "type": "s3"}]}]"#,
        );
    }

    #[test]
    fn env_files_and_other_values_pass() {
        assert_passes(
            &Rule::META,
            &with_env_file("arn:aws:s3:::bucket/web/app.env"),
        );
        assert_passes(&Rule::META, &with_env_file("arn:aws:s3:::bucket/.env"));
        // Not an object ARN: TD-ENV-016's.
        assert_passes(&Rule::META, &with_env_file("s3://bucket/app.json"));
    }
}
