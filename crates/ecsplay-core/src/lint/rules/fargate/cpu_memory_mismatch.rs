use super::sizes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Fargate task definition whose task-level `memory` is not one of the values its
    /// task-level `cpu` allows. The Fargate sizes are fixed pairs:
    ///
    /// | cpu | memory (MiB) |
    /// | --- | --- |
    /// | 256 (.25 vCPU) | 512, 1024, 2048 |
    /// | 512 (.5 vCPU) | 1024 to 4096, steps of 1024 |
    /// | 1024 (1 vCPU) | 2048 to 8192, steps of 1024 |
    /// | 2048 (2 vCPU) | 4096 to 16384, steps of 1024 |
    /// | 4096 (4 vCPU) | 8192 to 30720, steps of 1024 |
    /// | 8192 (8 vCPU) | 16384 to 61440, steps of 4096 (Linux platform version 1.4.0 or later) |
    /// | 16384 (16 vCPU) | 32768 to 122880, steps of 8192 (Linux platform version 1.4.0 or later) |
    /// | 32768 (32 vCPU) | 61440, 122880, 249856 (new in 2026) |
    ///
    /// Every form AWS accepts is read: `"1 vCPU"`, `".25 vCPU"`, `"1024"` for cpu; `"2 GB"`,
    /// `"2GB"`, `"2048"` for memory; and CloudFormation integers. Windows containers use the same
    /// rows, but only 1 to 4 vCPU (TD-FG-005). A cpu that is no Fargate size is TD-FG-003's
    /// finding, not this rule's.
    ///
    /// ## Why is this bad?
    /// Fargate only runs these sizes and never rounds: the definition is rejected with `No
    /// Fargate configuration exists for given values` (CloudFormation and Terraform add the pair,
    /// for example `: 512 CPU, 512 memory`), and cfn-lint reports E3047 `Cpu '256' is not
    /// compatible with memory '4096'`.
    ///
    /// The 32 vCPU row is accepted: it is in cfn-lint 1.58.0 and pulumi-awsx but not yet in the
    /// botocore documentation, so it is new and may not be offered in every Region.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "4096",
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "4096",
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.memory (botocore 1.44.5 ECS model: the valid cpu/memory pairs)
    /// - CFN-EXT:fargate_cpu_memory.json (cfn-lint 1.58.0, E3047, including the 32 vCPU row)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html
    /// - https://github.com/aws-cloudformation/cfn-lint/pull/4668 and https://github.com/pulumi/pulumi-awsx/pull/2053 (32 vCPU)
    /// - ERR: https://github.com/towardsthecloud/aws-cdk-examples/issues/1
    pub struct FargateCpuMemoryMismatch {
        code: "TD-FG-004",
        name: "fargate-cpu-memory-mismatch",
        severity: Error,
        scope: Task,
        summary: "Fargate task memory that its task cpu does not allow",
    }
}

