use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::schema::did_you_mean;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports `firelensConfiguration.options` that ECS cannot use:
    ///
    /// - a key other than `enable-ecs-log-metadata`, `config-file-type` and
    ///   `config-file-value`;
    /// - `config-file-type` other than `s3` or `file`;
    /// - `config-file-type` without `config-file-value`, or the other way round;
    /// - with `config-file-type: s3`, a `config-file-value` that is not an S3 object ARN
    ///   (`arn:aws:s3:::bucket/key`).
    ///
    /// ## Why is this bad?
    /// These three options are all the router configuration ECS itself reads; router settings
    /// such as `Name` or `Match` belong in the `options` of the `awsfirelens` log configuration
    /// of the application container (or in the custom configuration file). The configuration
    /// file is fetched from S3 by ARN, or read from a path inside the router image; without a
    /// valid type and value pair ECS cannot load it and the router does not start.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "memory": 128,
    ///       "firelensConfiguration": {
    ///         "type": "fluentbit",
    ///         "options": {"config-file-type": "s3", "config-file-value": "s3://my-config-bucket/fluent-bit/extra.conf"}
    ///       }
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
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
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "memory": 128,
    ///       "firelensConfiguration": {
    ///         "type": "fluentbit",
    ///         "options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::my-config-bucket/fluent-bit/extra.conf"}
    ///       }
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:FirelensConfiguration.options (botocore 1.44.5 ECS model: the three options and their values)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html
    pub struct FirelensOptionsInvalid {
        code: "TD-LOG-021",
        name: "firelens-options-invalid",
        severity: Error,
        scope: Containers,
        summary: "firelensConfiguration options that ECS does not accept",
    }
}

/// The options of `firelensConfiguration`.
const FIRELENS_OPTIONS: [&str; 3] = [
    "enable-ecs-log-metadata",
    "config-file-type",
    "config-file-value",
];

