use super::secret_in_environment_value::secret_help;
use super::{secret_in_value, SecretKind};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Applies the credential patterns of TD-ENV-007 (AWS access key ids, 40-character secret
    /// access keys next to an `aws…secret/key` name, PEM private keys) to the other plain-text
    /// values of a container: the elements of `command` and `entryPoint`, the values of
    /// `dockerLabels` and the values of `logConfiguration.options`. For `command` and
    /// `entryPoint` the "name" of the 40-character pattern is the previous element
    /// (`["--aws-secret-key", "…"]`) or the part before `=` (`AWS_SECRET_ACCESS_KEY=…`).
    ///
    /// ## Why is this bad?
    /// These values are as public as `environment`: anyone who can describe the task definition
    /// reads them, Docker labels are also visible to everything on the host that can talk to
    /// the Docker daemon, and the values stay in every old revision. A credential there has
    /// leaked; rotate it, and pass the new one with `secrets` (or, for a log driver,
    /// `secretOptions`). AWS keys are better replaced by the task role.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "sync",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "sync",
    ///       "image": "public.ecr.aws/aws-cli/aws-cli:2.17.0",
    ///       "memory": 256,
    ///       "entryPoint": ["sh", "-c"],
    ///       "command": ["AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE aws s3 sync /data s3://backups"]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "sync",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/sync-task",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "sync",
    ///       "image": "public.ecr.aws/aws-cli/aws-cli:2.17.0",
    ///       "memory": 256,
    ///       "entryPoint": ["sh", "-c"],
    ///       "command": ["aws s3 sync /data s3://backups"]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CKV-SECRETS: checkov/common/util/secrets.py (checkov 3.3.30, `_secrets_regexes['aws']`, `general`)
    /// - DSEC: detect_secrets/plugins/aws.py (bc-detect-secrets 1.5.52, AWSKeyDetector)
    /// - BOTO:ContainerDefinition.dockerLabels, LogConfiguration.secretOptions (botocore 1.44.5 ECS model)
    pub struct SecretInOtherValues {
        code: "TD-ENV-008",
        name: "secret-in-other-values",
        severity: Info,
        scope: Containers,
        summary: "command, entryPoint, Docker label or log option value that is a credential",
    }
}

/// The credential in one `command`/`entryPoint` element, judged with the previous element or the
/// part before `=` as its name.
fn secret_in_argument(previous: Option<&str>, arg: &str) -> Option<SecretKind> {
    secret_in_value(previous, arg).or_else(|| {
        let (name, value) = arg.split_once('=')?;
        secret_in_value(Some(name), value)
    })
}

impl Rule for SecretInOtherValues {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            let label = container_label(c, i);
            let mut found: Vec<(&Node, String, SecretKind)> = Vec::new();
            for key in ["entryPoint", "command"] {
                let items = c.get(key).map(Node::items).unwrap_or_default();
                let mut previous: Option<&str> = None;
                for (at, item) in items.iter().enumerate() {
                    let arg = item.as_str();
                    if let Some(kind) = arg.and_then(|a| secret_in_argument(previous, a)) {
                        found.push((item, format!("{key}[{at}]"), kind));
                    }
                    previous = arg;
                }
            }
            let maps = [
                (c.get("dockerLabels"), "Docker label"),
                (c.at_path(["logConfiguration", "options"]), "log option"),
            ];
            for (map, what) in maps {
                for m in map.map(Node::members).unwrap_or_default() {
                    let kind = m
                        .value
                        .as_str()
                        .and_then(|v| secret_in_value(Some(&m.key), v));
                    if let Some(kind) = kind {
                        found.push((&m.value, format!("{what} \"{}\"", m.key), kind));
                    }
                }
            }
            for (node, place, kind) in found {
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "{place} of container {label} holds {} in plain text",
                            kind.describe()
                        ),
                    )
                    .help(secret_help(kind)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::with_container;
    use super::SecretInOtherValues as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn credentials_in_commands_labels_and_log_options() {
        let text = with_container(
            r#""command": ["run", "--key", "AKIAIOSFODNN7EXAMPLE"], "entryPoint": ["sh", "-c"]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/command/2");
        assert_eq!(spanned(&text, &d[0]), r#""AKIAIOSFODNN7EXAMPLE""#);
        assert_eq!(
            d[0].message,
            "command[2] of container 'app' holds an AWS access key id in plain text"
        );
        let key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        let d = assert_fails(
            &Rule::META,
            &with_container(&format!(
                r#""entryPoint": ["env", "AWS_SECRET_ACCESS_KEY={key}", "app"]"#
            )),
        );
        assert_eq!(d[0].pointer, "/containerDefinitions/0/entryPoint/1");
        assert_fails(
            &Rule::META,
            &with_container(&format!(r#""command": ["--aws-secret-key", "{key}"]"#)),
        );
        let d = assert_fails(
            &Rule::META,
            &with_container(
                r#""dockerLabels": {"deploy.key": "-----BEGIN OPENSSH PRIVATE KEY-----"}"#,
            ),
        );
        assert_eq!(
            d[0].message,
            "Docker label \"deploy.key\" of container 'app' holds a PEM private key in plain text"
        );
        let d = assert_fails(
            &Rule::META,
            &format!(
                r#"[{{"name": "a", "image": "b", "logConfiguration": {{"logDriver": "awsfirelens", "options": {{"Name": "s3", "aws_secret_key": "{key}"}}}}}}]"#
            ),
        );
        assert_eq!(d[0].pointer, "/0/logConfiguration/options/aws_secret_key");
    }

    #[test]
    fn ordinary_values_pass() {
        assert_passes(
            &Rule::META,
            &with_container(
                r#""command": ["--key", "da39a3ee5e6b4b0d3255bfef95601890afd80709"], "dockerLabels": {"team": "web"}, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}"#,
            ),
        );
        // environment is TD-ENV-007's.
        assert_passes(
            &Rule::META,
            &with_container(r#""environment": [{"name": "K", "value": "AKIAIOSFODNN7EXAMPLE"}]"#),
        );
    }
}
