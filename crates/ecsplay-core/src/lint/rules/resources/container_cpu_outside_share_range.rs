use super::container_int;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The most CPU shares the Linux kernel allows (256 vCPU).
const MAX_SHARES: i64 = 262_144;

declare_rule! {
    /// ## What it does
    /// Explains a container `cpu` of exactly 1, or above 262144, the two values where what
    /// Docker receives differs from what is written.
    ///
    /// ## Why is this bad?
    /// Container `cpu` is a number of CPU units, 1024 to a vCPU; on Linux it becomes Docker CPU
    /// shares, a relative weight between containers (unused CPU is shared out), not a hard cap.
    /// The kernel accepts 2 to 262144 shares. Agents 1.2.0 and later pass 0, null and 1 to
    /// Docker as 2 shares, so `"cpu": 1` is the same as no value at all, and is usually a
    /// mistaken "1 vCPU" (which is 1024). Agents 1.84.0 and later pass values above 256 vCPU
    /// (262144 units) as 262144 shares, while ECS still reserves the full value on the
    /// instance. On Windows `cpu` is an absolute quota, so 1 unit is 1/1024 of a CPU.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "cpu": 1, "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "cpu": 1024, "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.cpu (botocore 1.44.5 ECS model: kernel share range 2-262144; agents >= 1.2.0 pass 0, null and 1 as 2; agents >= 1.84.0 cap values above 256 vCPU; Windows quota)
    pub struct ContainerCpuOutsideShareRange {
        code: "TD-RES-011",
        name: "container-cpu-outside-share-range",
        severity: Info,
        scope: Containers,
        summary: "A container cpu of 1 or above 262144, where Docker gets a different value",
    }
}

impl Rule for ContainerCpuOutsideShareRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let windows = cx.facts.windows;
        for (i, container) in cx.containers() {
            let Some((node, cpu)) = container_int(cx, container, "cpu") else {
                continue;
            };
            let label = container_label(container, i);
            if cpu == 1 {
                let effect = if windows {
                    "on Windows the container gets a quota of 1/1024 of a CPU"
                } else {
                    "the agent passes it to Docker as the minimum of 2 CPU shares, the same as no cpu at all"
                };
                out.push(
                    Finding::at(node, format!("cpu 1 of container {label} is one CPU unit (1/1024 of a vCPU), not one vCPU: {effect}"))
                        .help("write 1024 for one vCPU (CPU units are 1024 to a vCPU), or remove cpu"),
                );
            } else if cpu > MAX_SHARES && !windows {
                out.push(
                    Finding::at(node, format!("cpu {cpu} of container {label} is above {MAX_SHARES} (256 vCPU), the most CPU shares Linux allows: agents 1.84.0 and later pass {MAX_SHARES} to Docker, while ECS still reserves {cpu} CPU units on the instance"))
                        .help(format!("on Linux cpu is a relative weight, not a cap: a value up to {MAX_SHARES} gives the same share")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerCpuOutsideShareRange as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn one_unit_and_values_above_the_kernel_maximum_are_explained() {
        let text = r#"[{"name": "web", "image": "i", "cpu": 1}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/0/cpu");
        assert_eq!(spanned(text, &d[0]), "1");
        assert_eq!(d[0].message, "cpu 1 of container 'web' is one CPU unit (1/1024 of a vCPU), not one vCPU: the agent passes it to Docker as the minimum of 2 CPU shares, the same as no cpu at all");
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "web", "image": "i", "cpu": 262145}]"#,
        );
        assert!(d[0].message.contains("above 262144 (256 vCPU)"));
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "f", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "containerDefinitions": [{"name": "w", "image": "i", "cpu": 1}]}"#,
        );
        assert!(d[0].message.contains("quota of 1/1024 of a CPU"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Cpu: '1'\n");
    }

    #[test]
    fn ordinary_values_pass() {
        for cpu in ["0", "2", "256", "1024", "262144"] {
            assert_passes(
                &Rule::META,
                &format!(r#"[{{"name": "web", "image": "i", "cpu": {cpu}}}]"#),
            );
        }
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "containerDefinitions": [{"name": "w", "image": "i", "cpu": 300000}]}"#,
        );
    }
}
