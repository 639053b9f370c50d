use super::linux_known;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out a Linux container that manages its capabilities
    /// (`linuxParameters.capabilities` is written) without dropping `ALL`. Containers that do
    /// not touch `capabilities` at all are left alone: this hint is for definitions that
    /// already tune capabilities, so that the tuning starts from least privilege. When the
    /// container is also `privileged`, the hint says that add and drop are then ignored.
    /// Windows containers (no `linuxParameters`) and platforms only known at deploy time are
    /// skipped.
    ///
    /// ## Why is this bad?
    /// Docker starts a container with a default set of about fourteen capabilities
    /// (`CHOWN`, `DAC_OVERRIDE`, `NET_RAW`, `SETUID`, …). `add` grants more on top of it, and
    /// `drop` removes from it. Dropping `ALL` and adding back only what the process needs
    /// leaves an attacker the fewest rights; most web services need none at all, or only
    /// `NET_BIND_SERVICE` for a port below 1024.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "linuxParameters": {"capabilities": {"add": ["NET_BIND_SERVICE"]}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "linuxParameters": {"capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:KernelCapabilities (botocore 1.44.5 ECS model: add and drop; ignored when privileged)
    /// - DOC: https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
    pub struct CapabilitiesNotDropped {
        code: "TD-SEC-008",
        name: "capabilities-not-dropped",
        severity: Info,
        scope: Task,
        summary: "container that tunes capabilities without dropping ALL first",
    }
}

impl Rule for CapabilitiesNotDropped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !linux_known(cx) {
            return;
        }
        for (i, c, linux) in cx.container_members("linuxParameters") {
            let Some(caps) = linux.get("capabilities").filter(|n| n.is_object()) else {
                continue;
            };
            let drop = caps.get("drop");
            if drop.is_some_and(|d| {
                d.is_unknown()
                    || d.items()
                        .iter()
                        .any(|n| n.as_str() == Some("ALL") || n.is_unknown())
            }) {
                continue;
            }
            let label = container_label(c, i);
            let privileged = c.get("privileged").and_then(|p| cx.bool_of(p)) == Some(true);
            let message = if privileged {
                format!(
                    "container {label} is privileged, so its capabilities add and drop are ignored"
                )
            } else {
                format!("container {label} adds to Docker's default capabilities without dropping ALL first")
            };
            let at = drop.filter(|d| d.is_array()).unwrap_or(caps);
            out.push(Finding::at(at, message).help(
                "put \"ALL\" in capabilities.drop and list in capabilities.add only what the process needs",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::CapabilitiesNotDropped as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn caps(caps: &str) -> String {
        task(
            "",
            &format!(r#""linuxParameters": {{"capabilities": {caps}}}"#),
        )
    }

    #[test]
    fn capabilities_without_drop_all_are_pointed_out() {
        let text = caps(r#"{"add": ["NET_BIND_SERVICE"]}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/linuxParameters/capabilities"
        );
        assert_eq!(
            d[0].message,
            "container 'app' adds to Docker's default capabilities without dropping ALL first"
        );
        let text = caps(r#"{"drop": ["NET_RAW"]}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), r#"["NET_RAW"]"#);
        let d = assert_fails(
            &Rule::META,
            &task(
                "",
                r#""privileged": true, "linuxParameters": {"capabilities": {"add": ["SYS_ADMIN"]}}"#,
            ),
        );
        assert!(d[0].message.contains("ignored"));
    }

    #[test]
    fn drop_all_or_no_capabilities_pass() {
        assert_passes(&Rule::META, &caps(r#"{"add": ["CHOWN"], "drop": ["ALL"]}"#));
        assert_passes(
            &Rule::META,
            &task("", r#""linuxParameters": {"initProcessEnabled": true}"#),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "linuxParameters": {"capabilities": {"add": ["CHOWN"]}}}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LinuxParameters: {Capabilities: {Add: [CHOWN], Drop: !Ref Drop}}\n");
    }
}
