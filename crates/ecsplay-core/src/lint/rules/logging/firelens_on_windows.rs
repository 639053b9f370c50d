use super::is_firelens_router;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports FireLens in a Windows task definition (`runtimePlatform.operatingSystemFamily`
    /// starting with `WINDOWS_`): a container with `firelensConfiguration`, or one that logs
    /// with the `awsfirelens` driver.
    ///
    /// ## Why is this bad?
    /// FireLens is not supported for Windows containers: the log router and the `awsfirelens`
    /// driver exist only on Linux. Windows tasks send logs with `awslogs`, or run Fluent Bit
    /// themselves and log to it with the `fluentd` driver (EC2).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:windowsservercore-stable",
    ///       "memory": 512,
    ///       "firelensConfiguration": {"type": "fluentbit"}
    ///     },
    ///     {
    ///       "name": "iis",
    ///       "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    ///       "memory": 2048,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "iis",
    ///       "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    ///       "memory": 2048,
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/iis", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "iis"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:using_firelens.md (archived ECS developer guide: FireLens is not supported on Windows)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html
    pub struct FirelensOnWindows {
        code: "TD-LOG-020",
        name: "firelens-on-windows",
        severity: Error,
        scope: Task,
        summary: "FireLens in a Windows task definition",
    }
}

impl Rule for FirelensOnWindows {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.windows || cx.facts.platform_unknown {
            return;
        }
        let os = cx
            .task()
            .and_then(|t| t.at_path(["runtimePlatform", "operatingSystemFamily"]));
        for (i, c) in cx.containers() {
            let label = container_label(c, i);
            // One finding per container: its router configuration, else its awsfirelens driver.
            let at = if is_firelens_router(c) {
                c.get("firelensConfiguration")
                    .map(|f| (f, format!("container {label} is a FireLens log router; FireLens is not supported on Windows")))
            } else {
                c.at_path(["logConfiguration", "logDriver"])
                    .filter(|d| d.as_str() == Some("awsfirelens"))
                    .map(|d| (d, format!("container {label} logs with awsfirelens; FireLens is not supported on Windows")))
            };
            let Some((node, message)) = at else { continue };
            let mut finding = Finding::at(node, message)
                .help("on Windows send logs with awslogs (or, on EC2, run Fluent Bit yourself and use the fluentd driver)");
            if let Some(os) = os {
                finding = finding.label(
                    os,
                    format!("the task runs {}", os.as_str().unwrap_or("Windows")),
                );
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FirelensOnWindows as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(os: &str) -> String {
        format!(
            r#"{{"family": "a", "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, "containerDefinitions": [{{"name": "r", "image": "fb", "firelensConfiguration": {{"type": "fluentbit"}}}}, {{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "awsfirelens"}}}}]}}"#
        )
    }

    #[test]
    fn windows_with_firelens_fails_per_container() {
        let d = assert_fails(&Rule::META, &task("WINDOWS_SERVER_2019_FULL"));
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/firelensConfiguration"
        );
        assert_eq!(
            d[1].pointer,
            "/containerDefinitions/1/logConfiguration/logDriver"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/runtimePlatform/operatingSystemFamily"
        );
        assert_eq!(
            d[1].message,
            "container 'app' logs with awsfirelens; FireLens is not supported on Windows"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform: {OperatingSystemFamily: WINDOWS_SERVER_2022_CORE}\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awsfirelens}\n");
    }

    #[test]
    fn linux_unknown_platforms_and_terraform_pass() {
        assert_passes(&Rule::META, &task("LINUX"));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "r", "image": "fb", "firelensConfiguration": {"type": "fluentbit"}}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform: {OperatingSystemFamily: !Ref Os}\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awsfirelens}\n");
        assert_passes(
            &Rule::META,
            r#"[{"name": "r", "image": "fb", "firelensConfiguration": {"type": "fluentbit"}}]"#,
        );
    }
}
