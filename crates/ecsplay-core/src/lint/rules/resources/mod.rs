//! Rules of the `resources` group (rules.md §4): task and container CPU and memory, ulimits and
//! placement constraints; also TD-FG-031, a memory rule of the Fargate section (§3). Holds the
//! placement simulator's reading of the memory a task reserves
//! ([`task_memory_reservation`]).

mod container_cpu_outside_share_range;
mod container_cpu_sum_exceeds_task;
mod container_memory_exceeds_task;
mod container_memory_missing;
mod container_memory_too_small;
mod duplicate_ulimit;
mod gpu_requirement_invalid;
mod gpu_sharing_invalid;
mod gpu_unsupported_platform;
mod inference_accelerator_unknown_device;
mod inference_accelerators_deprecated;
mod memory_reservations_exceed_task;
mod negative_resource_value;
mod neuron_device_invalid;
mod no_memory_hard_limit;
mod nvidia_mps_out_of_range;
mod reservation_equals_memory;
mod reservation_exceeds_memory;
mod swap_setting_out_of_range;
mod swappiness_ignored;
mod task_cpu_invalid;
mod task_cpu_out_of_range;
mod task_memory_invalid;
mod too_many_placement_constraints;
mod ulimit_soft_exceeds_hard;
mod ulimits_on_windows;
mod windows_container_cpu_missing;
mod windows_task_size_ignored;

use crate::lint::{Context, Finding, Rule};
use crate::model::{container_label, parse_task_cpu, parse_task_memory};
use crate::source::{Node, Value};

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &memory_reservations_exceed_task::MemoryReservationsExceedTask,
    &task_cpu_invalid::TaskCpuInvalid,
    &task_memory_invalid::TaskMemoryInvalid,
    &task_cpu_out_of_range::TaskCpuOutOfRange,
    &container_memory_missing::ContainerMemoryMissing,
    &reservation_exceeds_memory::ReservationExceedsMemory,
    &reservation_equals_memory::ReservationEqualsMemory,
    &container_memory_too_small::ContainerMemoryTooSmall,
    &negative_resource_value::NegativeResourceValue,
    &container_cpu_sum_exceeds_task::ContainerCpuSumExceedsTask,
    &container_memory_exceeds_task::ContainerMemoryExceedsTask,
    &container_cpu_outside_share_range::ContainerCpuOutsideShareRange,
    &windows_container_cpu_missing::WindowsContainerCpuMissing,
    &windows_task_size_ignored::WindowsTaskSizeIgnored,
    &no_memory_hard_limit::NoMemoryHardLimit,
    &gpu_unsupported_platform::GpuUnsupportedPlatform,
    &gpu_requirement_invalid::GpuRequirementInvalid,
    &gpu_sharing_invalid::GpuSharingInvalid,
    &nvidia_mps_out_of_range::NvidiaMpsOutOfRange,
    &neuron_device_invalid::NeuronDeviceInvalid,
    &inference_accelerator_unknown_device::InferenceAcceleratorUnknownDevice,
    &inference_accelerators_deprecated::InferenceAcceleratorsDeprecated,
    &swap_setting_out_of_range::SwapSettingOutOfRange,
    &swappiness_ignored::SwappinessIgnored,
    &ulimit_soft_exceeds_hard::UlimitSoftExceedsHard,
    &duplicate_ulimit::DuplicateUlimit,
    &ulimits_on_windows::UlimitsOnWindows,
    &too_many_placement_constraints::TooManyPlacementConstraints,
];

/// The memory, in MiB, that a task reserves on a container instance: the task-level `memory`
/// when it is set; otherwise the sum, over the containers, of each container's
/// `memoryReservation` when it is set (above 0), else its `memory`.
///
/// This is what ECS subtracts from an instance's free memory when it places the task
/// (BOTO:ContainerDefinition.memory / memoryReservation; rules.md TD-RES-015 and Appendix B;
/// placement.md §1.3). `task` is a task definition in API shape (any input form, mapped by
/// `forms`); it is read leniently, as CloudFormation would: task `memory` as `"2048"`,
/// `"2 GB"` or an integer, container values as integers or integer strings.
///
/// `None` when the amount cannot be known: task memory written in a form that is not valid or
/// only known at deploy time, a container value that cannot be read, or a container with
/// neither value (such a definition does not register: TD-RES-004).
pub fn task_memory_reservation(task: &Node) -> Option<u64> {
    if let Some(memory) = task.get("memory").filter(|m| !m.is_null()) {
        return match &memory.value {
            Value::String(s) => parse_task_memory(s),
            Value::Number(n) => n.int.and_then(|i| u64::try_from(i).ok()),
            _ => None,
        };
    }
    let lenient = |n: &Node| match &n.value {
        Value::Number(num) => num.int,
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    task.get("containerDefinitions")?
        .items()
        .iter()
        .try_fold(0u64, |sum, c| {
            let (_, mib) = reserved_by(c, lenient)??;
            sum.checked_add(mib)
        })
}

/// The memory a container reserves and the member it comes from: `memoryReservation` when it
/// is above 0, else `memory` when it is above 0. The outer `None` means a value is present but
/// cannot be read with `int` (a deploy-time value, a wrong type); the inner `None` that the
/// container has neither.
pub(crate) fn reserved_by(
    container: &Node,
    int: impl Fn(&Node) -> Option<i64>,
) -> Option<Option<(&Node, u64)>> {
    for key in ["memoryReservation", "memory"] {
        let Some(node) = container.get(key).filter(|n| !n.is_null()) else {
            continue;
        };
        let v = int(node)?;
        if v > 0 {
            return Some(Some((node, u64::try_from(v).ok()?)));
        }
    }
    Some(None)
}

/// One `resourceRequirements` entry of a container whose `type` is a string.
pub(crate) struct Requirement<'a> {
    /// The container, for messages (`'app'` or `#1`).
    pub label: String,
    /// The entry object.
    pub node: &'a Node,
    /// The `type` value.
    pub kind_node: &'a Node,
    /// The type (`GPU`, `InferenceAccelerator`, `NeuronDevice`).
    pub kind: &'a str,
    /// The `value` member, when written (and not null).
    pub value: Option<&'a Node>,
    /// The `sharingStrategy` member, when written (and not null).
    pub sharing: Option<&'a Node>,
    /// The index of the container in the task.
    pub index: usize,
}

