use super::log_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a `splunk` log configuration without a `splunk-url` option, or without a
    /// `splunk-token` (given either in `options` or, better, in `secretOptions` under the name
    /// `splunk-token`).
    ///
    /// ## Why is this bad?
    /// The Splunk driver sends every log line to the HTTP Event Collector at `splunk-url`,
    /// authenticated with `splunk-token`; Docker refuses to create the container when either is
    /// missing, so the task does not start.
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
    ///       "logConfiguration": {"logDriver": "splunk", "options": {"splunk-url": "https://splunk.example.com:8088"}}
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
    ///       "logConfiguration": {
    ///         "logDriver": "splunk",
    ///         "options": {"splunk-url": "https://splunk.example.com:8088"},
    ///         "secretOptions": [{"name": "splunk-token", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:splunk-token-AbCdEf"}]
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: splunk options)
    /// - DG23:task_definition_parameters.md (archived ECS developer guide: splunk-token in secretOptions example)
    /// - DOC: https://docs.docker.com/engine/logging/drivers/splunk/
    pub struct SplunkOptionsMissing {
        code: "TD-LOG-016",
        name: "splunk-options-missing",
        severity: Error,
        scope: Containers,
        summary: "splunk log configuration without splunk-url or splunk-token",
    }
}

/// Whether `secretOptions` holds `splunk-token`, or cannot be read (a deploy-time value).
fn token_in_secret_options(config: &Node) -> bool {
    match config.get("secretOptions") {
        Some(list) if list.is_unknown() => true,
        Some(list) => list.items().iter().any(|s| {
            s.is_unknown()
                || s.get("name")
                    .is_some_and(|n| n.is_unknown() || n.as_str() == Some("splunk-token"))
        }),
        None => false,
    }
}

impl Rule for SplunkOptionsMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in log_configs(cx).filter(|l| l.driver == "splunk" && !l.options_unknown()) {
            if log.option("splunk-url").is_none() {
                out.push(
                    Finding::at(log.missing_option_at(), format!("the splunk log configuration of container {} has no \"splunk-url\"", log.label))
                        .help("add \"splunk-url\": the address of the Splunk HTTP Event Collector, such as \"https://splunk.example.com:8088\""),
                );
            }
            if log.option("splunk-token").is_none() && !token_in_secret_options(log.config) {
                out.push(
                    Finding::at(log.missing_option_at(), format!("the splunk log configuration of container {} has no \"splunk-token\"", log.label))
                        .help("add the HTTP Event Collector token as a secret: \"secretOptions\": [{\"name\": \"splunk-token\", \"valueFrom\": \"<secret ARN>\"}]"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SplunkOptionsMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(config: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "splunk"{config}}}}}]}}"#
        )
    }

    #[test]
    fn missing_url_or_token_fail() {
        let d = assert_fails(&Rule::META, &task(r#", "options": {"splunk-token": "t"}"#));
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options"
        );
        assert_eq!(
            d[0].message,
            "the splunk log configuration of container 'app' has no \"splunk-url\""
        );
        let d = assert_fails(
            &Rule::META,
            &task(r#", "options": {"splunk-url": "https://s"}"#),
        );
        assert!(d[0].message.ends_with("has no \"splunk-token\""));
        let d = assert_fails(&Rule::META, &task(""));
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/logConfiguration");
        assert_fails(
            &Rule::META,
            &task(
                r#", "options": {"splunk-url": "https://s"}, "secretOptions": [{"name": "other", "valueFrom": "v"}]"#,
            ),
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "splunk"}}]"#,
        );
    }

    #[test]
    fn token_in_options_or_secret_options_passes() {
        assert_passes(
            &Rule::META,
            &task(r#", "options": {"splunk-url": "https://s", "splunk-token": "t"}"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#", "options": {"splunk-url": "https://s"}, "secretOptions": [{"name": "splunk-token", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/t"}]"#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration:\n            LogDriver: splunk\n            Options: {splunk-url: !Ref Url}\n            SecretOptions: !Ref Secrets\n");
        assert_passes(
            &Rule::META,
            &task(r#", "options": {"splunk-token": "t"}"#).replace("splunk\"", "awslogs\""),
        );
    }
}
