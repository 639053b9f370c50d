use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns about a port mapping that has a `name`, the sign that it is meant for Service
    /// Connect, and `protocol: "udp"`.
    ///
    /// ## Why is this bad?
    /// Service Connect proxies connections through an Envoy sidecar that handles TCP only (with
    /// HTTP, HTTP/2 and gRPC on top, chosen by `appProtocol`). A service that names this port
    /// as its `portName` gets no working endpoint: the UDP traffic never reaches the container
    /// through Service Connect.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "stats",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "statsd", "image": "docker.io/statsd/statsd:v0.10.2", "portMappings": [{"name": "statsd", "containerPort": 8125, "protocol": "udp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "stats",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "statsd", "image": "docker.io/statsd/statsd:v0.10.2", "portMappings": [{"containerPort": 8125, "protocol": "udp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// Reach a UDP service through its task's address, or a Cloud Map service without Service
    /// Connect.
    ///
    /// ## References
    /// - DG23:task_definition_parameters.md (port mappings, protocol: Service Connect supports only TCP)
    /// - BOTO:PortMapping.name, PortMapping.protocol (botocore 1.44.5 ECS model)
    pub struct ServiceConnectUdpPort {
        code: "TD-PORT-018",
        name: "service-connect-udp-port",
        severity: Warning,
        scope: Containers,
        summary: "A named (Service Connect) port mapping uses the udp protocol",
    }
}

impl Rule for ServiceConnectUdpPort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, container, mapping) in cx.port_mappings() {
            let Some(name) = mapping
                .get("name")
                .and_then(|n| n.as_str())
                .filter(|s| !s.is_empty())
            else {
                continue;
            };
            let Some(protocol) = mapping
                .get("protocol")
                .filter(|p| p.as_str() == Some("udp"))
            else {
                continue;
            };
            out.push(
                Finding::at(
                    protocol,
                    format!(
                        "port mapping \"{name}\" of container {} is named for Service Connect but uses udp; Service Connect handles only TCP",
                        container_label(container, i)
                    ),
                )
                .help(format!("remove \"{}\" from this udp mapping, or serve the port over tcp", field(cx, "name"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ServiceConnectUdpPort as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn container(mapping: &str) -> String {
        format!(r#"[{{"name": "statsd", "image": "b", "portMappings": [{mapping}]}}]"#)
    }

    #[test]
    fn named_udp_ports_warn() {
        let text = container(r#"{"name": "statsd", "containerPort": 8125, "protocol": "udp"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/portMappings/0/protocol");
        assert_eq!(spanned(&text, &d[0]), "\"udp\"");
        assert_eq!(
            d[0].message,
            "port mapping \"statsd\" of container 'statsd' is named for Service Connect but uses udp; Service Connect handles only TCP"
        );
    }

    #[test]
    fn unnamed_udp_and_named_tcp_pass() {
        assert_passes(
            &Rule::META,
            &container(r#"{"containerPort": 8125, "protocol": "udp"}"#),
        );
        assert_passes(
            &Rule::META,
            &container(r#"{"name": "http", "containerPort": 80, "protocol": "tcp"}"#),
        );
        assert_passes(
            &Rule::META,
            &container(r#"{"name": "http", "containerPort": 80}"#),
        );
    }
}