/// Every resource requirement of every container, in order.
pub(crate) fn requirements<'a>(cx: &'a Context<'a>) -> impl Iterator<Item = Requirement<'a>> + 'a {
    cx.container_members("resourceRequirements")
        .flat_map(|(i, c, list)| list.items().iter().map(move |r| (i, c, r)))
        .filter_map(|(index, container, node)| {
            let kind_node = node.get("type")?;
            let present = |key: &str| node.get(key).filter(|n| !n.is_null());
            Some(Requirement {
                label: container_label(container, index),
                node,
                kind_node,
                kind: kind_node.as_str()?,
                value: present("value"),
                sharing: present("sharingStrategy"),
                index,
            })
        })
}

/// A resource requirement's `value` as written: a string, or in CloudFormation a number, which
/// CloudFormation passes on as a string. `None` for anything else (deploy-time values included).
pub(crate) fn requirement_value(cx: &Context<'_>, value: &Node) -> Option<String> {
    match &value.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if cx.is_cloudformation() => Some(n.raw.clone()),
        _ => None,
    }
}

/// Whether a Linux-only parameter is reported by a platform rule that asks to remove it: on
/// Fargate (TD-FG-008) or for Windows containers (TD-WIN-001).
pub(crate) fn removed_by_platform_rule(cx: &Context<'_>) -> bool {
    !cx.facts.platform_unknown && (cx.facts.fargate || cx.facts.windows)
}

/// A task-level size (`cpu` or `memory`) as ECS reads it: a string in either of its forms; in
/// CloudFormation also a non-negative integer, which CloudFormation turns into a string.
fn task_size<'a>(
    cx: &Context<'a>,
    key: &str,
    parse: fn(&str) -> Option<u64>,
) -> Option<(&'a Node, u64)> {
    let node = cx.task()?.get(key)?;
    let value = match &node.value {
        Value::String(s) => parse(s),
        Value::Number(n) if cx.is_cloudformation() => n.int.and_then(|i| u64::try_from(i).ok()),
        _ => None,
    }?;
    Some((node, value))
}

/// The task `cpu` in CPU units, with its node.
pub(crate) fn task_cpu<'a>(cx: &Context<'a>) -> Option<(&'a Node, u64)> {
    task_size(cx, "cpu", parse_task_cpu)
}

/// The task `memory` in MiB, with its node.
pub(crate) fn task_memory<'a>(cx: &Context<'a>) -> Option<(&'a Node, u64)> {
    task_size(cx, "memory", parse_task_memory)
}

/// A container's integer member as ECS reads it, with its node; `None` when absent or null.
pub(crate) fn container_int<'a>(
    cx: &Context<'_>,
    container: &'a Node,
    key: &str,
) -> Option<(&'a Node, i64)> {
    let node = container.get(key)?;
    cx.int_of(node).map(|v| (node, v))
}

/// A container that sets both `memory` and `memoryReservation` above 0.
pub(crate) struct MemoryPair<'a> {
    /// The container, for messages (`'app'` or `#1`).
    pub label: String,
    /// The `memory` value.
    pub memory_node: &'a Node,
    /// The hard limit in MiB.
    pub memory: i64,
    /// The `memoryReservation` value.
    pub reservation_node: &'a Node,
    /// The soft limit in MiB.
    pub reservation: i64,
}

/// Every container that sets both memory limits above 0.
pub(crate) fn memory_pair<'a>(cx: &'a Context<'a>) -> impl Iterator<Item = MemoryPair<'a>> + 'a {
    cx.containers().filter_map(move |(i, c)| {
        let (memory_node, memory) = container_int(cx, c, "memory").filter(|(_, v)| *v > 0)?;
        let (reservation_node, reservation) =
            container_int(cx, c, "memoryReservation").filter(|(_, v)| *v > 0)?;
        Some(MemoryPair {
            label: container_label(c, i),
            memory_node,
            memory,
            reservation_node,
            reservation,
        })
    })
}

