use super::{reserved_by, running_sum, task_memory};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition whose containers together reserve more memory than the
    /// task-level `memory`, counting for each container its `memoryReservation` when it is set,
    /// else its `memory`.
    ///
    /// ## Why is this bad?
    /// The task `memory` is all the memory the task gets. Each container's soft limit is what it
    /// is promised under memory pressure; if the promises add up to more than the task has, they
    /// cannot all be kept, and under pressure some container is squeezed below its reservation
    /// or killed. ECS accepts the definition, so this is a warning.
    ///
    /// When the hard limits alone already exceed the task memory, TD-RES-010 reports the error
    /// and this rule says nothing more.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memoryReservation": 768},
    ///     {"name": "envoy", "image": "envoyproxy/envoy:v1.30.1", "memoryReservation": 512}
    ///   ]
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
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memoryReservation": 768},
    ///     {"name": "envoy", "image": "envoyproxy/envoy:v1.30.1", "memoryReservation": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.memoryReservation (botocore 1.44.5 ECS model: the soft limit reserved for the container)
    /// - DG23:task_definition_parameters.md (the memory reserved for all containers must be lower than the task memory)
    pub struct MemoryReservationsExceedTask {
        code: "TD-FG-031",
        name: "memory-reservations-exceed-task",
        severity: Warning,
        scope: Task,
        summary: "The containers' memory reservations add up to more than the task memory",
    }
}

impl Rule for MemoryReservationsExceedTask {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some((task_node, task)) = task_memory(cx) else {
            return;
        };
        // Hard limits above the task memory are TD-RES-010's error.
        match running_sum(cx, "memory") {
            Some(hard) if hard.last().is_none_or(|(_, _, _, t)| *t <= task) => {}
            _ => return,
        }
        let mut total: u64 = 0;
        let mut tipping = None;
        for (_, c) in cx.containers() {
            let Some(reserved) = reserved_by(c, |n| cx.int_of(n)) else {
                return;
            };
            if let Some((node, mib)) = reserved {
                total = total.saturating_add(mib);
                if total > task && tipping.is_none() {
                    tipping = Some(node);
                }
            }
        }
        let Some(node) = tipping else { return };
        out.push(
            Finding::at(
                node,
                format!("the containers reserve {total} MiB together (memoryReservation, else memory), more than the task memory of {task} MiB"),
            )
            .label(task_node, format!("the task has {task} MiB"))
            .help(format!(
                "lower the containers' memoryReservation values to {task} MiB in total, or raise the task memory to at least {total} MiB"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::MemoryReservationsExceedTask as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn reservations_above_the_task_warn() {
        let text = r#"{"family": "f", "memory": "1024", "containerDefinitions": [
            {"name": "a", "image": "i", "memory": 1024, "memoryReservation": 600},
            {"name": "b", "image": "i", "memoryReservation": 500}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/1/memoryReservation");
        assert_eq!(spanned(text, &d[0]), "500");
        assert_eq!(
            d[0].message,
            "the containers reserve 1100 MiB together (memoryReservation, else memory), more than the task memory of 1024 MiB"
        );
    }

    #[test]
    fn hard_limit_excess_is_left_to_res_010() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "memory": "1024", "containerDefinitions": [{"name": "a", "image": "i", "memory": 2048}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "memory": "1024", "containerDefinitions": [{"name": "a", "image": "i", "memory": 800}, {"name": "b", "image": "i", "memory": 800, "memoryReservation": 100}]}"#,
        );
    }

    #[test]
    fn reservations_within_the_task_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "memory": "1024", "containerDefinitions": [{"name": "a", "image": "i", "memoryReservation": 512}, {"name": "b", "image": "i", "memory": 512}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "memoryReservation": 99999}]}"#,
        );
    }
}
