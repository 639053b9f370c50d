use super::{port, published_ports_mode, reserved_port};
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Explains a static `hostPort` in the `bridge` network mode (or the Windows default NAT
    /// mode): one finding per task, at its first static host port, with a label on each other
    /// one. Static ports that another rule already reports are left to it: ports the agent
    /// reserves (TD-PORT-008) and ports in the ephemeral range (TD-PORT-009).
    ///
    /// ## Why is this bad?
    /// A static host port is taken on the container instance for as long as the task runs, so
    /// no second copy of the task can be placed on that instance: a service with more tasks
    /// than instances leaves the rest PENDING, and a rolling deployment needs a free instance
    /// for each new task. Omitting `hostPort` (or writing `0`) gives each copy a dynamic port
    /// from the ephemeral range, so many copies share an instance. An Application or Network
    /// Load Balancer target group finds the dynamic port by itself; its health check must then
    /// use the traffic port (cfn-lint E3049 checks this for services in a template).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}
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
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.hostPort (botocore 1.44.5 ECS model: static ports stay reserved while the task runs; omitted or 0 means a dynamic port)
    /// - CFN-RULE:E3049 (cfn-lint 1.58.0, ServiceDynamicPorts.py: dynamic host ports need a target group health check on the traffic port)
    pub struct StaticHostPort {
        code: "TD-PORT-010",
        name: "static-host-port",
        severity: Info,
        scope: Task,
        summary: "A static hostPort in bridge mode allows one copy of the task per instance",
    }
}

impl Rule for StaticHostPort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some((windows, ephemeral)) = published_ports_mode(cx) else {
            return;
        };
        let statics: Vec<_> = cx
            .port_mappings()
            .filter_map(|(i, container, mapping)| {
                let (node, value) = port(cx, mapping, "hostPort")?;
                let reported_elsewhere =
                    reserved_port(windows, value).is_some() || !(1..ephemeral).contains(&value);
                (!reported_elsewhere).then(|| (container_label(container, i), node, value))
            })
            .collect();
        let Some(((label, node, value), others)) = statics.split_first() else {
            return;
        };
        let key = field(cx, "hostPort");
        let mut finding = Finding::at(
            node,
            format!("static {key} {value} of container {label}: the port stays taken on the instance while the task runs, so only one copy of this task fits on an instance"),
        )
        .help(format!("omit {key} (or set it to 0) for a dynamic host port, so that several copies share an instance; a load balancer target group finds the port, with its health check on the traffic port"));
        for (label, node, value) in others {
            finding = finding.label(node, format!("static {key} {value} of container {label}"));
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::StaticHostPort as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, mappings: &str) -> String {
        super::super::mappings_task(head, "web", mappings)
    }

    #[test]
    fn static_ports_are_explained_once_per_task() {
        let text = task(
            "",
            r#"{"containerPort": 80, "hostPort": 8080}, {"containerPort": 443, "hostPort": 8443}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/hostPort"
        );
        assert_eq!(spanned(&text, &d[0]), "8080");
        assert_eq!(
            d[0].message,
            "static hostPort 8080 of container 'web': the port stays taken on the instance while the task runs, so only one copy of this task fits on an instance"
        );
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(
            d[0].labels[0].message,
            "static hostPort 8443 of container 'web'"
        );
        // The edge below the ephemeral range, and the Windows NAT mode.
        assert_fails(
            &Rule::META,
            &task(
                r#""networkMode": "bridge", "#,
                r#"{"containerPort": 80, "hostPort": 32767}"#,
            ),
        );
        assert_fails(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#,
                r#"{"containerPort": 80, "hostPort": 40000}"#,
            ),
        );
    }

    #[test]
    fn cloudformation_strings_are_read() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Image: i\n          Memory: 64\n          PortMappings: [{ContainerPort: 80, HostPort: '8080'}]\n";
        let d = assert_fails(&Rule::META, text);
        assert!(d[0].message.starts_with("static HostPort 8080"));
    }

    #[test]
    fn dynamic_reserved_ephemeral_and_other_modes_pass() {
        assert_passes(&Rule::META, &task("", r#"{"containerPort": 80}"#));
        assert_passes(
            &Rule::META,
            &task("", r#"{"containerPort": 80, "hostPort": 0}"#),
        );
        // TD-PORT-008 and TD-PORT-009 report these.
        assert_passes(
            &Rule::META,
            &task("", r#"{"containerPort": 22, "hostPort": 22}"#),
        );
        assert_passes(
            &Rule::META,
            &task("", r#"{"containerPort": 80, "hostPort": 32768}"#),
        );
        for mode in ["awsvpc", "host"] {
            assert_passes(
                &Rule::META,
                &task(
                    &format!(r#""networkMode": "{mode}", "#),
                    r#"{"containerPort": 80, "hostPort": 80}"#,
                ),
            );
        }
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]"#,
        );
    }
}
