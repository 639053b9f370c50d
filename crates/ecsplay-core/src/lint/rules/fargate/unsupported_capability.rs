use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a capability in `linuxParameters.capabilities.add` of a Fargate container other
    /// than `SYS_PTRACE` (also written `CAP_SYS_PTRACE` in the Fargate documentation; both
    /// spellings, in any letter case, are accepted here — TD-MISC-025 checks the spelling).
    ///
    /// ## Why is this bad?
    /// "Tasks launched on Fargate only support adding the SYS_PTRACE kernel capability": ECS
    /// refuses a Fargate definition that adds anything else, such as `NET_ADMIN` or `SYS_ADMIN`.
    /// Dropping capabilities (`capabilities.drop`) is allowed. On Windows, `linuxParameters` as a
    /// whole is reported by TD-WIN-001 instead.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "vpn",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/example/agent:2.1", "linuxParameters": {"capabilities": {"add": ["NET_ADMIN", "SYS_PTRACE"]}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "vpn",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/example/agent:2.1", "linuxParameters": {"capabilities": {"add": ["SYS_PTRACE"]}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:KernelCapabilities.add (botocore 1.44.5 ECS model: "Tasks launched on Fargate only support adding the SYS_PTRACE kernel capability")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
    pub struct FargateUnsupportedCapability {
        code: "TD-FG-013",
        name: "fargate-unsupported-capability",
        severity: Error,
        scope: Task,
        summary: "Fargate container adding a capability other than SYS_PTRACE",
    }
}

impl Rule for FargateUnsupportedCapability {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate || cx.facts.windows {
            return;
        }
        for (i, container, add) in super::added_capabilities(cx) {
            for item in add.items() {
                let Some(cap) = item.as_str() else { continue };
                let bare = cap.trim();
                let bare = bare
                    .get(..4)
                    .filter(|p| p.eq_ignore_ascii_case("CAP_"))
                    .and_then(|_| bare.get(4..))
                    .unwrap_or(bare);
                if bare.eq_ignore_ascii_case("SYS_PTRACE") {
                    continue;
                }
                out.push(
                    Finding::at(
                        item,
                        format!(
                            "container {} adds the capability {cap}; Fargate only allows adding SYS_PTRACE",
                            container_label(container, i)
                        ),
                    )
                    .help(format!("remove \"{cap}\" from linuxParameters.capabilities.add")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn, fargate_windows};
    use super::FargateUnsupportedCapability as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn caps(list: &str) -> String {
        format!(r#""linuxParameters": {{"capabilities": {{"add": {list}}}}}"#)
    }

    #[test]
    fn each_other_capability_fails_at_its_item() {
        let text = fargate("", &caps(r#"["SYS_PTRACE", "NET_ADMIN", "ALL"]"#));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 2);
        assert_eq!(spanned(&text, &d[0]), "\"NET_ADMIN\"");
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/linuxParameters/capabilities/add/1"
        );
        assert_eq!(
            d[0].message,
            "container 'app' adds the capability NET_ADMIN; Fargate only allows adding SYS_PTRACE"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("remove \"NET_ADMIN\" from linuxParameters.capabilities.add")
        );
        let text = fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          LinuxParameters:\n            Capabilities:\n              Add: [SYS_ADMIN]\n");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "SYS_ADMIN");
    }

    #[test]
    fn sys_ptrace_spellings_drop_windows_and_ec2_pass() {
        assert_passes(
            &Rule::META,
            &fargate(
                "",
                &caps(r#"["SYS_PTRACE", "CAP_SYS_PTRACE", "sys_ptrace"]"#),
            ),
        );
        assert_passes(
            &Rule::META,
            &fargate(
                "",
                r#""linuxParameters": {"capabilities": {"drop": ["ALL", "NET_RAW"], "add": []}}"#,
            ),
        );
        assert_passes(&Rule::META, &fargate_windows("", &caps(r#"["NET_ADMIN"]"#)));
        assert_passes(&Rule::META, &ec2("", &caps(r#"["NET_ADMIN"]"#)));
        assert_passes(
            &Rule::META,
            &fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          LinuxParameters:\n            Capabilities:\n              Add: [!Ref Cap]\n"),
        );
    }
}
