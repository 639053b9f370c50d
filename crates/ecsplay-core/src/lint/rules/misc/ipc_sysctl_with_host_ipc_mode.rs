use super::{sysctl_namespace, sysctls, SysctlNamespace};
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports an IPC sysctl (`kernel.msgmax`, `kernel.msgmnb`, `kernel.msgmni`, `kernel.sem`,
    /// `kernel.shmall`, `kernel.shmmax`, `kernel.shmmni`, `kernel.shm_rmid_forced`,
    /// `fs.mqueue.*`) in `systemControls` of a task whose `ipcMode` is `host`.
    ///
    /// Fargate refuses `ipcMode` itself (TD-FG-009) and Windows has no sysctls (TD-WIN-001), so
    /// those tasks are left to those rules.
    ///
    /// ## Why is this bad?
    /// With `ipcMode: host` the containers share the IPC namespace of the container instance, so
    /// an IPC sysctl would change the host's kernel settings. The API reference says "For tasks
    /// that use the host IPC mode, IPC namespace related systemControls are not supported"; the
    /// runtime refuses to create the container (runc: `sysctl ... is not allowed in the hosts ipc
    /// namespace`).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "db",
    ///   "ipcMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "postgres", "image": "public.ecr.aws/docker/library/postgres:16", "memory": 2048,
    ///      "systemControls": [{"namespace": "kernel.shmmax", "value": "1073741824"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "db",
    ///   "ipcMode": "task",
    ///   "containerDefinitions": [
    ///     {"name": "postgres", "image": "public.ecr.aws/docker/library/postgres:16", "memory": 2048,
    ///      "systemControls": [{"namespace": "kernel.shmmax", "value": "1073741824"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:SystemControl (botocore 1.44.5 ECS model: "For tasks that use the host IPC mode, IPC namespace related systemControls are not supported.")
    /// - BOTO:RegisterTaskDefinitionRequest.ipcMode (botocore 1.44.5 ECS model)
    pub struct IpcSysctlWithHostIpcMode {
        code: "TD-MISC-008",
        name: "ipc-sysctl-with-host-ipc-mode",
        severity: Error,
        scope: Task,
        summary: "IPC sysctl in systemControls of a task that uses the host IPC mode",
    }
}

impl Rule for IpcSysctlWithHostIpcMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.windows {
            return;
        }
        let Some(mode) = cx
            .task()
            .and_then(|t| t.get("ipcMode"))
            .filter(|m| m.as_str() == Some("host"))
        else {
            return;
        };
        let ipc_mode = field(cx, "ipcMode");
        for (i, c, node, name) in sysctls(cx) {
            if sysctl_namespace(name) != Some(SysctlNamespace::Ipc) {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!(
                        "IPC sysctl \"{name}\" of container {} cannot be set with {ipc_mode} \"host\": the containers share the host's IPC namespace",
                        container_label(c, i)
                    ),
                )
                .label(mode, "the host IPC namespace is chosen here")
                .help(format!("set \"{ipc_mode}\" to \"task\" (or remove it) to keep the sysctl, or remove the sysctl to keep the host IPC namespace")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IpcSysctlWithHostIpcMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(task: &str, ns: &str) -> String {
        format!(
            r#"{{"family": "a"{task}, "containerDefinitions": [{{"name": "db", "image": "b", "memory": 64, "systemControls": [{{"namespace": "{ns}", "value": "1"}}]}}]}}"#
        )
    }

    #[test]
    fn ipc_sysctls_with_host_ipc_fail() {
        let text = td(r#", "ipcMode": "host""#, "kernel.shmmax");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/systemControls/0/namespace"
        );
        assert_eq!(spanned(&text, &d[0]), "\"kernel.shmmax\"");
        assert_eq!(
            d[0].message,
            "IPC sysctl \"kernel.shmmax\" of container 'db' cannot be set with ipcMode \"host\": the containers share the host's IPC namespace"
        );
        assert_eq!(d[0].labels[0].pointer, "/ipcMode");
        assert_fails(
            &Rule::META,
            &td(r#", "ipcMode": "host""#, "fs.mqueue.queues_max"),
        );
    }

    #[test]
    fn other_modes_network_sysctls_or_fargate_pass() {
        assert_passes(&Rule::META, &td(r#", "ipcMode": "task""#, "kernel.shmmax"));
        assert_passes(&Rule::META, &td("", "kernel.shmmax"));
        assert_passes(
            &Rule::META,
            &td(r#", "ipcMode": "host""#, "net.core.somaxconn"),
        );
        // Fargate refuses ipcMode itself (TD-FG-009).
        assert_passes(
            &Rule::META,
            &td(
                r#", "ipcMode": "host", "requiresCompatibilities": ["FARGATE"]"#,
                "kernel.shmmax",
            ),
        );
    }
}
