//! A typed view of a task definition for the placement simulator: what a task of it needs from an
//! instance (placement.md §1.3, rules.md Appendix B).
//!
//! The view is read leniently from a JSON value: a member of the wrong type reads as absent (the
//! linter is what reports it), so a scenario with a slightly odd task definition still runs.

use super::units::{parse_task_cpu, parse_task_memory};
use serde_json::Value;

/// A port mapping, as far as placement cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortMapping {
    /// The container port.
    pub container_port: Option<u16>,
    /// The host port (`None` or `Some(0)`: dynamic in bridge mode).
    pub host_port: Option<u16>,
    /// Whether the protocol is UDP (anything else counts as TCP, as ECS treats it).
    pub udp: bool,
    /// Whether the mapping is a `containerPortRange` (always dynamic on the host).
    pub range: bool,
}

/// A container, as far as placement cares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Container {
    /// The name.
    pub name: String,
    /// CPU units (0 when absent).
    pub cpu: u32,
    /// The hard memory limit, MiB.
    pub memory: Option<u32>,
    /// The soft memory limit, MiB.
    pub memory_reservation: Option<u32>,
    /// The port mappings.
    pub port_mappings: Vec<PortMapping>,
    /// GPUs requested with `resourceRequirements`.
    pub gpus: u32,
}

/// A task definition, as far as placement cares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskDefinition {
    /// The family.
    pub family: String,
    /// Task-level CPU units, when written in a valid form.
    pub cpu: Option<u32>,
    /// Task-level memory (MiB), when written in a valid form.
    pub memory: Option<u32>,
    /// `networkMode` as written (`None`: the default, bridge on Linux).
    pub network_mode: Option<String>,
    /// `requiresCompatibilities`.
    pub requires_compatibilities: Vec<String>,
    /// `runtimePlatform.cpuArchitecture`.
    pub cpu_architecture: Option<String>,
    /// `runtimePlatform.operatingSystemFamily`.
    pub os_family: Option<String>,
    /// The `memberOf` expressions of `placementConstraints`.
    pub placement_constraints: Vec<String>,
    /// The containers.
    pub containers: Vec<Container>,
}

fn int(v: Option<&Value>) -> Option<i64> {
    v.and_then(Value::as_i64)
}

fn u32_of(v: Option<&Value>) -> Option<u32> {
    int(v).and_then(|i| u32::try_from(i).ok())
}

fn port(v: Option<&Value>) -> Option<u16> {
    int(v).and_then(|i| u16::try_from(i).ok())
}

impl TaskDefinition {
    /// Reads a task definition from its JSON (RegisterTaskDefinition request form).
    pub fn from_json(v: &Value) -> TaskDefinition {
        let s = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
        let containers = v
            .get("containerDefinitions")
            .and_then(Value::as_array)
            .map(|list| list.iter().map(Container::from_json).collect())
            .unwrap_or_default();
        TaskDefinition {
            family: s("family").unwrap_or_default(),
            cpu: v
                .get("cpu")
                .and_then(Value::as_str)
                .and_then(parse_task_cpu)
                .and_then(|c| u32::try_from(c).ok()),
            memory: v
                .get("memory")
                .and_then(Value::as_str)
                .and_then(parse_task_memory)
                .and_then(|m| u32::try_from(m).ok()),
            network_mode: s("networkMode"),
            requires_compatibilities: v
                .get("requiresCompatibilities")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            cpu_architecture: v
                .pointer("/runtimePlatform/cpuArchitecture")
                .and_then(Value::as_str)
                .map(str::to_owned),
            os_family: v
                .pointer("/runtimePlatform/operatingSystemFamily")
                .and_then(Value::as_str)
                .map(str::to_owned),
            placement_constraints: v
                .get("placementConstraints")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter(|c| c.get("type").and_then(Value::as_str) == Some("memberOf"))
                        .filter_map(|c| c.get("expression").and_then(Value::as_str))
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            containers,
        }
    }

    /// Whether the task runs Windows containers.
    pub fn is_windows(&self) -> bool {
        self.os_family
            .as_deref()
            .is_some_and(|f| f.starts_with("WINDOWS_"))
    }

    /// The effective network mode: as written, else `bridge` (Linux) or the Windows NAT default
    /// (`default`).
    pub fn effective_network_mode(&self) -> &str {
        match &self.network_mode {
            Some(m) => m,
            None if self.is_windows() => "default",
            None => "bridge",
        }
    }

    /// Whether each task takes an ENI (awsvpc network mode).
    pub fn is_awsvpc(&self) -> bool {
        self.effective_network_mode() == "awsvpc"
    }

    /// Whether `requiresCompatibilities` lists a launch type.
    pub fn supports(&self, launch_type: &str) -> bool {
        self.requires_compatibilities
            .iter()
            .any(|c| c == launch_type)
    }

