use crate::declare_rule;
use crate::lint::rules::environment::value_from_problem;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a log `secretOptions` entry whose `valueFrom` is not a reference ECS can
    /// resolve: a Secrets Manager secret ARN (optionally with `:json-key:version-stage:version-id`),
    /// an SSM Parameter Store parameter ARN, or the name of a parameter in the task's Region.
    /// An entry without `name` or `valueFrom` is found by the JSON Schema layer (both are
    /// required) and reported under this code too.
    ///
    /// ## Why is this bad?
    /// ECS fetches each log secret with the execution role before the container starts and
    /// passes it to the driver as the option `name`. A reference it cannot resolve (a
    /// placeholder account id, an `s3://` URL, a secret ARN with a broken suffix) stops the
    /// container from starting with a secrets error; an entry without `name` or `valueFrom` is
    /// refused by RegisterTaskDefinition. The grammar is the one of container `secrets`
    /// (TD-ENV-010).
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
    ///       "logConfiguration": {
    ///         "logDriver": "splunk",
    ///         "options": {"splunk-url": "https://splunk.example.com:8088"},
    ///         "secretOptions": [{"name": "splunk-token", "valueFrom": "arn:aws:secretsmanager:us-east-1:XXXXXXXXXXXX:secret:splunk-token"}]
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
    /// - BOTO:Secret (botocore 1.44.5 ECS model: name and valueFrom required)
    /// - BOTO:Secret.valueFrom (botocore 1.44.5 ECS model: secret ARN, parameter ARN or parameter name)
    /// - DG23:specifying-sensitive-data-secrets.md (archived ECS developer guide: the Secrets Manager ARN syntax)
    pub struct LogSecretOptionInvalid {
        code: "TD-LOG-025",
        name: "log-secret-option-invalid",
        severity: Error,
        scope: Containers,
        summary: "log secretOptions entry without name or valueFrom, or with a valueFrom ECS cannot resolve",
    }
}

impl Rule for LogSecretOptionInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            let Some(secrets) = c.at_path(["logConfiguration", "secretOptions"]) else {
                continue;
            };
            for secret in secrets.items() {
                let Some(node) = secret.get("valueFrom") else {
                    continue;
                };
                let Some(value) = node.as_str() else { continue };
                if let Some(problem) = value_from_problem(value) {
                    out.push(
                        Finding::at(node, format!("valueFrom \"{value}\" of a log secret of container {} {problem}", container_label(c, i)))
                            .help("write the full ARN of the secret (arn:aws:secretsmanager:<region>:<account-id>:secret:<name>) or parameter (arn:aws:ssm:<region>:<account-id>:parameter/<name>), or a parameter name"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LogSecretOptionInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(secret: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "splunk", "secretOptions": [{secret}]}}}}]}}"#
        )
    }

    #[test]
    fn unresolvable_references_fail_at_the_value() {
        let text = task(
            r#"{"name": "splunk-token", "valueFrom": "arn:aws:secretsmanager:us-east-1:XXXXXXXXXXXX:secret:t"}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/secretOptions/0/valueFrom"
        );
        assert_eq!(
            spanned(&text, &d[0]),
            r#""arn:aws:secretsmanager:us-east-1:XXXXXXXXXXXX:secret:t""#
        );
        assert_eq!(
            d[0].message,
            "valueFrom \"arn:aws:secretsmanager:us-east-1:XXXXXXXXXXXX:secret:t\" of a log secret of container 'app' does not have a 12-digit account id (a placeholder left in?)"
        );
        assert_fails(
            &Rule::META,
            &task(r#"{"name": "t", "valueFrom": "s3://bucket/token"}"#),
        );
        assert_fails(
            &Rule::META,
            &task(
                r#"{"name": "t", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db:key"}"#,
            ),
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "t", "valueFrom": "{{token}}"}]}}]"#,
        );
    }

    #[test]
    fn missing_members_are_reported_by_the_schema_under_this_code() {
        let d = assert_fails(&Rule::META, &task(r#"{"name": "splunk-token"}"#));
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/secretOptions/0"
        );
        assert!(d[0]
            .message
            .contains(r#"missing the required member "valueFrom""#));
    }

    #[test]
    fn resolvable_references_and_deploy_time_values_pass() {
        for ok in [
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:splunk-AbCdEf",
            "arn:aws:ssm:us-east-1:123456789012:parameter/splunk/token",
            "/splunk/token",
            "splunk-token",
        ] {
            assert_passes(
                &Rule::META,
                &task(&format!(r#"{{"name": "t", "valueFrom": "{ok}"}}"#)),
            );
        }
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration:\n            LogDriver: splunk\n            SecretOptions: [{Name: splunk-token, ValueFrom: !Ref TokenSecret}]\n");
    }
}
