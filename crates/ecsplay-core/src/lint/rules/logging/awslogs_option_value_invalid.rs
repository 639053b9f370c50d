use super::awslogs_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports `awslogs` options whose value cannot be read:
    ///
    /// - `mode` other than `blocking` or `non-blocking`;
    /// - `awslogs-create-group` that is not a boolean (`true`, `false`; Docker also reads
    ///   `True`, `FALSE`, `1`, `0`, `t`, `f`, which are accepted here);
    /// - `max-buffer-size` that is not a size such as `10m`, `25MB`, `4MiB` or a number of
    ///   bytes.
    ///
    /// ## Why is this bad?
    /// The options are handed to Docker's log driver when the container is created, and Docker
    /// refuses a value it cannot parse: the container fails to start with a log-driver error
    /// instead of running. These are also the settings that decide whether the application
    /// stalls or drops log lines when CloudWatch Logs is slow (`mode`, `max-buffer-size`) and
    /// whether the log group is created for you, so the value you meant matters.
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
    ///         "logDriver": "awslogs",
    ///         "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "mode": "nonblocking", "max-buffer-size": "25 megabytes"}
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
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {
    ///         "logDriver": "awslogs",
    ///         "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "mode": "non-blocking", "max-buffer-size": "25m"}
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: mode, max-buffer-size, awslogs-create-group)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    /// - DOC: https://docs.docker.com/engine/logging/configure/ (mode and max-buffer-size)
    pub struct AwslogsOptionValueInvalid {
        code: "TD-LOG-013",
        name: "awslogs-option-value-invalid",
        severity: Error,
        scope: Containers,
        summary: "awslogs mode, awslogs-create-group or max-buffer-size with a value Docker cannot read",
    }
}

/// The booleans Go's `strconv.ParseBool` (Docker's parser) accepts.
const BOOLEANS: [&str; 12] = [
    "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False",
];

/// Whether `value` is a size as Docker's `units.RAMInBytes` reads it:
/// `^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$`.
fn is_size(value: &str) -> bool {
    let digits_end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(digits_end);
    let number_ok = !number.is_empty()
        && number
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    let mut unit = unit.strip_prefix(' ').unwrap_or(unit);
    for class in ["kKmMgGtTpP", "iI", "bB"] {
        if let Some(c) = unit.chars().next().filter(|c| class.contains(*c)) {
            unit = unit.get(c.len_utf8()..).unwrap_or_default();
        }
    }
    number_ok && unit.is_empty()
}

impl Rule for AwslogsOptionValueInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in awslogs_configs(cx) {
            let label = &log.label;
            if let Some((node, mode)) = log.option_str("mode") {
                if !matches!(mode, "blocking" | "non-blocking") {
                    out.push(
                        Finding::at(node, format!("mode \"{mode}\" of container {label} is neither \"blocking\" nor \"non-blocking\""))
                            .help("write \"non-blocking\" (buffer and drop logs rather than stall the application) or \"blocking\""),
                    );
                }
            }
            if let Some((node, create)) = log.option_str("awslogs-create-group") {
                if !BOOLEANS.contains(&create) {
                    out.push(
                        Finding::at(node, format!("awslogs-create-group \"{create}\" of container {label} is not a boolean"))
                            .help("write \"true\" or \"false\""),
                    );
                }
            }
            if let Some((node, size)) = log.option_str("max-buffer-size") {
                if !is_size(size) {
                    out.push(
                        Finding::at(
                            node,
                            format!(
                                "max-buffer-size \"{size}\" of container {label} is not a size"
                            ),
                        )
                        .help("write a size such as \"25m\" (megabytes) or \"1g\""),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_size, AwslogsOptionValueInvalid as Rule};
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(options: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "awslogs", "options": {{"awslogs-group": "g", {options}}}}}}}]}}"#
        )
    }

    #[test]
    fn sizes() {
        for ok in [
            "10m", "25MB", "4MiB", "1048576", "1.5g", "2 GB", "100b", "1k",
        ] {
            assert!(is_size(ok), "{ok}");
        }
        for bad in [
            "",
            "m",
            "25 megabytes",
            "10mm",
            "1..5m",
            "-1m",
            "10  m",
            "1.m",
        ] {
            assert!(!is_size(bad), "{bad}");
        }
    }

    #[test]
    fn bad_values_fail_at_the_value() {
        let text = task(r#""mode": "nonblocking""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/mode"
        );
        assert_eq!(spanned(&text, &d[0]), r#""nonblocking""#);
        assert_eq!(
            d[0].message,
            "mode \"nonblocking\" of container 'app' is neither \"blocking\" nor \"non-blocking\""
        );
        assert_fails(&Rule::META, &task(r#""mode": "Blocking""#));
        assert_fails(&Rule::META, &task(r#""awslogs-create-group": "yes""#));
        assert_fails(&Rule::META, &task(r#""max-buffer-size": "25 megabytes""#));
        let d = assert_fails(
            &Rule::META,
            &task(r#""mode": "x", "awslogs-create-group": "", "max-buffer-size": "y""#),
        );
        assert_eq!(d.len(), 3);
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs", "options": {"mode": "async"}}}]"#,
        );
    }

    #[test]
    fn good_values_other_drivers_and_deploy_time_values_pass() {
        assert_passes(
            &Rule::META,
            &task(
                r#""mode": "non-blocking", "max-buffer-size": "25m", "awslogs-create-group": "true""#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(r#""mode": "blocking", "awslogs-create-group": "True""#),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awsfirelens", "options": {"mode": "x"}}}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: g, mode: !Ref Mode}}\n");
    }
}
