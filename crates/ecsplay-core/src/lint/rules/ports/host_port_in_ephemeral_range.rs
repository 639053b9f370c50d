use super::{port, published_ports_mode, reserved_port};
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns about a static `hostPort` inside the ephemeral port range, in the `bridge` network
    /// mode (from 32768 on Linux) or the Windows default (NAT) mode (from 49152). Ports the
    /// agent reserves anyway (51678-51680) are TD-PORT-008's finding.
    ///
    /// ## Why is this bad?
    /// ECS takes dynamic host ports (`hostPort` omitted or 0) from the instance's ephemeral
    /// range: `/proc/sys/net/ipv4/ip_local_port_range` (32768-60999 on current Amazon Linux),
    /// or 49153-65535 on Linux and 49152-65535 on Windows when that is unavailable. The
    /// operating system also hands these ports to outgoing connections. A static port there
    /// may already be taken by a dynamic mapping of another task or by a client socket, so the
    /// task fails to start at random. The API documentation says not to pick host ports in this
    /// range; ports below 32768 are generally outside it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512, "portMappings": [{"containerPort": 3000, "hostPort": 50000}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512, "portMappings": [{"containerPort": 3000, "hostPort": 0}]}
    ///   ]
    /// }
    /// ```
    ///
    /// A dynamic port lets several copies of the task share an instance; register it with a
    /// load balancer target group.
    ///
    /// ## References
    /// - BOTO:PortMapping.hostPort (botocore 1.44.5 ECS model: "Do not attempt to specify a host port in the ephemeral port range"; fallback ranges 49153-65535 Linux, 49152-65535 Windows)
    /// - AGENT:agent/utils/ephemeral_ports_linux.go (the agent's dynamic host port range)
    pub struct HostPortInEphemeralRange {
        code: "TD-PORT-009",
        name: "host-port-in-ephemeral-range",
        severity: Warning,
        scope: Task,
        summary: "A static hostPort inside the ephemeral port range",
    }
}

impl Rule for HostPortInEphemeralRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some((windows, start)) = published_ports_mode(cx) else {
            return;
        };
        let key = field(cx, "hostPort");
        for (i, container, mapping) in cx.port_mappings() {
            let Some((node, value)) = port(cx, mapping, "hostPort") else {
                continue;
            };
            if !(start..=65535).contains(&value) || reserved_port(windows, value).is_some() {
                continue;
            }
            let os = if windows { "Windows" } else { "Linux" };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "static {key} {value} of container {} is in the ephemeral port range ({start}-65535 on {os}), where ECS assigns dynamic host ports",
                        container_label(container, i)
                    ),
                )
                .help(format!("pick a host port below {start}, or set {key} to 0 for a dynamic port")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HostPortInEphemeralRange as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, host: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "api", "image": "i", "memory": 64, "portMappings": [{{"containerPort": 3000, "hostPort": {host}}}]}}]}}"#
        )
    }

    const WINDOWS: &str =
        r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#;

    #[test]
    fn ephemeral_ports_warn() {
        let text = task(r#""networkMode": "bridge", "#, "50000");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(spanned(&text, &d[0]), "50000");
        assert_eq!(
            d[0].message,
            "static hostPort 50000 of container 'api' is in the ephemeral port range (32768-65535 on Linux), where ECS assigns dynamic host ports"
        );
        assert_fails(&Rule::META, &task("", "32768"));
        assert_fails(&Rule::META, &task("", "65535"));
        assert_fails(&Rule::META, &task(WINDOWS, "49152"));
    }

    #[test]
    fn low_dynamic_reserved_and_other_modes_pass() {
        assert_passes(&Rule::META, &task("", "32767"));
        assert_passes(&Rule::META, &task("", "0"));
        // Reserved by the agent: TD-PORT-008.
        assert_passes(&Rule::META, &task("", "51678"));
        assert_passes(&Rule::META, &task(WINDOWS, "40000"));
        assert_passes(&Rule::META, &task(r#""networkMode": "host", "#, "50000"));
        assert_passes(&Rule::META, &task(r#""networkMode": "awsvpc", "#, "50000"));
    }
}
