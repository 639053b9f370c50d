use crate::declare_rule;
use crate::lint::rules::network::{field, network_mode};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Reports a `containerPortRange` in a task that uses the `host` network mode.
    ///
    /// Port ranges are documented for `bridge` and `awsvpc` only. In the `none` mode every port
    /// mapping is TD-NET-006's finding; the Windows default (NAT) mode is not judged, because
    /// the documentation says ranges work on Windows without naming that mode.
    ///
    /// ## Why is this bad?
    /// A port range asks ECS to bind a block of host ports for the container: dynamically from
    /// the ephemeral range in bridge mode, one-to-one on the task's interface in awsvpc mode.
    /// Host mode binds the container's ports on the instance directly and has no such mapping,
    /// so the API documentation lists bridge and awsvpc as the only modes for
    /// `containerPortRange` and ECS rejects it elsewhere. In host mode, list each port with
    /// `containerPort`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "media",
    ///   "networkMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "rtp", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 256, "portMappings": [{"containerPortRange": "10000-10099", "protocol": "udp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "media",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "rtp", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 256, "portMappings": [{"containerPortRange": "10000-10099", "protocol": "udp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.containerPortRange (botocore 1.44.5 ECS model: "You must use either the bridge network mode or the awsvpc network mode")
    pub struct PortRangeNetworkMode {
        code: "TD-PORT-011",
        name: "port-range-network-mode",
        severity: Error,
        scope: Task,
        summary: "containerPortRange in a task that uses the host network mode",
    }
}

impl Rule for PortRangeNetworkMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if network_mode(cx) != Some(NetworkMode::Host) {
            return;
        }
        let key = field(cx, "containerPortRange");
        for (i, container, mapping) in cx.port_mappings() {
            let Some(range) = mapping
                .get("containerPortRange")
                .filter(|r| r.is_set() && !r.is_unknown())
            else {
                continue;
            };
            out.push(
                Finding::at(
                    range,
                    format!(
                        "{key} (container {}) is not supported in host network mode; port ranges need the bridge or awsvpc network mode",
                        container_label(container, i)
                    ),
                )
                .help(format!("map each port with \"{}\", or use the bridge or awsvpc network mode", field(cx, "containerPort"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PortRangeNetworkMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str) -> String {
        format!(
            r#"{{"family": "t", {mode}"containerDefinitions": [{{"name": "rtp", "image": "i", "memory": 64, "portMappings": [{{"containerPortRange": "10000-10099"}}]}}]}}"#
        )
    }

    #[test]
    fn ranges_in_host_mode_fail() {
        let text = task(r#""networkMode": "host", "#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/containerPortRange"
        );
        assert_eq!(spanned(&text, &d[0]), "\"10000-10099\"");
        assert_eq!(
            d[0].message,
            "containerPortRange (container 'rtp') is not supported in host network mode; port ranges need the bridge or awsvpc network mode"
        );
    }

    #[test]
    fn bridge_awsvpc_and_none_pass() {
        assert_passes(&Rule::META, &task(r#""networkMode": "bridge", "#));
        assert_passes(&Rule::META, &task(""));
        assert_passes(&Rule::META, &task(r#""networkMode": "awsvpc", "#));
        // none: TD-NET-006 reports every port mapping.
        assert_passes(&Rule::META, &task(r#""networkMode": "none", "#));
    }
}
