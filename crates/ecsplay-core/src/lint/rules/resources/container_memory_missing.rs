use super::reserved_by;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a container that sets neither `memory` nor `memoryReservation` (or sets them to
    /// 0) in a task definition without a task-level `memory`.
    ///
    /// ## Why is this bad?
    /// ECS has to know how much memory to reserve for the task. Without a task-level `memory`
    /// it adds up the containers' values, so every container must give one. RegisterTaskDefinition
    /// rejects the definition with `Invalid setting for container 'X'. At least one of 'memory'
    /// or 'memoryReservation' must be specified.` ECS returns the same error for a Fargate
    /// definition without task memory (which TD-FG-002 also reports).
    ///
    /// For a Terraform container array the task-level `memory` is not known, so the rule does
    /// not run there.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512},
    ///     {"name": "log-router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///      "firelensConfiguration": {"type": "fluentbit"}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512},
    ///     {"name": "log-router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///      "memoryReservation": 50, "firelensConfiguration": {"type": "fluentbit"}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.memoryReservation (botocore 1.44.5 ECS model: one of memory or memoryReservation without task memory)
    /// - MOTO:moto/ecs/exceptions.py (the error text)
    /// - ERR: https://github.com/aws/aws-cli/issues/4453
    /// - ERR: https://github.com/getmoto/moto/pull/7280
    pub struct ContainerMemoryMissing {
        code: "TD-RES-004",
        name: "container-memory-missing",
        severity: Error,
        scope: Task,
        summary: "Without task memory, a container sets neither memory nor memoryReservation",
    }
}

impl Rule for ContainerMemoryMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if task.get("memory").is_some_and(|m| !m.is_null()) {
            return;
        }
        for (i, c) in cx.containers() {
            // Some(None): neither value; None: a value that cannot be read.
            if reserved_by(c, |n| cx.int_of(n)) != Some(None) {
                continue;
            }
            let label = container_label(c, i);
            out.push(
                Finding::at(
                    c,
                    format!("Invalid setting for container {label}. At least one of 'memory' or 'memoryReservation' must be specified."),
                )
                .help(format!(
                    "give container {label} a \"memoryReservation\" (the MiB to reserve) or a \"memory\" hard limit, or set a task-level \"memory\""
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerMemoryMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn container_without_memory_fails() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "memory": 64}, {"name": "b", "image": "i"}, {"name": "c", "image": "i", "memory": 0, "memoryReservation": 0}]}"#,
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pointer, "/containerDefinitions/1");
        assert_eq!(
            d[0].message,
            "Invalid setting for container 'b'. At least one of 'memory' or 'memoryReservation' must be specified."
        );
        assert_eq!(d[1].pointer, "/containerDefinitions/2");
        // Fargate without task memory too.
        assert_fails(
            &Rule::META,
            r#"{"family": "f", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "containerDefinitions": [{"name": "a", "image": "i"}]}"#,
        );
    }

    #[test]
    fn task_memory_or_container_values_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "memory": "512", "containerDefinitions": [{"name": "a", "image": "i"}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "memoryReservation": 64}, {"name": "b", "image": "i", "memory": 128}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Memory: !Ref Memory\n        - Name: b\n          MemoryReservation: '64'\n");
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "i"}]"#);
    }
}
