use super::sizes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::NetworkMode;

declare_rule! {
    /// ## What it does
    /// Points out a task definition that looks meant for Fargate — `awsvpc` network mode and a
    /// task-level `cpu` and `memory` that form a Fargate size — but has no
    /// `requiresCompatibilities` at all.
    ///
    /// ## Why is this bad?
    /// It is a hint. ECS only checks a definition against Fargate's rules at registration when
    /// `requiresCompatibilities` lists `FARGATE`, and so does this linter. Without it, a
    /// definition that breaks one of them registers fine and fails only when a task is run on
    /// Fargate: `Task definition does not support launch_type FARGATE.` Listing `FARGATE` moves
    /// that failure to registration (or to this linter). A definition that lists only `EC2` (or
    /// `EXTERNAL`, `MANAGED_INSTANCES`) made its choice and is not reported.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
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
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.requiresCompatibilities (botocore 1.44.5 ECS model: "A client exception is returned if the task definition doesn't validate against the compatibilities specified")
    /// - ERR: https://github.com/oranmoshai/ecsServiceRestart/issues/2
    pub struct FargateCompatibilityNotDeclared {
        code: "TD-FG-035",
        name: "fargate-compatibility-not-declared",
        severity: Info,
        scope: Task,
        summary: "Fargate-shaped task definition without requiresCompatibilities",
    }
}

impl Rule for FargateCompatibilityNotDeclared {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if task.get("requiresCompatibilities").is_some()
            || !cx.facts.network_mode_is(&NetworkMode::Awsvpc)
            || super::maybe_fargate_compatible(cx)
        {
            return;
        }
        let (Some(cpu), Some(memory)) = (super::task_cpu(cx), super::task_memory(cx)) else {
            return;
        };
        if !sizes::is_valid(cpu.value, memory.value, cx.facts.windows) {
            return;
        }
        // A missing member points at the object that should contain it (rules.md §0.5).
        out.push(
            Finding::at(
                task,
                format!(
                    "requiresCompatibilities is not set: if this awsvpc task definition (cpu {}, memory {} MiB, a Fargate size) is meant for Fargate, it is not checked against Fargate's rules until a task runs",
                    cpu.value, memory.value
                ),
            )
            .help("add \"requiresCompatibilities\": [\"FARGATE\"] (or [\"EC2\", \"FARGATE\"]) to have it validated for Fargate when it is registered, or [\"EC2\"] if it is meant for EC2 only"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate};
    use super::FargateCompatibilityNotDeclared as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn bare(network: &str, cpu: &str, memory: &str) -> String {
        format!(
            r#"{{"family": "a", "networkMode": "{network}", "cpu": "{cpu}", "memory": "{memory}", "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn a_fargate_shaped_definition_without_compatibilities_gets_the_hint() {
        let d = assert_fails(&Rule::META, &bare("awsvpc", "256", "512"));
        assert_eq!(d[0].pointer, "");
        assert!(d[0]
            .message
            .contains("(cpu 256, memory 512 MiB, a Fargate size) is meant for Fargate"));
        assert_fails(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      Cpu: 1024\n      Memory: 2GB\n",
        );
    }

    #[test]
    fn declared_or_not_fargate_shaped_passes() {
        assert_passes(&Rule::META, &fargate("", ""));
        assert_passes(&Rule::META, &ec2("", ""));
        assert_passes(&Rule::META, &bare("bridge", "256", "512"));
        assert_passes(&Rule::META, &bare("awsvpc", "256", "4096"));
        assert_passes(&Rule::META, &bare("awsvpc", "128", "512"));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "networkMode": "awsvpc", "containerDefinitions": [{"name": "a", "image": "b", "memory": 512}]}"#,
        );
        // A pasted body whose compatibilities list FARGATE, and describe output (where they are
        // not visible), may already be Fargate-compatible.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "networkMode": "awsvpc", "cpu": "256", "memory": "512", "compatibilities": ["EC2", "FARGATE"], "containerDefinitions": []}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"taskDefinition": {"family": "a", "networkMode": "awsvpc", "cpu": "256", "memory": "512", "compatibilities": ["EC2", "FARGATE"], "containerDefinitions": []}}"#,
        );
    }
}