/// Whether `value` is an S3 object ARN: `arn:aws[-partition]:s3:::bucket/key`.
fn is_s3_object_arn(value: &str) -> bool {
    let Some((partition, object)) = value
        .strip_prefix("arn:")
        .and_then(|rest| rest.split_once(":s3:::"))
    else {
        return false;
    };
    let partition_ok = partition
        .strip_prefix("aws")
        .is_some_and(|p| p.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
    let object_ok = object
        .split_once('/')
        .is_some_and(|(bucket, key)| !bucket.is_empty() && !key.is_empty());
    partition_ok && object_ok
}

/// The findings for one router's options.
fn check_options(options: &Node, label: &str, out: &mut Vec<Finding>) {
    // Options a misspelt key probably meant: not reported missing a second time.
    let mut meant = Vec::new();
    for member in options.members() {
        if FIRELENS_OPTIONS.contains(&member.key.as_str()) {
            continue;
        }
        let suggestion = did_you_mean(&member.key, FIRELENS_OPTIONS);
        meant.extend(suggestion);
        let help = match suggestion {
            Some(s) => format!("did you mean \"{s}\"?"),
            None => "router settings such as Name or Match go in the options of the awsfirelens log configuration, or in the configuration file".to_owned(),
        };
        out.push(
            Finding::at_key(member, format!("\"{}\" is not a firelensConfiguration option of container {label}; ECS knows enable-ecs-log-metadata, config-file-type and config-file-value", member.key))
                .help(help),
        );
    }
    let kind = options
        .member("config-file-type")
        .filter(|_| !meant.contains(&"config-file-value"));
    let value = options
        .member("config-file-value")
        .filter(|_| !meant.contains(&"config-file-type"));
    let kind_str = kind.and_then(|m| m.value.as_str());
    if let (Some(kind), Some(k)) = (kind, kind_str) {
        if !matches!(k, "s3" | "file") {
            out.push(
                Finding::at(&kind.value, format!("config-file-type \"{k}\" of container {label} is neither \"s3\" nor \"file\""))
                    .help("write \"file\" for a file inside the router image, or \"s3\" for an object in Amazon S3"),
            );
        }
    }
    match (kind, value) {
        (Some(kind), None) => out.push(
            Finding::at(options, format!("firelensConfiguration of container {label} has config-file-type but no config-file-value"))
                .label(&kind.value, "the type of a file that is not named")
                .help("add \"config-file-value\": the S3 object ARN or the path of the configuration file"),
        ),
        (None, Some(value)) => out.push(
            Finding::at(options, format!("firelensConfiguration of container {label} has config-file-value but no config-file-type"))
                .label(&value.value, "ECS does not know where to read this from")
                .help("add \"config-file-type\": \"s3\" for an S3 object ARN or \"file\" for a path in the image"),
        ),
        (Some(_), Some(value)) if kind_str == Some("s3") => {
            if let Some(v) = value.value.as_str().filter(|v| !is_s3_object_arn(v)) {
                out.push(
                    Finding::at(&value.value, format!("config-file-value \"{v}\" of container {label} is not an S3 object ARN"))
                        .help("write the object's ARN, arn:aws:s3:::<bucket>/<key> (not an s3:// or https:// URL)"),
                );
            }
        }
        _ => {}
    }
}

impl Rule for FirelensOptionsInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            let Some(options) = c
                .at_path(["firelensConfiguration", "options"])
                .filter(|o| o.is_object())
            else {
                continue;
            };
            check_options(options, &container_label(c, i), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FirelensOptionsInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(options: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "r", "image": "fb", "firelensConfiguration": {{"type": "fluentbit", "options": {options}}}}}]}}"#
        )
    }

    #[test]
    fn unknown_keys_and_bad_types_fail() {
        let text = task(r#"{"Name": "cloudwatch"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/firelensConfiguration/options/Name"
        );
        assert_eq!(spanned(&text, &d[0]), r#""Name""#);
        let d = assert_fails(
            &Rule::META,
            &task(r#"{"config_file_type": "file", "config-file-value": "/x.conf"}"#),
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some(r#"did you mean "config-file-type"?"#)
        );
        let text = task(r#"{"config-file-type": "http", "config-file-value": "https://x"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(&text, &d[0]), r#""http""#);
        assert_eq!(
            d[0].message,
            "config-file-type \"http\" of container 'r' is neither \"s3\" nor \"file\""
        );
    }

    #[test]
    fn unpaired_options_and_bad_s3_values_fail() {
        let d = assert_fails(&Rule::META, &task(r#"{"config-file-type": "file"}"#));
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/firelensConfiguration/options"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/firelensConfiguration/options/config-file-type"
        );
        assert_fails(
            &Rule::META,
            &task(r#"{"config-file-value": "/extra.conf"}"#),
        );
        for bad in [
            "s3://bucket/extra.conf",
            "arn:aws:s3:::bucket",
            "arn:aws:s3:::/key",
            "arn:aws:s3:us-east-1::bucket/key",
        ] {
            let d = assert_fails(
                &Rule::META,
                &task(&format!(
                    r#"{{"config-file-type": "s3", "config-file-value": "{bad}"}}"#
                )),
            );
            assert_eq!(
                d[0].pointer,
                "/containerDefinitions/0/firelensConfiguration/options/config-file-value",
                "{bad}"
            );
        }
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: r\n          Image: fb\n          FirelensConfiguration: {Type: fluentbit, Options: {config-file-type: s3}}\n");
    }

    #[test]
    fn valid_options_and_deploy_time_values_pass() {
        assert_passes(
            &Rule::META,
            &task(
                r#"{"enable-ecs-log-metadata": "true", "config-file-type": "file", "config-file-value": "/fluent-bit/configs/parse-json.conf"}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#"{"config-file-type": "s3", "config-file-value": "arn:aws:s3:::my-bucket/fb/extra.conf"}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#"{"config-file-type": "s3", "config-file-value": "arn:aws-cn:s3:::my-bucket/extra.conf"}"#,
            ),
        );
        assert_passes(&Rule::META, &task("{}"));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: r\n          Image: fb\n          FirelensConfiguration: {Type: fluentbit, Options: {config-file-type: s3, config-file-value: !Sub 'arn:aws:s3:::${Bucket}/x.conf'}}\n");
        assert_passes(
            &Rule::META,
            r#"[{"name": "r", "image": "fb", "firelensConfiguration": {"type": "fluentd"}}]"#,
        );
    }
}