    /// CPU units a task reserves: task-level `cpu` if set, else the sum of container `cpu`.
    pub fn cpu_demand(&self) -> u32 {
        self.cpu.unwrap_or_else(|| {
            self.containers
                .iter()
                .fold(0u32, |sum, c| sum.saturating_add(c.cpu))
        })
    }

    /// Memory (MiB) a task reserves: task-level `memory` if set, else the sum over containers
    /// of `memoryReservation` when given, else `memory`.
    pub fn memory_demand(&self) -> u32 {
        self.memory.unwrap_or_else(|| {
            self.containers.iter().fold(0u32, |sum, c| {
                sum.saturating_add(c.memory_reservation.or(c.memory).unwrap_or(0))
            })
        })
    }

    /// GPUs a task needs: the sum over containers.
    pub fn gpu_demand(&self) -> u32 {
        self.containers
            .iter()
            .fold(0u32, |sum, c| sum.saturating_add(c.gpus))
    }

    /// The static host ports a task reserves on its instance, TCP and UDP: in `host` mode every
    /// mapped container port; in `bridge` mode every non-zero `hostPort`; none in `awsvpc` (ports
    /// bind to the task's own ENI) or `none`.
    pub fn static_host_ports(&self) -> (Vec<u16>, Vec<u16>) {
        let mode = self.effective_network_mode();
        let mut tcp = Vec::new();
        let mut udp = Vec::new();
        for m in self.containers.iter().flat_map(|c| &c.port_mappings) {
            if m.range {
                continue;
            }
            let port = match mode {
                "host" => m.host_port.filter(|p| *p != 0).or(m.container_port),
                "bridge" | "default" => m.host_port.filter(|p| *p != 0),
                _ => None,
            };
            if let Some(p) = port {
                if m.udp {
                    udp.push(p);
                } else {
                    tcp.push(p);
                }
            }
        }
        (tcp, udp)
    }
}

impl Container {
    fn from_json(v: &Value) -> Container {
        Container {
            name: v
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            cpu: u32_of(v.get("cpu")).unwrap_or(0),
            memory: u32_of(v.get("memory")),
            memory_reservation: u32_of(v.get("memoryReservation")),
            port_mappings: v
                .get("portMappings")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .map(|m| PortMapping {
                            container_port: port(m.get("containerPort")),
                            host_port: port(m.get("hostPort")),
                            udp: m.get("protocol").and_then(Value::as_str) == Some("udp"),
                            range: m.get("containerPortRange").is_some(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            gpus: v
                .get("resourceRequirements")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter(|r| r.get("type").and_then(Value::as_str) == Some("GPU"))
                        .filter_map(|r| r.get("value").and_then(Value::as_str))
                        .filter_map(|s| s.trim().parse::<u32>().ok())
                        .fold(0u32, u32::saturating_add)
                })
                .unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn demand_follows_reservation_semantics() {
        let td = TaskDefinition::from_json(&json!({
            "family": "web",
            "containerDefinitions": [
                {"name": "a", "cpu": 256, "memory": 1024, "memoryReservation": 512,
                 "portMappings": [{"containerPort": 80, "hostPort": 8080}, {"containerPort": 81}]},
                {"name": "b", "cpu": 128, "memory": 256,
                 "portMappings": [{"containerPort": 53, "hostPort": 53, "protocol": "udp"}],
                 "resourceRequirements": [{"type": "GPU", "value": "2"}]}
            ]
        }));
        assert_eq!(td.cpu_demand(), 384);
        assert_eq!(td.memory_demand(), 768, "reservation, else hard limit");
        assert_eq!(td.gpu_demand(), 2);
        assert_eq!(td.static_host_ports(), (vec![8080], vec![53]));
        assert_eq!(td.effective_network_mode(), "bridge");
    }

    #[test]
    fn task_level_sizes_win_and_modes_change_ports() {
        let td = TaskDefinition::from_json(&json!({
            "family": "web", "cpu": "1 vCPU", "memory": "2 GB", "networkMode": "host",
            "containerDefinitions": [{"name": "a", "cpu": 10, "memory": 64,
                "portMappings": [{"containerPort": 80}]}]
        }));
        assert_eq!((td.cpu_demand(), td.memory_demand()), (1024, 2048));
        assert_eq!(td.static_host_ports(), (vec![80], vec![]));
        let vpc = TaskDefinition::from_json(&json!({"networkMode": "awsvpc",
            "containerDefinitions": [{"portMappings": [{"containerPort": 80, "hostPort": 80}]}]}));
        assert!(vpc.is_awsvpc());
        assert_eq!(vpc.static_host_ports(), (vec![], vec![]));
    }
}
