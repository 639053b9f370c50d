//! Rules of the `environment` group (rules.md §10): environment variables, secrets, environment
//! files and private-registry credentials.
//!
//! Shared here: the walks over `environment` entries and secret references, the one `valueFrom`
//! grammar (TD-ENV-010, also used by TD-LOG-025 for log `secretOptions`), the Secrets Manager
//! ARN reader (TD-ENV-013/014/020) and the secret patterns of TD-ENV-006/007/008.
//! TD-SEC-015 is an alias of TD-ENV-006 (rules.md §0.4).

mod duplicate_environment_name;
mod duplicate_secret_name;
mod environment_file_invalid;
mod environment_file_not_env;
mod environment_files_on_windows;
mod environment_name_missing;
mod environment_name_not_portable;
mod environment_overrides_limit;
mod large_environment;
mod repository_credentials_invalid;
mod repository_credentials_on_ecr;
mod secret_in_environment_value;
mod secret_in_other_values;
mod secret_json_key_or_version;
mod secret_like_environment_name;
mod secret_missing_member;
mod secret_value_from_invalid;
mod secret_version_stage_and_id;
mod secrets_manager_name_not_arn;
mod ssm_parameter_by_name;
mod too_many_environment_files_in_task;
mod value_not_string;
mod variable_in_environment_and_secrets;

use crate::lint::{Context, Rule};
use crate::model::container_label;
use crate::source::{Member, Node};
use regex::Regex;
use std::sync::OnceLock;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &value_not_string::EnvironmentValueNotString,
    &environment_name_missing::EnvironmentNameMissing,
    &duplicate_environment_name::DuplicateEnvironmentName,
    &variable_in_environment_and_secrets::VariableInEnvironmentAndSecrets,
    &environment_name_not_portable::EnvironmentNameNotPortable,
    &secret_like_environment_name::SecretLikeEnvironmentName,
    &secret_in_environment_value::SecretInEnvironmentValue,
    &secret_in_other_values::SecretInOtherValues,
    &secret_missing_member::SecretMissingMember,
    &secret_value_from_invalid::SecretValueFromInvalid,
    &secrets_manager_name_not_arn::SecretsManagerNameNotArn,
    &ssm_parameter_by_name::SsmParameterByName,
    &secret_version_stage_and_id::SecretVersionStageAndId,
    &secret_json_key_or_version::SecretJsonKeyOrVersion,
    &duplicate_secret_name::DuplicateSecretName,
    &environment_file_invalid::EnvironmentFileInvalid,
    &environment_file_not_env::EnvironmentFileNotEnv,
    &environment_files_on_windows::EnvironmentFilesOnWindows,
    &too_many_environment_files_in_task::TooManyEnvironmentFilesInTask,
    &repository_credentials_invalid::RepositoryCredentialsInvalid,
    &repository_credentials_on_ecr::RepositoryCredentialsOnEcr,
    &large_environment::LargeEnvironment,
    &environment_overrides_limit::EnvironmentOverridesLimit,
];

/// One `{name, value}` entry of a container's `environment`.
pub(super) struct EnvEntry<'a> {
    /// The container, for messages: `'app'` or `#2`.
    pub label: String,
    /// The entry object.
    pub entry: &'a Node,
    /// The `name` member's value, if written.
    pub name_node: Option<&'a Node>,
    /// The name, when it is a string.
    pub name: Option<&'a str>,
    /// The `value` member's value, if written.
    pub value_node: Option<&'a Node>,
    /// The value, when it is a string.
    pub value: Option<&'a str>,
}

/// Every object entry of every container's `environment`, in order.
pub(super) fn env_entries<'a>(cx: &'a Context<'a>) -> impl Iterator<Item = EnvEntry<'a>> + 'a {
    cx.container_members("environment")
        .flat_map(|(i, container, list)| {
            list.items()
                .iter()
                .filter(|e| e.is_object())
                .map(move |entry| {
                    let name_node = entry.get("name");
                    let value_node = entry.get("value");
                    EnvEntry {
                        label: container_label(container, i),
                        entry,
                        name_node,
                        name: name_node.and_then(Node::as_str),
                        value_node,
                        value: value_node.and_then(Node::as_str),
                    }
                })
        })
}

