use super::requirements;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a GPU `sharingStrategy` that ECS does not accept: on a resource requirement
    /// whose type is not `GPU`, in a task definition that lists `EXTERNAL`, or in a task
    /// whose GPU requirements mix whole-GPU counts (`value`) and sharing strategies. A
    /// requirement that sets both `value` and `sharingStrategy` is TD-RES-017's finding.
    ///
    /// ## Why is this bad?
    /// GPU sharing (NVIDIA MPS) is a way to hand out GPUs, so it only exists for the `GPU`
    /// type. The containers of one task that request GPUs must all use the same option:
    /// either each reserves whole GPUs, or each shares. GPU sharing works on EC2 and Managed
    /// Instances; task definitions that require `EXTERNAL` (ECS Anywhere) compatibility do not
    /// support it. ECS rejects the definition.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "infer",
    ///   "containerDefinitions": [
    ///     {"name": "model-a", "image": "example/model-a:1.0", "memory": 4096, "resourceRequirements": [{"type": "GPU", "value": "1"}]},
    ///     {"name": "model-b", "image": "example/model-b:1.0", "memory": 4096, "resourceRequirements": [{"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 4096, "maxComputePercent": 50}}}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "infer",
    ///   "containerDefinitions": [
    ///     {"name": "model-a", "image": "example/model-a:1.0", "memory": 4096, "resourceRequirements": [{"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 4096, "maxComputePercent": 50}}}]},
    ///     {"name": "model-b", "image": "example/model-b:1.0", "memory": 4096, "resourceRequirements": [{"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 4096, "maxComputePercent": 50}}}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ResourceRequirement.sharingStrategy (botocore 1.44.5 ECS model: only for type GPU; "The containers in a task that request GPUs must all use the same option"; EXTERNAL does not support GPU sharing)
    pub struct GpuSharingInvalid {
        code: "TD-RES-018",
        name: "gpu-sharing-invalid",
        severity: Error,
        scope: Containers,
        summary: "A GPU sharingStrategy on another resource type, on ECS Anywhere, or mixed with GPU counts",
    }
}

impl Rule for GpuSharingInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let external = cx.facts.external && !cx.facts.platform_unknown;
        // The GPU requirements that use one option only: (sharing?, the member that says so).
        let mut modes = Vec::new();
        for r in requirements(cx) {
            if let Some(sharing) = r.sharing.filter(|s| !s.is_unknown()) {
                if r.kind != "GPU" {
                    out.push(
                        Finding::at(sharing, format!("sharingStrategy on the {} requirement of container {}: only GPU requirements can be shared", r.kind, r.label))
                            .help("remove sharingStrategy; it is for resource requirements of type GPU"),
                    );
                    continue;
                }
                if external {
                    out.push(
                        Finding::at(sharing, format!("the GPU requirement of container {} shares a GPU, which task definitions for ECS Anywhere (EXTERNAL) do not support", r.label))
                            .help("reserve whole GPUs with \"value\" instead of sharingStrategy, or run the task on EC2 or Managed Instances"),
                    );
                }
            }
            if r.kind != "GPU" {
                continue;
            }
            match (
                r.value.filter(|v| !v.is_unknown()),
                r.sharing.filter(|s| !s.is_unknown()),
            ) {
                (Some(v), None) => modes.push((false, v, r.label)),
                (None, Some(s)) => modes.push((true, s, r.label)),
                _ => {}
            }
        }
        let Some(((first_sharing, first_node, first_label), rest)) = modes.split_first() else {
            return;
        };
        for (sharing, node, label) in rest {
            if sharing == first_sharing {
                continue;
            }
            let (this, that) = if *sharing {
                ("shares a GPU", "reserves whole GPUs")
            } else {
                ("reserves whole GPUs", "shares a GPU")
            };
            out.push(
                Finding::at(node, format!("container {label} {this}, but container {first_label} {that}: the containers of a task that request GPUs must all use the same option"))
                    .label(first_node, format!("container {first_label} {that}"))
                    .help("give every GPU requirement of the task a value (whole GPUs), or every one a sharingStrategy"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GpuSharingInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const MPS: &str = r#""sharingStrategy": {"nvidiaMps": {"memory": 4096}}"#;

    fn task(head: &str, a: &str, b: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "a", "image": "i", "memory": 64, "resourceRequirements": [{a}]}}, {{"name": "b", "image": "i", "memory": 64, "resourceRequirements": [{b}]}}]}}"#
        )
    }

    #[test]
    fn mixed_options_fail_at_the_second() {
        let text = task(
            "",
            r#"{"type": "GPU", "value": "1"}"#,
            &format!(r#"{{"type": "GPU", {MPS}}}"#),
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/1/resourceRequirements/0/sharingStrategy"
        );
        assert!(spanned(&text, &d[0]).starts_with("{\"nvidiaMps\""));
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/resourceRequirements/0/value"
        );
        assert_eq!(d[0].message, "container 'b' shares a GPU, but container 'a' reserves whole GPUs: the containers of a task that request GPUs must all use the same option");
    }

    #[test]
    fn sharing_on_other_types_or_external_fails() {
        let d = assert_fails(
            &Rule::META,
            &format!(
                r#"[{{"name": "a", "image": "i", "resourceRequirements": [{{"type": "NeuronDevice", "value": "ALL", {MPS}}}]}}]"#
            ),
        );
        assert!(d[0].message.contains("only GPU requirements can be shared"));
        let d = assert_fails(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["EXTERNAL"], "#,
                &format!(r#"{{"type": "GPU", {MPS}}}"#),
                &format!(r#"{{"type": "GPU", {MPS}}}"#),
            ),
        );
        assert_eq!(d.len(), 2);
        assert!(d[0].message.contains("ECS Anywhere (EXTERNAL)"));
    }

    #[test]
    fn one_option_per_task_passes() {
        assert_passes(
            &Rule::META,
            &task(
                "",
                r#"{"type": "GPU", "value": "1"}"#,
                r#"{"type": "GPU", "value": "2"}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                "",
                &format!(r#"{{"type": "GPU", {MPS}}}"#),
                &format!(r#"{{"type": "GPU", {MPS}}}"#),
            ),
        );
        // Both in one requirement: TD-RES-017.
        assert_passes(
            &Rule::META,
            &task(
                "",
                &format!(r#"{{"type": "GPU", "value": "1", {MPS}}}"#),
                r#"{"type": "GPU", "value": "1"}"#,
            ),
        );
    }
}
