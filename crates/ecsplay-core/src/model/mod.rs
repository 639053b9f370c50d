//! A lenient typed view of a task definition: the facts most rules need, read once.
//!
//! Reading is lenient on purpose: a value of the wrong type is simply "not known" here (the
//! schema layer reports the type error), so a rule never sees a half-valid value.

pub mod task;
mod units;

pub use units::{parse_task_cpu, parse_task_memory};

use crate::forms::Scope;
use crate::source::Node;

/// A network mode, forward-compatible with values ECS may add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetworkMode {
    /// `bridge` (the Linux EC2 default).
    Bridge,
    /// `host`.
    Host,
    /// `awsvpc`.
    Awsvpc,
    /// `none`.
    None,
    /// The Windows default (NAT), written by omitting `networkMode` on Windows.
    WindowsNat,
    /// Any other string.
    Unknown(String),
}

impl NetworkMode {
    /// Parses an API value.
    pub fn parse(s: &str) -> Self {
        match s {
            "bridge" => NetworkMode::Bridge,
            "host" => NetworkMode::Host,
            "awsvpc" => NetworkMode::Awsvpc,
            "none" => NetworkMode::None,
            other => NetworkMode::Unknown(other.to_owned()),
        }
    }

    /// The API value (`"default"` for the Windows NAT default, which has none).
    pub fn as_str(&self) -> &str {
        match self {
            NetworkMode::Bridge => "bridge",
            NetworkMode::Host => "host",
            NetworkMode::Awsvpc => "awsvpc",
            NetworkMode::None => "none",
            NetworkMode::WindowsNat => "default",
            NetworkMode::Unknown(s) => s,
        }
    }
}

/// Task-level facts (rules.md §0.3 predicates), read once per task definition.
#[derive(Clone, Debug, Default)]
pub struct TaskFacts {
    /// Whether task-level context exists (false for a Terraform container array).
    pub task_level: bool,
    /// `FARGATE` ∈ `requiresCompatibilities`.
    pub fargate: bool,
    /// `requiresCompatibilities` absent/empty or contains `EC2`.
    pub ec2: bool,
    /// `EXTERNAL` ∈ `requiresCompatibilities`.
    pub external: bool,
    /// `MANAGED_INSTANCES` ∈ `requiresCompatibilities`.
    pub managed_instances: bool,
    /// `runtimePlatform.operatingSystemFamily` starts with `WINDOWS_`.
    pub windows: bool,
    /// Whether the compatibility list or the OS family is a deploy-time value (CloudFormation).
    pub platform_unknown: bool,
    /// The effective network mode; `None` when it is not known (a deploy-time value, a
    /// non-string, or no task-level context).
    pub network_mode: Option<NetworkMode>,
    /// Whether `networkMode` is written.
    pub network_mode_written: bool,
    /// Task `cpu` in CPU units, when written in a valid form.
    pub cpu: Option<u64>,
    /// Task `memory` in MiB, when written in a valid form.
    pub memory: Option<u64>,
}

impl TaskFacts {
    /// Reads the facts of a task definition root.
    pub fn read(root: &Node, scope: Scope) -> Self {
        if scope == Scope::ContainersOnly {
            return TaskFacts::default();
        }
        let compat_node = root.get("requiresCompatibilities");
        let compat: Vec<&str> = compat_node
            .map(|n| n.items().iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        let os_node = root.at_path(["runtimePlatform", "operatingSystemFamily"]);
        let windows = os_node
            .and_then(Node::as_str)
            .is_some_and(|s| s.starts_with("WINDOWS_"));
        let platform_unknown = compat_node.is_some_and(Node::is_unknown)
            || compat_node.is_some_and(|n| n.items().iter().any(Node::is_unknown))
            || os_node.is_some_and(Node::is_unknown);
        let nm_node = root.get("networkMode");
        let network_mode = match nm_node {
            None => Some(if windows {
                NetworkMode::WindowsNat
            } else {
                NetworkMode::Bridge
            }),
            Some(n) => n.as_str().map(NetworkMode::parse),
        };
        TaskFacts {
            task_level: true,
            fargate: compat.contains(&"FARGATE"),
            ec2: compat.is_empty() || compat.contains(&"EC2"),
            external: compat.contains(&"EXTERNAL"),
            managed_instances: compat.contains(&"MANAGED_INSTANCES"),
            windows,
            platform_unknown,
            network_mode,
            network_mode_written: nm_node.is_some(),
            cpu: root.get("cpu").and_then(|n| task_size(n, parse_task_cpu)),
            memory: root
                .get("memory")
                .and_then(|n| task_size(n, parse_task_memory)),
        }
    }

    /// Whether the effective network mode is `mode`.
    pub fn network_mode_is(&self, mode: &NetworkMode) -> bool {
        self.network_mode.as_ref() == Some(mode)
    }
}

/// A task-level `cpu` or `memory`: a string in one of its forms, or (leniently, as
/// CloudFormation coerces it) a whole number. A number in API input is also reported as a type
/// error by the schema layer; reading it here lets the size rules still judge the value.
fn task_size(node: &Node, parse: fn(&str) -> Option<u64>) -> Option<u64> {
    match &node.value {
        crate::source::Value::String(s) => parse(s),
        crate::source::Value::Number(n) => n.int.and_then(|i| u64::try_from(i).ok()),
        _ => None,
    }
}

/// A container's `name`, or `#<index>` when it has none, for messages.
pub fn container_label(container: &Node, index: usize) -> String {
    container
        .get("name")
        .and_then(Node::as_str)
        .map_or_else(|| format!("#{index}"), |s| format!("'{s}'"))
}
