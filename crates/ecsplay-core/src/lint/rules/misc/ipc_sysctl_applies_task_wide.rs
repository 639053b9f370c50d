use super::{sysctl_namespace, sysctls, SysctlNamespace};
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Explains, for a task with `ipcMode: task` and more than one container, that an IPC sysctl
    /// set in one container's `systemControls` applies to every container of the task. One hint
    /// per task, at the first IPC sysctl, with labels on the others.
    ///
    /// Without `ipcMode` each container gets its own IPC namespace (as the Docker daemon's
    /// default decides) and its sysctls stay its own: nothing to explain. Fargate refuses
    /// `ipcMode` (TD-FG-009) and Windows has no sysctls (TD-WIN-001).
    ///
    /// ## Why is this bad?
    /// It is not wrong, but it surprises: with `ipcMode: task` the containers share one IPC
    /// namespace, so the API reference says "IPC namespace related systemControls will apply to
    /// all containers within a task". A value one container needs (a large `kernel.shmmax` for
    /// a database) is also what its sidecars get, and two containers setting the same sysctl
    /// to different values cannot both have their way. Set the IPC sysctls once, on one
    /// container, with the values the whole task needs.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "db",
    ///   "ipcMode": "task",
    ///   "containerDefinitions": [
    ///     {"name": "postgres", "image": "public.ecr.aws/docker/library/postgres:16", "memory": 2048,
    ///      "systemControls": [{"namespace": "kernel.shmmax", "value": "1073741824"}]},
    ///     {"name": "exporter", "image": "quay.io/prometheuscommunity/postgres-exporter:v0.15.0", "memory": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "db",
    ///   "containerDefinitions": [
    ///     {"name": "postgres", "image": "public.ecr.aws/docker/library/postgres:16", "memory": 2048,
    ///      "systemControls": [{"namespace": "kernel.shmmax", "value": "1073741824"}]},
    ///     {"name": "exporter", "image": "quay.io/prometheuscommunity/postgres-exporter:v0.15.0", "memory": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:SystemControl (botocore 1.44.5 ECS model: "For tasks that use the task IPC mode, IPC namespace related systemControls will apply to all containers within a task.")
    /// - BOTO:RegisterTaskDefinitionRequest.ipcMode (botocore 1.44.5 ECS model)
    pub struct IpcSysctlAppliesTaskWide {
        code: "TD-MISC-009",
        name: "ipc-sysctl-applies-task-wide",
        severity: Info,
        scope: Task,
        summary: "With ipcMode task, an IPC sysctl of one container applies to every container",
    }
}

impl Rule for IpcSysctlAppliesTaskWide {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.windows || cx.containers().count() < 2 {
            return;
        }
        let Some(mode) = cx
            .task()
            .and_then(|t| t.get("ipcMode"))
            .filter(|m| m.as_str() == Some("task"))
        else {
            return;
        };
        let ipc: Vec<_> = sysctls(cx)
            .into_iter()
            .filter(|(.., name)| sysctl_namespace(name) == Some(SysctlNamespace::Ipc))
            .collect();
        let Some((i, c, node, name)) = ipc.first() else {
            return;
        };
        let count = cx.containers().count();
        let mut f = Finding::at(
            node,
            format!(
                "IPC sysctl \"{name}\" of container {} applies to all {count} containers of the task: with {} \"task\" they share one IPC namespace",
                container_label(c, *i),
                field(cx, "ipcMode")
            ),
        )
        .label(mode, "one IPC namespace for the task");
        for (j, d, other, other_name) in ipc.iter().skip(1) {
            f = f.label(
                other,
                format!(
                    "\"{other_name}\" of container {} applies task-wide too",
                    container_label(d, *j)
                ),
            );
        }
        out.push(f.help(
            "set each IPC sysctl once, on one container, with the value the whole task needs",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::IpcSysctlAppliesTaskWide as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(task: &str, second: &str) -> String {
        format!(
            r#"{{"family": "a"{task}, "containerDefinitions": [{{"name": "db", "image": "b", "memory": 64, "systemControls": [{{"namespace": "net.core.somaxconn", "value": "1"}}, {{"namespace": "kernel.sem", "value": "250 32000 32 128"}}]}}, {{"name": "side", "image": "c", "memory": 64{second}}}]}}"#
        )
    }

    #[test]
    fn task_ipc_mode_with_ipc_sysctls_is_explained() {
        let text = td(
            r#", "ipcMode": "task""#,
            r#", "systemControls": [{"namespace": "kernel.shmmax", "value": "1"}]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(&text, &d[0]), "\"kernel.sem\"");
        assert_eq!(
            d[0].message,
            "IPC sysctl \"kernel.sem\" of container 'db' applies to all 2 containers of the task: with ipcMode \"task\" they share one IPC namespace"
        );
        assert_eq!(d[0].labels.len(), 2);
        assert_eq!(
            d[0].labels[1].message,
            "\"kernel.shmmax\" of container 'side' applies task-wide too"
        );
    }

    #[test]
    fn other_modes_single_container_or_network_only_pass() {
        assert_passes(&Rule::META, &td("", ""));
        assert_passes(&Rule::META, &td(r#", "ipcMode": "host""#, ""));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "ipcMode": "task", "containerDefinitions": [{"name": "db", "image": "b", "systemControls": [{"namespace": "kernel.sem", "value": "1"}]}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "ipcMode": "task", "containerDefinitions": [{"name": "a", "image": "b", "systemControls": [{"namespace": "net.core.somaxconn", "value": "1"}]}, {"name": "c", "image": "d"}]}"#,
        );
    }
}
