use super::{on_windows, with_os_label};
use crate::declare_rule;
use crate::lint::rules::fargate::set_now;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Windows task definition (`runtimePlatform.operatingSystemFamily` is a
    /// `WINDOWS_SERVER_*` value) that sets `pidMode`, `ipcMode` or `proxyConfiguration`.
    ///
    /// On Fargate, `pidMode` is reported by TD-FG-011 and `ipcMode` by TD-FG-009 (Fargate
    /// refuses them for every operating system), so this rule reports those two only for the
    /// other launch types; `proxyConfiguration` on Windows is reported here on every launch type.
    ///
    /// ## Why is this bad?
    /// Process and IPC namespaces are Linux kernel features, and the App Mesh proxy
    /// configuration works through a Linux CNI plugin that redirects traffic with iptables. The
    /// API reference says of `pidMode` and `ipcMode` "This parameter is not supported for Windows
    /// containers", and the Windows task definition page lists `proxyConfiguration` among the
    /// unsupported parameters: ECS refuses the definition or cannot start the task.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"},
    ///   "pidMode": "task",
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.pidMode, .ipcMode (botocore 1.44.5 ECS model: "This parameter is not supported for Windows containers")
    /// - BOTO:RegisterTaskDefinitionRequest.proxyConfiguration (botocore 1.44.5 ECS model)
    /// - DG23:windows_task_definitions.md (parameters not supported for Windows: pidMode, ipcMode, proxyConfiguration)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows_task_definitions.html
    pub struct WindowsUnsupportedTaskParameter {
        code: "TD-WIN-002",
        name: "windows-unsupported-task-parameter",
        severity: Error,
        scope: Task,
        summary: "Windows task definition that sets pidMode, ipcMode or proxyConfiguration",
    }
}

impl Rule for WindowsUnsupportedTaskParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if !on_windows(cx) {
            return;
        }
        let fargate = cx.facts.fargate;
        for (key, on_fargate_elsewhere, help) in [
            (
                "pidMode",
                true,
                "Windows containers have no shareable process namespace",
            ),
            (
                "ipcMode",
                true,
                "Windows containers have no shareable IPC namespace",
            ),
            (
                "proxyConfiguration",
                false,
                "the App Mesh proxy configuration is Linux-only (and AWS App Mesh support has ended; use Service Connect)",
            ),
        ] {
            if fargate && on_fargate_elsewhere {
                continue;
            }
            let Some(m) = task.member(key).filter(|m| set_now(&m.value)) else {
                continue;
            };
            let name = field(cx, key);
            let f = if key == "proxyConfiguration" {
                Finding::at_key(m, format!("{name} is not supported for Windows containers"))
            } else {
                let shown = m.value.as_str().map_or_else(String::new, |s| format!(" \"{s}\""));
                Finding::at(&m.value, format!("{name}{shown} is not supported for Windows containers"))
            };
            out.push(with_os_label(f.help(format!("remove \"{name}\": {help}")), cx));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsUnsupportedTaskParameter as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str, os: &str, task: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["{compat}"], "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, {task}, "containerDefinitions": [{{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis", "memory": 512}}]}}"#
        )
    }

    const PROXY: &str =
        r#""proxyConfiguration": {"type": "APPMESH", "containerName": "iis", "properties": []}"#;

    #[test]
    fn ec2_windows_namespaces_and_proxy_fail() {
        let text = td(
            "EC2",
            "WINDOWS_SERVER_2019_CORE",
            r#""pidMode": "task", "ipcMode": "none""#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pointer, "/pidMode");
        assert_eq!(spanned(&text, &d[0]), "\"task\"");
        assert_eq!(
            d[0].message,
            "pidMode \"task\" is not supported for Windows containers"
        );
        assert_eq!(
            d[0].labels[0].message,
            "the task runs WINDOWS_SERVER_2019_CORE"
        );
        let text = td("EC2", "WINDOWS_SERVER_2022_FULL", PROXY);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "\"proxyConfiguration\"");
    }

    #[test]
    fn fargate_leaves_namespaces_to_the_fargate_rules() {
        assert_passes(
            &Rule::META,
            &td(
                "FARGATE",
                "WINDOWS_SERVER_2019_CORE",
                r#""pidMode": "task", "ipcMode": "task""#,
            ),
        );
        let d = assert_fails(
            &Rule::META,
            &td("FARGATE", "WINDOWS_SERVER_2019_CORE", PROXY),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/proxyConfiguration");
    }

    #[test]
    fn cloudformation_uses_its_names() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform:\n        OperatingSystemFamily: WINDOWS_SERVER_2019_CORE\n      IpcMode: host\n      ContainerDefinitions:\n        - Name: iis\n          Image: mcr.microsoft.com/windows/servercore/iis\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].message,
            "IpcMode \"host\" is not supported for Windows containers"
        );
    }

    #[test]
    fn linux_empty_or_unknown_passes() {
        assert_passes(&Rule::META, &td("EC2", "LINUX", r#""pidMode": "task""#));
        assert_passes(
            &Rule::META,
            &td(
                "EC2",
                "WINDOWS_SERVER_2019_CORE",
                r#""pidMode": "", "ipcMode": null"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "pidMode": "host", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]}"#,
        );
    }
}
