use super::{mount_points, volume_name, volumes};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::schema::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a mount point whose `sourceVolume` is not the `name` of a volume in the task's
    /// `volumes`.
    ///
    /// ## Why is this bad?
    /// A mount point mounts one of the task's declared volumes into a container; `sourceVolume`
    /// is the reference. RegisterTaskDefinition rejects a reference to a volume the task does not
    /// declare with `Unknown volume 'X'.` The usual causes are a typo, a volume removed from
    /// `volumes` while a container still mounts it, or the Terraform/compose habit of writing
    /// the host path in `sourceVolume`.
    ///
    /// When a volume name is only known at deploy time the rule says nothing. A mount point
    /// without `sourceVolume` is reported by TD-VOL-002.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "static-assets", "host": {"sourcePath": "/srv/static"}}],
    ///   "containerDefinitions": [
    ///     {"name": "nginx", "image": "nginx:1.27", "memory": 256,
    ///      "mountPoints": [{"sourceVolume": "static_assets", "containerPath": "/usr/share/nginx/html", "readOnly": true}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "static-assets", "host": {"sourcePath": "/srv/static"}}],
    ///   "containerDefinitions": [
    ///     {"name": "nginx", "image": "nginx:1.27", "memory": 256,
    ///      "mountPoints": [{"sourceVolume": "static-assets", "containerPath": "/usr/share/nginx/html", "readOnly": true}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:MountPoint.sourceVolume (botocore 1.44.5 ECS model: must match the name of a task volume)
    /// - ERR: https://github.com/ansible/ansible/issues/35751
    pub struct MountUnknownVolume {
        code: "TD-VOL-001",
        name: "mount-unknown-volume",
        severity: Error,
        scope: Task,
        summary: "A mount point names a volume the task does not declare",
    }
}

impl Rule for MountUnknownVolume {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if task.get("volumes").is_some_and(|v| v.is_unknown()) {
            return;
        }
        let mut names = Vec::new();
        for v in volumes(cx) {
            match volume_name(v) {
                Some((_, n)) => names.push(n),
                // A deploy-time name could be the one referenced.
                None if v.get("name").is_some_and(|n| n.is_unknown()) => return,
                None => {}
            }
        }
        if task
            .get("volumes")
            .is_some_and(|v| v.items().iter().any(|item| item.is_unknown()))
        {
            return;
        }
        for (i, c, mp) in mount_points(cx) {
            let Some(node) = mp.get("sourceVolume") else {
                continue;
            };
            let Some(source) = node.as_str().filter(|s| !s.is_empty()) else {
                continue;
            };
            if names.contains(&source) {
                continue;
            }
            let help = match did_you_mean(source, names.iter().copied()) {
                Some(close) => format!("did you mean '{close}'?"),
                None if names.is_empty() => format!(
                    "declare the volume in the task's \"volumes\", for example {{\"name\": \"{source}\"}} with its host, EFS or Docker settings"
                ),
                None => format!(
                    "use the name of a declared volume ({}), or declare '{source}' in \"volumes\"",
                    names
                        .iter()
                        .map(|n| format!("'{n}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "Unknown volume '{source}': container {} mounts a volume the task does not declare",
                        container_label(c, i)
                    ),
                )
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MountUnknownVolume as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unknown_volume_fails() {
        let text = r#"{"family": "f", "volumes": [{"name": "data"}], "containerDefinitions": [
            {"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "date", "containerPath": "/data"}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "\"date\"");
        assert_eq!(
            d[0].message,
            "Unknown volume 'date': container 'a' mounts a volume the task does not declare"
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean 'data'?"));
    }

    #[test]
    fn no_volumes_at_all_fails() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "/var/log", "containerPath": "/logs"}]}]}"#,
        );
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("declare the volume"));
    }

    #[test]
    fn cloudformation_fails() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: data\n      ContainerDefinitions:\n        - Name: a\n          MountPoints:\n            - SourceVolume: logs\n              ContainerPath: /logs\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "logs");
    }

    #[test]
    fn declared_unknown_and_terraform_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "volumes": [{"name": "data"}], "containerDefinitions": [{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: !Ref VolumeName\n      ContainerDefinitions:\n        - Name: a\n          MountPoints:\n            - SourceVolume: logs\n              ContainerPath: /logs\n");
        // A container array has no volumes to check against.
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}]"#,
        );
        // No sourceVolume is TD-VOL-002's.
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "mountPoints": [{"containerPath": "/data"}]}]}"#,
        );
    }
}
