use super::{port, protocol, repeats};
use crate::declare_rule;
use crate::lint::rules::network::{field, network_mode};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Reports two containers of a task in the `awsvpc` or `host` network mode that map the
    /// same `containerPort` with the same protocol.
    ///
    /// One container mapping a port twice is TD-PORT-004's finding.
    ///
    /// ## Why is this bad?
    /// In these modes the containers of a task share one network namespace: the task's network
    /// interface (awsvpc) or the instance's (host). Only one process in a namespace can listen
    /// on a given port and protocol, so the container that starts second fails to bind
    /// (`address already in use`) and, if it is essential, the task stops. In `bridge` mode
    /// each container has its own namespace and this is fine as long as the host ports differ.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "shop",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "storefront", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"containerPort": 8080}]},
    ///     {"name": "admin", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"containerPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "shop",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "storefront", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"containerPort": 8080}]},
    ///     {"name": "admin", "image": "public.ecr.aws/docker/library/node:22-alpine", "environment": [{"name": "PORT", "value": "8081"}], "portMappings": [{"containerPort": 8081}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.networkMode (botocore 1.44.5 ECS model: in awsvpc and host mode container ports map directly to the ENI or host port)
    /// - BOTO:PortMapping.containerPort
    pub struct SharedNamespacePortConflict {
        code: "TD-PORT-006",
        name: "shared-namespace-port-conflict",
        severity: Error,
        scope: Task,
        summary: "Two containers of an awsvpc or host task use the same port",
    }
}

impl Rule for SharedNamespacePortConflict {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(mode) =
            network_mode(cx).filter(|m| matches!(m, NetworkMode::Awsvpc | NetworkMode::Host))
        else {
            return;
        };
        let namespace = match mode {
            NetworkMode::Host => "the instance's network namespace",
            _ => "the task's network namespace",
        };
        let mappings = cx.port_mappings().filter_map(|(i, container, m)| {
            let (node, value) = port(cx, m, "containerPort")?;
            let proto = protocol(m)?;
            Some(((value, proto, i), (i, container, node, value, proto)))
        });
        let key = field(cx, "containerPort");
        for ((fi, first_container, first, _, _), (i, container, node, value, proto)) in
            repeats(mappings, |(p1, t1, c1), (p2, t2, c2)| {
                p1 == p2 && t1 == t2 && c1 != c2
            })
        {
            let other = container_label(first_container, fi);
            out.push(
                Finding::at(
                    node,
                    format!(
                        "{key} {value}/{proto} of container {} is also used by container {other}; in {} mode both share {namespace}",
                        container_label(container, i),
                        mode.as_str()
                    ),
                )
                .label(first, format!("container {other} uses {value}/{proto} here"))
                .help("make one of the two containers listen on another port and map that port"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SharedNamespacePortConflict as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str, a: &str, b: &str) -> String {
        format!(
            r#"{{"family": "t", "networkMode": "{mode}", "containerDefinitions": [{{"name": "a", "image": "i", "memory": 64, "portMappings": [{a}]}}, {{"name": "b", "image": "i", "memory": 64, "portMappings": [{b}]}}]}}"#
        )
    }

    #[test]
    fn the_same_port_in_two_containers_fails() {
        let text = task(
            "awsvpc",
            r#"{"containerPort": 8080}"#,
            r#"{"containerPort": 8080, "protocol": "tcp"}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/1/portMappings/0/containerPort"
        );
        assert_eq!(spanned(&text, &d[0]), "8080");
        assert_eq!(
            d[0].message,
            "containerPort 8080/tcp of container 'b' is also used by container 'a'; in awsvpc mode both share the task's network namespace"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/portMappings/0/containerPort"
        );
        assert_fails(
            &Rule::META,
            &task(
                "host",
                r#"{"containerPort": 53, "protocol": "udp"}"#,
                r#"{"containerPort": 53, "protocol": "udp"}"#,
            ),
        );
    }

    #[test]
    fn other_protocols_bridge_and_one_container_pass() {
        assert_passes(
            &Rule::META,
            &task(
                "awsvpc",
                r#"{"containerPort": 53, "protocol": "udp"}"#,
                r#"{"containerPort": 53}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                "bridge",
                r#"{"containerPort": 80}"#,
                r#"{"containerPort": 80}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                "awsvpc",
                r#"{"containerPort": 80}"#,
                r#"{"containerPort": 81}"#,
            ),
        );
        // One container twice: TD-PORT-004.
        assert_passes(
            &Rule::META,
            &task(
                "awsvpc",
                r#"{"containerPort": 80}, {"containerPort": 80}"#,
                r#"{"containerPort": 81}"#,
            ),
        );
    }
}
