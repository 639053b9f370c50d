//! Rules of the `network` group (rules.md §2): the task's network mode and the container
//! settings each mode allows.

mod awsvpc_host_port_mismatch;
mod conflicting_network_sysctls;
mod disabled_networking_with_ports;
mod dns_settings_in_awsvpc_mode;
mod external_awsvpc_unsupported;
mod extra_hosts_in_awsvpc_mode;
mod fargate_network_mode_missing;
mod fargate_network_mode_not_awsvpc;
mod fault_injection_unsupported;
mod host_mode_host_port_mismatch;
mod host_mode_root_user;
mod host_network_mode;
mod hostname_in_awsvpc_mode;
mod links_outside_bridge_mode;
mod network_mode_invalid;
mod network_sysctl_in_host_mode;
mod port_mappings_in_none_mode;
mod windows_ec2_network_mode_unsupported;

use super::ports;
use crate::lint::{Context, Finding, Rule};
use crate::model::NetworkMode;
use crate::source::Node;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &network_mode_invalid::NetworkModeInvalid,
    &fargate_network_mode_not_awsvpc::FargateNetworkModeNotAwsvpc,
    &fargate_network_mode_missing::FargateNetworkModeMissing,
    &windows_ec2_network_mode_unsupported::WindowsEc2NetworkModeUnsupported,
    &external_awsvpc_unsupported::ExternalAwsvpcUnsupported,
    &port_mappings_in_none_mode::PortMappingsInNoneMode,
    &awsvpc_host_port_mismatch::AwsvpcHostPortMismatch,
    &host_mode_host_port_mismatch::HostModeHostPortMismatch,
    &links_outside_bridge_mode::LinksOutsideBridgeMode,
    &hostname_in_awsvpc_mode::HostnameInAwsvpcMode,
    &extra_hosts_in_awsvpc_mode::ExtraHostsInAwsvpcMode,
    &dns_settings_in_awsvpc_mode::DnsSettingsInAwsvpcMode,
    &host_mode_root_user::HostModeRootUser,
    &host_network_mode::HostNetworkMode,
    &network_sysctl_in_host_mode::NetworkSysctlInHostMode,
    &conflicting_network_sysctls::ConflictingNetworkSysctls,
    &disabled_networking_with_ports::DisabledNetworkingWithPorts,
    &fault_injection_unsupported::FaultInjectionUnsupported,
];

/// The network mode the task runs in, when a rule may judge by it.
///
/// This is `facts.network_mode` (the written mode; bridge when omitted on Linux, the Windows NAT
/// default when omitted on Windows), except where an omitted `networkMode` has no single meaning:
/// with `FARGATE` listed (ECS never runs such a task in bridge mode; TD-NET-003 reports the
/// omission), with `MANAGED_INSTANCES` (its default is awsvpc, so that is the mode when it is the
/// only compatibility, and unknown when EC2 or EXTERNAL is listed too), and when the platform is
/// a deploy-time value (Windows or not decides the default). `None` means "do not judge".
pub(crate) fn network_mode(cx: &Context<'_>) -> Option<NetworkMode> {
    let facts = &cx.facts;
    if !facts.task_level {
        return None;
    }
    if facts.network_mode_written {
        return facts.network_mode.clone();
    }
    if facts.platform_unknown || facts.fargate {
        return None;
    }
    if facts.managed_instances {
        return (!facts.ec2 && !facts.external).then_some(NetworkMode::Awsvpc);
    }
    facts.network_mode.clone()
}

/// A member name as the input form spells it: `hostPort`, or `HostPort` in CloudFormation.
pub(crate) fn field(cx: &Context<'_>, api_name: &str) -> String {
    if !cx.is_cloudformation() {
        return api_name.to_owned();
    }
    let mut chars = api_name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// The containers that set `key` to a known, non-empty value: (index, container, value).
/// A deploy-time value is skipped: it may turn out empty.
pub(crate) fn containers_setting<'a>(
    cx: &Context<'a>,
    key: &'static str,
) -> Vec<(usize, &'a Node, &'a Node)> {
    cx.container_members(key)
        .filter(|(_, _, v)| v.is_set() && !v.is_unknown())
        .collect()
}

/// TD-NET-007 and TD-NET-008: in the awsvpc and host modes a written `hostPort` must equal its
/// `containerPort`. Reports each mapping of a task in `mode` where it does not, at the
/// `hostPort` with a label on the `containerPort`; mappings where either value is unknown
/// (absent, a deploy-time value, not a number) are skipped. `where_` ends the label text.
pub(crate) fn report_host_port_mismatches(
    cx: &Context<'_>,
    mode: &NetworkMode,
    where_: &str,
    out: &mut Vec<Finding>,
) {
    if network_mode(cx).as_ref() != Some(mode) {
        return;
    }
    let host_key = field(cx, "hostPort");
    let container_key = field(cx, "containerPort");
    for (i, container, mapping) in cx.port_mappings() {
        let (Some((host, host_port)), Some((target, container_port))) = (
            ports::port(cx, mapping, "hostPort"),
            ports::port(cx, mapping, "containerPort"),
        ) else {
            continue;
        };
        if host_port == container_port {
            continue;
        }
        out.push(
            Finding::at(
                host,
                format!(
                    "{host_key} {host_port} must equal {container_key} {container_port} in {} network mode",
                    mode.as_str()
                ),
            )
            .label(
                target,
                format!(
                    "the port container {} listens on{where_}",
                    crate::model::container_label(container, i)
                ),
            )
            .help(format!("remove {host_key} or set it to {container_port}")),
        );
    }
}

/// TD-NET-011 and TD-NET-012: each container of an awsvpc task that sets `key`, which that mode
/// does not support, reported at the value with `help` (the form's spelling of `key` is
/// appended to "remove").
pub(crate) fn report_unsupported_in_awsvpc(
    cx: &Context<'_>,
    key: &'static str,
    help: &str,
    out: &mut Vec<Finding>,
) {
    if network_mode(cx) != Some(NetworkMode::Awsvpc) {
        return;
    }
    let written = field(cx, key);
    for (i, container, value) in containers_setting(cx, key) {
        out.push(
            Finding::at(
                value,
                format!(
                    "{written} is not supported on container {} when networkMode=awsvpc",
                    crate::model::container_label(container, i)
                ),
            )
            .help(format!("remove \"{written}\"{help}")),
        );
    }
}

/// The `net.*` namespaces a container's `systemControls` set: (namespace node, namespace, entry).
pub(crate) fn network_sysctls(container: &Node) -> Vec<(&Node, &str, &Node)> {
    container
        .get("systemControls")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| {
            let ns = entry.get("namespace")?;
            let name = ns.as_str().filter(|s| s.starts_with("net."))?;
            Some((ns, name, entry))
        })
        .collect()
}
