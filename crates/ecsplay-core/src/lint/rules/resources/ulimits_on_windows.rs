use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports `ulimits` on a container of a Windows task definition
    /// (`runtimePlatform.operatingSystemFamily` is a `WINDOWS_…` family).
    ///
    /// ## Why is this bad?
    /// ulimits are Linux resource limits (`setrlimit`); Windows containers have no such thing,
    /// and ECS does not support the parameter for them. Remove them, or move the container to a
    /// Linux task definition if it needs them. When the operating system is only known at deploy
    /// time, the rule says nothing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    ///      "cpu": 1024, "memory": 2048,
    ///      "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}]}
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
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    ///      "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.ulimits (botocore 1.44.5 ECS model: not supported for Windows containers)
    pub struct UlimitsOnWindows {
        code: "TD-RES-027",
        name: "ulimits-on-windows",
        severity: Error,
        scope: Task,
        summary: "A Windows container sets ulimits",
    }
}

impl Rule for UlimitsOnWindows {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.windows || cx.facts.platform_unknown {
            return;
        }
        for (i, c, ulimits) in cx.container_members("ulimits") {
            if !ulimits.is_set() {
                continue;
            }
            out.push(
                Finding::at(
                    ulimits,
                    format!(
                        "ulimits are not supported for Windows containers (container {})",
                        container_label(c, i)
                    ),
                )
                .help("remove \"ulimits\": Windows has no Linux resource limits"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UlimitsOnWindows as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn windows_with_ulimits_fails() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "f", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "containerDefinitions": [{"name": "a", "image": "i", "ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 1}]}]}"#,
        );
        assert_eq!(d[0].pointer, "/containerDefinitions/0/ulimits");
        assert_eq!(
            d[0].message,
            "ulimits are not supported for Windows containers (container 'a')"
        );
    }

    #[test]
    fn linux_empty_and_unknown_platforms_pass() {
        let ulimits = r#""ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 1}]"#;
        assert_passes(
            &Rule::META,
            &format!(
                r#"{{"family": "f", "runtimePlatform": {{"operatingSystemFamily": "LINUX"}}, "containerDefinitions": [{{"name": "a", "image": "i", {ulimits}}}]}}"#
            ),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "containerDefinitions": [{"name": "a", "image": "i", "ulimits": []}]}"#,
        );
        assert_passes(
            &Rule::META,
            &format!("[{{\"name\": \"a\", \"image\": \"i\", {ulimits}}}]"),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform:\n        OperatingSystemFamily: !Ref Os\n      ContainerDefinitions:\n        - Name: a\n          Ulimits:\n            - Name: nofile\n              SoftLimit: 1\n              HardLimit: 1\n");
    }
}
