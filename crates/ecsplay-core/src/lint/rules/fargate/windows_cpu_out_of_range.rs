use super::sizes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition for Windows containers on Fargate (`requiresCompatibilities`
    /// lists `FARGATE` and `runtimePlatform.operatingSystemFamily` is a `WINDOWS_SERVER_*` family)
    /// whose task-level `cpu` is a Fargate size that Windows does not offer: below 1024 CPU units
    /// (.25 and .5 vCPU) or above 4096 (8, 16 and 32 vCPU are Linux-only).
    ///
    /// ## Why is this bad?
    /// Windows containers on Fargate run only the 1, 2 and 4 vCPU sizes ("the CPU units cannot
    /// be less than 1 vCPU when you use Windows containers on Fargate"), so no Fargate capacity
    /// exists for the task and it is rejected. The memory values of the 1 to 4 vCPU rows are the
    /// same as on Linux (TD-FG-004 checks them once the cpu is in range). A cpu that is no Fargate
    /// size at all is TD-FG-003's finding.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "cpu": "512",
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
    /// - BOTO:RegisterTaskDefinitionRequest.memory (botocore 1.44.5 ECS model: "The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate"; 8 and 16 vCPU need a Linux platform version)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html (operating systems of each size)
    /// - DG23:AWS_Fargate.md (task CPU and memory table: Linux, Windows columns)
    pub struct FargateWindowsCpuOutOfRange {
        code: "TD-FG-005",
        name: "fargate-windows-cpu-out-of-range",
        severity: Error,
        scope: Task,
        summary: "Windows task on Fargate with a cpu outside 1 to 4 vCPU",
    }
}

impl Rule for FargateWindowsCpuOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !super::windows_on_fargate(cx) {
            return;
        }
        let Some(cpu) = super::task_cpu(cx) else {
            return;
        };
        let Some(size) = sizes::size(cpu.value).filter(|s| !s.offered(true)) else {
            return;
        };
        let memory = super::task_memory(cx).map(|m| m.value);
        let mut finding = Finding::at(
            cpu.node,
            format!(
                "cpu {} is not available for Windows containers on Fargate, which run only 1024 to 4096 CPU units (1 to 4 vCPU)",
                cpu.shown_cpu_size()
            ),
        );
        if let Some(help) = super::cpu_proposal(size.cpu, memory, true) {
            finding = finding.help(help);
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::FargateWindowsCpuOutOfRange as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(os: &str, cpu: &str, memory: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, "cpu": "{cpu}", "memory": "{memory}", "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn below_one_vcpu_fails_at_the_cpu() {
        let text = td("WINDOWS_SERVER_2019_FULL", "512", "2048");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/cpu");
        assert_eq!(spanned(&text, &d[0]), "\"512\"");
        assert_eq!(
            d[0].message,
            "cpu 512 (.5 vCPU) is not available for Windows containers on Fargate, which run only 1024 to 4096 CPU units (1 to 4 vCPU)"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("use cpu 1024 (1 vCPU), the nearest Fargate size that allows memory 2048 MiB")
        );
    }

    #[test]
    fn above_four_vcpu_fails() {
        let d = assert_fails(
            &Rule::META,
            &td("WINDOWS_SERVER_2022_CORE", "8 vCPU", "16 GB"),
        );
        assert!(d[0]
            .message
            .starts_with("cpu \"8 vCPU\" (8192 CPU units) is not available"));
        assert_eq!(
            d[0].help.as_deref(),
            Some("use cpu 4096 (4 vCPU), the nearest Fargate size that allows memory 16384 MiB")
        );
        assert_fails(&Rule::META, &td("WINDOWS_SERVER_2022_FULL", "256", "512"));
        assert_fails(
            &Rule::META,
            &td("WINDOWS_SERVER_2025_CORE", "32768", "61440"),
        );
    }

    #[test]
    fn windows_sizes_linux_and_ec2_pass() {
        for cpu in ["1024", "2048", "4096", "1 vCPU"] {
            assert_passes(&Rule::META, &td("WINDOWS_SERVER_2019_CORE", cpu, "8192"));
        }
        assert_passes(&Rule::META, &td("LINUX", "256", "512"));
        // Not a size at all: TD-FG-003.
        assert_passes(&Rule::META, &td("WINDOWS_SERVER_2019_CORE", "300", "2048"));
        // EC2 Windows ignores task-level cpu (TD-RES-013).
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EC2"], "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "cpu": "256", "memory": "512", "containerDefinitions": []}"#,
        );
        // A deploy-time operating system is not judged.
        assert_passes(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      RuntimePlatform: {OperatingSystemFamily: !Ref Os}\n      Cpu: 256\n      Memory: 512\n",
        );
    }
}
