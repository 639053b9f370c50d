use super::sizes::{self, FARGATE_SIZES};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Fargate task definition whose task-level `cpu` is not one of the eight Fargate
    /// sizes: 256, 512, 1024, 2048, 4096, 8192, 16384 or 32768 CPU units (.25, .5, 1, 2, 4, 8, 16
    /// or 32 vCPU). Every form AWS accepts is read: `"1024"`, `"1 vCPU"`, `".25 vcpu"`, and in
    /// CloudFormation an integer (`Cpu: 1024`).
    ///
    /// ## Why is this bad?
    /// Fargate only runs tasks in these fixed sizes; it does not round a value up. Registering
    /// fails (CloudFormation and Terraform show `No Fargate configuration exists for given
    /// values`), and cfn-lint reports the value as not one of the Fargate sizes (E3048). When the
    /// cpu is not a size at all this rule reports it alone: TD-FG-004 (the cpu/memory pair) only
    /// judges a valid cpu, so one problem gives one finding.
    ///
    /// The 32 vCPU size (32768) is valid; it is new (2026) and not yet described everywhere, so it
    /// may not be offered in every Region. Values such as `"0.25 vCPU"` are read as 256: the API
    /// converts them, although cfn-lint only accepts the `.25` spelling.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "768",
    ///   "memory": "2048",
    ///   "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.memory (botocore 1.44.5 ECS model: the cpu values available on Fargate)
    /// - CFN-EXT:fargate_properties.json (cfn-lint 1.58.0, E3048: Cpu one of the Fargate sizes, 32768 included)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html
    /// - ERR: https://github.com/towardsthecloud/aws-cdk-examples/issues/1
    pub struct FargateInvalidCpu {
        code: "TD-FG-003",
        name: "fargate-invalid-cpu",
        severity: Error,
        scope: Task,
        summary: "Fargate task cpu that is not one of the Fargate task sizes",
    }
}

impl Rule for FargateInvalidCpu {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        let Some(cpu) = super::task_cpu(cx) else {
            return;
        };
        if sizes::size(cpu.value).is_some() {
            return;
        }
        let all: Vec<String> = FARGATE_SIZES.iter().map(|s| s.cpu.to_string()).collect();
        let listed = match all.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        let memory = super::task_memory(cx).map(|m| m.value);
        let mut finding = Finding::at(
            cpu.node,
            format!(
                "cpu {} is not a Fargate task size; Fargate accepts {listed} CPU units (.25 to 32 vCPU)",
                cpu.shown_cpu()
            ),
        );
        if let Some(help) = super::cpu_proposal(cpu.value, memory, cx.facts.windows) {
            finding = finding.help(help);
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::FargateInvalidCpu as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(cpu: &str, memory: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": {cpu}, "memory": {memory}, "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn a_cpu_that_is_no_size_fails_at_the_value() {
        let text = td("\"768\"", "\"2048\"");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/cpu");
        assert_eq!(spanned(&text, &d[0]), "\"768\"");
        assert_eq!(
            d[0].message,
            "cpu 768 is not a Fargate task size; Fargate accepts 256, 512, 1024, 2048, 4096, 8192, 16384 or 32768 CPU units (.25 to 32 vCPU)"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("use cpu 1024 (1 vCPU), the nearest Fargate size that allows memory 2048 MiB")
        );
    }

    #[test]
    fn boundaries_and_written_forms() {
        for cpu in [
            "\"128\"",
            "\"255\"",
            "\"65536\"",
            "\"3 vCPU\"",
            "\"0.125 vCPU\"",
        ] {
            assert_fails(&Rule::META, &td(cpu, "\"512\""));
        }
        let d = assert_fails(&Rule::META, &td("\"3 vCPU\"", "\"100000\""));
        assert!(d[0]
            .message
            .starts_with("cpu \"3 vCPU\" (3072 CPU units) is not"));
        // No size allows 100000 MiB: the nearest size is proposed.
        assert_eq!(
            d[0].help.as_deref(),
            Some("use cpu 4096 (4 vCPU), the nearest Fargate size")
        );
    }

    #[test]
    fn windows_proposals_stay_within_windows_sizes() {
        let text = r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "cpu": "300", "memory": "1024", "containerDefinitions": []}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].help.as_deref(),
            Some("use cpu 1024 (1 vCPU), the nearest Fargate size")
        );
    }

    #[test]
    fn cloudformation_integers_are_read() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: awsvpc\n      Cpu: 128\n      Memory: '512'\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/Resources/T/Properties/Cpu");
        assert_eq!(spanned(text, &d[0]), "128");
    }

    #[test]
    fn every_size_and_every_unjudgeable_value_passes() {
        for cpu in [
            "\"256\"",
            "\"512\"",
            "\"1024\"",
            "\"2048\"",
            "\"4096\"",
            "\"8192\"",
            "\"16384\"",
            "\"32768\"",
            "\".25 vCPU\"",
            "\"0.5 vcpu\"",
            "\"16     vCpU\"",
            "\"32 vCPU\"",
        ] {
            assert_passes(&Rule::META, &td(cpu, "\"99999\""));
        }
        // Unreadable forms are TD-RES-001 / the schema's, not this rule's.
        for cpu in ["\"256m\"", "\"\"", "256"] {
            assert_passes(&Rule::META, &td(cpu, "\"512\""));
        }
        // Not Fargate: EC2 accepts 128.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "cpu": "128", "memory": "512", "containerDefinitions": []}"#,
        );
        assert_passes(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      Cpu: !Ref Cpu\n      Memory: '512'\n",
        );
    }
}
