use super::{container_lists, environment_chars};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The most characters of a RunTask / StartTask `overrides` blob.
const OVERRIDES_LIMIT: usize = 8192;

declare_rule! {
    /// ## What it does
    /// Points out a container whose `environment`, written as JSON, is longer than 8,192
    /// characters: more than a RunTask or StartTask `overrides` blob may hold. The catalogue
    /// gives the limit but no condition; this project reports the case where the container's
    /// own variables would not fit in an override.
    ///
    /// ## Why is this bad?
    /// A common pattern is to register a definition once and pass per-run configuration in
    /// `containerOverrides` at RunTask time. The whole `overrides` blob is limited to 8,192
    /// characters (`Container Overrides length must be at most 8192`), so configuration of
    /// this size cannot be passed, or replaced, that way. Plan big configuration through
    /// `environmentFiles` (an override can point at another S3 object) or through secrets.
    ///
    /// ## Example
    /// A certificate bundle inlined, base64-encoded, in an environment variable:
    /// ```json
    #[doc = include_str!("large_environment.example.json")]
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
    ///       "environment": [{"name": "APP_ENV", "value": "production"}],
    ///       "environmentFiles": [{"value": "arn:aws:s3:::my-config-bucket/web/app.env", "type": "s3"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - ERR: https://github.com/aws-samples/sample-autonomous-cloud-coding-agents/issues/502 (`Container Overrides length must be at most 8192`)
    /// - ERR: https://github.com/treasure-data/digdag/pull/1624 (cites API_RunTask)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html
    pub struct EnvironmentOverridesLimit {
        code: "TD-ENV-023",
        name: "environment-overrides-limit",
        severity: Info,
        scope: Containers,
        summary: "container environment too large to pass in RunTask overrides",
    }
}

impl Rule for EnvironmentOverridesLimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in container_lists(cx, "environment") {
            let chars = environment_chars(&list.value);
            if chars <= OVERRIDES_LIMIT {
                continue;
            }
            out.push(
                Finding::at_key(
                    list,
                    format!(
                        "the environment of container {} is {chars} characters of JSON; a RunTask overrides blob holds at most {OVERRIDES_LIMIT}, so it could not be passed as an override",
                        container_label(c, i)
                    ),
                )
                .help("keep large configuration in an environmentFiles object in S3 (an override can name another object) or in a secret"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EnvironmentOverridesLimit as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn container(n: usize) -> String {
        format!(
            r#"[{{"name": "a", "image": "b", "environment": [{{"name": "V", "value": "{}"}}]}}]"#,
            "x".repeat(n)
        )
    }

    #[test]
    fn environments_over_the_limit_are_pointed_out() {
        // `[{"name":"V","value":""}]` is 25 characters.
        let d = assert_fails(&Rule::META, &container(8192 - 24));
        assert_eq!(d[0].pointer, "/0/environment");
        assert_eq!(
            d[0].message,
            "the environment of container 'a' is 8193 characters of JSON; a RunTask overrides blob holds at most 8192, so it could not be passed as an override"
        );
    }

    #[test]
    fn environments_within_the_limit_pass() {
        assert_passes(&Rule::META, &container(8192 - 25));
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
