//! Rules of the `service-connect` group (TD-SC, rules.md §13.2), and the helpers they share.

mod memory_headroom;
mod windows_unsupported;

use crate::lint::{Context, Rule};
use crate::source::Node;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &memory_headroom::ServiceConnectMemoryHeadroom,
    &windows_unsupported::ServiceConnectWindowsUnsupported,
];

/// The port mappings that carry a `name` — the sign that the task is meant for Service Connect,
/// whose services refer to ports by name: (container index, container, the `name` node).
///
/// A name is not proof (the console also names ports, and VPC Lattice uses names too), so the
/// rules built on it only warn.
pub(crate) fn named_ports<'a>(cx: &Context<'a>) -> Vec<(usize, &'a Node, &'a Node)> {
    cx.port_mappings()
        .filter_map(|(i, c, m)| {
            let name = m.get("name")?;
            name.as_str()
                .filter(|n| !n.trim().is_empty())
                .map(|_| (i, c, name))
        })
        .collect()
}
