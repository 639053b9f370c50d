use super::{running_sum, task_memory};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a container whose `memory` (hard limit) is greater than the task-level `memory`,
    /// and, when no single container is, containers whose hard limits add up to more than the
    /// task memory. Any launch type.
    ///
    /// ## Why is this bad?
    /// The task `memory` is all the memory the task gets; a container limit above it can never
    /// be honoured. ECS rejects it with `The 'memory' setting for container 'X' is greater than
    /// for the task.` The documentation also requires the containers' hard limits together to
    /// stay within the task memory; that API check on the *sum* was not observed directly
    /// (rules.md Appendix C), so the message calls it the documented limit.
    ///
    /// The per-container condition (TD-FG-029) and the sum (TD-FG-030) are one rule here
    /// (rules.md §0.4). Soft limits (`memoryReservation`) are TD-FG-031's.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 1024}
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
    ///   "cpu": "256",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 1024}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.memory (botocore 1.44.5 ECS model: the containers' memory must stay within the task memory)
    /// - ERR: https://github.com/pulumi/pulumi-awsx/issues/1220
    pub struct ContainerMemoryExceedsTask {
        code: "TD-RES-010",
        name: "container-memory-exceeds-task",
        severity: Error,
        scope: Task,
        summary: "A container's memory, or the containers' memory together, exceeds the task memory",
        aliases: ["TD-FG-029", "TD-FG-030"],
    }
}

impl Rule for ContainerMemoryExceedsTask {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some((task_node, task)) = task_memory(cx) else {
            return;
        };
        let Some(sums) = running_sum(cx, "memory") else {
            return;
        };
        let mut single = false;
        let mut previous = 0;
        for (i, c, node, total) in &sums {
            let mib = total.saturating_sub(previous);
            previous = *total;
            if mib <= task {
                continue;
            }
            single = true;
            let label = container_label(c, *i);
            out.push(
                Finding::at(
                    node,
                    format!("The 'memory' setting for container {label} ({mib} MiB) is greater than for the task ({task} MiB)"),
                )
                .label(task_node, format!("the task has {task} MiB"))
                .help(format!(
                    "lower the memory of container {label} to at most {task} MiB, or raise the task memory"
                )),
            );
        }
        if single {
            return;
        }
        let total = previous;
        if let Some((_, _, node, _)) = sums.iter().find(|(_, _, _, t)| *t > task) {
            out.push(
                Finding::at(
                    node,
                    format!("the containers' memory hard limits add up to {total} MiB, more than the task memory of {task} MiB (the documented limit)"),
                )
                .label(task_node, format!("the task has {task} MiB"))
                .help(format!(
                    "lower the containers' memory limits to {task} MiB in total (use memoryReservation for what they need most of the time), or raise the task memory to at least {total} MiB"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerMemoryExceedsTask as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn a_container_above_the_task_fails() {
        let text = r#"{"family": "f", "memory": "1 GB", "containerDefinitions": [
            {"name": "a", "image": "i", "memory": 2048}, {"name": "b", "image": "i", "memory": 512}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(text, &d[0]), "2048");
        assert_eq!(
            d[0].message,
            "The 'memory' setting for container 'a' (2048 MiB) is greater than for the task (1024 MiB)"
        );
        assert_eq!(d[0].labels[0].pointer, "/memory");
    }

    #[test]
    fn the_sum_above_the_task_fails() {
        let text = r#"{"family": "f", "memory": "1024", "containerDefinitions": [
            {"name": "a", "image": "i", "memory": 512}, {"name": "b", "image": "i", "memoryReservation": 900},
            {"name": "c", "image": "i", "memory": 768}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/2/memory");
        assert!(d[0]
            .message
            .starts_with("the containers' memory hard limits add up to 1280 MiB"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Memory: 512\n      ContainerDefinitions:\n        - Name: a\n          Memory: '1024'\n");
    }

    #[test]
    fn within_the_task_and_no_task_memory_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "memory": "1024", "containerDefinitions": [{"name": "a", "image": "i", "memory": 512}, {"name": "b", "image": "i", "memory": 512, "memoryReservation": 2048}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "memory": 99999}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "memory": 99999}]"#,
        );
    }
}
