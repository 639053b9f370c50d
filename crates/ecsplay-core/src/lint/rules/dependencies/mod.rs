//! Rules of the `dependencies` group (rules.md §7): essential containers, `dependsOn`, `links`,
//! timeouts and restart policies.

mod complete_success_on_essential;
mod dependency_cycle;
mod dependency_without_start_timeout;
mod depends_on_unknown_container;
mod duplicate_depends_on;
mod firelens_router_dependency_condition;
mod healthy_without_health_check;
mod invalid_link;
mod no_essential_container;
mod restart_attempt_period_out_of_range;
mod restart_policy_enabled_missing;
mod restart_policy_limitation;
mod start_timeout_without_dependants;
mod timeout_not_positive;
mod too_many_ignored_exit_codes;

use crate::lint::{Context, Rule};
use crate::schema::did_you_mean;
use crate::source::Node;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &no_essential_container::NoEssentialContainer,
    &depends_on_unknown_container::DependsOnUnknownContainer,
    &dependency_cycle::DependencyCycle,
    &complete_success_on_essential::CompleteSuccessOnEssential,
    &healthy_without_health_check::HealthyWithoutHealthCheck,
    &duplicate_depends_on::DuplicateDependsOn,
    &dependency_without_start_timeout::DependencyWithoutStartTimeout,
    &start_timeout_without_dependants::StartTimeoutWithoutDependants,
    &timeout_not_positive::TimeoutNotPositive,
    &invalid_link::InvalidLink,
    &firelens_router_dependency_condition::FirelensRouterDependencyCondition,
    &restart_policy_enabled_missing::RestartPolicyEnabledMissing,
    &restart_attempt_period_out_of_range::RestartAttemptPeriodOutOfRange,
    &too_many_ignored_exit_codes::TooManyIgnoredExitCodes,
    &restart_policy_limitation::RestartPolicyLimitation,
];

/// Whether every container's name is a plain string. A reference to a name no container has is
/// only a finding when this holds: a deploy-time name could be the one referenced.
pub(crate) fn names_known(cx: &Context<'_>) -> bool {
    cx.containers()
        .all(|(_, c)| c.get("name").and_then(Node::as_str).is_some())
}

/// The container names of the task, in order.
pub(crate) fn container_names<'a>(cx: &Context<'a>) -> Vec<&'a str> {
    cx.containers()
        .filter_map(|(_, c)| c.get("name").and_then(Node::as_str))
        .collect()
}

/// What to do about a reference to a container that the task does not have: a close name when
/// there is one, else the names there are (other than the referring container's own).
pub(crate) fn unknown_container_help(cx: &Context<'_>, wrong: &str, own: Option<&str>) -> String {
    let others: Vec<&str> = container_names(cx)
        .into_iter()
        .filter(|n| Some(*n) != own)
        .collect();
    if let Some(close) = did_you_mean(wrong, others.iter().copied()) {
        return format!("did you mean '{close}'?");
    }
    match others.as_slice() {
        [] => {
            "the task has no other container: remove this reference or add the container it names"
                .to_owned()
        }
        names => format!(
            "name one of the task's other containers: {}",
            names
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What is wrong with a reference by name from one container to another (`links`,
/// `volumesFrom`).
pub(crate) enum BadReference {
    /// The container names itself.
    Own,
    /// No container has the name (and every container's name is known).
    Unknown,
}

/// Checks a reference to the container `name` from the container named `own`.
pub(crate) fn bad_reference(
    cx: &Context<'_>,
    own: Option<&str>,
    name: &str,
) -> Option<BadReference> {
    if Some(name) == own {
        Some(BadReference::Own)
    } else if names_known(cx) && cx.container(name).is_none() {
        Some(BadReference::Unknown)
    } else {
        None
    }
}

/// Every `dependsOn` entry that is an object, with its container and the container's index.
pub(crate) fn dependencies<'a>(
    cx: &'a Context<'a>,
) -> impl Iterator<Item = (usize, &'a Node, &'a Node)> + 'a {
    cx.container_members("dependsOn")
        .flat_map(|(i, c, list)| list.items().iter().map(move |d| (i, c, d)))
        .filter(|(_, _, d)| d.is_object())
}

/// A `dependsOn` entry whose condition and target container are both known.
pub(crate) struct Resolved<'a> {
    /// The index of the dependant container.
    pub index: usize,
    /// The dependant container.
    pub container: &'a Node,
    /// The `condition` value.
    pub condition_node: &'a Node,
    /// The condition (`START`, `COMPLETE`, `SUCCESS`, `HEALTHY`).
    pub condition: &'a str,
    /// The container depended on.
    pub target: &'a Node,
    /// The `containerName` value.
    pub name_node: &'a Node,
    /// The name of the container depended on.
    pub name: &'a str,
}

/// Every `dependsOn` entry whose condition is one of `conditions` and whose target container
/// exists.
pub(crate) fn resolved_dependencies<'a>(
    cx: &'a Context<'a>,
    conditions: &'a [&'a str],
) -> impl Iterator<Item = Resolved<'a>> + 'a {
    dependencies(cx).filter_map(move |(index, container, entry)| {
        let condition_node = entry.get("condition")?;
        let condition = condition_node.as_str().filter(|c| conditions.contains(c))?;
        let name_node = entry.get("containerName")?;
        let name = name_node.as_str()?;
        let target = cx.container(name)?;
        Some(Resolved {
            index,
            container,
            condition_node,
            condition,
            target,
            name_node,
            name,
        })
    })
}
