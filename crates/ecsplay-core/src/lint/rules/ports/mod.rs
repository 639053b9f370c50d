//! Rules of the `ports` group (rules.md §6): port mappings, port ranges and the host ports a
//! container instance reserves.

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
mod port_range_invalid;
mod port_range_network_mode;
mod port_range_with_host_port;
mod reserved_host_port;
mod service_connect_udp_port;
mod shared_namespace_port_conflict;
mod windows_fargate_reserved_port;

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
    &port_range_network_mode::PortRangeNetworkMode,
    &port_range_with_host_port::PortRangeWithHostPort,
    &port_range_invalid::PortRangeInvalid,
    &port_name_invalid::PortNameInvalid,
    &duplicate_port_name::DuplicatePortName,
    &service_connect_udp_port::ServiceConnectUdpPort,
    &firelens_port_exposed::FirelensPortExposed,
    &windows_fargate_reserved_port::WindowsFargateReservedPort,
];

pub(crate) use crate::catalog::ports::{ReservedPort, ReservedWhen};

/// The reserved-port entry for `port` on Linux or Windows instances, if there is one (the
/// catalogue's tables: `catalog::ports::LINUX_RESERVED_PORTS` and `WINDOWS_RESERVED_PORTS`, each
/// port with its source).
pub fn reserved_port(windows: bool, port: i64) -> Option<&'static ReservedPort> {
    let os = if windows {
        crate::catalog::ports::HostOs::Windows
    } else {
        crate::catalog::ports::HostOs::Linux
    };
    crate::catalog::ports::reserved_ports(os)
        .iter()
        .find(|r| i64::from(r.port) == port)
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
