use super::requirements;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `GPU` resource requirement in a task definition for Fargate, or for Windows
    /// containers.
    ///
    /// ## Why is this bad?
    /// GPUs are only offered on EC2 (and Managed Instances) Linux container instances with
    /// NVIDIA GPUs, such as the ECS GPU-optimized AMI provides. Fargate has no GPUs: the
    /// Fargate documentation lists GPU resource requirements among the unsupported parameters.
    /// The 2023 developer guide says the GPU parameter is not supported for Windows containers
    /// either. Such a task is rejected, or never finds an instance to run on.
    ///
    /// The Fargate clause is also named by TD-FG-008's row (rules.md §3.2); TD-FG-008's
    /// documentation leaves the GPU case to this rule, so it is reported here, once.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "train",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "4096",
    ///   "memory": "16384",
    ///   "containerDefinitions": [
    ///     {"name": "train", "image": "nvidia/cuda:12.4.1-base-ubuntu22.04", "resourceRequirements": [{"type": "GPU", "value": "1"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "train",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "cpu": "4096",
    ///   "memory": "16384",
    ///   "containerDefinitions": [
    ///     {"name": "train", "image": "nvidia/cuda:12.4.1-base-ubuntu22.04", "resourceRequirements": [{"type": "GPU", "value": "1"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html (GPU resource requirements are not supported on Fargate)
    /// - DG23:task_definition_parameters.md (GPU: not supported for Windows containers or tasks on Fargate)
    /// - DG23:ecs-gpu.md (GPU workloads on GPU-enabled EC2 container instances)
    pub struct GpuUnsupportedPlatform {
        code: "TD-RES-016",
        name: "gpu-unsupported-platform",
        severity: Error,
        scope: Task,
        summary: "A GPU resource requirement on Fargate or for Windows containers",
    }
}

impl Rule for GpuUnsupportedPlatform {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if facts.platform_unknown {
            return;
        }
        let (why, help) = if facts.fargate {
            (
                "Fargate has no GPUs",
                "run the task on EC2 GPU instances (requiresCompatibilities EC2, the ECS GPU-optimized AMI), or remove the GPU requirement",
            )
        } else if facts.windows {
            (
                "GPUs are not supported for Windows containers",
                "run GPU workloads in Linux containers on EC2 GPU instances, or remove the GPU requirement",
            )
        } else {
            return;
        };
        for r in requirements(cx).filter(|r| r.kind == "GPU") {
            out.push(
                Finding::at(
                    r.kind_node,
                    format!("container {} requests a GPU, but {why}", r.label),
                )
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GpuUnsupportedPlatform as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, kind: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "gpu", "image": "i", "memory": 64, "resourceRequirements": [{{"type": "{kind}", "value": "1"}}]}}]}}"#
        )
    }

    #[test]
    fn gpus_on_fargate_or_windows_fail() {
        let text = task(r#""requiresCompatibilities": ["EC2", "FARGATE"], "#, "GPU");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/resourceRequirements/0/type"
        );
        assert_eq!(spanned(&text, &d[0]), "\"GPU\"");
        assert_eq!(
            d[0].message,
            "container 'gpu' requests a GPU, but Fargate has no GPUs"
        );
        let d = assert_fails(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#,
                "GPU",
            ),
        );
        assert!(d[0]
            .message
            .ends_with("GPUs are not supported for Windows containers"));
    }

    #[test]
    fn gpus_on_linux_ec2_pass() {
        assert_passes(&Rule::META, &task("", "GPU"));
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["MANAGED_INSTANCES"], "#,
                "GPU",
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "#,
                "NeuronDevice",
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: !Ref Compat\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          ResourceRequirements: [{Type: GPU, Value: '1'}]\n");
    }
}
