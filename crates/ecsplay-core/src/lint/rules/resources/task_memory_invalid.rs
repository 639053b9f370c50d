use super::invalid_task_size;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task-level `memory` that is neither an integer number of MiB (`"2048"`) nor an
    /// amount of GB (`"2 GB"`, `"0.5gb"`), for example `"512MB"`, `"2GiB"` or `""`.
    ///
    /// ## Why is this bad?
    /// ECS converts the task `memory` string to MiB when it registers the definition
    /// (1 GB = 1024 MiB) and only understands those two forms; it rejects any other unit.
    /// `MB`, `MiB` and `GiB` look right but are not accepted.
    ///
    /// In CloudFormation an integer (`Memory: 512`) is fine: CloudFormation passes it as a
    /// string. A negative or fractional number there is reported by TD-RES-008.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512MB",
    ///   "containerDefinitions": [{"name": "app", "image": "example/app:2.1"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [{"name": "app", "image": "example/app:2.1"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.memory (botocore 1.44.5 ECS model: MiB or GB, as a string)
    pub struct TaskMemoryInvalid {
        code: "TD-RES-002",
        name: "task-memory-invalid",
        severity: Error,
        scope: Task,
        summary: "The task memory is neither MiB nor GB",
    }
}

impl Rule for TaskMemoryInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        out.extend(invalid_task_size(
            cx,
            "memory",
            "gb",
            "MiB (\"512\") nor GB (\"0.5 GB\")",
            |s| {
                let lower = s.to_ascii_lowercase();
                let (amount, factor) = if let Some(a) = lower
                    .strip_suffix("mib")
                    .or_else(|| lower.strip_suffix("mb"))
                    .or_else(|| lower.strip_suffix('m'))
                {
                    (a, 1)
                } else {
                    (
                        lower
                            .strip_suffix("gib")
                            .or_else(|| lower.strip_suffix('g'))?,
                        1024,
                    )
                };
                amount.trim().parse::<u64>().ok()?.checked_mul(factor)
            },
            "write the task memory in MiB, for example \"512\" or \"2048\" (2 GB)",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::TaskMemoryInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(memory: &str) -> String {
        format!(
            r#"{{"family": "f", "memory": {memory}, "containerDefinitions": [{{"name": "a", "image": "i"}}]}}"#
        )
    }

    #[test]
    fn bad_forms_fail_with_the_value_to_write() {
        let text = task(r#""512MB""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "\"512MB\"");
        assert_eq!(
            d[0].message,
            "Invalid 'memory' setting for task: \"512MB\" is neither MiB (\"512\") nor GB (\"0.5 GB\")"
        );
        assert_eq!(d[0].help.as_deref(), Some("write \"512\""));
        let d = assert_fails(&Rule::META, &task(r#""2GiB""#));
        assert_eq!(d[0].help.as_deref(), Some("write \"2048\""));
        let d = assert_fails(&Rule::META, &task(r#""lots""#));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("write the task memory in MiB"));
    }

    #[test]
    fn valid_forms_pass() {
        for ok in [r#""512""#, r#""2 GB""#, r#""0.5gb""#, r#"".5 GB""#] {
            assert_passes(&Rule::META, &task(ok));
        }
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Memory: 512\n      ContainerDefinitions:\n        - Name: a\n");
    }
}
