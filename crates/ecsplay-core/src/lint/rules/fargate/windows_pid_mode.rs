use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition for Windows containers on Fargate (`FARGATE` and a
    /// `WINDOWS_SERVER_*` operating system family) that sets `pidMode`, whatever its value.
    ///
    /// ## Why is this bad?
    /// Process namespaces are a Linux feature: `pidMode` "is not supported for Windows
    /// containers" and "isn't supported for Windows containers on Fargate", so ECS refuses the
    /// definition. (Linux tasks on Fargate may use `"task"`, see TD-FG-010.)
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "pidMode": "task",
    ///   "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.pidMode (botocore 1.44.5 ECS model: "This isn't supported for Windows containers on Fargate")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows_task_definitions.html
    pub struct FargateWindowsPidMode {
        code: "TD-FG-011",
        name: "fargate-windows-pid-mode",
        severity: Error,
        scope: Task,
        summary: "Windows task on Fargate that sets pidMode",
    }
}

impl Rule for FargateWindowsPidMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !super::windows_on_fargate(cx) {
            return;
        }
        let Some(node) = cx.task().and_then(|t| t.get("pidMode")) else {
            return;
        };
        if !super::set_now(node) {
            return;
        }
        out.push(
            Finding::at(
                node,
                "pidMode is not supported for Windows containers on Fargate",
            )
            .help("remove pidMode; Windows containers have no shareable process namespace"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fargate, fargate_windows};
    use super::FargateWindowsPidMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn any_pid_mode_fails_at_the_value() {
        for mode in ["task", "host"] {
            let text = fargate_windows(&format!(r#""pidMode": "{mode}""#), "");
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, "/pidMode");
            assert_eq!(spanned(&text, &d[0]), format!("\"{mode}\""));
            assert_eq!(
                d[0].message,
                "pidMode is not supported for Windows containers on Fargate"
            );
        }
    }

    #[test]
    fn linux_absent_or_ec2_windows_passes() {
        assert_passes(&Rule::META, &fargate(r#""pidMode": "task""#, ""));
        assert_passes(&Rule::META, &fargate_windows("", ""));
        assert_passes(&Rule::META, &fargate_windows(r#""pidMode": """#, ""));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "pidMode": "task", "containerDefinitions": []}"#,
        );
    }
}
