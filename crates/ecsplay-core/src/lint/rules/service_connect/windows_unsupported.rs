use super::named_ports;
use crate::declare_rule;
use crate::lint::rules::windows::{on_windows, with_os_label};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns about a Windows task definition (`runtimePlatform.operatingSystemFamily` is a
    /// `WINDOWS_SERVER_*` value) whose port mappings are named — the way a task is prepared for
    /// Service Connect. One finding per task, at the first named port.
    ///
    /// The catalogue row also mentions Fargate platform versions before 1.4.0, which cannot be
    /// judged from a task definition (the platform version is chosen by the service or RunTask
    /// call), so that clause is not checked.
    ///
    /// ## Why is this bad?
    /// Service Connect runs only with Linux tasks: the proxy ECS injects is a Linux container.
    /// Creating a service with Service Connect for a Windows task definition fails with
    /// `Unsupported operating system in task definition. Please choose Linux`. Use another
    /// discovery mechanism for Windows services (AWS Cloud Map service discovery, or a load
    /// balancer). A port name alone does not prove Service Connect is meant, so this is a
    /// warning.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    ///      "portMappings": [{"name": "http", "containerPort": 80, "appProtocol": "http"}]}
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
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    ///      "portMappings": [{"containerPort": 80}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:service-connect.md (considerations: Windows containers are not supported)
    /// - ERR: https://github.com/aws/copilot-cli/issues/5696 ("Unsupported operating system in task definition. Please choose Linux")
    /// - BOTO:PortMapping.name (botocore 1.44.5 ECS model)
    pub struct ServiceConnectWindowsUnsupported {
        code: "TD-SC-003",
        name: "service-connect-windows-unsupported",
        severity: Warning,
        scope: Task,
        summary: "Named (Service Connect) ports in a Windows task definition, which Service Connect does not support",
    }
}

impl Rule for ServiceConnectWindowsUnsupported {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !on_windows(cx) {
            return;
        }
        let ports = named_ports(cx);
        let Some((i, c, name)) = ports.first() else {
            return;
        };
        out.push(with_os_label(
            Finding::at(
                name,
                format!(
                    "port \"{}\" of container {} is named for Service Connect, which does not support Windows tasks",
                    name.as_str().unwrap_or(""),
                    container_label(c, *i)
                ),
            )
            .help("use AWS Cloud Map service discovery or a load balancer for Windows services; remove the port names if Service Connect is not meant"),
            cx,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::ServiceConnectWindowsUnsupported as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(os: &str, port: &str) -> String {
        format!(
            r#"{{"family": "a", "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, "containerDefinitions": [{{"name": "iis", "image": "b", "memory": 512, "portMappings": [{{"containerPort": 80{port}}}, {{"containerPort": 81, "name": "admin"}}]}}]}}"#
        )
    }

    #[test]
    fn named_ports_on_windows_warn_once() {
        let text = td("WINDOWS_SERVER_2019_CORE", r#", "name": "http""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/portMappings/0/name");
        assert_eq!(spanned(&text, &d[0]), "\"http\"");
        assert_eq!(
            d[0].message,
            "port \"http\" of container 'iis' is named for Service Connect, which does not support Windows tasks"
        );
        assert_eq!(
            d[0].labels[0].message,
            "the task runs WINDOWS_SERVER_2019_CORE"
        );
    }

    #[test]
    fn linux_passes() {
        assert_passes(&Rule::META, &td("LINUX", r#", "name": "http""#));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "containerDefinitions": [{"name": "a", "image": "b", "portMappings": [{"containerPort": 80}]}]}"#,
        );
    }
}
