use crate::declare_rule;
use crate::lint::rules::network::{field, network_mode};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Explains what a `containerPortRange` needs on EC2 or external container instances: the
    /// ECS container agent 1.67.0 and ecs-init 1.67.0-1 or later, and in the `bridge` mode,
    /// with many ports, a Docker daemon without the userland proxy. One finding per task, at
    /// the first range. Ranges in a mode that does not allow them are TD-PORT-011's.
    ///
    /// ## Why is this bad?
    /// An instance with an older agent cannot run the task: the range is not passed to Docker.
    /// In the `bridge` mode Docker starts one `docker-proxy` process per published port, so a
    /// range of hundreds of ports costs hundreds of processes; Docker recommends turning the
    /// userland proxy off (`"userland-proxy": false` in the daemon configuration) when a
    /// container publishes many ports. Fargate needs neither: AWS runs a current agent.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "media",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "rtp", "image": "example/rtp-relay:3.2", "memory": 512, "portMappings": [{"containerPortRange": "10000-10099", "protocol": "udp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "media",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "rtp", "image": "example/rtp-relay:3.2", "memory": 512, "portMappings": [{"containerPort": 10000, "protocol": "udp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// (When the range is needed, keep it and make sure the instances run a current
    /// ECS-optimized AMI; this hint then has nothing more to say.)
    ///
    /// ## References
    /// - BOTO:PortMapping.containerPortRange (botocore 1.44.5 ECS model: agent 1.67.0 and ecs-init 1.67.0-1; Docker recommends turning off the docker-proxy with a large number of ports)
    pub struct PortRangeAgentVersion {
        code: "TD-PORT-014",
        name: "port-range-agent-version",
        severity: Info,
        scope: Task,
        summary: "containerPortRange on EC2 or external instances needs container agent 1.67.0",
    }
}

impl Rule for PortRangeAgentVersion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if facts.platform_unknown || !(facts.ec2 || facts.external) {
            return;
        }
        let mode = network_mode(cx);
        if !matches!(mode, Some(NetworkMode::Bridge | NetworkMode::Awsvpc)) {
            return;
        }
        let Some((i, container, range, text)) =
            cx.port_mappings().find_map(|(i, container, mapping)| {
                let range = mapping.get("containerPortRange")?;
                Some((i, container, range, range.as_str()?))
            })
        else {
            return;
        };
        let key = field(cx, "containerPortRange");
        let help = if mode == Some(NetworkMode::Bridge) {
            "run the task on instances with container agent 1.67.0 or later (any current ECS-optimized AMI); with many ports, set \"userland-proxy\": false in the Docker daemon configuration"
        } else {
            "run the task on instances with container agent 1.67.0 or later (any current ECS-optimized AMI)"
        };
        out.push(
            Finding::at(
                range,
                format!(
                    "{key} \"{text}\" of container {} needs container agent 1.67.0 and ecs-init 1.67.0-1 or later on the container instance",
                    container_label(container, i)
                ),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::PortRangeAgentVersion as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, mappings: &str) -> String {
        super::super::mappings_task(head, "rtp", mappings)
    }

    const RANGE: &str = r#"{"containerPortRange": "10000-10099"}"#;

    #[test]
    fn ranges_on_ec2_and_external_are_explained() {
        let text = task("", &format!("{RANGE}, {RANGE}"));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/containerPortRange"
        );
        assert_eq!(spanned(&text, &d[0]), "\"10000-10099\"");
        assert_eq!(d[0].message, "containerPortRange \"10000-10099\" of container 'rtp' needs container agent 1.67.0 and ecs-init 1.67.0-1 or later on the container instance");
        assert!(d[0].help.as_deref().unwrap().contains("userland-proxy"));
        let d = assert_fails(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["EXTERNAL", "EC2"], "networkMode": "awsvpc", "#,
                RANGE,
            ),
        );
        assert!(!d[0].help.as_deref().unwrap().contains("userland-proxy"));
    }

    #[test]
    fn fargate_single_ports_and_other_modes_pass() {
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "#,
                RANGE,
            ),
        );
        assert_passes(&Rule::META, &task("", r#"{"containerPort": 80}"#));
        // TD-PORT-011 reports ranges in host mode.
        assert_passes(&Rule::META, &task(r#""networkMode": "host", "#, RANGE));
        assert_passes(
            &Rule::META,
            &format!(r#"[{{"name": "a", "image": "b", "portMappings": [{RANGE}]}}]"#),
        );
    }
}
