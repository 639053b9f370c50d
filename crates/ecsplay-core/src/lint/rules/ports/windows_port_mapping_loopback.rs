use crate::declare_rule;
use crate::lint::rules::network::network_mode;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Explains, once per task, that the port mappings of Windows containers in the Windows
    /// default (NAT) network mode cannot be reached from the container instance itself.
    ///
    /// ## Why is this bad?
    /// On Windows, Docker publishes a mapped port on the NetNAT gateway address, not on
    /// `localhost`, and there is no loopback: `curl http://localhost:8080` on the instance (or a
    /// host-level health check or agent doing the same) gets no answer although the container
    /// serves the port to other hosts and to its load balancer. It is a frequent source of
    /// "the container is not listening" confusion when testing on the instance.
    ///
    /// The hint is limited to the NAT mode (`networkMode` omitted on Windows); in `awsvpc`
    /// mode the task has its own network interface.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "networkMode": "awsvpc",
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048, "portMappings": [{"containerPort": 80}]}
    ///   ]
    /// }
    /// ```
    ///
    /// (Keeping the NAT mode is fine too; test the port from another host or through the load
    /// balancer.)
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.portMappings (botocore 1.44.5 ECS model: "Port mappings on Windows use the NetNAT gateway address rather than localhost. There's no loopback for port mappings on Windows")
    pub struct WindowsPortMappingLoopback {
        code: "TD-PORT-021",
        name: "windows-port-mapping-no-loopback",
        severity: Info,
        scope: Task,
        summary: "Windows port mappings cannot be reached from the container instance itself",
    }
}

impl Rule for WindowsPortMappingLoopback {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.windows || network_mode(cx) != Some(NetworkMode::WindowsNat) {
            return;
        }
        let Some((i, container, list)) = cx
            .container_members("portMappings")
            .find(|(_, _, list)| list.is_array() && list.is_set())
        else {
            return;
        };
        out.push(
            Finding::at(
                list,
                format!(
                    "the mapped ports of Windows container {} are published on the NetNAT gateway address: they cannot be reached from the container instance itself (no loopback to localhost)",
                    container_label(container, i)
                ),
            )
            .help("test the ports from another host or through the load balancer, not with localhost on the instance"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsPortMappingLoopback as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(head: &str, ports: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "a", "image": "i", "memory": 64}}, {{"name": "iis", "image": "i", "memory": 64, "portMappings": {ports}}}]}}"#
        )
    }

    const WINDOWS: &str =
        r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "#;

    #[test]
    fn windows_nat_port_mappings_are_explained() {
        let d = assert_fails(&Rule::META, &task(WINDOWS, r#"[{"containerPort": 80}]"#));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/1/portMappings");
        assert!(d[0]
            .message
            .starts_with("the mapped ports of Windows container 'iis'"));
    }

    #[test]
    fn linux_awsvpc_fargate_and_empty_lists_pass() {
        assert_passes(&Rule::META, &task("", r#"[{"containerPort": 80}]"#));
        assert_passes(&Rule::META, &task(WINDOWS, "[]"));
        assert_passes(
            &Rule::META,
            &task(
                &format!(r#"{WINDOWS}"networkMode": "awsvpc", "#),
                r#"[{"containerPort": 80}]"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                &format!(
                    r#"{WINDOWS}"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "#
                ),
                r#"[{"containerPort": 80}]"#,
            ),
        );
    }
}
