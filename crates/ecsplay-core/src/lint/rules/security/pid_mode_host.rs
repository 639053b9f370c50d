use super::report_host_namespace;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Warns about `pidMode: host` in a Linux task definition meant for EC2 or ECS Anywhere.
    /// Fargate refuses it (TD-FG-010) and Windows does not support `pidMode` (TD-FG-011,
    /// TD-WIN-002); this rule says nothing there.
    ///
    /// ## Why is this bad?
    /// The containers share the process namespace of the container instance: they see every
    /// process on the host, including other tasks' and the ECS agent's, can read their command
    /// lines and environments under `/proc`, and with enough privileges signal or trace them.
    /// The API documentation calls this out as a heightened risk. Monitoring agents are the
    /// usual reason; if only the containers of this task need to see each other, use
    /// `pidMode: task`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "monitor",
    ///   "pidMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "monitor",
    ///   "pidMode": "task",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-pid-mode-check.html
    /// - CKV:ECSContainerHostProcess.py (checkov 3.3.30, CKV_AWS_335; it looks for pidMode inside container definitions)
    /// - BOTO:RegisterTaskDefinitionRequest.pidMode (botocore 1.44.5 ECS model: heightened risk)
    pub struct PidModeHost {
        code: "TD-SEC-005",
        name: "pid-mode-host",
        severity: Warning,
        scope: Task,
        summary: "task that shares the host's process namespace",
    }
}

impl Rule for PidModeHost {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        report_host_namespace(cx, out, "pidMode", "every process");
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::PidModeHost as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn host_pid_mode_warns() {
        let text = task(r#""pidMode": "host", "#, r#""memory": 64"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/pidMode");
        assert_eq!(spanned(&text, &d[0]), r#""host""#);
        assert_eq!(
            d[0].message,
            "pidMode host: the containers share every process with the container instance"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      PidMode: host\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n");
    }

    #[test]
    fn task_mode_fargate_and_windows_pass() {
        assert_passes(
            &Rule::META,
            &task(r#""pidMode": "task", "#, r#""memory": 64"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "pidMode": "host", "#,
                r#""memory": 64"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "pidMode": "host", "#,
                r#""memory": 64"#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      PidMode: !Ref Mode\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n");
    }
}
