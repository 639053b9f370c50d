use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition for Windows containers on Fargate (`FARGATE` and a
    /// `WINDOWS_SERVER_*` operating system family) with `runtimePlatform.cpuArchitecture` set to
    /// `ARM64`.
    ///
    /// ## Why is this bad?
    /// "When you run Windows containers on AWS Fargate, you must have the X86_64 CPU
    /// architecture": ARM64 is offered for Linux tasks only, so no Fargate capacity matches the
    /// task. (`X86_64` is also the default when `cpuArchitecture` is omitted.)
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "ARM64"},
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}]
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
    ///   "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:AWS_Fargate.md (Task CPU architecture: Windows containers on Fargate need X86_64)
    /// - BOTO:RuntimePlatform.cpuArchitecture (botocore 1.44.5 ECS model: ARM64 for Linux tasks)
    pub struct FargateWindowsArm64 {
        code: "TD-FG-023",
        name: "fargate-windows-arm64",
        severity: Error,
        scope: Task,
        summary: "Windows task on Fargate with the ARM64 architecture",
    }
}

impl Rule for FargateWindowsArm64 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !super::windows_on_fargate(cx) {
            return;
        }
        let Some(node) = cx
            .task()
            .and_then(|t| t.at_path(["runtimePlatform", "cpuArchitecture"]))
        else {
            return;
        };
        if node.as_str() == Some("ARM64") {
            out.push(
                Finding::at(
                    node,
                    "Windows containers on Fargate run only on X86_64; ARM64 is for Linux tasks",
                )
                .help("set cpuArchitecture to \"X86_64\" (or remove it: X86_64 is the default)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FargateWindowsArm64 as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str, os: &str, arch: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["{compat}"], "networkMode": "awsvpc", "runtimePlatform": {{"operatingSystemFamily": "{os}", "cpuArchitecture": "{arch}"}}, "cpu": "1024", "memory": "2048", "containerDefinitions": []}}"#
        )
    }

    #[test]
    fn arm64_windows_fargate_fails_at_the_architecture() {
        let text = td("FARGATE", "WINDOWS_SERVER_2019_CORE", "ARM64");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/runtimePlatform/cpuArchitecture");
        assert_eq!(spanned(&text, &d[0]), "\"ARM64\"");
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      RuntimePlatform:\n        OperatingSystemFamily: WINDOWS_SERVER_2022_FULL\n        CpuArchitecture: ARM64\n";
        assert_eq!(spanned(text, &assert_fails(&Rule::META, text)[0]), "ARM64");
    }

    #[test]
    fn x86_linux_or_ec2_passes() {
        assert_passes(
            &Rule::META,
            &td("FARGATE", "WINDOWS_SERVER_2019_CORE", "X86_64"),
        );
        assert_passes(&Rule::META, &td("FARGATE", "LINUX", "ARM64"));
        // Windows on EC2 with ARM64 is TD-WIN-005's.
        assert_passes(&Rule::META, &td("EC2", "WINDOWS_SERVER_2019_CORE", "ARM64"));
    }
}
