use super::task_cpu;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

/// The task cpu range on EC2 and external instances, in CPU units (0.125 to 192 vCPU).
const MIN_CPU: u64 = 128;
const MAX_CPU: u64 = 196_608;

declare_rule! {
    /// ## What it does
    /// Reports a task-level `cpu` below 128 CPU units (0.125 vCPU) or above 196608 (192 vCPU) in
    /// a task definition for EC2 or external instances that does not list `FARGATE`.
    ///
    /// ## Why is this bad?
    /// On EC2 and ECS Anywhere the task `cpu` is optional, but when it is written ECS only
    /// accepts 128 to 196608 CPU units and rejects other values. A value of a few units usually
    /// means vCPUs were written as units (`"2"` for 2 vCPU is 2048). Fargate accepts only its own
    /// sizes (TD-FG-003), so definitions that list `FARGATE` are left to that rule; so are
    /// definitions only for Managed Instances, whose limits this catalogue does not give.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "cpu": "2",
    ///   "memory": "4096",
    ///   "containerDefinitions": [{"name": "worker", "image": "example/worker:1.4"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "cpu": "2048",
    ///   "memory": "4096",
    ///   "containerDefinitions": [{"name": "worker", "image": "example/worker:1.4"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.cpu (botocore 1.44.5 ECS model: 128 to 196608 CPU units on EC2)
    /// - CFN-SCHEMA:Cpu (cfn-lint 1.58.0 registry schema, Cpu description)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html
    pub struct TaskCpuOutOfRange {
        code: "TD-RES-003",
        name: "task-cpu-out-of-range",
        severity: Error,
        scope: Task,
        summary: "The task cpu is outside 128 to 196608 CPU units on EC2 or external instances",
    }
}

impl Rule for TaskCpuOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let f = &cx.facts;
        if f.platform_unknown || f.fargate || !(f.ec2 || f.external) {
            return;
        }
        let Some((node, cpu)) = task_cpu(cx) else {
            return;
        };
        if (MIN_CPU..=MAX_CPU).contains(&cpu) {
            return;
        }
        let help = if cpu > 0 && cpu <= 192 {
            format!(
                "CPU units are 1024 per vCPU: for {cpu} vCPU write \"{}\"",
                cpu.saturating_mul(1024)
            )
        } else {
            format!(
                "use {MIN_CPU} to {MAX_CPU} CPU units (0.125 to 192 vCPU), or remove the task cpu"
            )
        };
        out.push(
            Finding::at(
                node,
                format!("task cpu {cpu} (CPU units) is outside the range ECS accepts on EC2 and external instances, {MIN_CPU} to {MAX_CPU}"),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::TaskCpuOutOfRange as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(compat: &str, cpu: &str) -> String {
        format!(
            r#"{{"family": "f", "requiresCompatibilities": {compat}, "cpu": "{cpu}", "memory": "512", "containerDefinitions": [{{"name": "a", "image": "i"}}]}}"#
        )
    }

    #[test]
    fn out_of_range_fails() {
        let text = task(r#"["EC2"]"#, "64");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "\"64\"");
        assert_eq!(
            d[0].message,
            "task cpu 64 (CPU units) is outside the range ECS accepts on EC2 and external instances, 128 to 196608"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("CPU units are 1024 per vCPU: for 64 vCPU write \"65536\"")
        );
        assert_fails(&Rule::META, &task(r#"["EXTERNAL"]"#, "196609"));
        assert_fails(&Rule::META, &task("[]", "0"));
        assert_fails(&Rule::META, &task(r#"["EC2"]"#, ".0625 vCPU"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 100\n      ContainerDefinitions:\n        - Name: a\n");
    }

    #[test]
    fn in_range_fargate_and_unknown_platforms_pass() {
        assert_passes(&Rule::META, &task(r#"["EC2"]"#, "128"));
        assert_passes(&Rule::META, &task(r#"["EC2"]"#, "196608"));
        assert_passes(&Rule::META, &task(r#"["EC2"]"#, "192 vCPU"));
        assert_passes(&Rule::META, &task(r#"["EC2", "FARGATE"]"#, "64"));
        assert_passes(&Rule::META, &task(r#"["MANAGED_INSTANCES"]"#, "64"));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: !Ref Compat\n      Cpu: 100\n      ContainerDefinitions:\n        - Name: a\n");
    }
}
