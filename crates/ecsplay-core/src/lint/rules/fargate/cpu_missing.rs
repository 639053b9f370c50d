use super::sizes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition that lists `FARGATE` in `requiresCompatibilities` but sets no
    /// task-level `cpu`.
    ///
    /// ## Why is this bad?
    /// On Fargate the task size is what AWS provisions and bills, so it must be declared at the
    /// task level; container-level `cpu` is not enough. RegisterTaskDefinition refuses the
    /// definition with `Fargate requires that 'cpu' be defined at the task level.`
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "memory": "512",
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "cpu": 256}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.cpu (botocore 1.44.5 ECS model: task size required for Fargate)
    /// - CFN-EXT:fargate_properties.json (cfn-lint 1.58.0, E3048: Cpu required with FARGATE)
    /// - ERR: https://github.com/mongodb/terraform-aws-ecs-task-definition/issues/38
    pub struct FargateCpuMissing {
        code: "TD-FG-001",
        name: "fargate-cpu-missing",
        severity: Error,
        scope: Task,
        summary: "Fargate task definition without a task-level cpu",
    }
}

impl Rule for FargateCpuMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if cx.facts.fargate && task.get("cpu").is_none() {
            // With a readable memory, propose the sizes that allow it.
            let memory = super::task_memory(cx).map(|m| m.value);
            let fitting: Vec<String> = sizes::offered(cx.facts.windows)
                .filter(|s| memory.is_some_and(|mib| s.allows(mib)))
                .map(|s| format!("\"{}\" ({} vCPU)", s.cpu, s.vcpu))
                .collect();
            let help = match (fitting.split_last(), memory) {
                (Some((last, rest)), Some(mib)) => {
                    let choices = if rest.is_empty() {
                        last.clone()
                    } else {
                        format!("{} or {last}", rest.join(", "))
                    };
                    format!("add a task-level \"cpu\" that allows memory {mib} MiB: {choices}")
                }
                _ => {
                    "add a task-level \"cpu\", for example \"256\" (.25 vCPU) or \"1024\" (1 vCPU)"
                        .to_owned()
                }
            };
            // A missing member points at the object that should contain it (rules.md §0.5).
            out.push(
                Finding::at(
                    task,
                    "Fargate requires that 'cpu' be defined at the task level",
                )
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FargateCpuMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn fargate_without_task_cpu_fails() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EC2", "FARGATE"], "memory": "512", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        assert_eq!(d[0].pointer, "");
        assert_eq!(d[0].range.start.offset, 0);
        assert_eq!(
            d[0].help.as_deref(),
            Some("add a task-level \"cpu\" that allows memory 512 MiB: \"256\" (.25 vCPU)")
        );
    }

    #[test]
    fn help_lists_the_sizes_that_allow_the_memory() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "memory": "2 GB", "containerDefinitions": []}"#,
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("add a task-level \"cpu\" that allows memory 2048 MiB: \"256\" (.25 vCPU), \"512\" (.5 vCPU) or \"1024\" (1 vCPU)")
        );
        // Windows containers on Fargate start at 1 vCPU.
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "memory": "2048", "containerDefinitions": []}"#,
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("add a task-level \"cpu\" that allows memory 2048 MiB: \"1024\" (1 vCPU)")
        );
        // No size allows the memory: the generic help.
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "memory": "100", "containerDefinitions": []}"#,
        );
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("for example \"256\""));
    }

    #[test]
    fn cloudformation_points_into_the_template() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      Memory: 512\n");
        assert_eq!(d[0].pointer, "/Resources/T/Properties");
        assert_eq!(d[0].range.start.line, 5);
    }

    #[test]
    fn ec2_or_fargate_with_cpu_passes() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "cpu": "1 vCPU", "memory": "2 GB", "containerDefinitions": []}"#,
        );
        // Terraform arrays have no task level: the rule is skipped, not guessed.
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
