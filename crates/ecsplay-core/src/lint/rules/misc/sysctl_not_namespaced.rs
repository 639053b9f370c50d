use super::{sysctl_namespace, sysctls};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a `systemControls` entry whose `namespace` is not a sysctl a container may set:
    /// the IPC sysctls `kernel.msgmax`, `kernel.msgmnb`, `kernel.msgmni`, `kernel.sem`,
    /// `kernel.shmall`, `kernel.shmmax`, `kernel.shmmni`, `kernel.shm_rmid_forced` and
    /// `fs.mqueue.*`, and the network sysctls `net.*`. The usual mistakes are host-wide
    /// settings such as `vm.max_map_count` (Elasticsearch, OpenSearch), `fs.file-max` or
    /// `kernel.pid_max`.
    ///
    /// `kernel.domainname` (in the container's own UTS namespace) is accepted: the runtime
    /// allows it, although ECS does not list it. Windows tasks are left to TD-WIN-001, which
    /// reports `systemControls` there as a whole.
    ///
    /// ## Why is this bad?
    /// A container can only change kernel parameters that are namespaced, that is private to
    /// its own IPC or network namespace. Any other sysctl would change the whole host, so the
    /// container runtime refuses to create the container (runc: `sysctl "vm.max_map_count" is
    /// not in a separate kernel namespace`) and the task stops before it starts.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "search",
    ///   "containerDefinitions": [
    ///     {"name": "opensearch", "image": "public.ecr.aws/opensearchproject/opensearch:2.15.0", "memory": 4096,
    ///      "systemControls": [{"namespace": "vm.max_map_count", "value": "262144"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "search",
    ///   "containerDefinitions": [
    ///     {"name": "opensearch", "image": "public.ecr.aws/opensearchproject/opensearch:2.15.0", "memory": 4096,
    ///      "systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:SystemControl.value (botocore 1.44.5 ECS model: the valid IPC namespace values and "Network namespace values: Sysctls that start with net.*")
    /// - BOTO:ContainerDefinition.systemControls (botocore 1.44.5 ECS model)
    /// - runc libcontainer/configs/validate/validator.go (`sysctl`: "is not in a separate kernel namespace")
    pub struct SysctlNotNamespaced {
        code: "TD-MISC-007",
        name: "sysctl-not-namespaced",
        severity: Error,
        scope: Containers,
        summary: "systemControls entry that is not an IPC or network sysctl a container may set",
    }
}

impl Rule for SysctlNotNamespaced {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Windows: systemControls as a whole is TD-WIN-001's.
        if cx.facts.windows {
            return;
        }
        for (i, c, node, name) in sysctls(cx) {
            if name.is_empty() || sysctl_namespace(name).is_some() {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!(
                        "sysctl \"{name}\" of container {} is not namespaced: a container may only set IPC sysctls (kernel.msgmax, kernel.shmmax, fs.mqueue.*, ...) and network sysctls (net.*)",
                        container_label(c, i)
                    ),
                )
                .help("remove this entry and set the host-wide parameter on the container instance instead, for example with sysctl in the EC2 user data (Fargate offers no way to set it)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SysctlNotNamespaced as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(ns: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "es", "image": "b", "memory": 64, "systemControls": [{{"namespace": "{ns}", "value": "1"}}]}}]}}"#
        )
    }

    #[test]
    fn host_wide_sysctls_fail() {
        let text = td("vm.max_map_count");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/systemControls/0/namespace"
        );
        assert_eq!(spanned(&text, &d[0]), "\"vm.max_map_count\"");
        assert!(d[0]
            .message
            .starts_with("sysctl \"vm.max_map_count\" of container 'es' is not namespaced"));
        for ns in [
            "fs.file-max",
            "kernel.pid_max",
            "kernel.shmmax2",
            "NET.core.somaxconn",
            "kernel.hostname",
        ] {
            assert_fails(&Rule::META, &td(ns));
        }
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "systemControls": [{"namespace": "vm.swappiness", "value": "1"}]}]"#,
        );
    }

    #[test]
    fn namespaced_sysctls_pass() {
        for ns in [
            "kernel.shmmax",
            "kernel.shm_rmid_forced",
            "fs.mqueue.msg_max",
            "net.ipv4.tcp_keepalive_time",
            "kernel.domainname",
            "",
        ] {
            assert_passes(&Rule::META, &td(ns));
        }
        // Windows tasks: TD-WIN-001.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "containerDefinitions": [{"name": "a", "image": "b", "systemControls": [{"namespace": "vm.x", "value": "1"}]}]}"#,
        );
    }
}
