use super::{port, protocol, repeats};
use crate::declare_rule;
use crate::lint::rules::network::{field, network_mode};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Reports a static `hostPort` (not 0) that two port mappings of one task use with the same
    /// protocol, in the `bridge` network mode or the Windows default (NAT) mode, where host
    /// ports are translated to container ports.
    ///
    /// Two identical mappings of one container are TD-PORT-004's finding and are not repeated
    /// here.
    ///
    /// ## Why is this bad?
    /// A host port of a container instance can be bound only once. ECS reserves each static
    /// host port of a task while it runs, so the second mapping of the same port could never be
    /// satisfied, and ECS refuses the definition: `TCP host port '3000' is mapped multiple
    /// times in task.` Use two host ports, or dynamic host ports (`hostPort` omitted or 0)
    /// behind a load balancer.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": 8080}]},
    ///     {"name": "admin", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": 8080}]},
    ///     {"name": "admin", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": 8081}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.hostPort (botocore 1.44.5 ECS model: static host ports are reserved on the container instance while the task runs)
    /// - ERR: https://github.com/aws/amazon-ecs-agent/issues/1220
    pub struct DuplicateStaticHostPort {
        code: "TD-PORT-007",
        name: "duplicate-static-host-port",
        severity: Error,
        scope: Task,
        summary: "The same static hostPort is mapped twice in one task",
    }
}

impl Rule for DuplicateStaticHostPort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !matches!(
            network_mode(cx),
            Some(NetworkMode::Bridge | NetworkMode::WindowsNat)
        ) {
            return;
        }
        let mappings = cx.port_mappings().filter_map(|(i, container, m)| {
            let (node, value) = port(cx, m, "hostPort").filter(|(_, v)| *v != 0)?;
            let proto = protocol(m)?;
            let target = port(cx, m, "containerPort").map(|(_, v)| v);
            Some((
                (value, proto, i, target),
                (i, container, node, value, proto),
            ))
        });
        let key = field(cx, "hostPort");
        let conflicts = repeats(mappings, |(p1, t1, c1, cp1), (p2, t2, c2, cp2)| {
            // The same container mapping the same port twice is TD-PORT-004's finding.
            p1 == p2 && t1 == t2 && !(c1 == c2 && cp1 == cp2)
        });
        for ((fi, first_container, first, _, _), (i, container, node, value, proto)) in conflicts {
            let other = container_label(first_container, fi);
            let this = container_label(container, i);
            let who = if fi == i {
                format!("container {this} maps it twice")
            } else {
                format!("containers {other} and {this} both map it")
            };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "{} host port '{value}' is mapped multiple times in task ({who}); an instance can bind a host port only once",
                        proto.to_ascii_uppercase()
                    ),
                )
                .label(first, format!("{value}/{proto} first mapped here"))
                .help(format!("give one of the two mappings another host port, or set {key} to 0 for a dynamic port")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateStaticHostPort as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, a: &str, b: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "a", "image": "i", "memory": 64, "portMappings": [{a}]}}, {{"name": "b", "image": "i", "memory": 64, "portMappings": [{b}]}}]}}"#
        )
    }

    #[test]
    fn the_same_host_port_twice_fails() {
        let text = task(
            r#""networkMode": "bridge", "#,
            r#"{"containerPort": 80, "hostPort": 8080}"#,
            r#"{"containerPort": 81, "hostPort": 8080}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/1/portMappings/0/hostPort"
        );
        assert_eq!(spanned(&text, &d[0]), "8080");
        assert_eq!(
            d[0].message,
            "TCP host port '8080' is mapped multiple times in task (containers 'a' and 'b' both map it); an instance can bind a host port only once"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/portMappings/0/hostPort"
        );
        // Bridge is the Linux default; one container with two container ports on one host port.
        let d = assert_fails(
            &Rule::META,
            &task(
                "",
                r#"{"containerPort": 80, "hostPort": 8080}, {"containerPort": 81, "hostPort": 8080}"#,
                r#"{"containerPort": 80}"#,
            ),
        );
        assert!(d[0].message.contains("container 'a' maps it twice"));
        // The Windows default (NAT) maps host ports too.
        assert_fails(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#,
                r#"{"containerPort": 80, "hostPort": 8080}"#,
                r#"{"containerPort": 80, "hostPort": 8080}"#,
            ),
        );
    }

    #[test]
    fn dynamic_ports_other_protocols_and_modes_pass() {
        let bridge = r#""networkMode": "bridge", "#;
        assert_passes(
            &Rule::META,
            &task(
                bridge,
                r#"{"containerPort": 80, "hostPort": 0}"#,
                r#"{"containerPort": 80, "hostPort": 0}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                bridge,
                r#"{"containerPort": 80}"#,
                r#"{"containerPort": 80}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                bridge,
                r#"{"containerPort": 53, "hostPort": 53, "protocol": "udp"}"#,
                r#"{"containerPort": 53, "hostPort": 53}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                bridge,
                r#"{"containerPort": 80, "hostPort": 8080}"#,
                r#"{"containerPort": 80, "hostPort": 8081}"#,
            ),
        );
        // awsvpc/host: TD-PORT-006 judges container ports.
        assert_passes(
            &Rule::META,
            &task(
                r#""networkMode": "host", "#,
                r#"{"containerPort": 80, "hostPort": 80}"#,
                r#"{"containerPort": 80, "hostPort": 80}"#,
            ),
        );
        // One container mapping the same port twice: TD-PORT-004.
        assert_passes(
            &Rule::META,
            &task(
                bridge,
                r#"{"containerPort": 80, "hostPort": 8080}, {"containerPort": 80, "hostPort": 8080}"#,
                r#"{"containerPort": 81}"#,
            ),
        );
    }
}