/// Every container's member `key` (key and value), for findings on a whole list, which point at
/// the key: (container index, container, member).
pub(super) fn container_lists<'a>(
    cx: &'a Context<'a>,
    key: &'a str,
) -> impl Iterator<Item = (usize, &'a Node, &'a Member)> + 'a {
    cx.containers()
        .filter_map(move |(i, c)| c.member(key).map(|m| (i, c, m)))
}

/// How many items of a list are known now: a CloudFormation item such as
/// `!If [Cond, {...}, !Ref AWS::NoValue]` may turn out to be nothing, so it is not counted.
pub(super) fn known_items(list: &Node) -> usize {
    list.items().iter().filter(|i| !i.is_unknown()).count()
}

/// The entries of one list (`environment`, `secrets`) whose `name` is a string: (name node, name).
pub(super) fn named_items(list: &Node) -> Vec<(&Node, &str)> {
    list.items()
        .iter()
        .filter_map(|e| {
            let node = e.get("name")?;
            Some((node, node.as_str()?))
        })
        .collect()
}

/// The entries of a list whose `name` repeats an earlier one: (the repeat, its name, the first).
pub(super) fn repeated_names(list: &Node) -> Vec<(&Node, &str, &Node)> {
    let named = named_items(list);
    named
        .iter()
        .enumerate()
        .filter_map(|(at, (node, name))| {
            let before = named.get(..at)?;
            let (first, _) = before.iter().find(|(_, n)| n == name)?;
            Some((*node, *name, *first))
        })
        .collect()
}

/// A secret reference: a container secret (`secrets[*]`) or a log secret
/// (`logConfiguration.secretOptions[*]`) whose `valueFrom` is a string.
pub(super) struct SecretRef<'a> {
    /// `"secret"` or `"log secret"`, for messages.
    pub kind: &'static str,
    /// The container, for messages.
    pub label: String,
    /// The `valueFrom` value.
    pub node: &'a Node,
    /// The reference.
    pub value: &'a str,
}

/// Every container secret, then (per container) every log secret, whose `valueFrom` is a string.
pub(super) fn secret_refs<'a>(cx: &'a Context<'a>) -> impl Iterator<Item = SecretRef<'a>> + 'a {
    cx.containers().flat_map(|(i, c)| {
        let own = c.get("secrets").map(Node::items).unwrap_or_default();
        let log = c
            .at_path(["logConfiguration", "secretOptions"])
            .map(Node::items)
            .unwrap_or_default();
        let kinds = own
            .iter()
            .map(|s| ("secret", s))
            .chain(log.iter().map(|s| ("log secret", s)));
        kinds.filter_map(move |(kind, secret)| {
            let node = secret.get("valueFrom")?;
            Some(SecretRef {
                kind,
                label: container_label(c, i),
                node,
                value: node.as_str()?,
            })
        })
    })
}

/// The parts of a Secrets Manager secret ARN
/// (`arn:aws:secretsmanager:region:account:secret:name[:json-key:version-stage:version-id]`).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SecretArn<'a> {
    /// The secret name, with the `-XXXXXX` suffix Secrets Manager adds if it was copied.
    pub name: &'a str,
    /// The JSON key, when the suffix names one.
    pub json_key: Option<&'a str>,
    /// The version stage (`AWSCURRENT`), when the suffix names one.
    pub version_stage: Option<&'a str>,
    /// The version id, when the suffix names one.
    pub version_id: Option<&'a str>,
}

