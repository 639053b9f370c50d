use super::port;
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The port Fargate reserves inside Windows tasks.
const RESERVED: i64 = 3150;

declare_rule! {
    /// ## What it does
    /// Warns about a `containerPort` of 3150 in a Windows task definition for Fargate.
    ///
    /// ## Why is this bad?
    /// Fargate reserves port 3150 in Windows tasks for its own use; the task-definition
    /// parameter documentation says not to specify it as a container port. An application
    /// bound to it conflicts with the platform, and the task may fail to start. The 2023
    /// developer guide is the only source found, hence a warning.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "portMappings": [{"containerPort": 3150}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "portMappings": [{"containerPort": 80}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:task_definition_parameters.md (port mappings: port 3150 is reserved for Windows containers on Fargate)
    pub struct WindowsFargateReservedPort {
        code: "TD-PORT-020",
        name: "windows-fargate-reserved-port",
        severity: Warning,
        scope: Task,
        summary: "Container port 3150 in a Windows task for Fargate, where the platform reserves it",
    }
}

impl Rule for WindowsFargateReservedPort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if !facts.fargate || !facts.windows || facts.platform_unknown {
            return;
        }
        let key = field(cx, "containerPort");
        for (i, container, mapping) in cx.port_mappings() {
            let Some((node, _)) =
                port(cx, mapping, "containerPort").filter(|(_, v)| *v == RESERVED)
            else {
                continue;
            };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "{key} {RESERVED} of container {} is reserved by Fargate in Windows tasks",
                        container_label(container, i)
                    ),
                )
                .help("make the application listen on another port and map that one"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsFargateReservedPort as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(compat: &str, os: &str, port: u16) -> String {
        format!(
            r#"{{"family": "t", "requiresCompatibilities": {compat}, "networkMode": "awsvpc", "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, "cpu": "1024", "memory": "2048", "containerDefinitions": [{{"name": "iis", "image": "i", "portMappings": [{{"containerPort": {port}}}]}}]}}"#
        )
    }

    #[test]
    fn port_3150_on_windows_fargate_warns() {
        let text = task(r#"["FARGATE"]"#, "WINDOWS_SERVER_2019_CORE", 3150);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/containerPort"
        );
        assert_eq!(spanned(&text, &d[0]), "3150");
        assert_eq!(
            d[0].message,
            "containerPort 3150 of container 'iis' is reserved by Fargate in Windows tasks"
        );
    }

    #[test]
    fn other_ports_linux_and_ec2_pass() {
        assert_passes(
            &Rule::META,
            &task(r#"["FARGATE"]"#, "WINDOWS_SERVER_2019_CORE", 80),
        );
        assert_passes(&Rule::META, &task(r#"["FARGATE"]"#, "LINUX", 3150));
        assert_passes(
            &Rule::META,
            &task(r#"["EC2"]"#, "WINDOWS_SERVER_2019_CORE", 3150),
        );
    }
}
