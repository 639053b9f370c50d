use super::{on_windows, with_os_label};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Windows task definition (`runtimePlatform.operatingSystemFamily` is a
    /// `WINDOWS_SERVER_*` value) whose `runtimePlatform.cpuArchitecture` is `ARM64`, for EC2,
    /// external or Managed Instances. On Fargate the same condition is TD-FG-023.
    ///
    /// ## Why is this bad?
    /// `ARM64` is only for Linux tasks: ECS offers Windows containers on `X86_64` only (the API
    /// reference documents ARM64 for Linux; there are no ECS-optimized Windows AMIs for Graviton
    /// instances). The definition cannot be placed on any Windows container instance.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "ARM64"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RuntimePlatform.cpuArchitecture (botocore 1.44.5 ECS model: ARM64 for Linux tasks)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-arm64.html
    pub struct WindowsArm64 {
        code: "TD-WIN-005",
        name: "windows-arm64",
        severity: Error,
        scope: Task,
        summary: "Windows task definition with the ARM64 architecture",
    }
}

impl Rule for WindowsArm64 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // On Fargate this is TD-FG-023.
        if !on_windows(cx) || cx.facts.fargate {
            return;
        }
        let Some(node) = cx
            .task()
            .and_then(|t| t.at_path(["runtimePlatform", "cpuArchitecture"]))
        else {
            return;
        };
        if node.as_str() == Some("ARM64") {
            out.push(with_os_label(
                Finding::at(
                    node,
                    "Windows containers run only on X86_64; ARM64 is for Linux tasks",
                )
                .help("set cpuArchitecture to \"X86_64\" (or remove it: X86_64 is the default)"),
                cx,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsArm64 as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str, os: &str, arch: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": {compat}, "runtimePlatform": {{"operatingSystemFamily": "{os}", "cpuArchitecture": "{arch}"}}, "containerDefinitions": [{{"name": "a", "image": "b", "memory": 512}}]}}"#
        )
    }

    #[test]
    fn arm64_windows_outside_fargate_fails() {
        let text = td(r#"["EC2"]"#, "WINDOWS_SERVER_2019_CORE", "ARM64");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/runtimePlatform/cpuArchitecture");
        assert_eq!(spanned(&text, &d[0]), "\"ARM64\"");
        assert_eq!(
            d[0].labels[0].message,
            "the task runs WINDOWS_SERVER_2019_CORE"
        );
        assert_fails(&Rule::META, &td("[]", "WINDOWS_SERVER_2022_FULL", "ARM64"));
        assert_fails(
            &Rule::META,
            &td(r#"["EXTERNAL"]"#, "WINDOWS_SERVER_2022_FULL", "ARM64"),
        );
    }

    #[test]
    fn fargate_linux_or_x86_passes() {
        // TD-FG-023 reports it on Fargate.
        assert_passes(
            &Rule::META,
            &td(r#"["FARGATE"]"#, "WINDOWS_SERVER_2019_CORE", "ARM64"),
        );
        assert_passes(&Rule::META, &td(r#"["EC2"]"#, "LINUX", "ARM64"));
        assert_passes(
            &Rule::META,
            &td(r#"["EC2"]"#, "WINDOWS_SERVER_2019_CORE", "X86_64"),
        );
    }
}
