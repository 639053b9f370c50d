use super::{mount_points, volume_name, volumes};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task volume that no container mounts: no mount point has its name as
    /// `sourceVolume`.
    ///
    /// ## Why is this bad?
    /// An unmounted volume does nothing, except that it can still cost something: an EFS volume
    /// is still mounted on the host, a Docker volume is still created, and a volume configured
    /// at launch still has to be supplied when the task runs. Most often it means a mount point
    /// was forgotten or names the volume differently.
    ///
    /// When a mount point's `sourceVolume` is only known at deploy time the rule says nothing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "cache", "host": {"sourcePath": "/var/cache/app"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "cache", "host": {"sourcePath": "/var/cache/app"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "cache", "containerPath": "/cache"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Volume.name (botocore 1.44.5 ECS model: referenced by mountPoints sourceVolume)
    /// - rules.md TD-VOL-008 (hint)
    pub struct UnusedVolume {
        code: "TD-VOL-008",
        name: "unused-volume",
        severity: Warning,
        scope: Task,
        summary: "A task volume is mounted by no container",
    }
}

impl Rule for UnusedVolume {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut used = Vec::new();
        for (_, c) in cx.containers() {
            if c.get("mountPoints").is_some_and(|m| m.is_unknown()) {
                return;
            }
        }
        for (_, _, mp) in mount_points(cx) {
            match mp.get("sourceVolume") {
                Some(n) if n.is_unknown() => return,
                Some(n) => used.extend(n.as_str()),
                None => {}
            }
        }
        for v in volumes(cx) {
            let Some((node, name)) = volume_name(v) else {
                continue;
            };
            if used.contains(&name) {
                continue;
            }
            out.push(
                Finding::at(node, format!("volume '{name}' is not mounted by any container"))
                    .help(format!(
                        "mount it (a mountPoints entry with \"sourceVolume\": \"{name}\") or remove the volume"
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnusedVolume as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unmounted_volume_fails() {
        let text = r#"{"family": "f", "volumes": [{"name": "used"}, {"name": "spare"}], "containerDefinitions": [
            {"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "used", "containerPath": "/u"}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(text, &d[0]), "\"spare\"");
        assert_eq!(
            d[0].message,
            "volume 'spare' is not mounted by any container"
        );
    }

    #[test]
    fn mounted_volumes_and_deploy_time_references_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "volumes": [{"name": "v"}, {"name": "w"}], "containerDefinitions": [
                {"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "/v"}]},
                {"name": "b", "image": "i", "mountPoints": [{"sourceVolume": "w", "containerPath": "/w"}]}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n      ContainerDefinitions:\n        - Name: a\n          MountPoints:\n            - SourceVolume: !Ref Vol\n              ContainerPath: /v\n");
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "i"}]"#);
    }
}