/// What a `valueFrom` refers to, when ECS can resolve it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ValueFrom<'a> {
    /// A Secrets Manager secret ARN.
    SecretsManager(SecretArn<'a>),
    /// An SSM Parameter Store parameter ARN.
    SsmArn,
    /// An SSM parameter name (`name`, `/path/name`), looked up in the task's Region.
    ParameterName,
}

/// Reads a `valueFrom` (rules.md TD-ENV-010): (a) a Secrets Manager secret ARN, optionally
/// followed by `:json-key:version-stage:version-id`; (b) an SSM parameter ARN; (c) an SSM
/// parameter name. `Err` says what is wrong, completing "valueFrom "…" ".
pub(crate) fn parse_value_from(value: &str) -> Result<ValueFrom<'_>, &'static str> {
    if value.is_empty() {
        return Err("is empty");
    }
    let Some(rest) = value.strip_prefix("arn:") else {
        return if is_parameter_name(value) {
            Ok(ValueFrom::ParameterName)
        } else {
            Err("is neither a Secrets Manager or SSM Parameter Store ARN nor a parameter name")
        };
    };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    let [partition, service, region, account, resource] = parts.as_slice() else {
        return Err("is not a complete ARN");
    };
    if !arn_prefix_ok(partition, region) {
        return Err("does not have the arn:aws:<service>:<region>:<account>: prefix of an ARN");
    }
    if !is_account_id(account) {
        return Err("does not have a 12-digit account id (a placeholder left in?)");
    }
    match *service {
        "secretsmanager" => secret_arn_resource(resource).map(ValueFrom::SecretsManager),
        "ssm" => match resource.strip_prefix("parameter") {
            Some(name) if name.starts_with('/') && is_parameter_name(name) => Ok(ValueFrom::SsmArn),
            _ => Err("is an SSM ARN without parameter/<name>"),
        },
        _ => Err("is an ARN of neither Secrets Manager nor SSM Parameter Store"),
    }
}

/// What is wrong with the `valueFrom` of a secret, or `None` when it is one of the forms ECS
/// resolves (see [`parse_value_from`]). TD-ENV-010 and TD-LOG-025 both judge with this.
pub(crate) fn value_from_problem(value: &str) -> Option<&'static str> {
    parse_value_from(value).err()
}

/// Whether a `valueFrom` parameter name can only be a Secrets Manager secret name: it has a path
/// that does not start with `/`, which an SSM parameter in a hierarchy must (TD-ENV-011).
pub(super) fn looks_like_secret_name(value: &str) -> bool {
    parse_value_from(value) == Ok(ValueFrom::ParameterName)
        && value.contains('/')
        && !value.starts_with('/')
}

/// Reads a full Secrets Manager secret ARN (the form `repositoryCredentials` takes too).
pub(super) fn parse_secret_arn(value: &str) -> Result<SecretArn<'_>, &'static str> {
    match parse_value_from(value)? {
        ValueFrom::SecretsManager(arn) => Ok(arn),
        _ => Err("is not a Secrets Manager secret ARN"),
    }
}

/// The partition (`aws`, `aws-cn`, `aws-us-gov`, ...) and the Region of an ARN look right.
fn arn_prefix_ok(partition: &str, region: &str) -> bool {
    let partition_ok = partition
        .strip_prefix("aws")
        .is_some_and(|p| p.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
    let region_ok = !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    partition_ok && region_ok
}

/// Exactly twelve digits.
fn is_account_id(account: &str) -> bool {
    account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())
}

/// The `secret:<name>[:json-key:version-stage:version-id]` resource of a Secrets Manager ARN.
fn secret_arn_resource(resource: &str) -> Result<SecretArn<'_>, &'static str> {
    let Some(secret) = resource.strip_prefix("secret:") else {
        return Err("is a Secrets Manager ARN without secret:<name>");
    };
    let fields: Vec<&str> = secret.split(':').collect();
    let name = fields.first().copied().unwrap_or_default();
    if !is_secret_name(name) {
        return Err("has a secret name that is not letters, digits and / _ + = . @ -");
    }
    let part = |i: usize| fields.get(i).copied().filter(|s| !s.is_empty());
    // After the name: nothing, or exactly json-key:version-stage:version-id.
    match fields.len() {
        1 | 4 => Ok(SecretArn {
            name,
            json_key: part(1),
            version_stage: part(2),
            version_id: part(3),
        }),
        _ => Err(
            "has a suffix that is not :json-key:version-stage:version-id (keep all three colons)",
        ),
    }
}