/// Sums one integer member over the containers (absent counts 0, negative values count 0:
/// TD-RES-008 reports them). `None` when a value is present but cannot be read, so the sum is
/// not known. Each container with a value comes with the running total after it.
pub(crate) fn running_sum<'a>(
    cx: &Context<'a>,
    key: &str,
) -> Option<Vec<(usize, &'a Node, &'a Node, u64)>> {
    let mut total: u64 = 0;
    let mut out = Vec::new();
    for (i, c) in cx.containers() {
        let Some(node) = c.get(key).filter(|n| !n.is_null()) else {
            continue;
        };
        let v = cx.int_of(node)?;
        total = total.saturating_add(u64::try_from(v).unwrap_or(0));
        out.push((i, c, node, total));
    }
    Some(out)
}

/// The finding of TD-RES-001/002: the task `key` string is in neither form ECS accepts (an
/// integer, or an amount of `unit`, described by `forms`). `suggest` turns a common wrong form
/// (`"250m"`, `"512MB"`) into the integer to write; `help` is said otherwise.
pub(crate) fn invalid_task_size(
    cx: &Context<'_>,
    key: &str,
    unit: &str,
    forms: &str,
    suggest: fn(&str) -> Option<u64>,
    help: &str,
) -> Option<Finding> {
    let node = cx.task()?.get(key)?;
    let s = node.as_str()?;
    if task_size_form_ok(s, unit) {
        return None;
    }
    let message = if s.trim().is_empty() {
        format!("Invalid '{key}' setting for task: the value is empty")
    } else {
        format!("Invalid '{key}' setting for task: \"{s}\" is neither {forms}")
    };
    let help = suggest(s.trim()).map_or_else(|| help.to_owned(), |v| format!("write \"{v}\""));
    Some(Finding::at(node, message).help(help))
}

/// Whether a task-size string has one of the forms ECS accepts (rules.md TD-RES-001/002): an
/// integer, or a decimal amount followed by `unit` in any letter case, optionally after spaces.
pub(crate) fn task_size_form_ok(s: &str, unit: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let s = s.trim();
    if digits(s) {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    let Some(amount) = lower.strip_suffix(unit).map(str::trim_end) else {
        return false;
    };
    match amount.split_once('.') {
        Some((whole, frac)) => (whole.is_empty() || digits(whole)) && digits(frac),
        None => digits(amount),
    }
}

/// A task definition with `head` (top-level members followed by a comma, or empty) and one
/// container `w` whose `linuxParameters` object holds `linux` (members written as JSON), for
/// tests.
#[cfg(test)]
pub(super) fn linux_task(head: &str, linux: &str) -> String {
    format!(
        r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "w", "image": "i", "memory": 64, "linuxParameters": {{{linux}}}}}]}}"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;

    fn reserved(text: &str) -> Option<u64> {
        task_memory_reservation(&parse(text).unwrap().root)
    }

    #[test]
    fn task_memory_wins() {
        assert_eq!(
            reserved(r#"{"memory": "2 GB", "containerDefinitions": [{"memory": 4096}]}"#),
            Some(2048)
        );
        assert_eq!(
            reserved(r#"{"memory": 1024, "containerDefinitions": []}"#),
            Some(1024)
        );
        assert_eq!(
            reserved(r#"{"memory": "512MB", "containerDefinitions": []}"#),
            None
        );
    }

    #[test]
    fn containers_reserve_their_soft_limit_else_their_hard_limit() {
        assert_eq!(
            reserved(
                r#"{"containerDefinitions": [{"memory": 512, "memoryReservation": 128}, {"memory": 256}, {"memoryReservation": "64", "memory": 0}]}"#
            ),
            Some(128 + 256 + 64)
        );
        assert_eq!(
            reserved(r#"{"containerDefinitions": [{"memory": 256}, {"cpu": 10}]}"#),
            None
        );
        assert_eq!(
            reserved(r#"{"containerDefinitions": [{"memory": true}]}"#),
            None
        );
        assert_eq!(reserved(r#"{"containerDefinitions": []}"#), Some(0));
    }

    #[test]
    fn size_forms() {
        for ok in ["256", " 1024 ", "1 vCPU", ".25 vcpu", "0.5VCPU", "16 vCpu"] {
            assert!(task_size_form_ok(ok, "vcpu"), "{ok}");
        }
        for bad in [
            "",
            "256m",
            "1 core",
            "1. vcpu",
            "vcpu",
            "-1",
            "1.5.2 vcpu",
            "2 vCPUs",
        ] {
            assert!(!task_size_form_ok(bad, "vcpu"), "{bad}");
        }
        assert!(task_size_form_ok("2GB", "gb"));
        assert!(!task_size_form_ok("2GiB", "gb"));
    }
}
