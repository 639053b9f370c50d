use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Fargate task definition with `"pidMode": "host"`.
    ///
    /// ## Why is this bad?
    /// A Fargate task has no host to share a process namespace with. RegisterTaskDefinition
    /// refuses the definition with `Tasks using the Fargate launch type do not support pidMode
    /// 'host'. The supported value for pidMode is 'task'.` (`task` lets the containers of the
    /// task see each other's processes, which is what monitoring sidecars usually need; it needs
    /// Linux platform version 1.4.0.) For Windows containers on Fargate any `pidMode` is refused;
    /// TD-FG-011 reports that case instead of this rule.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "pidMode": "host",
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
    ///   "pidMode": "task",
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.pidMode (botocore 1.44.5 ECS model: "On Fargate for Linux containers, the only valid value is task")
    /// - MOTO (getmoto/moto moto/ecs/models.py: the same error text)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
    pub struct FargatePidModeHost {
        code: "TD-FG-010",
        name: "fargate-pid-mode-host",
        severity: Error,
        scope: Task,
        summary: "Fargate task definition with pidMode host",
    }
}

impl Rule for FargatePidModeHost {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Windows on Fargate refuses every pidMode: TD-FG-011.
        if !cx.facts.fargate || cx.facts.windows {
            return;
        }
        let Some(node) = cx.task().and_then(|t| t.get("pidMode")) else {
            return;
        };
        if node.as_str() == Some("host") {
            out.push(
                Finding::at(
                    node,
                    "Tasks using the Fargate launch type do not support pidMode 'host'; the supported value is 'task'",
                )
                .help("use \"task\" to share one process namespace among the task's containers, or remove pidMode"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn, fargate_windows};
    use super::FargatePidModeHost as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn host_on_fargate_fails_at_the_value() {
        let text = fargate(r#""pidMode": "host""#, "");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/pidMode");
        assert_eq!(spanned(&text, &d[0]), "\"host\"");
        assert!(d[0].message.contains("do not support pidMode 'host'"));
        let text = fargate_cfn("      PidMode: host\n");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/Resources/T/Properties/PidMode");
    }

    #[test]
    fn task_windows_or_ec2_passes() {
        assert_passes(&Rule::META, &fargate(r#""pidMode": "task""#, ""));
        assert_passes(&Rule::META, &fargate("", ""));
        assert_passes(&Rule::META, &fargate_windows(r#""pidMode": "host""#, ""));
        assert_passes(&Rule::META, &ec2(r#""pidMode": "host""#, ""));
    }
}
