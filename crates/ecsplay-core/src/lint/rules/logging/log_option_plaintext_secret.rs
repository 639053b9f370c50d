use super::log_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a log option whose name says it holds a secret (`splunk-token`, or any name
    /// containing `token`, `password`, `apikey`, `api_key` or `secret`, in any letter case;
    /// names ending in `token_type` or `version` excepted) written in plain `options` instead of
    /// `secretOptions`. Any driver, FireLens output options included.
    ///
    /// ## Why is this bad?
    /// `options` are stored in the task definition as plain text: anyone allowed
    /// `ecs:DescribeTaskDefinition` can read them, and they end up in CI logs, templates and
    /// every revision of the definition. `secretOptions` takes the same name with a `valueFrom`
    /// pointing at Secrets Manager or SSM Parameter Store, and ECS injects the value when the
    /// container starts (the execution role needs read access to it).
    ///
    /// The value itself is not judged, so a CloudFormation reference (`!Ref SplunkToken`) is
    /// reported too: whatever it resolves to is stored in the definition in plain text.
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
    ///       "logConfiguration": {
    ///         "logDriver": "splunk",
    ///         "options": {"splunk-url": "https://splunk.example.com:8088", "splunk-token": "6f1c2a9e-5d4b-4c7e-9a3f-2b8d0e1f7a6c"}
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
    /// - DG23:task_definition_parameters.md (archived ECS developer guide: secretOptions example with splunk-token)
    /// - TRIVY: checks/cloud/aws/ecs/no_plaintext_secrets (the sensitive-name list)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
    pub struct LogOptionPlaintextSecret {
        code: "TD-LOG-017",
        name: "log-option-plaintext-secret",
        severity: Warning,
        scope: Containers,
        summary: "secret-looking log option in plain options instead of secretOptions",
    }
}

/// Parts of an option name that mark a secret.
const SECRET_WORDS: [&str; 5] = ["token", "password", "apikey", "api_key", "secret"];

/// Whether an option name says it holds a secret.
fn is_secret_name(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| lower.contains(w))
        && !lower.ends_with("token_type")
        && !lower.ends_with("version")
}

impl Rule for LogOptionPlaintextSecret {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in log_configs(cx) {
            let Some(options) = log.options else { continue };
            for member in options.members() {
                let empty = member.value.as_str() == Some("");
                if !is_secret_name(&member.key) || empty {
                    continue;
                }
                let key = &member.key;
                out.push(
                    Finding::at_key(
                        member,
                        format!("log option \"{key}\" of container {} looks like a secret and is stored in plain text", log.label),
                    )
                    .help(format!("move it to \"secretOptions\": [{{\"name\": \"{key}\", \"valueFrom\": \"<Secrets Manager or SSM parameter ARN>\"}}]")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LogOptionPlaintextSecret as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(driver: &str, options: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "{driver}", "options": {options}}}}}]}}"#
        )
    }

    #[test]
    fn secret_names_in_options_warn_at_the_key() {
        let text = task("splunk", r#"{"splunk-url": "u", "splunk-token": "t"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/splunk-token"
        );
        assert_eq!(spanned(&text, &d[0]), r#""splunk-token""#);
        assert_eq!(
            d[0].message,
            "log option \"splunk-token\" of container 'app' looks like a secret and is stored in plain text"
        );
        assert_fails(
            &Rule::META,
            &task("awsfirelens", r#"{"Name": "datadog", "apikey": "k"}"#),
        );
        assert_fails(
            &Rule::META,
            &task("awsfirelens", r#"{"Name": "http", "HTTP_Password": "p"}"#),
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awsfirelens", "options": {"client_secret": "s"}}}]"#,
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: splunk, Options: {splunk-token: !Ref Token}}\n");
    }

    #[test]
    fn ordinary_names_empty_values_and_secret_options_pass() {
        assert_passes(
            &Rule::META,
            &task(
                "awsfirelens",
                r#"{"Name": "cloudwatch", "region": "us-east-1", "log_key": "log"}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                "awsfirelens",
                r#"{"token_type": "bearer", "api_key_version": "2"}"#,
            ),
        );
        assert_passes(&Rule::META, &task("splunk", r#"{"splunk-token": ""}"#));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "app", "image": "b", "logConfiguration": {"logDriver": "splunk", "options": {"splunk-url": "u"}, "secretOptions": [{"name": "splunk-token", "valueFrom": "/t"}]}}]}"#,
        );
    }
}
