use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// On EC2 and external instances, in a task definition without a task-level `memory`,
    /// points out each container that sets no hard memory limit (`memory`), only a
    /// `memoryReservation`.
    ///
    /// ## Why is this bad?
    /// `memoryReservation` is a soft limit: it is what ECS reserves for the container, but the
    /// container may use more, up to all the free memory of the instance. One leaking container
    /// can then starve the other tasks on the instance, or the agent itself. A hard limit, on the
    /// container (`memory`) or on the task (task `memory`, a limit for all its containers),
    /// bounds the damage: the container is killed and restarted instead. AWS Config's
    /// `ecs-task-definition-memory-hard-limit` rule flags the same containers.
    ///
    /// The catalogue states the condition as "no container sets a hard limit"; this rule
    /// follows the AWS Config rule instead and names each container without one, since each is
    /// a separate risk. Fargate tasks always have a task-level limit and are not reported. This
    /// is a hint, not an error: ECS accepts such definitions.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memoryReservation": 256}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memoryReservation": 256, "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-memory-hard-limit.html
    /// - BOTO:ContainerDefinition.memoryReservation (botocore 1.44.5 ECS model: the container may use more than its soft limit)
    pub struct NoMemoryHardLimit {
        code: "TD-RES-014",
        name: "no-memory-hard-limit",
        severity: Info,
        scope: Task,
        summary: "A container on EC2 has no hard memory limit, only a reservation",
    }
}

impl Rule for NoMemoryHardLimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        let f = &cx.facts;
        if f.platform_unknown || f.fargate || !(f.ec2 || f.external) {
            return;
        }
        if task.get("memory").is_some_and(|m| !m.is_null()) {
            return;
        }
        for (i, c) in cx.containers() {
            if c.get("memory").is_some_and(|m| !m.is_null()) {
                continue;
            }
            // Without a reservation either, TD-RES-004 reports the error.
            let Some(reservation) = c.get("memoryReservation").filter(|m| m.is_set()) else {
                continue;
            };
            let label = container_label(c, i);
            out.push(
                Finding::at(
                    reservation,
                    format!("container {label} has no hard memory limit, only a memoryReservation: it can use all the free memory of the instance"),
                )
                .help(format!(
                    "add \"memory\" to container {label}: a hard limit in MiB above its memoryReservation (or set a task-level memory)"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NoMemoryHardLimit as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn reservation_only_is_pointed_out() {
        let text = r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "memoryReservation": 128}, {"name": "b", "image": "i", "memory": 64}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(text, &d[0]), "128");
        assert!(d[0]
            .message
            .starts_with("container 'a' has no hard memory limit"));
    }

    #[test]
    fn limits_fargate_and_task_memory_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "memory": "512", "containerDefinitions": [{"name": "a", "image": "i", "memoryReservation": 128}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "a", "image": "i", "memoryReservation": 128}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "memoryReservation": 128, "memory": 256}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "memoryReservation": 128}]"#,
        );
    }
}
