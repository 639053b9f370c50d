use super::{volume_name, volumes};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports an FSx for Windows File Server volume in a task definition whose
    /// `runtimePlatform.operatingSystemFamily` is `LINUX`.
    ///
    /// ## Why is this bad?
    /// ECS mounts FSx for Windows File Server shares only on Windows EC2 container instances:
    /// "Linux Amazon EC2 instances aren't supported". A Linux task with such a volume cannot
    /// run. Only an explicit `LINUX` family is judged: Windows task definitions for EC2 often
    /// omit `runtimePlatform`. On Fargate FSx volumes are not supported at all, and TD-FG-015
    /// reports them; missing FSx members are TD-SHAPE-014's.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "LINUX"},
    ///   "volumes": [{"name": "share", "fsxWindowsFileServerVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "share",
    ///     "authorizationConfig": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:fsx-AbCdEf", "domain": "corp.example.com"}}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "share", "containerPath": "/mnt/share"}]}
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
    ///   "volumes": [{"name": "share", "fsxWindowsFileServerVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "share",
    ///     "authorizationConfig": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:fsx-AbCdEf", "domain": "corp.example.com"}}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "mcr.microsoft.com/windows/servercore:ltsc2022", "cpu": 1024, "memory": 2048,
    ///      "mountPoints": [{"sourceVolume": "share", "containerPath": "C:\\share"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:wfsx-volumes.md ("FSx for Windows File Server with Amazon ECS only supports Windows Amazon EC2 instances. Linux Amazon EC2 instances aren't supported.")
    /// - BOTO:Volume.fsxWindowsFileServerVolumeConfiguration (botocore 1.44.5 ECS model)
    pub struct FsxVolumeOnLinux {
        code: "TD-VOL-021",
        name: "fsx-volume-on-linux",
        severity: Error,
        scope: Task,
        summary: "An FSx for Windows File Server volume in a Linux task definition",
    }
}

impl Rule for FsxVolumeOnLinux {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if cx.facts.fargate {
            return;
        }
        let Some(os) = task
            .at_path(["runtimePlatform", "operatingSystemFamily"])
            .filter(|os| os.as_str() == Some("LINUX"))
        else {
            return;
        };
        for volume in volumes(cx) {
            let Some(member) = volume.member("fsxWindowsFileServerVolumeConfiguration") else {
                continue;
            };
            if Node::is_null(&member.value) {
                continue;
            }
            let name = volume_name(volume).map_or_else(String::new, |(_, n)| format!(" '{n}'"));
            out.push(
                Finding::at_key(member, format!("volume{name} is an FSx for Windows File Server volume, which ECS mounts only for Windows containers, but the task is for LINUX"))
                    .label(os, "the task runs Linux containers")
                    .help("use an Amazon EFS volume for shared storage in Linux tasks, or make this a Windows task definition"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FsxVolumeOnLinux as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"volumes": [{{"name": "s", "fsxWindowsFileServerVolumeConfiguration": {{"fileSystemId": "fs-1", "rootDirectory": "r", "authorizationConfig": {{"credentialsParameter": "p", "domain": "d"}}}}}}], "containerDefinitions": [{{"name": "a", "image": "i", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn fsx_in_a_linux_task_fails() {
        let text = task(r#""runtimePlatform": {"operatingSystemFamily": "LINUX"}, "#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/volumes/0/fsxWindowsFileServerVolumeConfiguration"
        );
        assert_eq!(
            spanned(&text, &d[0]),
            "\"fsxWindowsFileServerVolumeConfiguration\""
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/runtimePlatform/operatingSystemFamily"
        );
    }

    #[test]
    fn windows_unspecified_and_fargate_pass() {
        assert_passes(
            &Rule::META,
            &task(r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "#),
        );
        // Windows EC2 definitions often omit runtimePlatform.
        assert_passes(&Rule::META, &task(""));
        // TD-FG-015 reports FSx on Fargate.
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "runtimePlatform": {"operatingSystemFamily": "LINUX"}, "#,
            ),
        );
    }
}
