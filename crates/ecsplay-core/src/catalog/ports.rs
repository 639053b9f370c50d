//! Host ports on a container instance: the ports the ECS agent reserves by default, the limit on
//! reserved ports, and the ephemeral range dynamic host ports come from.
//!
//! The reserved ports are registered as the instance's `PORTS` resource (TCP; `PORTS_UDP` is
//! empty by default) and every static host port of a running task joins them until the task
//! stops. Sources: `AGENT-PORTS`, `API-HOSTPORT` (placement.md §1.3, rules.md §6).
//!
//! The Windows list follows the current agent source and README, which also reserve 135 (RPC)
//! and 445 (SMB); rules.md §6 (agent @8dfceca) lists the other nine only.

use super::{AGENT_2331, AGENT_PORTS, API_HOSTPORT};

/// The operating system of a container instance (`ecs.os-type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HostOs {
    /// `linux`.
    Linux,
    /// `windows`.
    Windows,
}

/// When the agent reserves a port.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReservedWhen {
    /// Always (the default `ECS_RESERVED_PORTS`).
    Always,
    /// Only with `ECS_ENABLE_PROMETHEUS_METRICS=true` (Linux).
    PrometheusMetrics,
    /// Only with `ECS_ENABLE_TASK_IAM_ROLE=true` (Windows: the credential proxy listens on 80).
    TaskIamRoles,
}

/// One TCP port the agent reserves on a container instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReservedPort {
    /// The port.
    pub port: u16,
    /// What uses it.
    pub purpose: &'static str,
    /// When it is reserved.
    pub when: ReservedWhen,
    /// Where the fact comes from.
    pub source: &'static str,
}

const fn always(port: u16, purpose: &'static str) -> ReservedPort {
    ReservedPort {
        port,
        purpose,
        when: ReservedWhen::Always,
        source: AGENT_PORTS,
    }
}

/// Linux defaults: `[22, 2375, 2376, 51678, 51679]`, plus 51680 with Prometheus metrics.
pub static LINUX_RESERVED_PORTS: &[ReservedPort] = &[
    always(22, "SSH"),
    always(2375, "the Docker daemon"),
    always(2376, "the Docker daemon (TLS)"),
    always(51678, "the ECS agent introspection API"),
    always(
        51679,
        "the ECS agent credentials and task metadata endpoint",
    ),
    ReservedPort {
        port: 51680,
        purpose: "the ECS agent Prometheus metrics",
        when: ReservedWhen::PrometheusMetrics,
        source: AGENT_PORTS,
    },
];

/// Windows defaults: `[53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679]`, plus 80
/// with task IAM roles.
pub static WINDOWS_RESERVED_PORTS: &[ReservedPort] = &[
    always(53, "the DNS client"),
    always(135, "Windows RPC"),
    always(139, "NetBIOS over TCP/IP"),
    always(445, "SMB"),
    always(2375, "the Docker daemon"),
    always(2376, "the Docker daemon (TLS)"),
    always(3389, "Remote Desktop"),
    always(5985, "WinRM (HTTP)"),
    always(5986, "WinRM (HTTPS)"),
    always(51678, "the ECS agent introspection API"),
    always(
        51679,
        "the ECS agent credentials and task metadata endpoint",
    ),
    ReservedPort {
        port: 80,
        purpose: "the task IAM role credential proxy",
        when: ReservedWhen::TaskIamRoles,
        source: AGENT_PORTS,
    },
];

/// UDP ports reserved by default (`ECS_RESERVED_PORTS_UDP`): none, on Linux and Windows.
pub static RESERVED_UDP_PORTS: &[u16] = &[];

/// At most 100 reserved host ports per container instance, the defaults included; dynamically
/// assigned ports do not count. Exceeding it is a placement failure.
pub const MAX_RESERVED_PORTS_PER_INSTANCE: usize = 100;

/// Source of [`MAX_RESERVED_PORTS_PER_INSTANCE`].
pub const RESERVED_PORTS_LIMIT_SOURCE: &str = API_HOSTPORT;

/// Agent settings that add reserved ports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgentPortSettings {
    /// `ECS_ENABLE_PROMETHEUS_METRICS` (default false).
    pub prometheus_metrics: bool,
    /// `ECS_ENABLE_TASK_IAM_ROLE` (default false).
    pub task_iam_roles: bool,
}

/// The default reserved-port list of an OS, conditional ports included.
pub fn reserved_ports(os: HostOs) -> &'static [ReservedPort] {
    match os {
        HostOs::Linux => LINUX_RESERVED_PORTS,
        HostOs::Windows => WINDOWS_RESERVED_PORTS,
    }
}

/// The TCP ports an instance registers as reserved before any task runs, ascending.
pub fn default_reserved_tcp_ports(os: HostOs, settings: AgentPortSettings) -> Vec<u16> {
    let mut ports: Vec<u16> = reserved_ports(os)
        .iter()
        .filter(|p| match p.when {
            ReservedWhen::Always => true,
            ReservedWhen::PrometheusMetrics => settings.prometheus_metrics,
            ReservedWhen::TaskIamRoles => settings.task_iam_roles,
        })
        .map(|p| p.port)
        .collect();
    ports.sort_unstable();
    ports
}

