//! Rules of the `fargate` group (rules.md §3), and the helpers they share.

mod awslogs_stream_prefix_missing;
mod compatibility_not_declared;
mod cpu_memory_mismatch;
mod cpu_missing;
mod ephemeral_storage_outside_fargate;
mod ephemeral_storage_size_out_of_range;
mod firelens_s3_config;
mod inference_accelerator;
mod invalid_cpu;
mod ipc_mode;
mod large_size_platform_version;
mod memory_missing;
mod nofile_ulimit_too_high;
mod pid_mode_host;
mod placement_constraints;
pub(crate) use crate::catalog::fargate as sizes;
mod start_timeout_out_of_range;
mod stop_timeout_too_long;
mod sys_ptrace_platform_version;
mod unsupported_capability;
mod unsupported_container_parameter;
mod unsupported_linux_parameter;
mod unsupported_log_driver;
mod unsupported_os_family;
mod unsupported_volume;
mod windows_arm64;
mod windows_cpu_out_of_range;
mod windows_pid_mode;
mod windows_unsupported_feature;

use crate::forms::Form;
use crate::lint::{Context, Rule};
use crate::model::{parse_task_cpu, parse_task_memory};
use crate::source::{Node, Value};

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &cpu_missing::FargateCpuMissing,
    &memory_missing::FargateMemoryMissing,
    &invalid_cpu::FargateInvalidCpu,
    &cpu_memory_mismatch::FargateCpuMemoryMismatch,
    &windows_cpu_out_of_range::FargateWindowsCpuOutOfRange,
    &large_size_platform_version::FargateLargeSizePlatformVersion,
    &placement_constraints::FargatePlacementConstraints,
    &unsupported_container_parameter::FargateUnsupportedContainerParameter,
    &ipc_mode::FargateIpcMode,
    &pid_mode_host::FargatePidModeHost,
    &windows_pid_mode::FargateWindowsPidMode,
    &unsupported_linux_parameter::FargateUnsupportedLinuxParameter,
    &unsupported_capability::FargateUnsupportedCapability,
    &sys_ptrace_platform_version::FargateSysPtracePlatformVersion,
    &unsupported_volume::FargateUnsupportedVolume,
    &unsupported_log_driver::FargateUnsupportedLogDriver,
    &awslogs_stream_prefix_missing::FargateAwslogsStreamPrefixMissing,
    &stop_timeout_too_long::FargateStopTimeoutTooLong,
    &start_timeout_out_of_range::FargateStartTimeoutOutOfRange,
    &inference_accelerator::FargateInferenceAccelerator,
    &firelens_s3_config::FargateFirelensS3Config,
    &windows_unsupported_feature::FargateWindowsUnsupportedFeature,
    &windows_arm64::FargateWindowsArm64,
    &unsupported_os_family::FargateUnsupportedOsFamily,
    &ephemeral_storage_size_out_of_range::EphemeralStorageSizeOutOfRange,
    &ephemeral_storage_outside_fargate::EphemeralStorageOutsideFargate,
    &nofile_ulimit_too_high::FargateNofileUlimitTooHigh,
    &compatibility_not_declared::FargateCompatibilityNotDeclared,
];

/// A task-level `cpu` or `memory` as ECS reads it.
pub(crate) struct TaskSize<'a> {
    /// Where it is written.
    pub node: &'a Node,
    /// CPU units or MiB.
    pub value: u64,
}

impl TaskSize<'_> {
    /// A cpu as written, with its CPU units when written in vCPU: `768`,
    /// `"3 vCPU" (3072 CPU units)`.
    pub fn shown_cpu(&self) -> String {
        match self.written_other_than_integer() {
            Some(s) => format!("\"{s}\" ({} CPU units)", self.value),
            None => self.value.to_string(),
        }
    }

    /// Like [`TaskSize::shown_cpu`], with the vCPU amount of a Fargate size written in units:
    /// `512 (.5 vCPU)`, `"8 vCPU" (8192 CPU units)`.
    pub fn shown_cpu_size(&self) -> String {
        match (self.written_other_than_integer(), sizes::size(self.value)) {
            (None, Some(size)) => size.label(),
            _ => self.shown_cpu(),
        }
    }

    /// A memory as written, in MiB: `4096 MiB`, `"4 GB" (4096 MiB)`.
    pub fn shown_memory(&self) -> String {
        match self.written_other_than_integer() {
            Some(s) => format!("\"{s}\" ({} MiB)", self.value),
            None => format!("{} MiB", self.value),
        }
    }

    fn written_other_than_integer(&self) -> Option<&str> {
        self.node
            .as_str()
            .filter(|s| s.trim().parse::<u64>().is_err())
    }
}

/// Task `cpu` in CPU units: a string (`"256"`, `".25 vCPU"`), or in CloudFormation also an
/// integer (CloudFormation passes `Cpu: 256` on as a string). `None` when absent, only known at
/// deploy time, or not readable (TD-RES-001 and the schema layer report those).
pub(crate) fn task_cpu<'a>(cx: &Context<'a>) -> Option<TaskSize<'a>> {
    task_size(cx, "cpu", parse_task_cpu)
}

/// Task `memory` in MiB, read like [`task_cpu`] (`"512"`, `"2 GB"`, CloudFormation `Memory: 512`).
pub(crate) fn task_memory<'a>(cx: &Context<'a>) -> Option<TaskSize<'a>> {
    task_size(cx, "memory", parse_task_memory)
}

