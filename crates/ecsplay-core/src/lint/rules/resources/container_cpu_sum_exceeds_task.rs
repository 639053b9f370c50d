use super::{running_sum, task_cpu};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition whose containers' `cpu` values add up to more than the
    /// task-level `cpu`, on any launch type.
    ///
    /// ## Why is this bad?
    /// The task `cpu` is the CPU the whole task gets; the containers share it. ECS rejects a
    /// definition whose containers reserve more than the task has: `The sum of all container
    /// 'cpu' values cannot be greater than the value of the task 'cpu'.` This is the same
    /// condition as TD-FG-028 for Fargate (rules.md §0.4), reported once, under this code.
    ///
    /// The finding points at the container whose `cpu` makes the total exceed the task's.
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
    ///     {"name": "app", "image": "example/app:2.1", "cpu": 512},
    ///     {"name": "envoy", "image": "envoyproxy/envoy:v1.30.1", "cpu": 256}
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
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "cpu": 512},
    ///     {"name": "envoy", "image": "envoyproxy/envoy:v1.30.1", "cpu": 256}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.cpu (botocore 1.44.5 ECS model: the container cpu values must not exceed the task cpu)
    /// - ERR: https://github.com/aws/aws-cdk/issues/1553
    /// - ERR: https://github.com/aws/aws-cdk/issues/24629
    pub struct ContainerCpuSumExceedsTask {
        code: "TD-RES-009",
        name: "container-cpu-sum-exceeds-task",
        severity: Error,
        scope: Task,
        summary: "The containers' cpu values add up to more than the task cpu",
        aliases: ["TD-FG-028"],
    }
}

impl Rule for ContainerCpuSumExceedsTask {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some((task_node, task)) = task_cpu(cx) else {
            return;
        };
        let Some(sums) = running_sum(cx, "cpu") else {
            return;
        };
        let total = sums.last().map_or(0, |(_, _, _, t)| *t);
        let Some((_, _, node, _)) = sums.iter().find(|(_, _, _, t)| *t > task) else {
            return;
        };
        out.push(
            Finding::at(
                node,
                format!("The sum of all container 'cpu' values ({total}) cannot be greater than the value of the task 'cpu' ({task})"),
            )
            .label(task_node, format!("the task has {task} CPU units"))
            .help(format!(
                "lower the container cpu values to {task} CPU units in total, or raise the task cpu to at least {total}"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerCpuSumExceedsTask as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn sum_above_task_cpu_fails_at_the_container_that_tips_it() {
        let text = r#"{"family": "f", "cpu": "1 vCPU", "containerDefinitions": [
            {"name": "a", "image": "i", "cpu": 512}, {"name": "b", "image": "i", "cpu": 768}, {"name": "c", "image": "i", "cpu": 10}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/1/cpu");
        assert_eq!(spanned(text, &d[0]), "768");
        assert_eq!(d[0].labels[0].pointer, "/cpu");
        assert_eq!(
            d[0].message,
            "The sum of all container 'cpu' values (1290) cannot be greater than the value of the task 'cpu' (1024)"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      ContainerDefinitions:\n        - Name: a\n          Cpu: '512'\n");
    }

    #[test]
    fn equal_sum_no_task_cpu_and_unknown_values_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "cpu": "1024", "containerDefinitions": [{"name": "a", "image": "i", "cpu": 512}, {"name": "b", "image": "i", "cpu": 512}, {"name": "c", "image": "i"}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "cpu": 4096}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      ContainerDefinitions:\n        - Name: a\n          Cpu: !Ref Cpu\n        - Name: b\n          Cpu: 256\n");
    }
}
