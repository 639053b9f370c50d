use super::invalid_task_size;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task-level `cpu` that is neither an integer number of CPU units (`"1024"`) nor
    /// an amount of vCPUs (`"1 vCPU"`, `".25 vcpu"`), for example `"256m"`, `"1 core"` or `""`.
    ///
    /// ## Why is this bad?
    /// ECS converts the task `cpu` string to CPU units when it registers the definition
    /// (1 vCPU = 1024 units) and only understands those two forms. Anything else is rejected
    /// with `Invalid 'cpu' setting for task.` Kubernetes-style quantities (`"250m"`) are the
    /// usual cause, and empty strings left over from `--generate-cli-skeleton`.
    ///
    /// In CloudFormation an integer (`Cpu: 256`) is fine: CloudFormation passes it as a string.
    /// A negative or fractional number there is reported by TD-RES-008.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "cpu": "250m",
    ///   "memory": "512",
    ///   "containerDefinitions": [{"name": "app", "image": "example/app:2.1"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [{"name": "app", "image": "example/app:2.1"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.cpu (botocore 1.44.5 ECS model: CPU units or vCPUs, as a string)
    /// - ERR: https://github.com/oranmoshai/ecsServiceRestart/issues/2 (Invalid 'cpu' setting for task.)
    pub struct TaskCpuInvalid {
        code: "TD-RES-001",
        name: "task-cpu-invalid",
        severity: Error,
        scope: Task,
        summary: "The task cpu is neither CPU units nor vCPUs",
    }
}

impl Rule for TaskCpuInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        out.extend(invalid_task_size(
            cx,
            "cpu",
            "vcpu",
            "CPU units (\"256\") nor vCPUs (\".25 vCPU\")",
            |s| {
                // "250m" is Kubernetes millicores: 250m = 0.25 vCPU = 256 units.
                let milli: u64 = s.strip_suffix('m')?.trim().parse().ok()?;
                Some(milli.checked_mul(1024)? / 1000)
            },
            "write the task cpu in CPU units (1024 per vCPU), for example \"256\" (.25 vCPU) or \"1024\" (1 vCPU)",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::TaskCpuInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(cpu: &str) -> String {
        format!(
            r#"{{"family": "f", "cpu": {cpu}, "containerDefinitions": [{{"name": "a", "image": "i", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn bad_forms_fail() {
        let text = task(r#""250m""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/cpu");
        assert_eq!(spanned(&text, &d[0]), "\"250m\"");
        assert_eq!(
            d[0].message,
            "Invalid 'cpu' setting for task: \"250m\" is neither CPU units (\"256\") nor vCPUs (\".25 vCPU\")"
        );
        assert_eq!(d[0].help.as_deref(), Some("write \"256\""));
        for bad in [
            r#""1 core""#,
            r#""-256""#,
            r#""2 vCPUs""#,
            r#""1.5.1 vcpu""#,
        ] {
            assert_fails(&Rule::META, &task(bad));
        }
        let d = assert_fails(&Rule::META, &task(r#""""#));
        assert_eq!(
            d[0].message,
            "Invalid 'cpu' setting for task: the value is empty"
        );
    }

    #[test]
    fn valid_forms_pass() {
        for ok in [
            r#""256""#,
            r#""1 vCPU""#,
            r#""0.5vcpu""#,
            r#"".25 VCPU""#,
            r#"" 512 ""#,
        ] {
            assert_passes(&Rule::META, &task(ok));
        }
        // Wrong types are TD-SHAPE-010's; CloudFormation integers are coerced.
        assert_passes(&Rule::META, &task("256"));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      ContainerDefinitions:\n        - Name: a\n");
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: !Ref Cpu\n      ContainerDefinitions:\n        - Name: a\n");
    }

    #[test]
    fn cloudformation_strings_are_checked() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 1 core\n      ContainerDefinitions:\n        - Name: a\n");
        assert_eq!(d[0].pointer, "/Resources/T/Properties/Cpu");
    }
}
