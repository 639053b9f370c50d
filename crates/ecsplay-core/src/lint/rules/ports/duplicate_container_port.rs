use super::{port, protocol, repeats};
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a container that maps the same `containerPort` twice, with the same protocol or
    /// not.
    ///
    /// Overlaps between a port and a `containerPortRange` are TD-PORT-013's finding.
    ///
    /// ## Why is this bad?
    /// The API documentation says "You can't expose the same container port for multiple
    /// protocols. If you attempt this, an error is returned.", and the port range rules add that
    /// a port can be included in only one port mapping per container. Two identical mappings
    /// are also rejected by CloudFormation (cfn-lint `E3037`, duplicate items). To serve TCP and
    /// UDP on one port number, ECS offers no way; use two ports.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "dns",
    ///   "containerDefinitions": [
    ///     {"name": "coredns", "image": "public.ecr.aws/eks-distro/coredns/coredns:v1.11.3-eks-1-31-4", "memory": 128, "portMappings": [{"containerPort": 53, "protocol": "udp"}, {"containerPort": 53, "protocol": "tcp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "dns",
    ///   "containerDefinitions": [
    ///     {"name": "coredns", "image": "public.ecr.aws/eks-distro/coredns/coredns:v1.11.3-eks-1-31-4", "memory": 128, "portMappings": [{"containerPort": 53, "protocol": "udp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping (botocore 1.44.5 ECS model: the same container port cannot be exposed for multiple protocols)
    /// - BOTO:PortMapping.containerPortRange (a port can only be included in one port mapping per container)
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition PortMappings uniqueItems (cfn-lint 1.58.0, E3037)
    pub struct DuplicateContainerPort {
        code: "TD-PORT-004",
        name: "duplicate-container-port",
        severity: Error,
        scope: Containers,
        summary: "A container maps the same containerPort twice",
    }
}

impl Rule for DuplicateContainerPort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let key = field(cx, "containerPort");
        for (i, container) in cx.containers() {
            let ports = container
                .get("portMappings")
                .map(crate::source::Node::items)
                .unwrap_or_default()
                .iter()
                .filter_map(|m| {
                    let (node, value) = port(cx, m, "containerPort")?;
                    Some((value, (node, protocol(m), value)))
                });
            for ((first, first_protocol, _), (node, this_protocol, value)) in
                repeats(ports, |a, b| a == b)
            {
                let protocols = match (first_protocol, this_protocol) {
                    (Some(a), Some(b)) if a != b => format!(
                        " (once for {a}, once for {b}: a container port can be exposed for only one protocol)"
                    ),
                    _ => String::new(),
                };
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "{key} {value} is mapped twice in container {}{protocols}",
                            container_label(container, i)
                        ),
                    )
                    .label(first, "first mapped here")
                    .help(format!("remove one of the two mappings of port {value}")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateContainerPort as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn container(mappings: &str) -> String {
        format!(r#"[{{"name": "dns", "image": "b", "portMappings": [{mappings}]}}]"#)
    }

    #[test]
    fn the_same_port_twice_fails() {
        let text = container(r#"{"containerPort": 53, "protocol": "udp"}, {"containerPort": 53}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/0/portMappings/1/containerPort");
        assert_eq!(spanned(&text, &d[0]), "53");
        assert_eq!(
            d[0].message,
            "containerPort 53 is mapped twice in container 'dns' (once for udp, once for tcp: a container port can be exposed for only one protocol)"
        );
        assert_eq!(d[0].labels[0].pointer, "/0/portMappings/0/containerPort");
        let d = assert_fails(
            &Rule::META,
            &container(r#"{"containerPort": 80}, {"containerPort": 80, "hostPort": 8080}"#),
        );
        assert_eq!(
            d[0].message,
            "containerPort 80 is mapped twice in container 'dns'"
        );
        // Three times: two findings, both labelled with the first.
        let d = assert_fails(
            &Rule::META,
            &container(r#"{"containerPort": 80}, {"containerPort": 80}, {"containerPort": 80}"#),
        );
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn distinct_ports_and_other_containers_pass() {
        assert_passes(
            &Rule::META,
            &container(r#"{"containerPort": 80}, {"containerPort": 443}"#),
        );
        // Two containers with one port each: TD-PORT-006 decides by network mode.
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "portMappings": [{"containerPort": 80}]}, {"name": "c", "image": "b", "portMappings": [{"containerPort": 80}]}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          PortMappings: [{ContainerPort: !Ref P}, {ContainerPort: !Ref P}]\n");
    }
}
