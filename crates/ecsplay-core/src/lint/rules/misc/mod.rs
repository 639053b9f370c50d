//! Rules of the `misc` group (rules.md §13.3): the App Mesh proxy, trusted execution, kernel
//! parameters and capabilities, commands, DNS and labels, and the helpers they share.

mod app_mesh_end_of_support;
mod capability_invalid;
mod command_not_split;
mod confidential_sandbox_without_attestation_policy;
mod dns_search_domain_invalid;
mod dns_server_not_ip;
mod docker_label_key_empty;
mod ec2_and_fargate_compatibilities;
mod external_service_connect;
mod image_architecture_mismatch;
mod ipc_sysctl_applies_task_wide;
mod ipc_sysctl_with_host_ipc_mode;
mod managed_instances_network_mode;
mod proxy_configuration_invalid;
mod proxy_properties_missing;
mod string_instead_of_list;
mod sysctl_not_namespaced;
mod trusted_execution_outside_managed_instances;

use crate::lint::{Context, Rule};
use crate::source::Node;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &proxy_configuration_invalid::ProxyConfigurationInvalid,
    &proxy_properties_missing::ProxyPropertiesMissing,
    &app_mesh_end_of_support::AppMeshEndOfSupport,
    &trusted_execution_outside_managed_instances::TrustedExecutionOutsideManagedInstances,
    &confidential_sandbox_without_attestation_policy::ConfidentialSandboxWithoutAttestationPolicy,
    &sysctl_not_namespaced::SysctlNotNamespaced,
    &ipc_sysctl_with_host_ipc_mode::IpcSysctlWithHostIpcMode,
    &ipc_sysctl_applies_task_wide::IpcSysctlAppliesTaskWide,
    &command_not_split::CommandNotSplit,
    &string_instead_of_list::StringInsteadOfList,
    &dns_server_not_ip::DnsServerNotIp,
    &dns_search_domain_invalid::DnsSearchDomainInvalid,
    &docker_label_key_empty::DockerLabelKeyEmpty,
    &ec2_and_fargate_compatibilities::Ec2AndFargateCompatibilities,
    &image_architecture_mismatch::ImageArchitectureMismatch,
    &external_service_connect::ExternalServiceConnect,
    &managed_instances_network_mode::ManagedInstancesNetworkMode,
    &capability_invalid::CapabilityInvalid,
];

/// The kernel namespace a sysctl belongs to, as Docker (runc) allows it in a container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SysctlNamespace {
    /// The IPC namespace: `kernel.msgmax`, `kernel.msgmnb`, `kernel.msgmni`, `kernel.sem`,
    /// `kernel.shmall`, `kernel.shmmax`, `kernel.shmmni`, `kernel.shm_rmid_forced`, `fs.mqueue.*`.
    Ipc,
    /// The network namespace: `net.*`.
    Network,
    /// The UTS namespace: `kernel.domainname` (runc allows it; ECS does not document it).
    Uts,
}

/// The IPC sysctls that are not under `fs.mqueue.` (BOTO:SystemControl.value doc; runc's
/// `libcontainer/configs/validate` list).
const IPC_SYSCTLS: [&str; 8] = [
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];

/// The namespace of the sysctl `name`; `None` for a sysctl that is not namespaced (it would
/// change the whole host, so a container may not set it).
pub(crate) fn sysctl_namespace(name: &str) -> Option<SysctlNamespace> {
    if IPC_SYSCTLS.contains(&name) || name.starts_with("fs.mqueue.") {
        Some(SysctlNamespace::Ipc)
    } else if name.starts_with("net.") {
        Some(SysctlNamespace::Network)
    } else if name == "kernel.domainname" {
        Some(SysctlNamespace::Uts)
    } else {
        None
    }
}

/// Every `systemControls[*].namespace` written as a string: (container index, container,
/// namespace node, namespace).
pub(crate) fn sysctls<'a>(cx: &Context<'a>) -> Vec<(usize, &'a Node, &'a Node, &'a str)> {
    cx.container_members("systemControls")
        .flat_map(|(i, c, list)| list.items().iter().map(move |s| (i, c, s)))
        .filter_map(|(i, c, s)| {
            let ns = s.get("namespace")?;
            ns.as_str().map(|name| (i, c, ns, name))
        })
        .collect()
}
