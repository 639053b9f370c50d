use super::field;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::NetworkMode;

declare_rule! {
    /// ## What it does
    /// Reports a Windows task definition (`runtimePlatform.operatingSystemFamily` is a
    /// `WINDOWS_*` family) for EC2 that sets `networkMode` to `bridge`, `host` or `none`.
    ///
    /// When `FARGATE` is listed too, TD-NET-002 already reports the value, so this rule stays
    /// quiet. A deploy-time operating system or compatibility list is not judged.
    ///
    /// ## Why is this bad?
    /// Windows container instances offer two network modes: the Windows default, a NAT network,
    /// which you get by leaving `networkMode` out, and `awsvpc`. The other modes are Linux
    /// Docker networking features: a Windows container instance cannot run a task in them, so
    /// the task never starts.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.networkMode (botocore 1.44.5 ECS model: Windows EC2 supports only the default NAT mode or awsvpc)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode
    pub struct WindowsEc2NetworkModeUnsupported {
        code: "TD-NET-004",
        name: "windows-ec2-network-mode-unsupported",
        severity: Error,
        scope: Task,
        summary: "Windows task definition for EC2 with the bridge, host or none network mode",
    }
}

impl Rule for WindowsEc2NetworkModeUnsupported {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if !facts.windows || !facts.ec2 || facts.fargate || facts.platform_unknown {
            return;
        }
        let Some(node) = cx.task().and_then(|t| t.get("networkMode")) else {
            return;
        };
        let Some(mode) = node.as_str() else { return };
        if !matches!(
            NetworkMode::parse(mode),
            NetworkMode::Bridge | NetworkMode::Host | NetworkMode::None
        ) {
            return;
        }
        let key = field(cx, "networkMode");
        out.push(
            Finding::at(
                node,
                format!("Windows containers on EC2 do not support network mode '{mode}'; only the Windows default (NAT) and 'awsvpc' are available"),
            )
            .help(format!(
                "remove \"{key}\" to use the Windows default (NAT), or set it to \"awsvpc\""
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsEc2NetworkModeUnsupported as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(compat: &str, os: &str, mode: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": {compat}, "runtimePlatform": {{"operatingSystemFamily": "{os}"}}{mode}, "containerDefinitions": [{{"name": "a", "image": "b", "memory": 512}}]}}"#
        )
    }

    #[test]
    fn linux_only_modes_on_windows_ec2_fail() {
        for mode in ["bridge", "host", "none"] {
            let text = task(
                r#"["EC2"]"#,
                "WINDOWS_SERVER_2019_FULL",
                &format!(r#", "networkMode": "{mode}""#),
            );
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, "/networkMode");
            assert_eq!(spanned(&text, &d[0]), format!("\"{mode}\""));
        }
        // No compatibility list means EC2.
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "networkMode": "host", "containerDefinitions": []}"#,
        );
        assert!(d[0].message.contains("do not support network mode 'host'"));
    }

    #[test]
    fn nat_default_awsvpc_linux_and_unknown_platforms_pass() {
        assert_passes(
            &Rule::META,
            &task(r#"["EC2"]"#, "WINDOWS_SERVER_2022_CORE", ""),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#"["EC2"]"#,
                "WINDOWS_SERVER_2022_CORE",
                r#", "networkMode": "awsvpc""#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(r#"["EC2"]"#, "LINUX", r#", "networkMode": "bridge""#),
        );
        // Fargate: TD-NET-002 reports the mode.
        assert_passes(
            &Rule::META,
            &task(
                r#"["FARGATE"]"#,
                "WINDOWS_SERVER_2022_CORE",
                r#", "networkMode": "bridge""#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform: {OperatingSystemFamily: !Ref Os}\n      NetworkMode: bridge\n");
    }
}
