use super::{is_secret_name, parse_secret_arn};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a `repositoryCredentials.credentialsParameter` that is neither the ARN of a
    /// Secrets Manager secret (`arn:aws:secretsmanager:<region>:<account-id>:secret:<name>`)
    /// nor a secret name (letters, digits and `/ _ + = . @ -`). A missing
    /// `credentialsParameter` is reported by the schema layer (TD-SHAPE-014).
    ///
    /// ## Why is this bad?
    /// ECS reads the private registry's user name and password from that secret, with the
    /// task execution role, before it pulls the image. A value it cannot resolve (an SSM
    /// parameter, a URL, an account-id placeholder) fails the pull: the task stops with
    /// `CannotPullContainerError` or `ResourceInitializationError`. Only Secrets Manager is
    /// supported here, and a name only works for a secret in the task's own Region and
    /// account.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "registry.example.com/team/web:1.4.2",
    ///       "memory": 512,
    ///       "repositoryCredentials": {"credentialsParameter": "arn:aws:ssm:us-east-1:123456789012:parameter/registry"}
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
    ///       "image": "registry.example.com/team/web:1.4.2",
    ///       "memory": 512,
    ///       "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-AbCdEf"}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RepositoryCredentials.credentialsParameter (botocore 1.44.5 ECS model)
    /// - DG23: private-auth.md
    pub struct RepositoryCredentialsInvalid {
        code: "TD-ENV-020",
        name: "repository-credentials-invalid",
        severity: Error,
        scope: Containers,
        summary: "repositoryCredentials that do not name a Secrets Manager secret",
    }
}

impl Rule for RepositoryCredentialsInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            let Some(node) = c.at_path(["repositoryCredentials", "credentialsParameter"]) else {
                continue;
            };
            let Some(value) = node.as_str() else { continue };
            let problem = if value.starts_with("arn:") {
                parse_secret_arn(value).err()
            } else if is_secret_name(value) {
                None
            } else if value.is_empty() {
                Some("is empty")
            } else {
                Some("is neither a Secrets Manager secret ARN nor a secret name")
            };
            let Some(problem) = problem else { continue };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "credentialsParameter \"{value}\" of container {} {problem}",
                        container_label(c, i)
                    ),
                )
                .help("write the ARN of the Secrets Manager secret that holds the registry's username and password: arn:aws:secretsmanager:<region>:<account-id>:secret:<name>"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cfn_container, with_container};
    use super::RepositoryCredentialsInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn creds(value: &str) -> String {
        with_container(&format!(
            r#""repositoryCredentials": {{"credentialsParameter": "{value}"}}"#
        ))
    }

    #[test]
    fn unusable_references_fail() {
        let text = creds("arn:aws:ssm:us-east-1:123456789012:parameter/registry");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/repositoryCredentials/credentialsParameter"
        );
        assert_eq!(
            spanned(&text, &d[0]),
            r#""arn:aws:ssm:us-east-1:123456789012:parameter/registry""#
        );
        assert_eq!(
            d[0].message,
            "credentialsParameter \"arn:aws:ssm:us-east-1:123456789012:parameter/registry\" of container 'app' is not a Secrets Manager secret ARN"
        );
        for bad in [
            "arn:aws:secretsmanager:us-east-1:XXXXXXXXXXXX:secret:registry",
            "https://registry.example.com",
            "my registry",
            "",
        ] {
            assert_fails(&Rule::META, &creds(bad));
        }
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "repositoryCredentials": {"credentialsParameter": "{{creds}}"}}]"#,
        );
    }

    #[test]
    fn secret_arns_and_names_pass() {
        for ok in [
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-AbCdEf",
            "dockerhub/credentials",
            "registry",
        ] {
            assert_passes(&Rule::META, &creds(ok));
        }
        assert_passes(
            &Rule::META,
            &cfn_container(
                "          RepositoryCredentials: {CredentialsParameter: !Ref RegistrySecret}\n",
            ),
        );
    }
}
