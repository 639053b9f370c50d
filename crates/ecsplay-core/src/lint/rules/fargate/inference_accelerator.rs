use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a Fargate task definition that asks for Amazon Elastic Inference accelerators:
    /// a non-empty task-level `inferenceAccelerators`, or a container `resourceRequirements`
    /// entry of type `InferenceAccelerator`.
    ///
    /// ## Why is this bad?
    /// Elastic Inference accelerators attach to EC2 container instances only; Fargate tasks
    /// cannot use them, so ECS refuses the definition. Elastic Inference is also deprecated (no
    /// new customers since April 2023, TD-RES-022): for machine-learning inference choose GPU or
    /// AWS Inferentia instances on EC2.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "inference",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "2048",
    ///   "memory": "4096",
    ///   "inferenceAccelerators": [{"deviceName": "device1", "deviceType": "eia2.medium"}],
    ///   "containerDefinitions": [
    ///     {"name": "model", "image": "public.ecr.aws/example/model:3", "resourceRequirements": [{"type": "InferenceAccelerator", "value": "device1"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "inference",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "2048",
    ///   "memory": "4096",
    ///   "containerDefinitions": [
    ///     {"name": "model", "image": "public.ecr.aws/example/model:3"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:task_definition_parameters.md (Elastic Inference accelerators are not available on Fargate)
    /// - BOTO:RegisterTaskDefinitionRequest.inferenceAccelerators, ResourceRequirement.type (botocore 1.44.5 ECS model)
    /// - CFN-SCHEMA (cfn-lint 1.58.0 AWS::ECS::TaskDefinition: InferenceAccelerators in deprecatedProperties)
    pub struct FargateInferenceAccelerator {
        code: "TD-FG-020",
        name: "fargate-inference-accelerator",
        severity: Error,
        scope: Task,
        summary: "Fargate task definition with Elastic Inference accelerators",
    }
}

impl Rule for FargateInferenceAccelerator {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        let help = "remove the Elastic Inference accelerator; for inference on accelerators run the task on EC2 GPU or Inferentia instances";
        if let Some(m) = cx.task().and_then(|t| t.member("inferenceAccelerators")) {
            if super::set_now(&m.value) {
                out.push(
                    Finding::at_key(m, "Elastic Inference accelerators (inferenceAccelerators) are not available on Fargate")
                        .help(help),
                );
            }
        }
        for (i, container, list) in cx.container_members("resourceRequirements") {
            for requirement in list.items() {
                let Some(kind) = requirement.get("type") else {
                    continue;
                };
                if kind.as_str() == Some("InferenceAccelerator") {
                    out.push(
                        Finding::at(
                            kind,
                            format!(
                                "container {} requests an Elastic Inference accelerator, which is not available on Fargate",
                                container_label(container, i)
                            ),
                        )
                        .help(help),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate};
    use super::FargateInferenceAccelerator as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const ACCELERATORS: &str =
        r#""inferenceAccelerators": [{"deviceName": "d1", "deviceType": "eia2.medium"}]"#;
    const REQUIREMENT: &str = r#""resourceRequirements": [{"type": "GPU", "value": "1"}, {"type": "InferenceAccelerator", "value": "d1"}]"#;

    #[test]
    fn accelerators_and_requirements_fail() {
        let text = fargate(ACCELERATORS, REQUIREMENT);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 2);
        assert_eq!(spanned(&text, &d[0]), "\"inferenceAccelerators\"");
        assert_eq!(
            d[1].pointer,
            "/containerDefinitions/0/resourceRequirements/1/type"
        );
        assert_eq!(spanned(&text, &d[1]), "\"InferenceAccelerator\"");
        assert_eq!(
            d[1].message,
            "container 'app' requests an Elastic Inference accelerator, which is not available on Fargate"
        );
    }

    #[test]
    fn none_empty_other_types_or_ec2_pass() {
        assert_passes(
            &Rule::META,
            &fargate(
                r#""inferenceAccelerators": []"#,
                r#""resourceRequirements": [{"type": "GPU", "value": "1"}]"#,
            ),
        );
        assert_passes(&Rule::META, &ec2(ACCELERATORS, REQUIREMENT));
    }
}
