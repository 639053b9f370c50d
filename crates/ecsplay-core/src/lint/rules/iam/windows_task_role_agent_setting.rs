use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Explains a `taskRoleArn` in a task definition for Windows containers on EC2: the
    /// container instances must enable IAM roles for tasks when they start the agent.
    ///
    /// ## Why is this bad?
    /// On Windows container instances the credential endpoint that hands the task role's
    /// credentials to the containers is off unless the agent was started with
    /// `Initialize-ECSAgent -EnableTaskIAMRole` (usually in the instance's user data). Without
    /// it the task runs, but the containers get no task-role credentials and fall back to the
    /// instance role or fail their AWS calls. When it is on, the agent's credential proxy
    /// listens on port 80 of the instance, which is then reserved: no task can map host port
    /// 80 there (TD-PORT-008 knows this port). In the default (NAT) network mode each container
    /// must also add routes to the credential and metadata addresses (169.254.170.2,
    /// 169.254.169.254) when it starts, with the bootstrap script of the developer guide; in
    /// `awsvpc` mode it need not. Windows containers on Fargate need none of this.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/iisTaskRole",
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// (A task that needs the role keeps it; start the agent with `-EnableTaskIAMRole`. The
    /// hint has nothing else to say.)
    ///
    /// ## References
    /// - DG23:task_definition_parameters.md (taskRoleArn: Windows instances need the -EnableTaskIAMRole option of Initialize-ECSAgent)
    /// - DG23:windows_task_IAM_roles.md (additional configuration for Windows task IAM roles on EC2: -EnableTaskIAMRole, port 80, the container bootstrap script)
    /// - AGENT:agent/config/config_windows.go (port 80 is added to the reserved ports when task IAM roles are enabled)
    pub struct WindowsTaskRoleAgentSetting {
        code: "TD-IAM-015",
        name: "windows-task-role-agent-setting",
        severity: Info,
        scope: Task,
        summary: "A task role for Windows containers on EC2 needs the agent started with -EnableTaskIAMRole",
    }
}

impl Rule for WindowsTaskRoleAgentSetting {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let nat = crate::lint::rules::network::network_mode(cx)
            == Some(crate::model::NetworkMode::WindowsNat);
        let facts = &cx.facts;
        if !facts.windows || !facts.ec2 || facts.platform_unknown {
            return;
        }
        let Some(role) = cx
            .task()
            .and_then(|t| t.get("taskRoleArn"))
            .filter(|r| r.is_set())
        else {
            return;
        };
        out.push(
            Finding::at(
                role,
                "Windows containers on EC2 get the task role's credentials only when the instance's agent was started with -EnableTaskIAMRole, which also reserves port 80 on the instance",
            )
            .help(if nat {
                "start the agent with Initialize-ECSAgent -Cluster <cluster> -EnableTaskIAMRole in the instances' user data, map no container to host port 80, and run the developer guide's route bootstrap script when each container starts (NAT network mode)"
            } else {
                "start the agent with Initialize-ECSAgent -Cluster <cluster> -EnableTaskIAMRole in the instances' user data, and map no container to host port 80"
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsTaskRoleAgentSetting as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "a", "image": "i", "memory": 64}}]}}"#
        )
    }

    const WINDOWS: &str =
        r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "#;

    #[test]
    fn windows_ec2_task_role_is_explained() {
        let text = task(&format!(r#"{WINDOWS}"taskRoleArn": "appRole", "#));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/taskRoleArn");
        assert_eq!(spanned(&text, &d[0]), "\"appRole\"");
        assert!(d[0].message.contains("-EnableTaskIAMRole"));
        assert!(d[0].help.as_deref().unwrap().contains("bootstrap script"));
        let d = assert_fails(
            &Rule::META,
            &task(&format!(
                r#"{WINDOWS}"networkMode": "awsvpc", "taskRoleArn": "appRole", "#
            )),
        );
        assert!(!d[0].help.as_deref().unwrap().contains("bootstrap script"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform: {OperatingSystemFamily: WINDOWS_SERVER_2022_FULL}\n      TaskRoleArn: !GetAtt Role.Arn\n");
    }

    #[test]
    fn linux_fargate_and_no_role_pass() {
        assert_passes(&Rule::META, &task(r#""taskRoleArn": "appRole", "#));
        assert_passes(&Rule::META, &task(WINDOWS));
        assert_passes(
            &Rule::META,
            &task(&format!(r#"{WINDOWS}"taskRoleArn": "", "#)),
        );
        assert_passes(
            &Rule::META,
            &task(&format!(
                r#"{WINDOWS}"requiresCompatibilities": ["FARGATE"], "taskRoleArn": "appRole", "#
            )),
        );
    }
}
