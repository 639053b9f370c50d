use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a volume of a Fargate task definition that Fargate cannot provide: a bind mount
    /// of a host path (`host.sourcePath`), a Docker volume (`dockerVolumeConfiguration`) or an
    /// Amazon FSx for Windows File Server volume (`fsxWindowsFileServerVolumeConfiguration`).
    /// Also known as TD-VOL-010.
    ///
    /// ## Why is this bad?
    /// A Fargate task has no host whose directories or Docker volume plugins it could use: "Docker
    /// volumes aren't supported by tasks run on Fargate", and FSx for Windows File Server volumes
    /// are for Windows tasks on EC2 only. ECS refuses the definition. Fargate supports bind
    /// mounts of the task's own ephemeral storage (a volume with only a `name`, or an empty
    /// `host`), Amazon EFS volumes and Amazon EBS volumes configured at launch.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "volumes": [{"name": "cache", "host": {"sourcePath": "/var/cache/web"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "nginx:1.27", "mountPoints": [{"sourceVolume": "cache", "containerPath": "/var/cache/nginx"}]}
    ///   ]
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
    ///   "volumes": [{"name": "cache"}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "nginx:1.27", "mountPoints": [{"sourceVolume": "cache", "containerPath": "/var/cache/nginx"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Volume.dockerVolumeConfiguration (botocore 1.44.5 ECS model: "Docker volumes aren't supported by tasks run on Fargate")
    /// - BOTO:TaskDefinition.volumes, HostVolumeProperties.sourcePath (botocore 1.44.5 ECS model)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_data_volumes.html (which volume types each capacity supports)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
    pub struct FargateUnsupportedVolume {
        code: "TD-FG-015",
        name: "fargate-unsupported-volume",
        severity: Error,
        scope: Task,
        summary: "Fargate task definition with a host path, Docker or FSx volume",
        aliases: ["TD-VOL-010"],
    }
}

impl Rule for FargateUnsupportedVolume {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        let Some(volumes) = cx.task().and_then(|t| t.get("volumes")) else {
            return;
        };
        for (i, volume) in volumes.items().iter().enumerate() {
            let who = volume_label(volume, i);
            if let Some(path) = volume.at_path(["host", "sourcePath"]) {
                if super::set_now(path) {
                    let shown = path.as_str().map_or_else(String::new, |s| format!(" {s}"));
                    out.push(
                        Finding::at(
                            path,
                            format!("volume {who} binds the host path{shown}, but a Fargate task has no host to mount from"),
                        )
                        .help("remove host.sourcePath to use the task's ephemeral storage, or use an EFS volume for data that must persist"),
                    );
                }
            }
            for (key, what) in [
                ("dockerVolumeConfiguration", "a Docker volume"),
                (
                    "fsxWindowsFileServerVolumeConfiguration",
                    "an FSx for Windows File Server volume",
                ),
            ] {
                if let Some(m) = volume.member(key).filter(|m| super::present_now(&m.value)) {
                    out.push(
                        Finding::at_key(m, format!("volume {who} is {what}, which Fargate does not support"))
                            .help(format!("remove {key}: keep only the name for a bind mount of the task's ephemeral storage, or use efsVolumeConfiguration for shared, persistent storage")),
                    );
                }
            }
        }
    }
}

/// A volume's `name`, or `#<index>` when it has none, for messages.
fn volume_label(volume: &Node, index: usize) -> String {
    volume
        .get("name")
        .and_then(Node::as_str)
        .map_or_else(|| format!("#{index}"), |s| format!("'{s}'"))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn};
    use super::FargateUnsupportedVolume as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn host_paths_fail_at_the_path() {
        let text = fargate(
            r#""volumes": [{"name": "sock", "host": {"sourcePath": "/var/run/docker.sock"}}]"#,
            "",
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/volumes/0/host/sourcePath");
        assert_eq!(spanned(&text, &d[0]), "\"/var/run/docker.sock\"");
        assert_eq!(
            d[0].message,
            "volume 'sock' binds the host path /var/run/docker.sock, but a Fargate task has no host to mount from"
        );
    }

    #[test]
    fn docker_and_fsx_volumes_fail_at_the_key() {
        let text = fargate(
            r#""volumes": [{"name": "d", "dockerVolumeConfiguration": {"scope": "task", "driver": "local"}}, {"name": "f", "fsxWindowsFileServerVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "share", "authorizationConfig": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:fsx", "domain": "corp"}}}]"#,
            "",
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 2);
        assert_eq!(spanned(&text, &d[0]), "\"dockerVolumeConfiguration\"");
        assert_eq!(
            d[1].message,
            "volume 'f' is an FSx for Windows File Server volume, which Fargate does not support"
        );
        let text = fargate_cfn("      Volumes:\n        - Name: data\n          DockerVolumeConfiguration:\n            Scope: shared\n        - Name: fsx\n          FSxWindowsFileServerVolumeConfiguration:\n            FileSystemId: fs-1\n");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "DockerVolumeConfiguration");
        assert_eq!(
            spanned(&text, &d[1]),
            "FSxWindowsFileServerVolumeConfiguration"
        );
    }

    #[test]
    fn bind_mounts_efs_and_ec2_pass() {
        assert_passes(
            &Rule::META,
            &fargate(
                r#""volumes": [{"name": "scratch"}, {"name": "empty", "host": {}}, {"name": "nul", "host": {"sourcePath": null}}, {"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678"}}, {"name": "ebs", "configuredAtLaunch": true}]"#,
                "",
            ),
        );
        assert_passes(
            &Rule::META,
            &ec2(
                r#""volumes": [{"name": "sock", "host": {"sourcePath": "/var/run/docker.sock"}}]"#,
                "",
            ),
        );
        assert_passes(&Rule::META, &fargate_cfn("      Volumes:\n        - Name: data\n          Host:\n            SourcePath: !Ref Path\n"));
    }
}
