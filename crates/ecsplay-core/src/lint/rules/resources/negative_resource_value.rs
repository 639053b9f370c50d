use super::container_int;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Value;

declare_rule! {
    /// ## What it does
    /// Reports a negative container `cpu`, `memory` or `memoryReservation`, and in
    /// CloudFormation a task `Cpu` or `Memory` written as a negative or fractional number.
    ///
    /// ## Why is this bad?
    /// CPU units and MiB are whole, non-negative amounts; ECS rejects a negative reservation or
    /// limit. A fraction such as `Cpu: 0.5` is not a number of CPU units either (ECS would need
    /// `"0.5 vCPU"` or `"512"`).
    ///
    /// Where the JSON Schema already reports the problem this rule does not repeat it: a
    /// container value that is not an integer is a type error (TD-SHAPE-010), and a task `cpu`
    /// or `memory` string such as `"-256"` is in no valid form (TD-RES-001, TD-RES-002).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "cpu": -256, "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "cpu": 256, "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.cpu (botocore 1.44.5 ECS model: integer CPU units)
    /// - BOTO:ContainerDefinition.memory (botocore 1.44.5 ECS model: integer MiB)
    /// - BOTO:RegisterTaskDefinitionRequest.cpu (botocore 1.44.5 ECS model)
    pub struct NegativeResourceValue {
        code: "TD-RES-008",
        name: "negative-resource-value",
        severity: Error,
        scope: Containers,
        summary: "A cpu or memory value is negative or not a whole number",
    }
}

impl Rule for NegativeResourceValue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if let (Some(task), true) = (cx.task(), cx.is_cloudformation()) {
            for (key, unit) in [("cpu", "CPU units"), ("memory", "MiB")] {
                let Some(node) = task.get(key) else { continue };
                let Value::Number(n) = &node.value else {
                    continue;
                };
                let problem = match n.int {
                    Some(v) if v < 0 => "negative",
                    Some(_) => continue,
                    None => "not a whole number",
                };
                out.push(
                    Finding::at(node, format!("task {key} {} is {problem}", n.raw)).help(format!(
                        "write the task {key} as a whole, positive number of {unit}"
                    )),
                );
            }
        }
        for (i, c) in cx.containers() {
            for (key, unit) in [
                ("cpu", "CPU units"),
                ("memory", "MiB"),
                ("memoryReservation", "MiB"),
            ] {
                let Some((node, v)) = container_int(cx, c, key) else {
                    continue;
                };
                if v >= 0 {
                    continue;
                }
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "{key} {v} of container {} is negative",
                            container_label(c, i)
                        ),
                    )
                    .help(format!(
                        "give {key} a positive number of {unit}, or remove it"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NegativeResourceValue as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn negative_container_values_fail() {
        let text =
            r#"[{"name": "a", "image": "i", "cpu": -1, "memory": -512, "memoryReservation": -2}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 3);
        assert_eq!(spanned(text, &d[0]), "-1");
        assert_eq!(d[0].message, "cpu -1 of container 'a' is negative");
    }

    #[test]
    fn cloudformation_task_numbers_fail() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: -256\n      Memory: 0.5\n      ContainerDefinitions:\n        - Name: a\n          Cpu: '-10'\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].message, "task cpu -256 is negative");
        assert_eq!(d[1].message, "task memory 0.5 is not a whole number");
        assert_eq!(spanned(text, &d[2]), "'-10'");
    }

    #[test]
    fn positive_values_and_other_errors_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "cpu": "-256", "containerDefinitions": [{"name": "a", "image": "i", "cpu": 0, "memory": 512, "memoryReservation": 1.5}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      Memory: '512'\n      ContainerDefinitions:\n        - Name: a\n");
    }
}
