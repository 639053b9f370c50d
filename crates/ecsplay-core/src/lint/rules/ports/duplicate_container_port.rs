use super::{port, protocol, repeats};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a container that maps the same `containerPort` twice: an error when both
    /// mappings use the same protocol, a warning when one is `tcp` and the other `udp`.
    ///
    /// Overlaps between a port and a `containerPortRange` are TD-PORT-013's finding.
    ///
    /// The catalogue rates the mixed-protocol case an error too, after the API reference's note
    /// "You can't expose the same container port for multiple protocols. If you attempt this, an
    /// error is returned." That note was removed from the developer guide and the
    /// CloudFormation guide in 2020 as no longer true (awsdocs/amazon-ecs-developer-guide #128),
    /// and the console accepts such a definition; what still fails is CreateService in some
    /// configurations, with `Container port 53 is used in more than one port mapping for
    /// container` (terraform-aws-modules/terraform-aws-ecs #89, amazon-ecs-agent #3428). A
    /// DNS server that needs 53/tcp and 53/udp is legitimate, so that case is a warning.
    ///
    /// ## Why is this bad?
    /// A port can be included in only one port mapping per container (the API's port range
    /// rules), and two mappings of one port and protocol say two different things about the
    /// same socket: with two host ports, or a dynamic and a static one, it is unclear which one
    /// clients and load balancers should use. ECS refuses to create a service from such a task
    /// definition (`Container port 8080 is used in more than one port mapping for container`),
    /// and cfn-lint rejects identical mappings (`E3037`, duplicate items).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512, "portMappings": [{"containerPort": 8080}, {"containerPort": 8080, "hostPort": 8080}]}
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
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512, "portMappings": [{"containerPort": 8080, "hostPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping (botocore 1.44.5 ECS model: the same container port cannot be exposed for multiple protocols)
    /// - BOTO:PortMapping.containerPortRange (a port can only be included in one port mapping per container)
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition PortMappings uniqueItems (cfn-lint 1.58.0, E3037)
    /// - ERR: https://github.com/terraform-aws-modules/terraform-aws-ecs/issues/89
    /// - ERR: https://github.com/aws/amazon-ecs-agent/issues/3428
    /// - https://github.com/awsdocs/amazon-ecs-developer-guide/pull/128 (developer guide note on the same port for TCP and UDP removed: "no error will be returned")
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
            let name = container_label(container, i);
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
                let finding = match (first_protocol, this_protocol) {
                    (Some(a), Some(b)) if a != b => Finding::at(
                        node,
                        format!("{key} {value} is mapped for both {a} and {b} in container {name}; a service refuses a port mapped twice"),
                    )
                    .label(first, format!("mapped for {a} here"))
                    .help(format!("if the container serves port {value} over one protocol only, remove the other mapping; a load balancer or Service Connect cannot use a port mapped twice"))
                    .severity(Severity::Warning),
                    _ => Finding::at(
                        node,
                        format!("{key} {value} is mapped twice in container {name}"),
                    )
                    .label(first, "first mapped here")
                    .help(format!("keep one mapping of port {value}; a port can be in only one port mapping per container")),
                };
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateContainerPort as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn container(mappings: &str) -> String {
        format!(r#"[{{"name": "dns", "image": "b", "portMappings": [{mappings}]}}]"#)
    }

    #[test]
    fn the_same_port_and_protocol_twice_fails() {
        let text = container(
            r#"{"containerPort": 80}, {"containerPort": 80, "hostPort": 8080, "protocol": "tcp"}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].pointer, "/0/portMappings/1/containerPort");
        assert_eq!(spanned(&text, &d[0]), "80");
        assert_eq!(
            d[0].message,
            "containerPort 80 is mapped twice in container 'dns'"
        );
        assert_eq!(d[0].labels[0].pointer, "/0/portMappings/0/containerPort");
        // Three times: two findings, both labelled with the first.
        let d = assert_fails(
            &Rule::META,
            &container(r#"{"containerPort": 80}, {"containerPort": 80}, {"containerPort": 80}"#),
        );
        assert_eq!(d.len(), 2);
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          PortMappings: [{ContainerPort: \"80\"}, {ContainerPort: 80}]\n");
        assert_eq!(
            d[0].message,
            "ContainerPort 80 is mapped twice in container 'a'"
        );
    }

    #[test]
    fn tcp_and_udp_on_one_port_warn() {
        let text = container(r#"{"containerPort": 53, "protocol": "udp"}, {"containerPort": 53}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].message,
            "containerPort 53 is mapped for both udp and tcp in container 'dns'; a service refuses a port mapped twice"
        );
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