/// An inclusive range of ports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortRange {
    /// The first port.
    pub first: u16,
    /// The last port (inclusive).
    pub last: u16,
    /// Where the range comes from.
    pub source: &'static str,
}

impl PortRange {
    /// Whether `port` lies in the range.
    pub fn contains(&self, port: u16) -> bool {
        (self.first..=self.last).contains(&port)
    }

    /// How many ports the range holds.
    pub fn len(&self) -> u32 {
        u32::from(self.last)
            .saturating_add(1)
            .saturating_sub(u32::from(self.first))
    }

    /// Whether the range holds no port.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Linux: dynamic host ports come from `/proc/sys/net/ipv4/ip_local_port_range` when the agent
/// can read it, else from this fallback.
pub const LINUX_EPHEMERAL_FALLBACK: PortRange = PortRange {
    first: 49153,
    last: 65535,
    source: API_HOSTPORT,
};

/// Windows: the dynamic host-port range.
pub const WINDOWS_EPHEMERAL_RANGE: PortRange = PortRange {
    first: 49152,
    last: 65535,
    source: API_HOSTPORT,
};

/// What `ip_local_port_range` was observed to hold on the ECS-optimized Amazon Linux AMI (2020),
/// so the range the agent actually reads there; ports 51678–51680 lie inside it.
pub const ECS_AMI_LOCAL_PORT_RANGE: PortRange = PortRange {
    first: 32768,
    last: 60999,
    source: AGENT_2331,
};

/// The range used when the kernel's own range cannot be read (Windows: always).
pub fn ephemeral_fallback(os: HostOs) -> PortRange {
    match os {
        HostOs::Linux => LINUX_EPHEMERAL_FALLBACK,
        HostOs::Windows => WINDOWS_EPHEMERAL_RANGE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: AgentPortSettings = AgentPortSettings {
        prometheus_metrics: false,
        task_iam_roles: false,
    };
    const ALL: AgentPortSettings = AgentPortSettings {
        prometheus_metrics: true,
        task_iam_roles: true,
    };

    #[test]
    fn linux_defaults() {
        assert_eq!(
            default_reserved_tcp_ports(HostOs::Linux, AgentPortSettings::default()),
            [22, 2375, 2376, 51678, 51679]
        );
        let prometheus = AgentPortSettings {
            prometheus_metrics: true,
            ..NONE
        };
        assert_eq!(
            default_reserved_tcp_ports(HostOs::Linux, prometheus),
            [22, 2375, 2376, 51678, 51679, 51680]
        );
        // Task IAM roles add nothing on Linux.
        let roles = AgentPortSettings {
            task_iam_roles: true,
            ..NONE
        };
        assert_eq!(
            default_reserved_tcp_ports(HostOs::Linux, roles),
            [22, 2375, 2376, 51678, 51679]
        );
    }

    #[test]
    fn windows_defaults() {
        assert_eq!(
            default_reserved_tcp_ports(HostOs::Windows, NONE),
            [53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679]
        );
        let roles = AgentPortSettings {
            task_iam_roles: true,
            ..NONE
        };
        assert_eq!(
            default_reserved_tcp_ports(HostOs::Windows, roles),
            [53, 80, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679]
        );
        // Prometheus metrics are a Linux agent feature.
        assert!(!default_reserved_tcp_ports(HostOs::Windows, ALL).contains(&51680));
    }

    #[test]
    fn lists_are_well_formed() {
        for os in [HostOs::Linux, HostOs::Windows] {
            let list = reserved_ports(os);
            let mut ports: Vec<u16> = list.iter().map(|p| p.port).collect();
            ports.sort_unstable();
            ports.dedup();
            assert_eq!(ports.len(), list.len(), "{os:?} has a duplicate");
            assert!(list.iter().all(|p| !p.purpose.is_empty()));
            assert!(default_reserved_tcp_ports(os, ALL).len() < MAX_RESERVED_PORTS_PER_INSTANCE);
        }
        assert!(RESERVED_UDP_PORTS.is_empty());
    }

    #[test]
    fn reserved_port_limit() {
        assert_eq!(MAX_RESERVED_PORTS_PER_INSTANCE, 100);
        // 95 more static host ports fit on a default Linux instance.
        let defaults = default_reserved_tcp_ports(HostOs::Linux, NONE).len();
        assert_eq!(MAX_RESERVED_PORTS_PER_INSTANCE - defaults, 95);
    }

    #[test]
    fn ephemeral_ranges() {
        let linux = ephemeral_fallback(HostOs::Linux);
        assert_eq!((linux.first, linux.last), (49153, 65535));
        assert_eq!(linux.len(), 16383);
        assert!(!linux.contains(49152) && linux.contains(49153) && linux.contains(65535));
        let windows = ephemeral_fallback(HostOs::Windows);
        assert_eq!((windows.first, windows.last), (49152, 65535));
        assert!(windows.contains(49152) && !windows.is_empty());
        // On the ECS AMI the agent's own ports sit inside the kernel's ephemeral range.
        assert!(ECS_AMI_LOCAL_PORT_RANGE.contains(51678));
        assert!(!LINUX_EPHEMERAL_FALLBACK.contains(32768));
        let empty = PortRange {
            first: 2,
            last: 1,
            source: API_HOSTPORT,
        };
        assert!(empty.is_empty());
    }
}
