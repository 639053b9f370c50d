use super::{env_entries, is_secret_like_name, secret_in_value};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an `environment` variable whose name says it holds a secret: the name
    /// (case-insensitive) contains `password`, `secret`, `private_key`, `aws_access_key_id`,
    /// `aws_secret_access_key`, `token` or `api_key` (but does not end in `token_type` or
    /// `version`), or is one of `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `ECS_ENGINE_AUTH_DATA`. The security hint TD-SEC-015 names the same condition and is
    /// reported under this code (and TD-ENV-007).
    ///
    /// These are the patterns of Trivy's AVD-AWS-0036 and AWS Config's
    /// `ecs-no-environment-secrets`. Entries are skipped when the value is empty, when it is an
    /// ARN (a reference to a secret, not the secret), and when TD-ENV-007 already recognises
    /// the value itself as a key, so that one entry gets one finding. A CloudFormation value
    /// only known at deploy time (`!Ref DbPassword`) is still reported: ECS stores the resolved
    /// value in the task definition in plain text.
    ///
    /// ## Why is this bad?
    /// Environment values are part of the task definition: anyone allowed
    /// `ecs:DescribeTaskDefinition` can read them, they show in the console, in CloudTrail and
    /// in every copy of the definition, and they stay in every old revision. Secrets belong in
    /// `secrets`, which ECS reads from Secrets Manager or SSM Parameter Store with the task
    /// execution role when the container starts. A name is only a hint: if the variable holds
    /// no secret (a token URL, a password policy), this warning can be ignored.
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
    ///       "environment": [{"name": "DB_PASSWORD", "value": "s3cr3t-pa55"}]
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - TRIVY: checks/cloud/aws/ecs/no_plaintext_secrets.rego (AVD-AWS-0036, severity CRITICAL)
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-no-environment-secrets.html
    /// - DG23: taskdef-envfiles.md (plain-text values readable with ecs:DescribeTaskDefinition)
    pub struct SecretLikeEnvironmentName {
        code: "TD-ENV-006",
        name: "secret-like-environment-name",
        severity: Warning,
        scope: Containers,
        summary: "environment variable whose name says it holds a secret",
        aliases: ["TD-SEC-015"],
    }
}

impl Rule for SecretLikeEnvironmentName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for e in env_entries(cx) {
            let (Some(node), Some(name)) = (e.name_node, e.name) else {
                continue;
            };
            if !is_secret_like_name(name) {
                continue;
            }
            let skip = match (e.value_node, e.value) {
                (None, _) => true,
                (Some(v), _) if v.is_null() => true,
                (_, Some(value)) => {
                    value.is_empty()
                        || value.starts_with("arn:")
                        || secret_in_value(Some(name), value).is_some()
                }
                // A deploy-time value is stored resolved, in plain text.
                (Some(_), None) => false,
            };
            if skip {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!(
                        "environment variable {name} of container {} looks like a secret; its value is stored in plain text in the task definition",
                        e.label
                    ),
                )
                .help(format!(
                    "move it to \"secrets\": {{\"name\": \"{name}\", \"valueFrom\": \"<ARN of a Secrets Manager secret or SSM parameter>\"}}"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cfn_container, with_container, with_env};
    use super::SecretLikeEnvironmentName as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn each_name_pattern_warns() {
        for name in [
            "DB_PASSWORD",
            "CLIENT_SECRET",
            "SSH_PRIVATE_KEY",
            "aws_access_key_id",
            "AWS_SECRET_ACCESS_KEY",
            "GITHUB_TOKEN",
            "Stripe_Api_Key",
            "ECS_ENGINE_AUTH_DATA",
        ] {
            assert_fails(&Rule::META, &with_env(name, "x"));
        }
        let text = with_env("DB_PASSWORD", "hunter2");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/environment/0/name");
        assert_eq!(spanned(&text, &d[0]), r#""DB_PASSWORD""#);
        assert_eq!(
            d[0].message,
            "environment variable DB_PASSWORD of container 'app' looks like a secret; its value is stored in plain text in the task definition"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environment": [{"name": "API_TOKEN", "value": "t"}]}]"#,
        );
        // A deploy-time value still ends up in the task definition in plain text.
        assert_fails(
            &Rule::META,
            &cfn_container("          Environment:\n            - {Name: DB_PASSWORD, Value: !Ref DbPassword}\n"),
        );
    }

    #[test]
    fn exceptions_pass() {
        for (name, value) in [
            ("OAUTH_TOKEN_TYPE", "bearer"),
            ("SECRET_VERSION", "3"),
            ("PORT", "8080"),
            ("DB_PASSWORD", ""),
            (
                "DB_PASSWORD_ARN",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
            ),
            // TD-ENV-007 reports the value itself.
            ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
        ] {
            assert_passes(&Rule::META, &with_env(name, value));
        }
        assert_passes(
            &Rule::META,
            &with_container(r#""environment": [{"name": "API_TOKEN"}]"#),
        );
        assert_passes(
            &Rule::META,
            &with_container(r#""secrets": [{"name": "DB_PASSWORD", "valueFrom": "/db"}]"#),
        );
    }
}
