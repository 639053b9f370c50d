use super::linux_off_fargate;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::rules::fargate::added_capabilities;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// Capabilities that hand a container control over the host or its other tasks.
const DANGEROUS: [&str; 10] = [
    "ALL",
    "SYS_ADMIN",
    "NET_ADMIN",
    "SYS_MODULE",
    "SYS_RAWIO",
    "DAC_READ_SEARCH",
    "SYS_BOOT",
    "SYS_TIME",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
];

/// Capabilities that monitoring sidecars commonly need: an info, not a warning.
const COMMON_FOR_MONITORING: [&str; 2] = ["SYS_PTRACE", "NET_RAW"];

declare_rule! {
    /// ## What it does
    /// Warns when a container adds (`linuxParameters.capabilities.add`) `ALL`, `SYS_ADMIN`,
    /// `NET_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`, `DAC_READ_SEARCH`, `SYS_BOOT`, `SYS_TIME`,
    /// `MAC_ADMIN` or `MAC_OVERRIDE`, and points out (as info) `SYS_PTRACE` and `NET_RAW`,
    /// which monitoring and tracing sidecars commonly need. Only on Linux tasks meant for EC2
    /// or ECS Anywhere: Fargate allows only `SYS_PTRACE` (TD-FG-013, TD-FG-014 report there),
    /// Windows has no `linuxParameters` (TD-WIN-001). Capability names written in another
    /// spelling (`sys_admin`, `CAP_SYS_ADMIN`) are TD-MISC-025's.
    ///
    /// ## Why is this bad?
    /// Each of these lifts a large part of the container's isolation: `SYS_ADMIN` allows
    /// mounting filesystems and most of what root can do, `SYS_MODULE` loads kernel modules,
    /// `NET_ADMIN` reconfigures networking, `DAC_READ_SEARCH` reads any file it can reach,
    /// `ALL` is nearly `privileged`. A compromised process with them can reach the container
    /// instance. `SYS_PTRACE` lets a process inspect other processes of its namespace and
    /// `NET_RAW` forge packets; fine for a tracing agent, worth a second look elsewhere.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "vpn",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "vpn",
    ///       "image": "public.ecr.aws/docker/library/alpine:3.20",
    ///       "memory": 256,
    ///       "linuxParameters": {"capabilities": {"add": ["SYS_ADMIN", "NET_ADMIN"]}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "vpn",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "vpn",
    ///       "image": "public.ecr.aws/docker/library/alpine:3.20",
    ///       "memory": 256,
    ///       "linuxParameters": {"capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:KernelCapabilities (botocore 1.44.5 ECS model: add/drop semantics)
    /// - DOC: https://man7.org/linux/man-pages/man7/capabilities.7.html
    pub struct DangerousCapabilityAdded {
        code: "TD-SEC-007",
        name: "dangerous-capability-added",
        severity: Warning,
        scope: Task,
        summary: "container that adds a Linux capability giving it power over the host",
    }
}

impl Rule for DangerousCapabilityAdded {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !linux_off_fargate(cx) {
            return;
        }
        for (i, c, added) in added_capabilities(cx) {
            for node in added.items() {
                let Some(cap) = node.as_str() else { continue };
                let label = container_label(c, i);
                let finding = if DANGEROUS.contains(&cap) {
                    Finding::at(
                        node,
                        format!("container {label} adds the {cap} capability, which gives it power over the container instance"),
                    )
                    .help(format!("remove {cap} unless the container cannot work without it; add only the narrow capabilities it needs"))
                } else if COMMON_FOR_MONITORING.contains(&cap) {
                    Finding::at(
                        node,
                        format!("container {label} adds the {cap} capability; monitoring and tracing agents need it, other containers rarely do"),
                    )
                    .help(format!("keep {cap} only on the container that traces or monitors"))
                    .severity(Severity::Info)
                } else {
                    continue;
                };
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::DangerousCapabilityAdded as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn adds(caps: &str) -> String {
        task(
            "",
            &format!(r#""linuxParameters": {{"capabilities": {{"add": {caps}}}}}"#),
        )
    }

    #[test]
    fn each_dangerous_capability_warns() {
        for cap in super::DANGEROUS {
            let text = adds(&format!(r#"["CHOWN", "{cap}"]"#));
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d.len(), 1);
            assert_eq!(
                d[0].pointer,
                "/containerDefinitions/0/linuxParameters/capabilities/add/1"
            );
            assert_eq!(spanned(&text, &d[0]), format!("\"{cap}\""));
            assert_eq!(d[0].severity, Severity::Warning);
        }
        assert_eq!(
            assert_fails(&Rule::META, &adds(r#"["SYS_ADMIN"]"#))[0].message,
            "container 'app' adds the SYS_ADMIN capability, which gives it power over the container instance"
        );
    }

    #[test]
    fn monitoring_capabilities_are_info() {
        for cap in ["SYS_PTRACE", "NET_RAW"] {
            let d = assert_fails(&Rule::META, &adds(&format!(r#"["{cap}"]"#)));
            assert_eq!(d[0].severity, Severity::Info);
        }
    }

    #[test]
    fn narrow_capabilities_and_other_platforms_pass() {
        assert_passes(
            &Rule::META,
            &adds(r#"["NET_BIND_SERVICE", "CHOWN", "sys_admin"]"#),
        );
        // Fargate: TD-FG-013 / TD-FG-014.
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "#,
                r#""linuxParameters": {"capabilities": {"add": ["SYS_ADMIN", "SYS_PTRACE"]}}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "linuxParameters": {"capabilities": {"add": ["SYS_ADMIN"]}}}]"#,
        );
    }
}
