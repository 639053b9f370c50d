use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::schema::did_you_mean;

/// The capability names ECS accepts in `linuxParameters.capabilities.add` and `.drop`
/// (BOTO:KernelCapabilities valid values, rules.md §1.4), plus `AUDIT_READ`, which the 2023
/// developer guide also lists for `add`.
pub(crate) const CAPABILITIES: [&str; 39] = [
    "ALL",
    "AUDIT_CONTROL",
    "AUDIT_READ",
    "AUDIT_WRITE",
    "BLOCK_SUSPEND",
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "IPC_LOCK",
    "IPC_OWNER",
    "KILL",
    "LEASE",
    "LINUX_IMMUTABLE",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "MKNOD",
    "NET_ADMIN",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_RAW",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_CHROOT",
    "SYS_MODULE",
    "SYS_NICE",
    "SYS_PACCT",
    "SYS_PTRACE",
    "SYS_RAWIO",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "SYSLOG",
    "WAKE_ALARM",
];

/// `cap` without a `CAP_` prefix, upper-cased: the name it was probably meant to be.
fn normalised(cap: &str) -> String {
    let upper = cap.trim().to_ascii_uppercase();
    upper
        .strip_prefix("CAP_")
        .map_or_else(|| upper.clone(), str::to_owned)
}

declare_rule! {
    /// ## What it does
    /// Reports an entry of `linuxParameters.capabilities.add` or `.drop` that is not one of the
    /// capability names ECS accepts: `ALL`, `AUDIT_CONTROL`, `AUDIT_WRITE`, `BLOCK_SUSPEND`,
    /// `CHOWN`, `DAC_OVERRIDE`, … `SYS_PTRACE`, … `WAKE_ALARM` — upper case, without the
    /// `CAP_` prefix. Typical mistakes are `sys_ptrace`, `CAP_NET_ADMIN` or a name that is not a
    /// capability (`NET_BIND`).
    ///
    /// `AUDIT_READ`, which the 2023 developer guide lists for `add` but the current API list
    /// does not, is accepted so as not to report a definition AWS may accept. On Fargate an
    /// added capability other than `SYS_PTRACE` (in any spelling) is TD-FG-013's finding and is
    /// not judged here; Windows tasks are TD-WIN-001's (`linuxParameters` as a whole).
    ///
    /// ## Why is this bad?
    /// The API reference gives the valid values of both lists, spelled as Docker's `--cap-add`
    /// names without the kernel's `CAP_` prefix. Another spelling, or a name that is no Linux
    /// capability, is not one of those values: ECS refuses it, or the container is created
    /// without the capability the workload needs.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "vpn",
    ///   "containerDefinitions": [
    ///     {"name": "wireguard", "image": "lscr.io/linuxserver/wireguard:1.0.20210914", "memory": 256,
    ///      "linuxParameters": {"capabilities": {"add": ["CAP_NET_ADMIN"], "drop": ["all"]}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "vpn",
    ///   "containerDefinitions": [
    ///     {"name": "wireguard", "image": "lscr.io/linuxserver/wireguard:1.0.20210914", "memory": 256,
    ///      "linuxParameters": {"capabilities": {"add": ["NET_ADMIN"], "drop": ["ALL"]}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:KernelCapabilities.add, .drop (botocore 1.44.5 ECS model: "Valid values: \"ALL\" | \"AUDIT_CONTROL\" | … | \"WAKE_ALARM\"")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html
    /// - DG23:task_definition_parameters.md (capabilities; lists AUDIT_READ for add)
    pub struct CapabilityInvalid {
        code: "TD-MISC-025",
        name: "capability-invalid",
        severity: Error,
        scope: Containers,
        summary: "Linux capability name that ECS does not accept in capabilities.add or drop",
    }
}

impl Rule for CapabilityInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Windows: linuxParameters as a whole is TD-WIN-001's.
        if cx.facts.windows {
            return;
        }
        for (i, c, linux) in cx.container_members("linuxParameters") {
            let Some(caps) = linux.get("capabilities") else {
                continue;
            };
            for list_key in ["add", "drop"] {
                let Some(list) = caps.get(list_key) else {
                    continue;
                };
                for item in list.items() {
                    let Some(cap) = item.as_str() else { continue };
                    if CAPABILITIES.contains(&cap) {
                        continue;
                    }
                    let fixed = normalised(cap);
                    // Fargate only allows adding SYS_PTRACE: any other addition is TD-FG-013's.
                    if cx.facts.fargate && list_key == "add" && fixed != "SYS_PTRACE" {
                        continue;
                    }
                    let help = if CAPABILITIES.contains(&fixed.as_str()) {
                        format!("write \"{fixed}\" (upper case, without a CAP_ prefix)")
                    } else {
                        match did_you_mean(&fixed, CAPABILITIES) {
                            Some(s) => format!("did you mean \"{s}\"?"),
                            None => "use a Linux capability name as Docker writes it, for example \"NET_ADMIN\" or \"SYS_PTRACE\"".to_owned(),
                        }
                    };
                    out.push(
                        Finding::at(
                            item,
                            format!(
                                "\"{cap}\" in {}.{}.{list_key} of container {} is not a capability name ECS accepts",
                                field(cx, "linuxParameters"),
                                field(cx, "capabilities"),
                                container_label(c, i)
                            ),
                        )
                        .help(help),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CapabilityInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str, caps: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["{compat}"], "containerDefinitions": [{{"name": "vpn", "image": "b", "memory": 64, "linuxParameters": {{"capabilities": {caps}}}}}]}}"#
        )
    }

    #[test]
    fn misspelled_capabilities_fail() {
        let text = td("EC2", r#"{"add": ["CAP_NET_ADMIN"], "drop": ["all"]}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/linuxParameters/capabilities/add/0"
        );
        assert_eq!(spanned(&text, &d[0]), "\"CAP_NET_ADMIN\"");
        assert_eq!(
            d[0].message,
            "\"CAP_NET_ADMIN\" in linuxParameters.capabilities.add of container 'vpn' is not a capability name ECS accepts"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("write \"NET_ADMIN\" (upper case, without a CAP_ prefix)")
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some("write \"ALL\" (upper case, without a CAP_ prefix)")
        );
        let d = assert_fails(&Rule::META, &td("EC2", r#"{"add": ["NET_ADMN"]}"#));
        assert_eq!(d[0].help.as_deref(), Some("did you mean \"NET_ADMIN\"?"));
        assert_fails(&Rule::META, &td("EC2", r#"{"add": ["BPF"]}"#));
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "linuxParameters": {"capabilities": {"add": ["sys_ptrace"]}}}]"#,
        );
    }

    #[test]
    fn fargate_leaves_other_additions_to_td_fg_013() {
        // NET_ADMIN on Fargate is TD-FG-013's, in any spelling.
        assert_passes(&Rule::META, &td("FARGATE", r#"{"add": ["cap_net_admin"]}"#));
        let d = assert_fails(
            &Rule::META,
            &td(
                "FARGATE",
                r#"{"add": ["CAP_SYS_PTRACE"], "drop": ["Kill"]}"#,
            ),
        );
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn valid_names_pass() {
        assert_passes(
            &Rule::META,
            &td(
                "EC2",
                r#"{"add": ["SYS_PTRACE", "NET_ADMIN", "AUDIT_READ"], "drop": ["ALL"]}"#,
            ),
        );
        assert_passes(&Rule::META, &td("EC2", r#"{"add": []}"#));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "containerDefinitions": [{"name": "a", "image": "b", "linuxParameters": {"capabilities": {"add": ["x"]}}}]}"#,
        );
    }
}
