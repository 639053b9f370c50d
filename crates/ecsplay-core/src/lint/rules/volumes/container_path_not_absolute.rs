use super::mount_points;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a mount point whose `containerPath` is not an absolute path: on Linux one that
    /// does not start with `/`; on Windows one that is not a drive path such as `C:\data`.
    ///
    /// ## Why is this bad?
    /// Docker mounts a volume at an absolute path inside the container. A relative path such as
    /// `data` or `./logs` is not resolved against the image's working directory: Docker refuses
    /// the mount and the container does not start, or the data lands somewhere the application
    /// does not look.
    ///
    /// Which form is absolute depends on the operating system. For a container array (Terraform)
    /// or a task whose operating system is only known at deploy time, both `/…` and `C:\…` are
    /// accepted; a drive path in a Linux task is reported.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "logs"}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "logs", "containerPath": "var/log/app"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "logs"}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "logs", "containerPath": "/var/log/app"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:MountPoint.containerPath (botocore 1.44.5 ECS model)
    /// - BOTO:Tmpfs.containerPath (botocore 1.44.5 ECS model: an absolute file path is expected)
    /// - DOC: https://docs.docker.com/engine/storage/bind-mounts/ (the container path must be absolute)
    pub struct ContainerPathNotAbsolute {
        code: "TD-VOL-003",
        name: "container-path-not-absolute",
        severity: Warning,
        scope: Containers,
        summary: "A mount point's containerPath is not an absolute path",
    }
}

fn is_drive_path(p: &str) -> bool {
    let b = p.as_bytes();
    matches!(b, [d, b':', b'\\' | b'/', ..] if d.is_ascii_alphabetic())
}

impl Rule for ContainerPathNotAbsolute {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let os_known = cx.facts.task_level && !cx.facts.platform_unknown;
        let linux = os_known && !cx.facts.windows;
        for (i, c, mp) in mount_points(cx) {
            let Some(node) = mp.get("containerPath") else {
                continue;
            };
            let Some(path) = node.as_str().filter(|p| !p.is_empty()) else {
                continue;
            };
            let absolute = if linux {
                path.starts_with('/')
            } else {
                path.starts_with('/') || is_drive_path(path)
            };
            if absolute {
                continue;
            }
            let fixed = if is_drive_path(path) {
                "a Linux path such as /data".to_owned()
            } else {
                format!("/{}", path.trim_start_matches("./"))
            };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "containerPath \"{path}\" of container {} is not an absolute path",
                        container_label(c, i)
                    ),
                )
                .help(if cx.facts.windows {
                    "write the path with its drive, for example C:\\data".to_owned()
                } else {
                    format!("write the absolute path in the container: {fixed}")
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerPathNotAbsolute as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn relative_paths_fail() {
        let text = r#"[{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "./data"}]}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "\"./data\"");
        assert_eq!(
            d[0].message,
            "containerPath \"./data\" of container 'a' is not an absolute path"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("write the absolute path in the container: /data")
        );
    }

    #[test]
    fn drive_paths_fail_on_linux() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "C:\\data"}]}]}"#,
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("write the absolute path in the container: a Linux path such as /data")
        );
    }

    #[test]
    fn relative_paths_fail_on_windows() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "f", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "containerDefinitions": [{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "data"}]}]}"#,
        );
        assert!(d[0].help.as_deref().unwrap().contains("C:\\data"));
    }

    #[test]
    fn absolute_paths_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "/data"}]}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "containerDefinitions": [{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "C:\\data"}]}]}"#,
        );
        // Terraform: no OS known, either form is absolute.
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "c:/data"}, {"sourceVolume": "w", "containerPath": "/w"}]}]"#,
        );
    }
}
