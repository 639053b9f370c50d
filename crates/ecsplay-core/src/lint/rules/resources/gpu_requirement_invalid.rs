use super::{requirement_value, requirements};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `GPU` resource requirement that sets neither `value` nor `sharingStrategy`,
    /// sets both, or has a `value` that is neither a positive whole number nor `ALL`.
    ///
    /// ## Why is this bad?
    /// A GPU requirement says how the container gets GPUs: `value` reserves that many whole
    /// GPUs for it (`"2"`), or all GPUs of the instance (`"ALL"`); `sharingStrategy` instead
    /// shares a GPU with other containers (NVIDIA MPS). The API requires exactly one of them,
    /// and a count that is not a positive integer (`"0"`, `"1.5"`, `"one"`) is not a number of
    /// GPUs. ECS rejects such a definition.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "train",
    ///   "containerDefinitions": [
    ///     {"name": "train", "image": "nvidia/cuda:12.4.1-base-ubuntu22.04", "memory": 8192, "resourceRequirements": [{"type": "GPU", "value": "0.5"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "train",
    ///   "containerDefinitions": [
    ///     {"name": "train", "image": "nvidia/cuda:12.4.1-base-ubuntu22.04", "memory": 8192, "resourceRequirements": [{"type": "GPU", "value": "1"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ResourceRequirement.value (botocore 1.44.5 ECS model: the number of physical GPUs, or ALL; required unless the type is GPU and sharingStrategy is given)
    /// - BOTO:ResourceRequirement.sharingStrategy (botocore 1.44.5 ECS model: "specify either value or sharingStrategy, but not both")
    pub struct GpuRequirementInvalid {
        code: "TD-RES-017",
        name: "gpu-requirement-invalid",
        severity: Error,
        scope: Containers,
        summary: "A GPU requirement without exactly one of value and sharingStrategy, or with a bad GPU count",
    }
}

/// Whether a GPU count is one ECS reads: a positive whole number, or `ALL`.
fn count_ok(value: &str) -> bool {
    value == "ALL"
        || (!value.is_empty()
            && value.bytes().all(|b| b.is_ascii_digit())
            && value.bytes().any(|b| b != b'0'))
}

impl Rule for GpuRequirementInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for r in requirements(cx).filter(|r| r.kind == "GPU") {
            let label = &r.label;
            match (r.value, r.sharing) {
                (None, None) => out.push(
                    Finding::at(r.node, format!("the GPU requirement of container {label} has neither value nor sharingStrategy"))
                        .help("add \"value\": the number of GPUs to reserve (for example \"1\", or \"ALL\"), or a sharingStrategy to share a GPU"),
                ),
                (Some(value), Some(sharing)) => {
                    if value.is_unknown() || sharing.is_unknown() {
                        continue;
                    }
                    out.push(
                        Finding::at(sharing, format!("the GPU requirement of container {label} sets both value and sharingStrategy; ECS takes one or the other"))
                            .label(value, "a number of whole GPUs")
                            .help("keep value to reserve whole GPUs, or sharingStrategy to share one, and remove the other"),
                    );
                }
                (Some(value), None) => {
                    let Some(count) = requirement_value(cx, value) else {
                        continue;
                    };
                    if !count_ok(&count) {
                        out.push(
                            Finding::at(value, format!("GPU value \"{count}\" of container {label} is not a number of GPUs: write a positive whole number, or ALL"))
                                .help("write the number of whole GPUs to reserve, for example \"1\", or \"ALL\"; to give a container part of a GPU, use a sharingStrategy instead of value"),
                        );
                    }
                }
                (None, Some(_)) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{count_ok, GpuRequirementInvalid as Rule};
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(requirement: &str) -> String {
        format!(r#"[{{"name": "gpu", "image": "i", "resourceRequirements": [{requirement}]}}]"#)
    }

    const MPS: &str = r#""sharingStrategy": {"nvidiaMps": {"memory": 4096}}"#;

    #[test]
    fn counts() {
        for ok in ["1", "8", "10", "ALL"] {
            assert!(count_ok(ok), "{ok}");
        }
        for bad in ["", "0", "00", "-1", "1.5", "all", " 1", "one"] {
            assert!(!count_ok(bad), "{bad}");
        }
    }

    #[test]
    fn bad_gpu_requirements_fail() {
        let text = task(r#"{"type": "GPU", "value": "0"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/resourceRequirements/0/value");
        assert_eq!(spanned(&text, &d[0]), "\"0\"");
        assert_eq!(d[0].message, "GPU value \"0\" of container 'gpu' is not a number of GPUs: write a positive whole number, or ALL");
        let d = assert_fails(&Rule::META, &task(r#"{"type": "GPU"}"#));
        assert_eq!(d[0].pointer, "/0/resourceRequirements/0");
        let d = assert_fails(
            &Rule::META,
            &task(&format!(r#"{{"type": "GPU", "value": "1", {MPS}}}"#)),
        );
        assert_eq!(d[0].pointer, "/0/resourceRequirements/0/sharingStrategy");
        assert_eq!(d[0].labels[0].pointer, "/0/resourceRequirements/0/value");
        let cfn = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          ResourceRequirements: [{Type: GPU, Value: 1.5}]\n";
        assert_fails(&Rule::META, cfn);
    }

    #[test]
    fn good_gpu_requirements_and_other_types_pass() {
        assert_passes(&Rule::META, &task(r#"{"type": "GPU", "value": "2"}"#));
        assert_passes(&Rule::META, &task(r#"{"type": "GPU", "value": "ALL"}"#));
        assert_passes(&Rule::META, &task(&format!(r#"{{"type": "GPU", {MPS}}}"#)));
        assert_passes(
            &Rule::META,
            &task(r#"{"type": "InferenceAccelerator", "value": "device_1"}"#),
        );
        // A number is the schema layer's type error in the API forms.
        assert_passes(&Rule::META, &task(r#"{"type": "GPU", "value": 0}"#));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          ResourceRequirements: [{Type: GPU, Value: !Ref Gpus}]\n");
    }
}
