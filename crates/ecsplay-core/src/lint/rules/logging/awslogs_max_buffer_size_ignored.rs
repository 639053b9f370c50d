use super::awslogs_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an `awslogs` `max-buffer-size` option in a log configuration whose `mode` is
    /// `blocking`.
    ///
    /// ## Why is this bad?
    /// `max-buffer-size` sizes the in-memory buffer of the `non-blocking` mode, where Docker
    /// queues log lines and drops them when the buffer is full. In the `blocking` mode there is
    /// no such buffer: each line is sent before the write returns, and the option is ignored.
    /// Either the mode or the buffer size is not what was meant. (With `mode` omitted, ECS uses
    /// `non-blocking` since 25 June 2025 unless the account setting `defaultLogDriverMode` says
    /// otherwise; that case is not judged.)
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web", "mode": "blocking", "max-buffer-size": "25m"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web", "mode": "non-blocking", "max-buffer-size": "25m"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: max-buffer-size is used with the non-blocking mode)
    /// - DG23:using_awslogs.md (awslogs options)
    pub struct AwslogsMaxBufferSizeIgnored {
        code: "TD-LOG-015",
        name: "awslogs-max-buffer-size-ignored",
        severity: Info,
        scope: Containers,
        summary: "awslogs max-buffer-size is ignored in blocking mode",
    }
}

impl Rule for AwslogsMaxBufferSizeIgnored {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in awslogs_configs(cx) {
            let Some((mode, "blocking")) = log.option_str("mode") else {
                continue;
            };
            let Some(size) = log.option("max-buffer-size") else {
                continue;
            };
            out.push(
                Finding::at(
                    &size.value,
                    format!("max-buffer-size of container {} is ignored: the buffer is only used in the non-blocking mode, and mode is \"blocking\"", log.label),
                )
                .label(mode, "the blocking mode has no buffer")
                .help("set \"mode\" to \"non-blocking\" to use the buffer, or remove max-buffer-size"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AwslogsMaxBufferSizeIgnored as Rule;
    use crate::lint::rules::logging::with_log_configuration;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(options: &str) -> String {
        with_log_configuration(&format!(
            r#"{{"logDriver": "awslogs", "options": {{"awslogs-group": "g", "awslogs-region": "us-east-1"{options}}}}}"#
        ))
    }

    #[test]
    fn buffer_size_in_blocking_mode_is_reported() {
        let text = task(r#", "mode": "blocking", "max-buffer-size": "4m""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/max-buffer-size"
        );
        assert_eq!(spanned(&text, &d[0]), "\"4m\"");
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/mode"
        );
        assert_eq!(d[0].message, "max-buffer-size of container 'app' is ignored: the buffer is only used in the non-blocking mode, and mode is \"blocking\"");
    }

    #[test]
    fn non_blocking_and_default_modes_pass() {
        assert_passes(
            &Rule::META,
            &task(r#", "mode": "non-blocking", "max-buffer-size": "4m""#),
        );
        assert_passes(&Rule::META, &task(r#", "max-buffer-size": "4m""#));
        assert_passes(&Rule::META, &task(r#", "mode": "blocking""#));
    }
}