/// A Secrets Manager secret name: letters, digits and `/ _ + = . @ -`.
pub(super) fn is_secret_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_+=.@-".contains(&b))
}

/// An SSM parameter name: `^/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$`.
fn is_parameter_name(value: &str) -> bool {
    let path = value.strip_prefix('/').unwrap_or(value);
    path.split('/').all(|segment| {
        !segment.is_empty()
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
    })
}

/// The most environment files a container may list (BOTO:ContainerDefinition.environmentFiles).
pub(super) const MAX_ENVIRONMENT_FILES: usize = 10;

/// The bucket and object key of an S3 object ARN,
/// `^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}/.+$` (TD-ENV-016).
pub(super) fn s3_object_arn(value: &str) -> Option<(&str, &str)> {
    let rest = value.strip_prefix("arn:aws")?;
    let (partition, rest) = rest.split_once(":s3:::")?;
    if !partition
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'-')
    {
        return None;
    }
    let (bucket, key) = rest.split_once('/')?;
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    (bucket_ok && !key.is_empty()).then_some((bucket, key))
}

/// Every container's `environmentFiles` entry whose `value` is a string: (container label,
/// value node, value).
pub(super) fn environment_file_values<'a>(
    cx: &'a Context<'a>,
) -> impl Iterator<Item = (String, &'a Node, &'a str)> + 'a {
    cx.container_members("environmentFiles")
        .flat_map(|(i, c, list)| {
            list.items().iter().filter_map(move |f| {
                let node = f.get("value")?;
                Some((container_label(c, i), node, node.as_str()?))
            })
        })
}

/// The characters of a container's `environment` as JSON (as an override would carry it).
pub(super) fn environment_chars(list: &Node) -> usize {
    serde_json::to_string(&list.to_json()).map_or(0, |s| s.chars().count())
}

/// The secret-looking environment variable names of TD-ENV-006: a name (case-insensitive) that
/// equals or contains one of these words (Trivy AVD-AWS-0036)...
const SECRET_NAME_WORDS: [&str; 7] = [
    "password",
    "secret",
    "private_key",
    "aws_access_key_id",
    "aws_secret_access_key",
    "token",
    "api_key",
];

/// ...or is one of AWS Config's default `secretKeys` (ecs-no-environment-secrets).
const CONFIG_SECRET_KEYS: [&str; 3] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "ECS_ENGINE_AUTH_DATA",
];

/// Whether an environment variable name says it holds a secret (TD-ENV-006): it contains one of
/// Trivy's words, unless it ends in `token_type` or `version`, or it is one of AWS Config's keys.
pub(super) fn is_secret_like_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let word = SECRET_NAME_WORDS.iter().any(|w| lower.contains(w))
        && !lower.ends_with("token_type")
        && !lower.ends_with("version");
    word || CONFIG_SECRET_KEYS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(name))
}

/// The kinds of secret a value can be recognised as (TD-ENV-007/008).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SecretKind {
    /// An AWS access key id (`AKIA…`).
    AccessKeyId,
    /// A 40-character AWS secret access key, next to a name that says so.
    SecretAccessKey,
    /// A PEM private key.
    PrivateKey,
}

impl SecretKind {
    /// How a message names it.
    pub fn describe(self) -> &'static str {
        match self {
            SecretKind::AccessKeyId => "an AWS access key id",
            SecretKind::SecretAccessKey => "an AWS secret access key",
            SecretKind::PrivateKey => "a PEM private key",
        }
    }
}

