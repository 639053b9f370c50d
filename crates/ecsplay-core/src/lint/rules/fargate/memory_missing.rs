use super::sizes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition that lists `FARGATE` in `requiresCompatibilities` but sets no
    /// task-level `memory`.
    ///
    /// ## Why is this bad?
    /// A Fargate task runs in its own micro-VM whose size is the task-level `cpu` and `memory`
    /// pair; AWS provisions and bills exactly that pair, so both are required at the task level.
    /// Container-level `memory` values do not replace it. RegisterTaskDefinition refuses the
    /// definition, and cfn-lint reports `'Memory' is a required property` (E3048).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512}]
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
    /// - BOTO:RegisterTaskDefinitionRequest.memory (botocore 1.44.5 ECS model: "If using the Fargate launch type, this field is required")
    /// - CFN-EXT:fargate_properties.json (cfn-lint 1.58.0, E3048: Memory required with FARGATE)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html
    pub struct FargateMemoryMissing {
        code: "TD-FG-002",
        name: "fargate-memory-missing",
        severity: Error,
        scope: Task,
        summary: "Fargate task definition without a task-level memory",
    }
}

impl Rule for FargateMemoryMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if !cx.facts.fargate || task.get("memory").is_some() {
            return;
        }
        // With a readable Fargate cpu, say which memory values it allows.
        let help = match super::task_cpu(cx)
            .and_then(|c| sizes::size(c.value))
            .filter(|s| s.offered(cx.facts.windows))
        {
            Some(s) => format!(
                "add a task-level \"memory\" that cpu {} allows: {}, for example \"{}\"",
                s.label(),
                s.memory.describe(),
                s.memory.min()
            ),
            None => "add a task-level \"memory\", for example \"512\" (with cpu 256) or \"2048\" (with cpu 1024)"
                .to_owned(),
        };
        // A missing member points at the object that should contain it (rules.md §0.5).
        out.push(
            Finding::at(
                task,
                "Fargate requires that 'memory' be defined at the task level",
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FargateMemoryMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn fargate_without_task_memory_fails() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EC2", "FARGATE"], "cpu": "1 vCPU", "containerDefinitions": [{"name": "a", "image": "b", "memory": 512}]}"#,
        );
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].message,
            "Fargate requires that 'memory' be defined at the task level"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("add a task-level \"memory\" that cpu 1024 (1 vCPU) allows: 2048 to 8192 MiB in steps of 1024, for example \"2048\"")
        );
    }

    #[test]
    fn help_without_a_usable_cpu_is_generic() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "cpu": "300", "containerDefinitions": []}"#,
        );
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("\"512\" (with cpu 256)"));
    }

    #[test]
    fn cloudformation_points_at_the_properties() {
        let d = assert_fails(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      Cpu: 256\n",
        );
        assert_eq!(d[0].pointer, "/Resources/T/Properties");
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("512, 1024 or 2048 MiB"));
    }

    #[test]
    fn memory_present_or_not_fargate_passes() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": []}"#,
        );
        // A deploy-time value is present: never judged.
        assert_passes(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      Cpu: 256\n      Memory: !Ref Mem\n",
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EC2"], "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]}"#,
        );
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
