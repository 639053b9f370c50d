use super::{on_windows, with_os_label};
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out a `memoryReservation` (soft memory limit) on a container of a Windows task
    /// definition, and suggests a hard `memory` limit instead.
    ///
    /// ## Why is this bad?
    /// Docker on Windows has no memory soft limit: it refuses a container created with one
    /// (`invalid option: Windows does not support MemoryReservation`). The ECS agent for Windows
    /// drops the reservation only for a container without a hard limit when
    /// `ECS_ENABLE_MEMORY_UNBOUNDED_WINDOWS_WORKAROUND` is enabled; the 2023 developer guide
    /// lists `memoryReservation` as not supported for Windows containers. The current API
    /// reference no longer says so, which is why this is a hint rather than an error: prefer
    /// `memory`, which Windows enforces as the container's limit.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memoryReservation": 1024}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 1024}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:task_definition_parameters.md (memoryReservation: not supported for Windows containers)
    /// - BOTO:ContainerDefinition.memoryReservation (botocore 1.44.5 ECS model)
    /// - AGENT:agent/api/task/task_windows.go (`platformHostConfigOverride`: "MemoryReservation is not supported on windows")
    /// - moby daemon/daemon_windows.go (`verifyPlatformContainerResources`: "Windows does not support MemoryReservation")
    pub struct WindowsMemoryReservation {
        code: "TD-WIN-004",
        name: "windows-memory-reservation",
        severity: Info,
        scope: Task,
        summary: "Windows container with a memoryReservation, which Docker on Windows does not support",
    }
}

impl Rule for WindowsMemoryReservation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !on_windows(cx) {
            return;
        }
        let key = field(cx, "memoryReservation");
        let memory_key = field(cx, "memory");
        for (i, container, node) in cx.container_members("memoryReservation") {
            let Some(reservation) = cx.int_of(node).filter(|v| *v > 0) else {
                continue;
            };
            let memory = container
                .get("memory")
                .and_then(|m| cx.int_of(m))
                .filter(|v| *v > 0);
            let help = match memory {
                Some(mib) => format!(
                    "remove \"{key}\": \"{memory_key}\": {mib} already limits the container"
                ),
                None => format!("replace it with a hard limit: \"{memory_key}\": {reservation}"),
            };
            out.push(with_os_label(
                Finding::at(
                    node,
                    format!(
                        "container {} sets {key} {reservation}, but Docker on Windows does not support a memory reservation",
                        container_label(container, i)
                    ),
                )
                .help(help),
                cx,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsMemoryReservation as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(os: &str, container: &str) -> String {
        format!(
            r#"{{"family": "a", "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, "containerDefinitions": [{{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis", {container}}}]}}"#
        )
    }

    #[test]
    fn reservation_on_windows_is_pointed_out() {
        let text = td("WINDOWS_SERVER_2019_CORE", r#""memoryReservation": 512"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/memoryReservation");
        assert_eq!(spanned(&text, &d[0]), "512");
        assert_eq!(
            d[0].message,
            "container 'iis' sets memoryReservation 512, but Docker on Windows does not support a memory reservation"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("replace it with a hard limit: \"memory\": 512")
        );
        let d = assert_fails(
            &Rule::META,
            &td(
                "WINDOWS_SERVER_2022_FULL",
                r#""memory": 1024, "memoryReservation": 512"#,
            ),
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("remove \"memoryReservation\": \"memory\": 1024 already limits the container")
        );
        let cfn = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform:\n        OperatingSystemFamily: WINDOWS_SERVER_2019_CORE\n      ContainerDefinitions:\n        - Name: iis\n          Image: mcr.microsoft.com/windows/servercore/iis\n          MemoryReservation: '256'\n";
        assert!(assert_fails(&Rule::META, cfn)[0]
            .message
            .contains("MemoryReservation 256"));
    }

    #[test]
    fn linux_zero_or_hard_limit_passes() {
        assert_passes(&Rule::META, &td("LINUX", r#""memoryReservation": 512"#));
        assert_passes(
            &Rule::META,
            &td("WINDOWS_SERVER_2019_CORE", r#""memory": 512"#),
        );
        assert_passes(
            &Rule::META,
            &td("WINDOWS_SERVER_2019_CORE", r#""memoryReservation": 0"#),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "memoryReservation": 64}]"#,
        );
    }
}