struct SecretPatterns {
    access_key_id: Regex,
    private_key: Regex,
}

fn secret_patterns() -> Option<&'static SecretPatterns> {
    static PATTERNS: OnceLock<Option<SecretPatterns>> = OnceLock::new();
    PATTERNS
        .get_or_init(|| {
            Some(SecretPatterns {
                // rules.md TD-ENV-007 (checkov's `aws` set plus detect-secrets' ABIA and ACCA).
                access_key_id: Regex::new(
                    r"(A3T[A-Z0-9]|AKIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}",
                )
                .ok()?,
                // rules.md writes `(RSA|EC|DSA|OPENSSH )?`; the space belongs after each name
                // (`BEGIN RSA PRIVATE KEY`), as in checkov's own pattern.
                private_key: Regex::new(r"-----BEGIN ((RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----")
                    .ok()?,
            })
        })
        .as_ref()
}

/// Whether a name is an `aws…secret` / `aws…key` name, next to which a 40-character string is
/// taken for a secret access key.
pub(super) fn is_aws_secret_key_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.find("aws").is_some_and(|at| {
        let rest = lower.get(at..).unwrap_or_default();
        rest.contains("secret") || rest.contains("key")
    })
}

/// A run of exactly 40 characters of `[A-Za-z0-9/+=]`, not part of a longer run:
/// `(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])`.
fn has_secret_key_run(value: &str) -> bool {
    let key_char = |c: char| c.is_ascii_alphanumeric() || "/+=".contains(c);
    value
        .split(|c: char| !key_char(c))
        .any(|run| run.len() == 40)
}

/// The secret a value holds, if it matches one of the patterns of TD-ENV-007. `name` is the
/// variable, label or option the value belongs to, if any: the 40-character pattern only counts
/// next to an `aws…secret/key` name.
pub(super) fn secret_in_value(name: Option<&str>, value: &str) -> Option<SecretKind> {
    let patterns = secret_patterns()?;
    if patterns.access_key_id.is_match(value) {
        Some(SecretKind::AccessKeyId)
    } else if patterns.private_key.is_match(value) {
        Some(SecretKind::PrivateKey)
    } else if name.is_some_and(is_aws_secret_key_name) && has_secret_key_run(value) {
        Some(SecretKind::SecretAccessKey)
    } else {
        None
    }
}

/// A task definition `web` whose one container `app` has these members added (as written).
#[cfg(test)]
pub(super) fn with_container(members: &str) -> String {
    format!(
        r#"{{"family": "web", "containerDefinitions": [{{"name": "app", "image": "b", {members}}}]}}"#
    )
}

/// A task definition whose one container `app` has one secret `S` with this `valueFrom`.
#[cfg(test)]
pub(super) fn with_secret(value_from: &str) -> String {
    with_container(&format!(
        r#""secrets": [{{"name": "S", "valueFrom": "{value_from}"}}]"#
    ))
}

/// A Secrets Manager secret ARN for tests; suffixes (`:json-key:stage:id`) are appended to it.
#[cfg(test)]
pub(super) const TEST_SECRET_ARN: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db";

/// [`with_secret`] with [`TEST_SECRET_ARN`] followed by `suffix`.
#[cfg(test)]
pub(super) fn with_secret_arn(suffix: &str) -> String {
    with_secret(&format!("{TEST_SECRET_ARN}{suffix}"))
}

/// A task definition whose one container `app` has one environment variable.
#[cfg(test)]
pub(super) fn with_env(name: &str, value: &str) -> String {
    with_container(&format!(
        r#""environment": [{{"name": "{name}", "value": "{value}"}}]"#
    ))
}

/// A task definition whose one container `app` has one environment file with this `value`.
#[cfg(test)]
pub(super) fn with_env_file(value: &str) -> String {
    with_container(&format!(
        r#""environmentFiles": [{{"value": "{value}", "type": "s3"}}]"#
    ))
}

