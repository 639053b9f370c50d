use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out that adding the `SYS_PTRACE` capability on Fargate
    /// (`linuxParameters.capabilities.add`) needs Linux platform version 1.4.0 or later.
    ///
    /// ## Why is this bad?
    /// It is not: this is a hint. `SYS_PTRACE` is the one capability a Fargate container may
    /// add (debuggers, profilers and monitoring agents use it), but "the add parameter is only
    /// supported if using platform version 1.4.0 or later". A service or RunTask call pinned to
    /// an older platform version cannot run the task; `LATEST` is 1.4.0. Any other capability is
    /// an error (TD-FG-013).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/datadog/agent:7", "linuxParameters": {"capabilities": {"add": ["SYS_PTRACE"]}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/datadog/agent:7", "linuxParameters": {"capabilities": {"drop": ["NET_RAW"]}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LinuxParameters.capabilities (botocore 1.44.5 ECS model: "the add parameter is only supported if using platform version 1.4.0 or later")
    /// - BOTO:KernelCapabilities.add (botocore 1.44.5 ECS model: Fargate only supports adding SYS_PTRACE)
    pub struct FargateSysPtracePlatformVersion {
        code: "TD-FG-014",
        name: "fargate-sys-ptrace-platform-version",
        severity: Info,
        scope: Task,
        summary: "SYS_PTRACE added on Fargate, which needs Linux platform version 1.4.0",
    }
}

impl Rule for FargateSysPtracePlatformVersion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate || cx.facts.windows {
            return;
        }
        for (i, container, add) in super::added_capabilities(cx) {
            // The exact spellings ECS documents; other spellings are TD-MISC-025's.
            let Some(item) = add
                .items()
                .iter()
                .find(|c| matches!(c.as_str(), Some("SYS_PTRACE" | "CAP_SYS_PTRACE")))
            else {
                continue;
            };
            out.push(
                Finding::at(
                    item,
                    format!(
                        "container {} adds SYS_PTRACE, which on Fargate needs Linux platform version 1.4.0 or later",
                        container_label(container, i)
                    ),
                )
                .help("run the service or task on platform version LATEST or 1.4.0 (nothing to change if it already does)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_windows};
    use super::FargateSysPtracePlatformVersion as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn caps(list: &str) -> String {
        format!(r#""linuxParameters": {{"capabilities": {{"add": {list}}}}}"#)
    }

    #[test]
    fn sys_ptrace_gets_the_hint_once_per_container() {
        let text = fargate("", &caps(r#"["SYS_PTRACE", "CAP_SYS_PTRACE"]"#));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/linuxParameters/capabilities/add/0"
        );
        assert_eq!(spanned(&text, &d[0]), "\"SYS_PTRACE\"");
        assert_fails(
            &Rule::META,
            &fargate("", &caps(r#"["NET_ADMIN", "CAP_SYS_PTRACE"]"#)),
        );
    }

    #[test]
    fn no_sys_ptrace_windows_or_ec2_passes() {
        assert_passes(&Rule::META, &fargate("", &caps(r#"["NET_ADMIN"]"#)));
        assert_passes(
            &Rule::META,
            &fargate(
                "",
                r#""linuxParameters": {"capabilities": {"drop": ["SYS_PTRACE"]}}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &fargate_windows("", &caps(r#"["SYS_PTRACE"]"#)),
        );
        assert_passes(&Rule::META, &ec2("", &caps(r#"["SYS_PTRACE"]"#)));
    }
}
