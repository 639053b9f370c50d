use super::known_items;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a container of a Windows task definition
    /// (`runtimePlatform.operatingSystemFamily` `WINDOWS_…`) that lists `environmentFiles`.
    /// The `environmentFiles` clause of TD-WIN-003 is this rule.
    ///
    /// ## Why is this bad?
    /// Environment files are read by the ECS agent on Linux only: the task definition
    /// parameters page lists `environmentFiles` as not supported for Windows containers, and
    /// the task cannot start with them. Pass the variables in `environment`, or read the file
    /// from S3 in the container's entrypoint.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "iis",
    ///       "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    ///       "memory": 2048,
    ///       "environmentFiles": [{"value": "arn:aws:s3:::my-config-bucket/iis/app.env", "type": "s3"}]
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
    ///       "environment": [{"name": "APP_ENV", "value": "production"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23: task_definition_parameters.md (environmentFiles: not supported for Windows containers)
    /// - DG23: taskdef-envfiles.md
    pub struct EnvironmentFilesOnWindows {
        code: "TD-ENV-018",
        name: "environment-files-on-windows",
        severity: Error,
        scope: Task,
        summary: "Windows container that lists environmentFiles",
    }
}

impl Rule for EnvironmentFilesOnWindows {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.windows || cx.facts.platform_unknown {
            return;
        }
        for (i, c, files) in cx.container_members("environmentFiles") {
            if known_items(files) == 0 {
                continue;
            }
            out.push(
                Finding::at(
                    files,
                    format!(
                        "container {} lists environmentFiles, which Windows containers do not support",
                        container_label(c, i)
                    ),
                )
                .help("remove environmentFiles and set the variables in \"environment\" instead"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EnvironmentFilesOnWindows as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(os: &str, files: &str) -> String {
        format!(
            r#"{{"family": "a", "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, "containerDefinitions": [{{"name": "app", "image": "b", "environmentFiles": {files}}}]}}"#
        )
    }

    const FILES: &str = r#"[{"value": "arn:aws:s3:::b/a.env", "type": "s3"}]"#;

    #[test]
    fn windows_containers_with_files_fail() {
        let text = task("WINDOWS_SERVER_2019_FULL", FILES);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/environmentFiles");
        assert_eq!(spanned(&text, &d[0]), FILES);
        assert_eq!(
            d[0].message,
            "container 'app' lists environmentFiles, which Windows containers do not support"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform: {OperatingSystemFamily: WINDOWS_SERVER_2022_CORE}\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          EnvironmentFiles: [{Value: 'arn:aws:s3:::b/a.env', Type: s3}]\n");
    }

    #[test]
    fn linux_empty_lists_and_unknown_platforms_pass() {
        assert_passes(&Rule::META, &task("LINUX", FILES));
        assert_passes(&Rule::META, &task("WINDOWS_SERVER_2019_FULL", "[]"));
        assert_passes(
            &Rule::META,
            &format!(
                r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "environmentFiles": {FILES}}}]}}"#
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform: {OperatingSystemFamily: !Ref Os}\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          EnvironmentFiles: [{Value: 'arn:aws:s3:::b/a.env', Type: s3}]\n");
        // An item that may turn out to be nothing (copilot's `!If [HasEnvFile, …, !Ref AWS::NoValue]`).
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform: {OperatingSystemFamily: WINDOWS_SERVER_2019_CORE}\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          EnvironmentFiles:\n            - !If [HasEnvFile, {Type: s3, Value: !Ref EnvFileARN}, !Ref AWS::NoValue]\n");
        // Terraform arrays have no platform: skipped.
        assert_passes(
            &Rule::META,
            &format!(r#"[{{"name": "a", "image": "b", "environmentFiles": {FILES}}}]"#),
        );
    }
}
