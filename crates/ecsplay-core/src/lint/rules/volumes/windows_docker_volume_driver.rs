use super::{volume_name, volumes};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Docker volume (`dockerVolumeConfiguration`) of a Windows task definition whose
    /// `driver` is not `local`.
    ///
    /// ## Why is this bad?
    /// On Windows container instances ECS supports only the `local` volume driver; third-party
    /// volume plugins are Linux-only. ECS places a task only on instances that report the
    /// task's volume driver, so a task asking for another driver never finds a Windows
    /// instance to run on. Omitting `driver` means `local`. (On Fargate Docker volumes do not
    /// exist at all: TD-FG-015.)
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "volumes": [{"name": "data", "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true, "driver": "rexray/ebs"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "mcr.microsoft.com/windows/servercore:ltsc2022", "cpu": 1024, "memory": 2048,
    ///      "mountPoints": [{"sourceVolume": "data", "containerPath": "C:\\data"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "app",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "volumes": [{"name": "data", "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true, "driver": "local"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "mcr.microsoft.com/windows/servercore:ltsc2022", "cpu": 1024, "memory": 2048,
    ///      "mountPoints": [{"sourceVolume": "data", "containerPath": "C:\\data"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:DockerVolumeConfiguration (botocore 1.44.5 ECS model: "Windows containers only support the use of the local driver")
    /// - BOTO:DockerVolumeConfiguration.driver (botocore 1.44.5 ECS model: the driver name "is used for task placement")
    pub struct WindowsDockerVolumeDriver {
        code: "TD-VOL-012",
        name: "windows-docker-volume-driver-not-local",
        severity: Error,
        scope: Task,
        summary: "A Docker volume of a Windows task with a driver other than local",
    }
}

impl Rule for WindowsDockerVolumeDriver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if !facts.windows || facts.fargate || facts.platform_unknown {
            return;
        }
        for volume in volumes(cx) {
            let Some(node) = volume.at_path(["dockerVolumeConfiguration", "driver"]) else {
                continue;
            };
            let Some(driver) = node.as_str().filter(|d| !d.is_empty() && *d != "local") else {
                continue;
            };
            let name = volume_name(volume).map_or_else(String::new, |(_, n)| format!(" '{n}'"));
            out.push(
                Finding::at(node, format!("volume{name} uses the Docker volume driver \"{driver}\", but Windows container instances support only the local driver"))
                    .help("write \"driver\": \"local\" or remove the driver (local is the default); for shared storage on Windows use an FSx for Windows File Server volume"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsDockerVolumeDriver as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, docker: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"volumes": [{{"name": "data", "dockerVolumeConfiguration": {{"scope": "task"{docker}}}}}], "containerDefinitions": [{{"name": "a", "image": "i", "memory": 64}}]}}"#
        )
    }

    const WINDOWS: &str =
        r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "#;

    #[test]
    fn other_drivers_on_windows_fail() {
        let text = task(WINDOWS, r#", "driver": "rexray/ebs""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/volumes/0/dockerVolumeConfiguration/driver");
        assert_eq!(spanned(&text, &d[0]), "\"rexray/ebs\"");
        assert_eq!(d[0].message, "volume 'data' uses the Docker volume driver \"rexray/ebs\", but Windows container instances support only the local driver");
    }

    #[test]
    fn local_default_linux_and_fargate_pass() {
        assert_passes(&Rule::META, &task(WINDOWS, r#", "driver": "local""#));
        assert_passes(&Rule::META, &task(WINDOWS, ""));
        assert_passes(&Rule::META, &task("", r#", "driver": "rexray/ebs""#));
        assert_passes(
            &Rule::META,
            &task(
                &format!(r#"{WINDOWS}"requiresCompatibilities": ["FARGATE"], "#),
                r#", "driver": "rexray/ebs""#,
            ),
        );
    }
}