impl Rule for FargateCpuMemoryMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        let (Some(cpu), Some(memory)) = (super::task_cpu(cx), super::task_memory(cx)) else {
            return;
        };
        let windows = cx.facts.windows;
        // A cpu that is no size (TD-FG-003) or not one for Windows (TD-FG-005) is reported there.
        let Some(size) = sizes::size(cpu.value).filter(|s| s.offered(windows)) else {
            return;
        };
        if size.allows(memory.value) {
            return;
        }
        let nearest = size.memory.nearest(memory.value);
        let other = sizes::nearest_cpu(size.cpu, windows, |s| s.allows(memory.value));
        let mut help = match other {
            Some(o) => format!(
                "use memory {nearest} MiB, the nearest value cpu {} allows, or keep memory {} MiB with cpu {}",
                size.cpu,
                memory.value,
                o.label()
            ),
            None => format!(
                "use memory {nearest} MiB, the nearest value cpu {} allows (no Fargate size allows {} MiB)",
                size.cpu, memory.value
            ),
        };
        if size.recent || other.is_some_and(|o| o.recent) {
            help.push_str("; 32 vCPU is a new size (2026) that may not be offered in every Region");
        }
        // A pair in conflict: point at the second value, label the first (rules.md §0.5).
        out.push(
            Finding::at(
                memory.node,
                format!(
                    "No Fargate configuration exists for cpu {} and memory {}: cpu {} allows memory {}",
                    cpu.shown_cpu(),
                    memory.shown_memory(),
                    size.label(),
                    size.memory.describe()
                ),
            )
            .label(cpu.node, format!("cpu {} is set here", size.label()))
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FargateCpuMemoryMismatch as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(cpu: &str, memory: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": {cpu}, "memory": {memory}, "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    fn cfn(cpu: &str, memory: &str) -> String {
        format!("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: awsvpc\n      Cpu: {cpu}\n      Memory: {memory}\n")
    }

    #[test]
    fn an_invalid_pair_points_at_memory_with_a_label_on_cpu() {
        let text = td("\"256\"", "\"4096\"");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/memory");
        assert_eq!(spanned(&text, &d[0]), "\"4096\"");
        assert_eq!(
            d[0].message,
            "No Fargate configuration exists for cpu 256 and memory 4096 MiB: cpu 256 (.25 vCPU) allows memory 512, 1024 or 2048 MiB"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("use memory 2048 MiB, the nearest value cpu 256 allows, or keep memory 4096 MiB with cpu 512 (.5 vCPU)")
        );
        assert_eq!(d[0].labels[0].pointer, "/cpu");
        assert_eq!(d[0].labels[0].message, "cpu 256 (.25 vCPU) is set here");
    }

    #[test]
    fn every_written_form_is_read() {
        let d = assert_fails(&Rule::META, &td("\"1 vCPU\"", "\"1 GB\""));
        assert!(d[0].message.starts_with(
            "No Fargate configuration exists for cpu \"1 vCPU\" (1024 CPU units) and memory \"1 GB\" (1024 MiB)"
        ));
        assert_fails(&Rule::META, &td("\"4 vcpu\"", "\"31GB\""));
        assert_fails(&Rule::META, &td("\"2048\"", "\"4097\""));
        // Between two steps of the 8 vCPU row: the nearest step is proposed.
        let d = assert_fails(&Rule::META, &td("\"8192\"", "\"18000\""));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("use memory 16384 MiB, the nearest value cpu 8192 allows"));
    }

    #[test]
    fn cfn_lint_e3047_invalid_cases() {
        // test/unit/rules/resources/ecs/test_fargate_cpu_memory.py
        for (cpu, mem) in [
            ("16384", "123904"),
            ("16384", "'1 GB'"),
            ("4096", "512"),
            ("4096", "16385"),
        ] {
            assert_fails(&Rule::META, &cfn(cpu, mem));
        }
        let d = assert_fails(&Rule::META, &cfn("16384", "123904"));
        assert_eq!(
            d[0].help.as_deref(),
            Some("use memory 122880 MiB, the nearest value cpu 16384 allows (no Fargate size allows 123904 MiB)")
        );
        // Compatibilities with an unknown extra value still list FARGATE.
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE, Foo]\n      Cpu: 4096\n      Memory: 512\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/Resources/T/Properties/Memory");
    }

    #[test]
    fn cfn_lint_e3047_valid_cases() {
        for (cpu, mem) in [
            ("256", "'512'"),
            ("'512'", "1024"),
            ("'.5 vCPU'", "'1 GB'"),
            ("'1024'", "'2048'"),
            ("2048", "4096"),
            ("'4 vcpu'", "30720"),
            ("'4 vcpu'", "'22 gb'"),
            ("8192", "'16 GB'"),
            ("'16     vCpU'", "122880"),
        ] {
            assert_passes(&Rule::META, &cfn(cpu, mem));
        }
    }

    #[test]
    fn the_32_vcpu_row_is_valid_and_called_new() {
        for mem in ["\"61440\"", "\"120 GB\"", "\"249856\""] {
            assert_passes(&Rule::META, &td("\"32768\"", mem));
        }
        let d = assert_fails(&Rule::META, &td("\"32 vCPU\"", "\"65536\""));
        assert_eq!(
            d[0].help.as_deref(),
            Some("use memory 61440 MiB, the nearest value cpu 32768 allows, or keep memory 65536 MiB with cpu 16384 (16 vCPU); 32 vCPU is a new size (2026) that may not be offered in every Region")
        );
        // A pair only the 32 vCPU size allows.
        let d = assert_fails(&Rule::META, &td("\"16384\"", "\"249856\""));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("with cpu 32768 (32 vCPU); 32 vCPU is a new size"));
    }

    #[test]
    fn one_problem_one_finding() {
        // An invalid cpu is TD-FG-003's.
        assert_passes(&Rule::META, &td("\"128\"", "\"512\""));
        // Windows below 1 vCPU is TD-FG-005's.
        let windows = r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "cpu": "256", "memory": "4096", "containerDefinitions": []}"#;
        assert_passes(&Rule::META, windows);
        // Windows inside its range uses the same rows.
        let windows = windows
            .replace("\"256\"", "\"1024\"")
            .replace("\"4096\"", "\"1024\"");
        let d = assert_fails(&Rule::META, &windows);
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("use memory 2048 MiB"));
    }

    #[test]
    fn unjudgeable_or_not_fargate_passes() {
        assert_passes(&Rule::META, &td("\"256\"", "\"512MB\""));
        assert_passes(&Rule::META, &td("\"256\"", "4096"));
        assert_passes(&Rule::META, &cfn("256", "!Ref Memory"));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "cpu": "256", "memory": "4096", "containerDefinitions": []}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "containerDefinitions": []}"#,
        );
    }
}
