use super::{requirement_value, requirements};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports an `InferenceAccelerator` resource requirement whose `value` is not the
    /// `deviceName` of one of the task's `inferenceAccelerators`.
    ///
    /// ## Why is this bad?
    /// A container is given an Elastic Inference accelerator by name: its requirement's
    /// `value` must match a `deviceName` declared in the task-level `inferenceAccelerators`
    /// list. A name that matches nothing (a typo, or no accelerator declared at all) cannot be
    /// resolved and ECS rejects the definition. On Fargate, where Elastic Inference does not
    /// exist, TD-FG-020 reports the requirement instead. (Elastic Inference itself is
    /// deprecated: TD-RES-022.)
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "infer",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "inferenceAccelerators": [{"deviceName": "device_1", "deviceType": "eia2.medium"}],
    ///   "containerDefinitions": [
    ///     {"name": "model", "image": "example/model:1.0", "memory": 2048, "resourceRequirements": [{"type": "InferenceAccelerator", "value": "device1"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "infer",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "inferenceAccelerators": [{"deviceName": "device_1", "deviceType": "eia2.medium"}],
    ///   "containerDefinitions": [
    ///     {"name": "model", "image": "example/model:1.0", "memory": 2048, "resourceRequirements": [{"type": "InferenceAccelerator", "value": "device_1"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ResourceRequirement.value (botocore 1.44.5 ECS model: "When the type is InferenceAccelerator, the value matches the deviceName for an InferenceAccelerator specified in a task definition")
    /// - BOTO:InferenceAccelerator.deviceName (botocore 1.44.5 ECS model: must also be referenced in a container definition)
    pub struct InferenceAcceleratorUnknownDevice {
        code: "TD-RES-021",
        name: "inference-accelerator-unknown-device",
        severity: Error,
        scope: Task,
        summary: "An InferenceAccelerator requirement names no deviceName of the task's inferenceAccelerators",
    }
}

impl Rule for InferenceAcceleratorUnknownDevice {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.platform_unknown {
            return;
        }
        let Some(task) = cx.task() else { return };
        let declared = task.get("inferenceAccelerators");
        if declared.is_some_and(Node::is_unknown) {
            return;
        }
        let devices: Vec<Option<&str>> = declared
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .map(|a| a.get("deviceName").and_then(Node::as_str))
            .collect();
        // A deploy-time device name could be the one referenced.
        if devices.iter().any(Option::is_none) {
            return;
        }
        let names: Vec<&str> = devices.into_iter().flatten().collect();
        let known = if names.is_empty() {
            "the task declares no inferenceAccelerators".to_owned()
        } else {
            format!(
                "the task declares {}",
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        for r in requirements(cx).filter(|r| r.kind == "InferenceAccelerator") {
            let (at, shown) = match r.value {
                None => (r.node, "no value".to_owned()),
                Some(value) => match requirement_value(cx, value) {
                    Some(v) if names.contains(&v.as_str()) => continue,
                    Some(v) => (value, format!("value \"{v}\"")),
                    None => continue,
                },
            };
            let help = match names.as_slice() {
                [] => "declare the accelerator in the task's inferenceAccelerators ({\"deviceName\": ..., \"deviceType\": ...}) and name it here".to_owned(),
                [one] => format!("write \"{one}\""),
                _ => "write the deviceName of one of the task's inferenceAccelerators".to_owned(),
            };
            out.push(
                Finding::at(at, format!("the InferenceAccelerator requirement of container {} has {shown}, which names no accelerator: {known}", r.label))
                    .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InferenceAcceleratorUnknownDevice as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, requirement: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "m", "image": "i", "memory": 64, "resourceRequirements": [{requirement}]}}]}}"#
        )
    }

    const DECLARED: &str =
        r#""inferenceAccelerators": [{"deviceName": "device_1", "deviceType": "eia2.medium"}], "#;

    #[test]
    fn unknown_device_names_fail() {
        let text = task(
            DECLARED,
            r#"{"type": "InferenceAccelerator", "value": "device1"}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/resourceRequirements/0/value"
        );
        assert_eq!(spanned(&text, &d[0]), "\"device1\"");
        assert_eq!(d[0].message, "the InferenceAccelerator requirement of container 'm' has value \"device1\", which names no accelerator: the task declares \"device_1\"");
        assert_eq!(d[0].help.as_deref(), Some("write \"device_1\""));
        let d = assert_fails(
            &Rule::META,
            &task(
                "",
                r#"{"type": "InferenceAccelerator", "value": "device_1"}"#,
            ),
        );
        assert!(d[0]
            .message
            .ends_with("the task declares no inferenceAccelerators"));
        assert_fails(
            &Rule::META,
            &task(DECLARED, r#"{"type": "InferenceAccelerator"}"#),
        );
    }

    #[test]
    fn known_names_fargate_and_other_types_pass() {
        assert_passes(
            &Rule::META,
            &task(
                DECLARED,
                r#"{"type": "InferenceAccelerator", "value": "device_1"}"#,
            ),
        );
        // TD-FG-020 reports Elastic Inference on Fargate.
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "#,
                r#"{"type": "InferenceAccelerator", "value": "d"}"#,
            ),
        );
        assert_passes(&Rule::META, &task("", r#"{"type": "GPU", "value": "1"}"#));
    }
}
