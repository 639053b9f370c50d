use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Warns about a task definition that uses Elastic Inference accelerators
    /// (`inferenceAccelerators`).
    ///
    /// ## Why is this bad?
    /// Amazon Elastic Inference is deprecated: since 15 April 2023 AWS onboards no new
    /// customers, and accounts that have not used it recently cannot launch accelerators, so
    /// tasks needing them are not placed. The CloudFormation resource schema lists
    /// `InferenceAccelerators` among its deprecated properties. Inference belongs on GPU
    /// instances (a `GPU` resource requirement) or on AWS Inferentia (`NeuronDevice`, on
    /// Managed Instances). On Fargate, which never had Elastic Inference, TD-FG-020 reports
    /// the member instead.
    ///
    /// ## Example
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
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "infer",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "model", "image": "example/model:1.0", "memory": 2048, "resourceRequirements": [{"type": "GPU", "value": "1"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-SCHEMA (cfn-lint 1.58.0 AWS::ECS::TaskDefinition schema: InferenceAccelerators in deprecatedProperties)
    /// - DG23:task_definition_parameters.md (Elastic Inference: no new customers after April 15, 2023)
    pub struct InferenceAcceleratorsDeprecated {
        code: "TD-RES-022",
        name: "inference-accelerators-deprecated",
        severity: Warning,
        scope: Task,
        summary: "Elastic Inference accelerators are deprecated",
    }
}

impl Rule for InferenceAcceleratorsDeprecated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate {
            return;
        }
        let Some(member) = cx.task().and_then(|t| t.member("inferenceAccelerators")) else {
            return;
        };
        if !member.value.is_set() {
            return;
        }
        out.push(
            Finding::at_key(member, "Elastic Inference is deprecated: AWS onboards no new customers since 15 April 2023, so tasks that need its accelerators may not be placed")
                .help("move inference to GPU instances (a GPU resource requirement) or to AWS Inferentia (NeuronDevice on Managed Instances), and remove inferenceAccelerators"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::InferenceAcceleratorsDeprecated as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "m", "image": "i", "memory": 64}}]}}"#
        )
    }

    const EI: &str =
        r#""inferenceAccelerators": [{"deviceName": "d", "deviceType": "eia2.medium"}], "#;

    #[test]
    fn elastic_inference_warns() {
        let text = task(EI);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/inferenceAccelerators");
        assert_eq!(spanned(&text, &d[0]), "\"inferenceAccelerators\"");
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      InferenceAccelerators: [{DeviceName: d, DeviceType: eia2.medium}]\n");
    }

    #[test]
    fn none_empty_and_fargate_pass() {
        assert_passes(&Rule::META, &task(""));
        assert_passes(&Rule::META, &task(r#""inferenceAccelerators": [], "#));
        assert_passes(
            &Rule::META,
            &task(&format!(r#"{EI}"requiresCompatibilities": ["FARGATE"], "#)),
        );
    }
}
