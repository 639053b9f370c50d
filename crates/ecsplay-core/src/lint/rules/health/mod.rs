//! Rules of the `health` group (rules.md §8): container health checks.
//!
//! Shared here: the walk over the containers' `healthCheck` objects and the range check of the
//! four timing fields (TD-HC-004 to TD-HC-007), which differ only in the field and its bounds.

mod essential_container_without_health_check;
mod health_check_command_malformed;
mod health_check_command_missing;
mod health_check_command_not_cmd;
mod health_check_interval_out_of_range;
mod health_check_retries_out_of_range;
mod health_check_start_period_out_of_range;
mod health_check_timeout_not_below_interval;
mod health_check_timeout_out_of_range;
mod health_check_tool_missing;

use crate::lint::{Context, Finding, Rule};
use crate::model::container_label;
use crate::source::Node;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &health_check_command_missing::HealthCheckCommandMissing,
    &health_check_command_not_cmd::HealthCheckCommandNotCmd,
    &health_check_command_malformed::HealthCheckCommandMalformed,
    &health_check_interval_out_of_range::HealthCheckIntervalOutOfRange,
    &health_check_timeout_out_of_range::HealthCheckTimeoutOutOfRange,
    &health_check_retries_out_of_range::HealthCheckRetriesOutOfRange,
    &health_check_start_period_out_of_range::HealthCheckStartPeriodOutOfRange,
    &health_check_timeout_not_below_interval::HealthCheckTimeoutNotBelowInterval,
    &essential_container_without_health_check::EssentialContainerWithoutHealthCheck,
    &health_check_tool_missing::HealthCheckToolMissing,
];

/// Every container's `healthCheck` `command` list: (container label, command node, its strings,
/// the container).
/// A command whose elements are not all strings (a schema error) or only known at deploy time is
/// left out.
pub(super) fn health_check_commands<'a>(
    cx: &'a Context<'a>,
) -> impl Iterator<Item = (String, &'a Node, Vec<&'a str>, &'a Node)> + 'a {
    cx.containers().filter_map(|(i, c)| {
        let command = c.at_path(["healthCheck", "command"])?;
        if !command.is_array() {
            return None;
        }
        let words: Option<Vec<&str>> = command.items().iter().map(Node::as_str).collect();
        Some((container_label(c, i), command, words?, c))
    })
}

/// A list of strings written as JSON, for help texts: `["CMD-SHELL", "curl -f http://x/"]`.
pub(super) fn json_list<S: AsRef<str>>(words: &[S]) -> String {
    let quoted: Vec<String> = words
        .iter()
        .map(|w| serde_json::to_string(w.as_ref()).unwrap_or_default())
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// The bounds of one health-check timing field (BOTO:HealthCheck).
pub(super) struct TimingField {
    /// The member of `healthCheck`.
    pub key: &'static str,
    /// The smallest value ECS accepts.
    pub min: i64,
    /// The largest value ECS accepts.
    pub max: i64,
    /// The unit, for messages (`seconds`, `attempts`).
    pub unit: &'static str,
    /// What removing the member gives, for the help.
    pub default: &'static str,
}

/// Reports every health check whose `field` is outside its bounds. Integers are read the way
/// CloudFormation coerces them (`Interval: "30"`); anything else is the schema layer's.
pub(super) fn check_timing(cx: &Context<'_>, out: &mut Vec<Finding>, field: &TimingField) {
    let TimingField {
        key,
        min,
        max,
        unit,
        default,
    } = field;
    for (i, c) in cx.containers() {
        let Some(node) = c.at_path(["healthCheck", key]) else {
            continue;
        };
        let Some(value) = cx.int_of(node) else {
            continue;
        };
        if (*min..=*max).contains(&value) {
            continue;
        }
        let label = container_label(c, i);
        out.push(
            Finding::at(
                node,
                format!(
                    "healthCheck.{key} {value} of container {label} is outside {min}-{max} {unit}"
                ),
            )
            .help(format!(
                "set {key} to a value from {min} to {max}, or remove it for {default}"
            )),
        );
    }
}

/// A task definition whose one container's health check sets `key` to `value` (as written).
#[cfg(test)]
pub(super) fn timing_task(key: &str, value: &str) -> String {
    format!(
        r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "healthCheck": {{"command": ["CMD", "true"], "{key}": {value}}}}}]}}"#
    )
}

/// The cases every timing rule must get right: one below and one above the bounds (API,
/// Terraform and CloudFormation forms), the bounds themselves, an absent member, and a string in
/// the API form (a type error for the schema layer, not a range error).
#[cfg(test)]
pub(super) fn assert_timing_rule(meta: &crate::lint::RuleMeta, field: &TimingField) {
    use crate::lint::testing::{assert_fails, assert_passes, spanned};
    let TimingField {
        key,
        min,
        max,
        unit,
        ..
    } = field;
    let (low, high) = (min - 1, max + 1);
    let text = timing_task(key, &low.to_string());
    let d = assert_fails(meta, &text);
    assert_eq!(
        d[0].pointer,
        format!("/containerDefinitions/0/healthCheck/{key}")
    );
    assert_eq!(spanned(&text, &d[0]), low.to_string());
    assert_eq!(
        d[0].message,
        format!("healthCheck.{key} {low} of container 'app' is outside {min}-{max} {unit}")
    );
    assert_fails(meta, &timing_task(key, &high.to_string()));
    assert_fails(
        meta,
        &format!(
            r#"[{{"name": "a", "image": "b", "healthCheck": {{"command": ["CMD", "true"], "{key}": {high}}}}}]"#
        ),
    );
    let cfn = |value: i64| {
        let mut pascal = key.to_string();
        if let Some(first) = pascal.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        format!("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          HealthCheck: {{Command: [CMD, 'true'], {pascal}: \"{value}\"}}\n")
    };
    // CloudFormation coerces the string.
    assert_fails(meta, &cfn(high));
    assert_passes(meta, &cfn(*max));
    assert_passes(meta, &timing_task(key, &min.to_string()));
    assert_passes(meta, &timing_task(key, &max.to_string()));
    assert_passes(meta, &timing_task(key, &format!("\"{high}\"")));
    assert_passes(
        meta,
        r#"{"family": "a", "containerDefinitions": [{"name": "app", "image": "b", "healthCheck": {"command": ["CMD", "true"]}}]}"#,
    );
}
