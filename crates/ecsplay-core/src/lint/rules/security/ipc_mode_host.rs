use super::report_host_namespace;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Warns about `ipcMode: host` in a Linux task definition meant for EC2 or ECS Anywhere.
    /// Fargate refuses any `ipcMode` (TD-FG-009) and Windows does not support it (TD-WIN-002);
    /// this rule says nothing there.
    ///
    /// ## Why is this bad?
    /// The containers share the IPC namespace of the container instance: System V shared
    /// memory, semaphores and POSIX message queues of the host and of every other task using
    /// the host IPC mode. A process can read or corrupt another's shared memory. The API
    /// documentation calls this out as a heightened risk. If the containers of this task need
    /// to share memory with each other, `ipcMode: task` does that without the host.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "shm",
    ///   "ipcMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "shm",
    ///   "ipcMode": "task",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.ipcMode (botocore 1.44.5 ECS model: heightened risk)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
    pub struct IpcModeHost {
        code: "TD-SEC-006",
        name: "ipc-mode-host",
        severity: Warning,
        scope: Task,
        summary: "task that shares the host's IPC namespace",
    }
}

impl Rule for IpcModeHost {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        report_host_namespace(
            cx,
            out,
            "ipcMode",
            "shared memory, semaphores and message queues",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::IpcModeHost as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn host_ipc_mode_warns() {
        let text = task(r#""ipcMode": "host", "#, r#""memory": 64"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/ipcMode");
        assert_eq!(spanned(&text, &d[0]), r#""host""#);
        assert_eq!(
            d[0].message,
            "ipcMode host: the containers share shared memory, semaphores and message queues with the container instance"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      IpcMode: host\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n");
    }

    #[test]
    fn task_mode_fargate_and_windows_pass() {
        assert_passes(
            &Rule::META,
            &task(r#""ipcMode": "task", "#, r#""memory": 64"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "ipcMode": "host", "#,
                r#""memory": 64"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "ipcMode": "host", "#,
                r#""memory": 64"#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      IpcMode: !Ref Mode\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n");
    }
}