/// A CloudFormation template whose one container `app` has these YAML lines (indented by 10).
#[cfg(test)]
pub(super) fn cfn_container(lines: &str) -> String {
    format!("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: b\n{lines}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_from_forms() {
        for ok in [
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:splunk-token-AbCdEf",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db:password::",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db:password:AWSCURRENT:",
            "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/splunk/token",
            "arn:aws:ssm:eu-west-1:123456789012:parameter/token",
            "splunk-token",
            "/splunk/token",
        ] {
            assert_eq!(value_from_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "arn:aws:secretsmanager:us-east-1:XXXXXXXXXXXX:secret:t",
            "arn:aws:secretsmanager:us-east-1:123456789012:t",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db:password",
            "arn:aws:ssm:us-east-1:123456789012:token",
            "arn:aws:s3:::bucket/key",
            "arn:aws:kms:us-east-1:123456789012:key/k",
            "{{splunk_token}}",
            "my token",
            "/a//b",
            "arn:aws:ssm",
        ] {
            assert!(value_from_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn secret_arn_parts() {
        let arn = parse_secret_arn(
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password:AWSCURRENT:",
        );
        assert_eq!(
            arn,
            Ok(SecretArn {
                name: "db-AbCdEf",
                json_key: Some("password"),
                version_stage: Some("AWSCURRENT"),
                version_id: None
            })
        );
        assert!(parse_secret_arn("/prod/db").is_err());
    }

    #[test]
    fn secret_like_names() {
        for name in [
            "DB_PASSWORD",
            "client_secret",
            "GITHUB_TOKEN",
            "STRIPE_API_KEY",
            "private_key",
            "aws_access_key_id",
            "AWS_SECRET_ACCESS_KEY",
            "ECS_ENGINE_AUTH_DATA",
            "ecs_engine_auth_data",
        ] {
            assert!(is_secret_like_name(name), "{name}");
        }
        for name in [
            "OAUTH_TOKEN_TYPE",
            "SECRET_VERSION",
            "PORT",
            "APIKEY",
            "AWS_REGION",
        ] {
            assert!(!is_secret_like_name(name), "{name}");
        }
    }

    #[test]
    fn secret_value_patterns() {
        // One case per pattern of rules.md TD-ENV-007.
        for prefix in [
            "A3TX", "AKIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ASIA",
        ] {
            let value = format!("{prefix}IOSFODNN7EXAMPLE");
            assert_eq!(
                secret_in_value(None, &value),
                Some(SecretKind::AccessKeyId),
                "{value}"
            );
        }
        assert_eq!(secret_in_value(None, "AKIAIOSFODNN7EXAMP"), None);
        assert_eq!(secret_in_value(None, "akiaiosfodnn7example"), None);
        let key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assert_eq!(key.len(), 40);
        assert_eq!(
            secret_in_value(Some("AWS_SECRET_ACCESS_KEY"), key),
            Some(SecretKind::SecretAccessKey)
        );
        assert_eq!(
            secret_in_value(Some("aws_key"), &format!("key: {key}")),
            Some(SecretKind::SecretAccessKey)
        );
        // Not next to an aws secret/key name, or part of a longer run.
        assert_eq!(secret_in_value(Some("COMMIT_SHA"), key), None);
        assert_eq!(secret_in_value(None, key), None);
        assert_eq!(
            secret_in_value(Some("AWS_SECRET_ACCESS_KEY"), &format!("{key}A")),
            None
        );
        for header in [
            "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----",
            "-----BEGIN EC PRIVATE KEY-----",
            "-----BEGIN DSA PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
        ] {
            assert_eq!(
                secret_in_value(None, &format!("{header}\nMIIE...")),
                Some(SecretKind::PrivateKey),
                "{header}"
            );
        }
        assert_eq!(secret_in_value(None, "-----BEGIN PUBLIC KEY-----"), None);
    }
}
