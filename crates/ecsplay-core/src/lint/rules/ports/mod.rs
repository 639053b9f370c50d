//! Rules of the `ports` group (rules.md §6): port mappings, port ranges and the host ports a
//! container instance reserves.

mod app_protocol_without_name;
mod container_port_out_of_range;
mod duplicate_container_port;
mod duplicate_port_name;
mod duplicate_static_host_port;
mod firelens_port_exposed;
mod host_port_in_ephemeral_range;
mod host_port_out_of_range;
mod port_mapping_without_container_port;
mod port_name_invalid;
mod port_protocol_invalid;
mod port_range_agent_version;
mod port_range_invalid;
mod port_range_network_mode;
mod port_range_with_host_port;
mod reserved_host_port;
mod service_connect_udp_port;
mod shared_namespace_port_conflict;
mod static_host_port;
mod windows_fargate_reserved_port;
mod windows_port_mapping_loopback;

use crate::lint::{Context, Rule};
use crate::source::{Node, Value};

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &port_mapping_without_container_port::PortMappingWithoutContainerPort,
    &container_port_out_of_range::ContainerPortOutOfRange,
    &host_port_out_of_range::HostPortOutOfRange,
    &duplicate_container_port::DuplicateContainerPort,
    &port_protocol_invalid::PortProtocolInvalid,
    &shared_namespace_port_conflict::SharedNamespacePortConflict,
    &duplicate_static_host_port::DuplicateStaticHostPort,
    &reserved_host_port::ReservedHostPort,
    &host_port_in_ephemeral_range::HostPortInEphemeralRange,
    &static_host_port::StaticHostPort,
    &port_range_network_mode::PortRangeNetworkMode,
    &port_range_with_host_port::PortRangeWithHostPort,
    &port_range_invalid::PortRangeInvalid,
    &port_range_agent_version::PortRangeAgentVersion,
    &port_name_invalid::PortNameInvalid,
    &duplicate_port_name::DuplicatePortName,
    &app_protocol_without_name::AppProtocolWithoutName,
    &service_connect_udp_port::ServiceConnectUdpPort,
    &firelens_port_exposed::FirelensPortExposed,
    &windows_fargate_reserved_port::WindowsFargateReservedPort,
    &windows_port_mapping_loopback::WindowsPortMappingLoopback,
];

/// Where the ephemeral port range starts on Linux: the default `ip_local_port_range` begins at
/// 32768 (ECS falls back to 49153-65535 when it cannot read it).
pub(crate) const LINUX_EPHEMERAL_START: i64 = 32768;
/// Where the dynamic port range starts on Windows.
pub(crate) const WINDOWS_EPHEMERAL_START: i64 = 49152;

/// For a task whose host ports are published through Docker's port mapping (the `bridge` mode,
/// or the Windows default NAT mode): whether it is Windows, and where the ephemeral range, from
/// which ECS takes dynamic host ports, starts. `None` for the other modes and when the mode is
/// not known.
pub(crate) fn published_ports_mode(cx: &Context<'_>) -> Option<(bool, i64)> {
    match crate::lint::rules::network::network_mode(cx)? {
        crate::model::NetworkMode::Bridge => Some((false, LINUX_EPHEMERAL_START)),
        crate::model::NetworkMode::WindowsNat => Some((true, WINDOWS_EPHEMERAL_START)),
        _ => None,
    }
}

/// When the ECS container agent reserves a [`ReservedPort`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReservedWhen {
    /// Always, in the agent's default configuration.
    Always,
    /// When the agent exposes Prometheus metrics (`ECS_ENABLE_PROMETHEUS_METRICS=true`, Linux).
    /// The ECS API documentation lists this port among the reserved ones without the condition.
    PrometheusMetrics,
    /// When IAM roles for tasks are enabled on a Windows instance (`-EnableTaskIAMRole`): the
    /// credential proxy then listens on port 80.
    TaskIamRoles,
}

/// A TCP host port that the ECS container agent registers as reserved on a container instance,
/// so that no task with a static mapping of that port can be placed there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReservedPort {
    /// The port number.
    pub port: u16,
    /// What uses it.
    pub purpose: &'static str,
    /// When it is reserved.
    pub when: ReservedWhen,
}

const fn always(port: u16, purpose: &'static str) -> ReservedPort {
    reserved(port, purpose, ReservedWhen::Always)
}

const fn reserved(port: u16, purpose: &'static str, when: ReservedWhen) -> ReservedPort {
    ReservedPort {
        port,
        purpose,
        when,
    }
}

