use super::{secret_refs, value_from_problem};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container secret whose `valueFrom` is none of the three forms ECS resolves:
    ///
    /// - a Secrets Manager secret ARN,
    ///   `arn:aws:secretsmanager:<region>:<account-id>:secret:<name>`, optionally followed by
    ///   `:json-key:version-stage:version-id` (all three colons kept);
    /// - an SSM Parameter Store parameter ARN,
    ///   `arn:aws:ssm:<region>:<account-id>:parameter/<name>`;
    /// - an SSM parameter name (`db-password`, `/prod/db/password`) in the task's Region.
    ///
    /// A 12-digit account id is required, so a placeholder (`XXXXXXXXXXXX`, `{{account}}`)
    /// left in an ARN is reported. The same grammar judges log `secretOptions` (TD-LOG-025).
    ///
    /// ## Why is this bad?
    /// ECS resolves every secret when the container starts. A reference it cannot resolve stops
    /// the task before the container runs (`ResourceInitializationError: unable to pull secrets
    /// or registry auth`), and a service keeps starting and failing tasks. A missing
    /// `secret:` or `parameter/` part, a half-written version suffix and an S3 or KMS ARN are
    /// the usual slips.
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:prod/db"}]
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
    /// - BOTO:Secret.valueFrom (botocore 1.44.5 ECS model)
    /// - DG23: specifying-sensitive-data-secrets.md
    /// - DG23: secrets-envvar-ssm-paramstore.md
    pub struct SecretValueFromInvalid {
        code: "TD-ENV-010",
        name: "secret-value-from-invalid",
        severity: Error,
        scope: Containers,
        summary: "secret valueFrom that is not a Secrets Manager or SSM reference",
    }
}

/// The help of both `valueFrom` rules (TD-ENV-010, TD-LOG-025 words it the same way).
const HELP: &str = "write the full ARN of the secret (arn:aws:secretsmanager:<region>:<account-id>:secret:<name>) or parameter (arn:aws:ssm:<region>:<account-id>:parameter/<name>), or a parameter name";

impl Rule for SecretValueFromInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in secret_refs(cx).filter(|s| s.kind == "secret") {
            if let Some(problem) = value_from_problem(s.value) {
                out.push(
                    Finding::at(
                        s.node,
                        format!(
                            "valueFrom \"{}\" of a secret of container {} {problem}",
                            s.value, s.label
                        ),
                    )
                    .help(HELP),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cfn_container, with_container, with_secret};
    use super::SecretValueFromInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unresolvable_references_fail_at_the_value() {
        let text = with_secret("arn:aws:secretsmanager:us-east-1:123456789012:prod/db");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/secrets/0/valueFrom");
        assert_eq!(
            spanned(&text, &d[0]),
            r#""arn:aws:secretsmanager:us-east-1:123456789012:prod/db""#
        );
        assert_eq!(
            d[0].message,
            "valueFrom \"arn:aws:secretsmanager:us-east-1:123456789012:prod/db\" of a secret of container 'app' is a Secrets Manager ARN without secret:<name>"
        );
        for bad in [
            "",
            "arn:aws:ssm:us-east-1:XXXXXXXXXXXX:parameter/db",
            "arn:aws:ssm:us-east-1:123456789012:db",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db:key",
            "arn:aws:s3:::bucket/secret.txt",
            "{{db_secret}}",
        ] {
            assert_fails(&Rule::META, &with_secret(bad));
        }
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "secrets": [{"name": "S", "valueFrom": "s3://bucket/key"}]}]"#,
        );
    }

    #[test]
    fn resolvable_references_pass() {
        for ok in [
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db:password::",
            "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db/password",
            "/db/password",
            "db-password",
        ] {
            assert_passes(&Rule::META, &with_secret(ok));
        }
        assert_passes(
            &Rule::META,
            &cfn_container(
                "          Secrets:\n            - {Name: S, ValueFrom: !Ref DbSecret}\n",
            ),
        );
        // Log secretOptions are TD-LOG-025's.
        assert_passes(
            &Rule::META,
            &with_container(
                r#""logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": "x y"}]}"#,
            ),
        );
    }
}
