//! Rules of the `logging` group (rules.md §9): log drivers, `awslogs` options, Splunk and
//! FireLens.
//!
//! Shared here: the walk over the containers' log configurations (`LogConfig`), where a
//! missing option is reported, and the FireLens router test. The `valueFrom` grammar of log
//! secrets (TD-LOG-025) is the one of container secrets, `environment::value_from_problem`.
//! TD-LOG-002 and TD-LOG-007 are aliases of TD-FG-016 and TD-FG-017 (rules.md §0.4) and live in
//! the `fargate` group.

mod awsfirelens_without_router;
mod awslogs_blocking_mode;
mod awslogs_group_invalid;
mod awslogs_group_missing;
mod awslogs_max_buffer_size_ignored;
mod awslogs_multiline_pattern_ignored;
mod awslogs_option_value_invalid;
mod awslogs_region_invalid;
mod awslogs_region_missing;
mod awslogs_unknown_option;
mod ec2_awslogs_stream_prefix_missing;
mod firelens_on_windows;
mod firelens_options_invalid;
mod firelens_router_logs_to_itself;
mod firelens_router_not_essential;
mod firelens_router_without_user;
mod log_configuration_missing;
mod log_driver_invalid;
mod log_driver_not_enabled_by_default;
mod log_option_plaintext_secret;
mod log_secret_option_invalid;
mod managed_instances_log_driver_unsupported;
mod splunk_options_missing;

use crate::lint::{Context, Rule};
use crate::model::container_label;
use crate::source::{Member, Node};

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &log_driver_invalid::LogDriverInvalid,
    &managed_instances_log_driver_unsupported::ManagedInstancesLogDriverUnsupported,
    &log_driver_not_enabled_by_default::LogDriverNotEnabledByDefault,
    &awslogs_group_missing::AwslogsGroupMissing,
    &awslogs_region_missing::AwslogsRegionMissing,
    &ec2_awslogs_stream_prefix_missing::Ec2AwslogsStreamPrefixMissing,
    &awslogs_unknown_option::AwslogsUnknownOption,
    &awslogs_group_invalid::AwslogsGroupInvalid,
    &awslogs_region_invalid::AwslogsRegionInvalid,
    &awslogs_multiline_pattern_ignored::AwslogsMultilinePatternIgnored,
    &awslogs_option_value_invalid::AwslogsOptionValueInvalid,
    &awslogs_blocking_mode::AwslogsBlockingMode,
    &awslogs_max_buffer_size_ignored::AwslogsMaxBufferSizeIgnored,
    &splunk_options_missing::SplunkOptionsMissing,
    &log_option_plaintext_secret::LogOptionPlaintextSecret,
    &awsfirelens_without_router::AwsfirelensWithoutRouter,
    &firelens_router_without_user::FirelensRouterWithoutUser,
    &firelens_on_windows::FirelensOnWindows,
    &firelens_options_invalid::FirelensOptionsInvalid,
    &firelens_router_not_essential::FirelensRouterNotEssential,
    &firelens_router_logs_to_itself::FirelensRouterLogsToItself,
    &log_configuration_missing::LogConfigurationMissing,
    &log_secret_option_invalid::LogSecretOptionInvalid,
];

/// The log drivers ECS knows (BOTO enum LogDriver); others are TD-LOG-001's.
pub(super) const LOG_DRIVERS: [&str; 8] = [
    "json-file",
    "syslog",
    "journald",
    "gelf",
    "fluentd",
    "awslogs",
    "splunk",
    "awsfirelens",
];

/// The options the `awslogs` driver accepts (BOTO:LogConfiguration.options; cfn-lint's
/// `logging_configuration.json` lists the same eight).
pub(super) const AWSLOGS_OPTIONS: [&str; 8] = [
    "awslogs-create-group",
    "awslogs-datetime-format",
    "awslogs-group",
    "awslogs-multiline-pattern",
    "awslogs-region",
    "awslogs-stream-prefix",
    "max-buffer-size",
    "mode",
];

/// One container's `logConfiguration` whose `logDriver` is a string.
pub(super) struct LogConfig<'a> {
    /// The container, for messages: `'app'` or `#2`.
    pub label: String,
    /// The container definition.
    pub container: &'a Node,
    /// The `logConfiguration` object.
    pub config: &'a Node,
    /// The `logDriver` value.
    pub driver_node: &'a Node,
    /// The driver (`awslogs`, ...).
    pub driver: &'a str,
    /// The `options` member as written, if any.
    pub options: Option<&'a Node>,
}

impl<'a> LogConfig<'a> {
    /// Whether the options cannot be read: a deploy-time value (`Options: !If ...`) or a value
    /// of the wrong type (the schema layer's). Rules about options then say nothing.
    pub fn options_unknown(&self) -> bool {
        self.options.is_some_and(|o| !o.is_object() && !o.is_null())
    }

    /// The option `key`, key and value.
    pub fn option(&self, key: &str) -> Option<&'a Member> {
        self.options?.member(key)
    }

    /// The option `key` when its value is a string.
    pub fn option_str(&self, key: &str) -> Option<(&'a Node, &'a str)> {
        let value = &self.option(key)?.value;
        Some((value, value.as_str()?))
    }

    /// Where a missing option is reported (rules.md §0.5): the `options` object, or the
    /// `logConfiguration` when there is none.
    pub fn missing_option_at(&self) -> &'a Node {
        self.options
            .filter(|o| o.is_object())
            .unwrap_or(self.config)
    }
}

/// Every container's log configuration with a string `logDriver`, in container order.
pub(super) fn log_configs<'a>(cx: &'a Context<'a>) -> impl Iterator<Item = LogConfig<'a>> + 'a {
    cx.containers().filter_map(|(i, container)| {
        let config = container.get("logConfiguration")?;
        let driver_node = config.get("logDriver")?;
        Some(LogConfig {
            label: container_label(container, i),
            container,
            config,
            driver_node,
            driver: driver_node.as_str()?,
            options: config.get("options"),
        })
    })
}

/// The `awslogs` configurations whose options can be read.
pub(super) fn awslogs_configs<'a>(cx: &'a Context<'a>) -> impl Iterator<Item = LogConfig<'a>> + 'a {
    log_configs(cx).filter(|l| l.driver == "awslogs" && !l.options_unknown())
}

/// The task's `family` for example values in help texts (`my-app` when there is none).
pub(super) fn family<'a>(cx: &'a Context<'a>) -> &'a str {
    cx.task()
        .and_then(|t| t.get("family"))
        .and_then(Node::as_str)
        .filter(|f| !f.is_empty())
        .unwrap_or("my-app")
}

/// Whether a container is a FireLens log router: it has a `firelensConfiguration` (a deploy-time
/// value counts).
pub(crate) fn is_firelens_router(container: &Node) -> bool {
    container
        .get("firelensConfiguration")
        .is_some_and(|f| f.is_object() || f.is_unknown())
}

/// Whether the log driver of some container cannot be read (a deploy-time value): the rules
/// that need to know every driver of the task then say nothing.
pub(super) fn some_driver_unknown(cx: &Context<'_>) -> bool {
    cx.container_members("logConfiguration")
        .any(|(_, _, config)| {
            config.is_unknown() || config.get("logDriver").is_some_and(Node::is_unknown)
        })
}

/// A task definition `web` whose one container `app` has this `logConfiguration` (as written).
#[cfg(test)]
pub(super) fn with_log_configuration(config: &str) -> String {
    format!(
        r#"{{"family": "web", "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {config}}}]}}"#
    )
}
