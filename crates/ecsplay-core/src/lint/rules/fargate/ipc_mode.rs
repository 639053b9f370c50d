use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Fargate task definition that sets `ipcMode` (any value: `host`, `task` or
    /// `none`).
    ///
    /// ## Why is this bad?
    /// Fargate does not let a task choose its IPC namespace. RegisterTaskDefinition refuses the
    /// definition with `Tasks using the Fargate launch type do not support ipcMode.`
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "ipcMode": "task",
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.ipcMode (botocore 1.44.5 ECS model: "This parameter is not supported for Windows containers or tasks run on Fargate")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
    /// - ERR: https://github.com/cn-terraform/terraform-aws-ecs-fargate/issues/2
    pub struct FargateIpcMode {
        code: "TD-FG-009",
        name: "fargate-ipc-mode",
        severity: Error,
        scope: Task,
        summary: "Fargate task definition that sets ipcMode",
    }
}

impl Rule for FargateIpcMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        let Some(node) = cx.task().and_then(|t| t.get("ipcMode")) else {
            return;
        };
        // An empty string is TD-SHAPE-015's; a deploy-time value is not judged.
        if !super::set_now(node) {
            return;
        }
        let shown = node
            .as_str()
            .map_or_else(String::new, |s| format!(" \"{s}\""));
        out.push(
            Finding::at(
                node,
                format!(
                    "ipcMode{shown} cannot be used: tasks using the Fargate launch type do not support ipcMode"
                ),
            )
            .help("remove ipcMode; containers of a Fargate task each keep a private IPC namespace"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn};
    use super::FargateIpcMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn any_ipc_mode_on_fargate_fails_at_the_value() {
        for mode in ["host", "task", "none"] {
            let text = fargate(&format!(r#""ipcMode": "{mode}""#), "");
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, "/ipcMode");
            assert_eq!(spanned(&text, &d[0]), format!("\"{mode}\""));
        }
        let d = assert_fails(&Rule::META, &fargate(r#""ipcMode": "host""#, ""));
        assert_eq!(
            d[0].message,
            "ipcMode \"host\" cannot be used: tasks using the Fargate launch type do not support ipcMode"
        );
        assert_fails(&Rule::META, &fargate_cfn("      IpcMode: task\n"));
    }

    #[test]
    fn absent_empty_unknown_or_ec2_passes() {
        assert_passes(&Rule::META, &fargate("", ""));
        assert_passes(&Rule::META, &fargate(r#""ipcMode": """#, ""));
        assert_passes(&Rule::META, &fargate(r#""ipcMode": null"#, ""));
        assert_passes(&Rule::META, &fargate_cfn("      IpcMode: !Ref Ipc\n"));
        assert_passes(&Rule::META, &ec2(r#""ipcMode": "host""#, ""));
    }
}