fn task_size<'a>(
    cx: &Context<'a>,
    key: &str,
    parse: fn(&str) -> Option<u64>,
) -> Option<TaskSize<'a>> {
    let node = cx.task()?.get(key)?;
    let value = match &node.value {
        Value::String(s) => parse(s)?,
        Value::Number(n) if cx.is_cloudformation() => u64::try_from(n.int?).ok()?,
        _ => return None,
    };
    Some(TaskSize { node, value })
}

/// The Fargate cpu to propose instead of `near`: the closest size offered for the operating
/// system that allows `memory` when one does, else the closest size. Returns the size and
/// whether it allows `memory`.
fn propose_cpu(
    near: u64,
    memory: Option<u64>,
    windows: bool,
) -> Option<(&'static sizes::FargateSize, bool)> {
    if let Some(mib) = memory {
        if let Some(s) = sizes::nearest_cpu(near, windows, |s| s.allows(mib)) {
            return Some((s, true));
        }
    }
    sizes::nearest_cpu(near, windows, |_| true).map(|s| (s, false))
}

/// `use cpu 512 (.5 vCPU), which allows memory 2048 MiB` (or without the memory clause when the
/// proposed size does not allow it).
pub(crate) fn cpu_proposal(near: u64, memory: Option<u64>, windows: bool) -> Option<String> {
    let (size, fits) = propose_cpu(near, memory, windows)?;
    Some(match memory {
        Some(mib) if fits => format!(
            "use cpu {}, the nearest Fargate size that allows memory {mib} MiB",
            size.label()
        ),
        _ => format!("use cpu {}, the nearest Fargate size", size.label()),
    })
}

/// Whether an optional member holds a value ECS counts as set (not null, empty or `false`; see
/// [`Node::is_set`]) that is known now (not a deploy-time value, which is never judged).
pub(crate) fn set_now(node: &Node) -> bool {
    node.is_set() && !node.is_unknown()
}

/// Whether a member holds any value known now (`null` and deploy-time values do not count).
pub(crate) fn present_now(node: &Node) -> bool {
    !node.is_null() && !node.is_unknown()
}

/// Whether ECS may already have found the definition Fargate-compatible: a pasted body whose
/// read-only `compatibilities` lists `FARGATE`, or describe-task-definition output, where the
/// form drops `compatibilities` before the rules run, so it cannot be known.
pub(crate) fn maybe_fargate_compatible(cx: &Context<'_>) -> bool {
    cx.form == Form::Describe
        || cx
            .task()
            .and_then(|t| t.get("compatibilities"))
            .is_some_and(|c| c.items().iter().any(|i| i.as_str() == Some("FARGATE")))
}

/// Every container's `linuxParameters.capabilities.add` list: (container index, container, list).
pub(crate) fn added_capabilities<'c, 'a>(
    cx: &'c Context<'a>,
) -> impl Iterator<Item = (usize, &'a Node, &'a Node)> + 'c {
    cx.container_members("linuxParameters")
        .filter_map(|(i, c, linux)| linux.at_path(["capabilities", "add"]).map(|a| (i, c, a)))
}

/// Whether the task is for Windows containers on Fargate (both known from the literal values).
pub(crate) fn windows_on_fargate(cx: &Context<'_>) -> bool {
    cx.facts.fargate && cx.facts.windows
}

#[cfg(test)]
pub(crate) mod testing {
    /// A task definition (1 vCPU, 2 GB, awsvpc) with the given `requiresCompatibilities` list,
    /// `task` members added at the top level and `container` members added to its one container
    /// `app` (both written as JSON members without the surrounding braces, or empty).
    pub(crate) fn td(compatibilities: &str, task: &str, container: &str) -> String {
        let sep = |s: &str| {
            if s.is_empty() {
                String::new()
            } else {
                format!(", {s}")
            }
        };
        format!(
            r#"{{"family": "t", "requiresCompatibilities": {compatibilities}, "networkMode": "awsvpc", "cpu": "1024", "memory": "2048"{}, "containerDefinitions": [{{"name": "app", "image": "nginx:1.27"{}}}]}}"#,
            sep(task),
            sep(container)
        )
    }

    /// [`td`] for Fargate.
    pub(crate) fn fargate(task: &str, container: &str) -> String {
        td(r#"["FARGATE"]"#, task, container)
    }

    /// [`td`] for Windows Server 2022 Core containers on Fargate.
    pub(crate) fn fargate_windows(task: &str, container: &str) -> String {
        let platform =
            r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}"#;
        let task = if task.is_empty() {
            platform.to_owned()
        } else {
            format!("{platform}, {task}")
        };
        td(r#"["FARGATE"]"#, &task, container)
    }

    /// [`td`] for EC2.
    pub(crate) fn ec2(task: &str, container: &str) -> String {
        td(r#"["EC2"]"#, task, container)
    }

    /// A CloudFormation template whose one Fargate task definition has `properties` (YAML lines
    /// indented by six spaces) after its compatibilities, network mode and size.
    pub(crate) fn fargate_cfn(properties: &str) -> String {
        format!("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: awsvpc\n      Cpu: 1024\n      Memory: 2048\n{properties}")
    }
}
