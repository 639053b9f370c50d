use super::{requirement_value, requirements};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `NeuronDevice` resource requirement that ECS does not accept: a `value` other
    /// than `ALL`, a second container of the task requesting Neuron devices, or a task
    /// definition that does not list `MANAGED_INSTANCES` in `requiresCompatibilities`.
    ///
    /// ## Why is this bad?
    /// Neuron devices (AWS Inferentia and Trainium accelerators) are handed to one container
    /// as a whole: the value must be `ALL`, which gives that container every Neuron device of
    /// the instance, and only one container in a task can ask for them. The resource type is
    /// only supported on Amazon ECS Managed Instances. ECS rejects the definition otherwise.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "infer",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "model", "image": "example/neuron-model:1.0", "memory": 8192, "resourceRequirements": [{"type": "NeuronDevice", "value": "2"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "infer",
    ///   "requiresCompatibilities": ["MANAGED_INSTANCES"],
    ///   "networkMode": "awsvpc",
    ///   "containerDefinitions": [
    ///     {"name": "model", "image": "example/neuron-model:1.0", "memory": 8192, "resourceRequirements": [{"type": "NeuronDevice", "value": "ALL"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ResourceRequirement.value (botocore 1.44.5 ECS model: "When the type is NeuronDevice, the value must be ALL ... Only one container in a task can specify NeuronDevice resources. This resource type is only supported on Managed Instances.")
    pub struct NeuronDeviceInvalid {
        code: "TD-RES-020",
        name: "neuron-device-invalid",
        severity: Error,
        scope: Containers,
        summary: "A NeuronDevice requirement that is not ALL, in a second container, or outside Managed Instances",
    }
}

impl Rule for NeuronDeviceInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        let outside_mi = facts.task_level && !facts.platform_unknown && !facts.managed_instances;
        let mut first: Option<(usize, String, &crate::source::Node)> = None;
        for r in requirements(cx).filter(|r| r.kind == "NeuronDevice") {
            let label = &r.label;
            match r.value {
                None => out.push(
                    Finding::at(r.node, format!("the NeuronDevice requirement of container {label} has no value; it must be \"ALL\""))
                        .help("add \"value\": \"ALL\" (the container gets every Neuron device of the instance)"),
                ),
                Some(value) => {
                    if let Some(v) = requirement_value(cx, value).filter(|v| v != "ALL") {
                        out.push(
                            Finding::at(value, format!("NeuronDevice value \"{v}\" of container {label} must be \"ALL\": a container gets all Neuron devices of the instance or none"))
                                .help("write \"ALL\""),
                        );
                    }
                }
            }
            if outside_mi {
                out.push(
                    Finding::at(r.kind_node, format!("container {label} requests Neuron devices, which only Managed Instances support, but requiresCompatibilities does not list MANAGED_INSTANCES"))
                        .help("set \"requiresCompatibilities\": [\"MANAGED_INSTANCES\"] and run the task on a Managed Instances capacity provider with Inferentia or Trainium instances"),
                );
            }
            match &first {
                None => first = Some((r.index, r.label.clone(), r.kind_node)),
                Some((index, first_label, first_node)) if *index != r.index => out.push(
                    Finding::at(r.kind_node, format!("containers {first_label} and {label} both request Neuron devices; only one container in a task can"))
                        .label(first_node, format!("container {first_label} requests them first"))
                        .help("keep the NeuronDevice requirement on one container, or split the containers into separate tasks"),
                ),
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NeuronDeviceInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(compat: &str, containers: &str) -> String {
        format!(
            r#"{{"family": "t", "requiresCompatibilities": {compat}, "containerDefinitions": [{containers}]}}"#
        )
    }

    fn neuron(name: &str, value: &str) -> String {
        format!(
            r#"{{"name": "{name}", "image": "i", "memory": 64, "resourceRequirements": [{{"type": "NeuronDevice"{value}}}]}}"#
        )
    }

    const MI: &str = r#"["MANAGED_INSTANCES"]"#;

    #[test]
    fn bad_values_fail() {
        let text = task(MI, &neuron("m", r#", "value": "2""#));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/resourceRequirements/0/value"
        );
        assert_eq!(spanned(&text, &d[0]), "\"2\"");
        assert_eq!(d[0].message, "NeuronDevice value \"2\" of container 'm' must be \"ALL\": a container gets all Neuron devices of the instance or none");
        let d = assert_fails(&Rule::META, &task(MI, &neuron("m", "")));
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/resourceRequirements/0"
        );
    }

    #[test]
    fn two_containers_or_no_managed_instances_fail() {
        let both = format!(
            "{}, {}",
            neuron("a", r#", "value": "ALL""#),
            neuron("b", r#", "value": "ALL""#)
        );
        let d = assert_fails(&Rule::META, &task(MI, &both));
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/1/resourceRequirements/0/type"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/resourceRequirements/0/type"
        );
        let d = assert_fails(
            &Rule::META,
            &task(r#"["EC2"]"#, &neuron("m", r#", "value": "ALL""#)),
        );
        assert!(d[0].message.contains("only Managed Instances support"));
        assert_fails(
            &Rule::META,
            &format!(
                r#"{{"family": "t", "containerDefinitions": [{}]}}"#,
                neuron("m", r#", "value": "ALL""#)
            ),
        );
    }

    #[test]
    fn one_container_with_all_on_managed_instances_passes() {
        assert_passes(&Rule::META, &task(MI, &neuron("m", r#", "value": "ALL""#)));
        assert_passes(
            &Rule::META,
            &task(
                r#"["EC2", "MANAGED_INSTANCES"]"#,
                &neuron("m", r#", "value": "ALL""#),
            ),
        );
        // A Terraform array has no compatibilities to judge.
        assert_passes(
            &Rule::META,
            &format!("[{}]", neuron("m", r#", "value": "ALL""#)),
        );
    }
}