/// The TCP host ports the agent reserves by default on a Linux container instance (UDP: none).
///
/// Sources: AGENT:agent/config/config_unix.go (`ReservedPorts: SSHPort, DockerReservedPort,
/// DockerReservedSSLPort, AgentIntrospectionPort, AgentCredentialsPort`, `ReservedPortsUDP: []`),
/// AGENT:agent/config/config.go (the port numbers; 51680 `AgentPrometheusExpositionPort`, added
/// to the list when `ECS_ENABLE_PROMETHEUS_METRICS` is true); BOTO:PortMapping.hostPort ("22 for
/// SSH, the Docker ports 2375 and 2376, and the Amazon ECS container agent ports 51678-51680").
/// An instance's own `ECS_RESERVED_PORTS` setting replaces this list.
pub const LINUX_RESERVED_PORTS: [ReservedPort; 6] = [
    always(22, "SSH"),
    always(2375, "the Docker daemon"),
    always(2376, "the Docker daemon (TLS)"),
    always(51678, "the ECS agent introspection API"),
    always(
        51679,
        "the ECS agent credentials and task metadata endpoint",
    ),
    reserved(
        51680,
        "the ECS agent Prometheus metrics",
        ReservedWhen::PrometheusMetrics,
    ),
];

/// The TCP host ports the agent reserves by default on a Windows container instance (UDP:
/// none).
///
/// Source: AGENT:agent/config/config_windows.go (`ReservedPorts: DockerReservedPort,
/// DockerReservedSSLPort, AgentIntrospectionPort, tmds.Port, rdpPort, rpcPort, smbPort,
/// winRMPortHTTP, winRMPortHTTPS, dnsPort, netBIOSPort`; `httpPort` 80 appended by
/// `platformOverrides` when task IAM roles are enabled). rules.md §6 lists the same ports except
/// 135 and 445, which the agent's list also holds.
pub const WINDOWS_RESERVED_PORTS: [ReservedPort; 12] = [
    always(53, "the DNS client"),
    reserved(
        80,
        "the task IAM role credential proxy",
        ReservedWhen::TaskIamRoles,
    ),
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
];

/// The reserved-port entry for `port` on Linux or Windows instances, if there is one.
pub fn reserved_port(windows: bool, port: i64) -> Option<&'static ReservedPort> {
    let list: &'static [ReservedPort] = if windows {
        &WINDOWS_RESERVED_PORTS
    } else {
        &LINUX_RESERVED_PORTS
    };
    list.iter().find(|r| i64::from(r.port) == port)
}

/// A port number of a mapping member as ECS reads it, with its node: an integer, or in
/// CloudFormation a string holding one (which CloudFormation coerces). A numeric string in the
/// API forms is a type error that TD-SHAPE-010 reports; it is read here too, so that a conflict
/// in the number it holds is reported as well (fixing the type would not fix the conflict;
/// cfn-lint E3053 reads it the same way). `None` when absent, a deploy-time value or no integer.
pub(crate) fn port<'a>(cx: &Context<'_>, mapping: &'a Node, key: &str) -> Option<(&'a Node, i64)> {
    let node = mapping.get(key)?;
    let value = cx.int_of(node).or_else(|| match &node.value {
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })?;
    Some((node, value))
}

/// The transport protocol of a mapping as ECS reads it: `udp`, or `tcp` for anything else (the
/// default; ECS treats an unknown string as tcp). `None` for a deploy-time value.
pub(crate) fn protocol(mapping: &Node) -> Option<&'static str> {
    match mapping.get("protocol") {
        Some(p) if p.is_unknown() => None,
        Some(p) if p.as_str() == Some("udp") => Some("udp"),
        _ => Some("tcp"),
    }
}

/// For each item whose key an earlier item already has: (that earlier item, this item). Keys are
/// compared with `same`, so that callers can say which repeats count.
pub(crate) fn repeats<K, T: Copy>(
    items: impl IntoIterator<Item = (K, T)>,
    same: impl Fn(&K, &K) -> bool,
) -> Vec<(T, T)> {
    let mut seen: Vec<(K, T)> = Vec::new();
    let mut out = Vec::new();
    for (key, item) in items {
        match seen.iter().find(|(k, _)| same(k, &key)) {
            Some((_, first)) => out.push((*first, item)),
            None => seen.push((key, item)),
        }
    }
    out
}

/// Every mapping member `key` whose number lies outside `range`: (container label, node, value).
pub(crate) fn ports_outside<'a>(
    cx: &Context<'a>,
    key: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Vec<(String, &'a Node, i64)> {
    cx.port_mappings()
        .filter_map(|(i, container, mapping)| {
            let (node, value) = port(cx, mapping, key)?;
            (!range.contains(&value))
                .then(|| (crate::model::container_label(container, i), node, value))
        })
        .collect()
}

/// A task definition with `head` (top-level members followed by a comma, or empty) and one
/// container `name` whose `portMappings` list holds `mappings` (written as JSON), for tests.
#[cfg(test)]
pub(super) fn mappings_task(head: &str, name: &str, mappings: &str) -> String {
    format!(
        r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "{name}", "image": "i", "memory": 64, "portMappings": [{mappings}]}}]}}"#
    )
}
