use super::{awslogs_configs, AWSLOGS_OPTIONS};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::schema::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports an `awslogs` option that is not one of the eight ECS documents:
    /// `awslogs-create-group`, `awslogs-datetime-format`, `awslogs-group`,
    /// `awslogs-multiline-pattern`, `awslogs-region`, `awslogs-stream-prefix`,
    /// `max-buffer-size` and `mode`.
    ///
    /// ## Why is this bad?
    /// ECS checks the options of the `awslogs` driver against its own list and refuses the
    /// definition with, for example, `Log driver awslogs disallows options: log_key` (a
    /// FireLens option used with the wrong driver). A misspelt option (`awslogs_group`,
    /// `awslogs-stream_prefix`) is refused the same way.
    ///
    /// Docker's `awslogs` driver has a few more options starting with `awslogs-` (such as
    /// `awslogs-endpoint` or `awslogs-credentials-endpoint`); whether ECS lets them through is
    /// not confirmed, so an unknown option with that prefix is a warning rather than an error.
    /// cfn-lint's E3046 rejects all of them.
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
    ///         "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "log_key": "log"}
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
    ///         "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-EXT:logging_configuration.json (cfn-lint 1.58.0, E3046: the eight option names)
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model)
    /// - ERR: https://github.com/aws-samples/amazon-ecs-firelens-examples/issues/83
    pub struct AwslogsUnknownOption {
        code: "TD-LOG-009",
        name: "awslogs-unknown-option",
        severity: Error,
        scope: Containers,
        summary: "awslogs option that ECS does not accept",
    }
}

impl Rule for AwslogsUnknownOption {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in awslogs_configs(cx) {
            let Some(options) = log.options else { continue };
            for member in options.members() {
                let key = member.key.as_str();
                if AWSLOGS_OPTIONS.contains(&key) {
                    continue;
                }
                let suggestion = did_you_mean(key, AWSLOGS_OPTIONS);
                let finding = if key.starts_with("awslogs-") && suggestion.is_none() {
                    Finding::at_key(
                        member,
                        format!("awslogs option \"{key}\" of container {} is not one ECS documents", log.label),
                    )
                    .help(format!("ECS documents only {}; remove \"{key}\" unless you have checked that ECS accepts it", AWSLOGS_OPTIONS.join(", ")))
                    .severity(Severity::Warning)
                } else {
                    let help = match suggestion {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => format!(
                            "remove it; awslogs accepts only {}",
                            AWSLOGS_OPTIONS.join(", ")
                        ),
                    };
                    Finding::at_key(
                        member,
                        format!(
                            "Log driver awslogs disallows options: {key} (container {})",
                            log.label
                        ),
                    )
                    .help(help)
                };
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AwslogsUnknownOption as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(options: &str) -> String {
        format!(
            r#"{{"family": "web", "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "awslogs", "options": {options}}}}}]}}"#
        )
    }

    #[test]
    fn unknown_options_fail_at_the_key() {
        let text = task(r#"{"awslogs-group": "g", "log_key": "log"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/log_key"
        );
        assert_eq!(spanned(&text, &d[0]), r#""log_key""#);
        assert_eq!(
            d[0].message,
            "Log driver awslogs disallows options: log_key (container 'app')"
        );
        assert_eq!(d[0].severity, Severity::Error);
        let d = assert_fails(&Rule::META, &task(r#"{"awslogs_group": "g"}"#));
        assert_eq!(
            d[0].help.as_deref(),
            Some(r#"did you mean "awslogs-group"?"#)
        );
        assert_eq!(d[0].severity, Severity::Error);
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs", "options": {"tag": "x"}}}]"#,
        );
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: g, Awslogs-Region: r}}\n");
        assert_eq!(
            d[0].help.as_deref(),
            Some(r#"did you mean "awslogs-region"?"#)
        );
    }

    #[test]
    fn other_awslogs_prefixed_options_only_warn() {
        let d = assert_fails(
            &Rule::META,
            &task(r#"{"awslogs-group": "g", "awslogs-endpoint": "https://logs.example"}"#),
        );
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(d[0].message.contains("is not one ECS documents"));
    }

    #[test]
    fn the_eight_options_and_other_drivers_pass() {
        assert_passes(
            &Rule::META,
            &task(
                r#"{"awslogs-create-group": "true", "awslogs-datetime-format": "%Y", "awslogs-group": "g", "awslogs-multiline-pattern": "^x", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "p", "max-buffer-size": "25m", "mode": "non-blocking"}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awsfirelens", "options": {"log_key": "log"}}}]}"#,
        );
    }
}
