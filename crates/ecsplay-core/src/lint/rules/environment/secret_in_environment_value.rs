use super::{env_entries, secret_in_value, SecretKind};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an `environment` value that is recognisably a credential, by the patterns of
    /// checkov's secret scanner and detect-secrets:
    ///
    /// - an AWS access key id:
    ///   `(A3T[A-Z0-9]|AKIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}`;
    /// - a 40-character AWS secret access key (a run of exactly 40 of `[A-Za-z0-9/+=]`) in a
    ///   variable whose name contains `aws` followed by `secret` or `key`;
    /// - a PEM private key header, `-----BEGIN PRIVATE KEY-----` optionally with `RSA`, `EC`,
    ///   `DSA` or `OPENSSH` before `PRIVATE` (rules.md writes the alternation with the space
    ///   only after `OPENSSH`, which would miss `BEGIN RSA PRIVATE KEY`; the space is read as
    ///   following each name, as in checkov's own pattern).
    ///
    /// The finding points at the value and never repeats it. Part of the security hint
    /// TD-SEC-015 (reported under TD-ENV-006 when only the name looks secret).
    ///
    /// ## Why is this bad?
    /// This is a live credential in plain text: anyone who can describe the task definition,
    /// read its CloudFormation template or Terraform state, or open the console page can copy
    /// it, and it stays in every old revision after you change it. Treat it as leaked: rotate
    /// it. AWS keys should not be in a task at all: give the task a `taskRoleArn` and the SDKs
    /// pick up temporary credentials by themselves. Other keys belong in `secrets`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "worker",
    ///       "image": "public.ecr.aws/docker/library/python:3.12-slim",
    ///       "memory": 512,
    ///       "environment": [
    ///         {"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"},
    ///         {"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/worker-task",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "worker",
    ///       "image": "public.ecr.aws/docker/library/python:3.12-slim",
    ///       "memory": 512
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CKV-SECRETS: checkov/common/util/secrets.py (checkov 3.3.30, `_secrets_regexes['aws']`, `general`)
    /// - DSEC: detect_secrets/plugins/aws.py (bc-detect-secrets 1.5.52, AWSKeyDetector)
    /// - TRIVY: checks/cloud/aws/ecs/no_plaintext_secrets.rego (AVD-AWS-0036)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
    pub struct SecretInEnvironmentValue {
        code: "TD-ENV-007",
        name: "secret-in-environment-value",
        severity: Warning,
        scope: Containers,
        summary: "environment variable value that is an AWS key or a private key",
    }
}

/// What to do about a credential found in plain text, by its kind.
pub(super) fn secret_help(kind: SecretKind) -> &'static str {
    match kind {
        SecretKind::AccessKeyId | SecretKind::SecretAccessKey => {
            "treat the key as leaked and deactivate it; give the task a taskRoleArn instead, whose temporary credentials the AWS SDKs find by themselves"
        }
        SecretKind::PrivateKey => {
            "treat the key as leaked and replace it; store the new one in Secrets Manager and inject it with \"secrets\""
        }
    }
}

impl Rule for SecretInEnvironmentValue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for e in env_entries(cx) {
            let (Some(node), Some(value)) = (e.value_node, e.value) else {
                continue;
            };
            let Some(kind) = secret_in_value(e.name, value) else {
                continue;
            };
            let name = e.name.unwrap_or("(unnamed)");
            out.push(
                Finding::at(
                    node,
                    format!(
                        "environment variable {name} of container {} holds {} in plain text",
                        e.label,
                        kind.describe()
                    ),
                )
                .help(secret_help(kind)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cfn_container, with_env};
    use super::SecretInEnvironmentValue as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn access_key_ids_warn_at_the_value() {
        let text = with_env("KEY", "AKIAIOSFODNN7EXAMPLE");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/environment/0/value");
        assert_eq!(spanned(&text, &d[0]), r#""AKIAIOSFODNN7EXAMPLE""#);
        assert_eq!(
            d[0].message,
            "environment variable KEY of container 'app' holds an AWS access key id in plain text"
        );
        assert!(!d[0].message.contains("AKIA"));
        // Any of the prefixes, anywhere in the value.
        assert_fails(&Rule::META, &with_env("CREDS", "id=ASIAIOSFODNN7EXAMPLE;x"));
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environment": [{"name": "K", "value": "AROAIOSFODNN7EXAMPLE"}]}]"#,
        );
    }

    #[test]
    fn secret_access_keys_and_private_keys_warn() {
        let d = assert_fails(
            &Rule::META,
            &with_env(
                "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ),
        );
        assert!(d[0].message.contains("an AWS secret access key"));
        let d = assert_fails(
            &Rule::META,
            &with_env("TLS_KEY", r"-----BEGIN RSA PRIVATE KEY-----\nMIIEow..."),
        );
        assert!(d[0].message.contains("a PEM private key"));
        assert!(d[0].help.as_deref().unwrap().contains("Secrets Manager"));
        assert_fails(
            &Rule::META,
            &cfn_container(
                "          Environment:\n            - {Name: ID, Value: AKIAIOSFODNN7EXAMPLE}\n",
            ),
        );
    }

    #[test]
    fn ordinary_values_pass() {
        for (name, value) in [
            ("AWS_ACCESS_KEY_ID", "akiaiosfodnn7example"),
            ("AWS_REGION", "us-east-1"),
            // 40 characters, but not next to an aws secret/key name.
            ("GIT_COMMIT", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            ("PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----"),
        ] {
            assert_passes(&Rule::META, &with_env(name, value));
        }
        assert_passes(
            &Rule::META,
            &cfn_container("          Environment:\n            - {Name: AWS_SECRET_ACCESS_KEY, Value: !Ref Key}\n"),
        );
    }
}
