use super::{field, network_mode, network_sysctls};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Reports a `systemControls` entry with a network namespace (`net.*`) in a task that uses
    /// the `host` network mode.
    ///
    /// ## Why is this bad?
    /// A `net.*` sysctl applies to the network namespace the container runs in. In host mode
    /// that namespace is the instance's own, and ECS does not support network-namespace
    /// `systemControls` there: changing them would change the kernel settings of the host and
    /// of every other task on it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "proxy",
    ///   "networkMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "haproxy", "image": "public.ecr.aws/docker/library/haproxy:3.0", "memory": 256, "systemControls": [{"namespace": "net.core.somaxconn", "value": "4096"}], "portMappings": [{"containerPort": 443}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "proxy",
    ///   "networkMode": "awsvpc",
    ///   "containerDefinitions": [
    ///     {"name": "haproxy", "image": "public.ecr.aws/docker/library/haproxy:3.0", "memory": 256, "systemControls": [{"namespace": "net.core.somaxconn", "value": "4096"}], "portMappings": [{"containerPort": 443}]}
    ///   ]
    /// }
    /// ```
    ///
    /// Or keep host mode and tune the instance's sysctls (for example in its user data).
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.systemControls (botocore 1.44.5 ECS model: network namespace systemControls are not supported with the host network mode)
    /// - BOTO:SystemControl.namespace
    pub struct NetworkSysctlInHostMode {
        code: "TD-NET-018",
        name: "network-sysctl-in-host-mode",
        severity: Error,
        scope: Task,
        summary: "A net.* systemControls entry in a task that uses the host network mode",
    }
}

impl Rule for NetworkSysctlInHostMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.windows || network_mode(cx) != Some(NetworkMode::Host) {
            return;
        }
        let key = field(cx, "systemControls");
        for (i, container) in cx.containers() {
            for (ns, name, _) in network_sysctls(container) {
                out.push(
                    Finding::at(
                        ns,
                        format!(
                            "{key} namespace {name} (container {}) is not supported in host network mode",
                            container_label(container, i)
                        ),
                    )
                    .help(format!("remove this {key} entry and tune {name} on the instance, or use the awsvpc or bridge network mode")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NetworkSysctlInHostMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str, namespace: &str) -> String {
        format!(
            r#"{{"family": "a", "networkMode": "{mode}", "containerDefinitions": [{{"name": "p", "image": "b", "memory": 64, "systemControls": [{{"namespace": "{namespace}", "value": "1"}}]}}]}}"#
        )
    }

    #[test]
    fn net_sysctls_in_host_mode_fail() {
        let text = task("host", "net.ipv4.tcp_keepalive_time");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/systemControls/0/namespace"
        );
        assert_eq!(spanned(&text, &d[0]), "\"net.ipv4.tcp_keepalive_time\"");
        assert_eq!(
            d[0].message,
            "systemControls namespace net.ipv4.tcp_keepalive_time (container 'p') is not supported in host network mode"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: host\n      ContainerDefinitions:\n        - Name: p\n          Image: b\n          SystemControls: [{Namespace: net.core.somaxconn, Value: '1024'}]\n");
    }

    #[test]
    fn ipc_sysctls_and_other_modes_pass() {
        assert_passes(&Rule::META, &task("host", "kernel.shmmax"));
        assert_passes(&Rule::META, &task("awsvpc", "net.core.somaxconn"));
        assert_passes(&Rule::META, &task("bridge", "net.core.somaxconn"));
        assert_passes(
            &Rule::META,
            r#"[{"name": "p", "image": "b", "systemControls": [{"namespace": "net.core.somaxconn", "value": "1"}]}]"#,
        );
    }
}
