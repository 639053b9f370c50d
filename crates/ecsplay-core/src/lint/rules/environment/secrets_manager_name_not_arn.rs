use super::{looks_like_secret_name, secret_refs};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `valueFrom` (of a container secret or a log secret) that is not an ARN and
    /// looks like a Secrets Manager secret **name**: it has a path (`prod/db`) that does not
    /// start with `/`. An SSM parameter name with a path must start with `/`
    /// (`/prod/db`), so such a value can only have been meant as a Secrets Manager secret.
    ///
    /// Secrets Manager and SSM names that have no `/` look alike and cannot be told apart;
    /// those are left to TD-ENV-012.
    ///
    /// ## Why is this bad?
    /// ECS only accepts a bare name for SSM Parameter Store parameters: it looks `prod/db` up
    /// as a parameter, finds none, and the task stops before the container starts
    /// (`ResourceInitializationError: unable to pull secrets or registry auth`). A Secrets
    /// Manager secret has to be given by its full ARN.
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "prod/db-password"}]
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-password-AbCdEf"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Secret.valueFrom (botocore 1.44.5 ECS model: a name only for SSM parameters in the same Region)
    /// - DOC: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html (a parameter in a hierarchy starts with /)
    /// - DG23: specifying-sensitive-data-secrets.md
    pub struct SecretsManagerNameNotArn {
        code: "TD-ENV-011",
        name: "secrets-manager-name-not-arn",
        severity: Warning,
        scope: Containers,
        summary: "secret valueFrom that looks like a Secrets Manager name instead of its ARN",
    }
}

impl Rule for SecretsManagerNameNotArn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in secret_refs(cx).filter(|s| looks_like_secret_name(s.value)) {
            out.push(
                Finding::at(
                    s.node,
                    format!(
                        "valueFrom \"{}\" of a {} of container {} looks like a Secrets Manager secret name; ECS reads a name as an SSM parameter, and a parameter path starts with /",
                        s.value, s.kind, s.label
                    ),
                )
                .help(format!(
                    "write the secret's full ARN: arn:aws:secretsmanager:<region>:<account-id>:secret:{} (or \"/{}\" if it is an SSM parameter)",
                    s.value, s.value
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::with_secret;
    use super::SecretsManagerNameNotArn as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn path_names_without_a_leading_slash_warn() {
        let text = with_secret("prod/db");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/secrets/0/valueFrom");
        assert_eq!(spanned(&text, &d[0]), r#""prod/db""#);
        assert!(d[0].message.starts_with(
            "valueFrom \"prod/db\" of a secret of container 'app' looks like a Secrets Manager secret name"
        ));
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": "splunk/token"}]}}]"#,
        );
        assert!(d[0].message.contains("of a log secret of"));
    }

    #[test]
    fn arns_and_parameter_names_pass() {
        for ok in [
            "/prod/db",
            "db-password",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db",
            "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db",
            // Not a name at all: TD-ENV-010's.
            "prod db/x",
        ] {
            assert_passes(&Rule::META, &with_secret(ok));
        }
    }
}
