use super::awslogs_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports `awslogs` options that set both `awslogs-datetime-format` and
    /// `awslogs-multiline-pattern`.
    ///
    /// ## Why is this bad?
    /// Both options tell the driver where a multi-line log event starts. They do not combine:
    /// when `awslogs-datetime-format` is set, `awslogs-multiline-pattern` is ignored, so the
    /// pattern you wrote and tested has no effect and events may be split where you did not
    /// expect.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "api",
    ///       "image": "public.ecr.aws/docker/library/python:3.12",
    ///       "memory": 512,
    ///       "logConfiguration": {
    ///         "logDriver": "awslogs",
    ///         "options": {
    ///           "awslogs-group": "/ecs/api",
    ///           "awslogs-region": "us-east-1",
    ///           "awslogs-datetime-format": "%Y-%m-%d %H:%M:%S",
    ///           "awslogs-multiline-pattern": "^Traceback"
    ///         }
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "api",
    ///       "image": "public.ecr.aws/docker/library/python:3.12",
    ///       "memory": 512,
    ///       "logConfiguration": {
    ///         "logDriver": "awslogs",
    ///         "options": {
    ///           "awslogs-group": "/ecs/api",
    ///           "awslogs-region": "us-east-1",
    ///           "awslogs-datetime-format": "%Y-%m-%d %H:%M:%S"
    ///         }
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: awslogs-multiline-pattern is ignored when awslogs-datetime-format is set)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    pub struct AwslogsMultilinePatternIgnored {
        code: "TD-LOG-012",
        name: "awslogs-multiline-pattern-ignored",
        severity: Warning,
        scope: Containers,
        summary: "awslogs-multiline-pattern is ignored because awslogs-datetime-format is set",
    }
}

impl Rule for AwslogsMultilinePatternIgnored {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in awslogs_configs(cx) {
            let (Some(datetime), Some(pattern)) = (
                log.option("awslogs-datetime-format"),
                log.option("awslogs-multiline-pattern"),
            ) else {
                continue;
            };
            out.push(
                Finding::at_key(
                    pattern,
                    format!("awslogs-multiline-pattern of container {} is ignored because awslogs-datetime-format is also set", log.label),
                )
                .label(&datetime.value, "this format decides where events start")
                .help("keep only one of the two: remove awslogs-multiline-pattern, or remove awslogs-datetime-format to use the pattern"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AwslogsMultilinePatternIgnored as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(options: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "awslogs", "options": {options}}}}}]}}"#
        )
    }

    #[test]
    fn both_options_warn_at_the_pattern_with_a_label_on_the_format() {
        let text = task(
            r#"{"awslogs-group": "g", "awslogs-datetime-format": "%Y", "awslogs-multiline-pattern": "^T"}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/awslogs-multiline-pattern"
        );
        assert_eq!(spanned(&text, &d[0]), r#""awslogs-multiline-pattern""#);
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/awslogs-datetime-format"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-multiline-pattern": "^T", "awslogs-datetime-format": "%Y"}}}]"#,
        );
    }

    #[test]
    fn one_of_them_or_another_driver_passes() {
        assert_passes(&Rule::META, &task(r#"{"awslogs-datetime-format": "%Y"}"#));
        assert_passes(&Rule::META, &task(r#"{"awslogs-multiline-pattern": "^T"}"#));
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awsfirelens", "options": {"awslogs-multiline-pattern": "^T", "awslogs-datetime-format": "%Y"}}}]"#,
        );
    }
}
