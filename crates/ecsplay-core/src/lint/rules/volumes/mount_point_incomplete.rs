use super::mount_points;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a mount point without `sourceVolume` or without `containerPath` (or with an empty
    /// one).
    ///
    /// ## Why is this bad?
    /// A mount point needs both: which task volume to mount, and where in the container. ECS
    /// rejects a mount point without a source with `Unknown volume 'null'.`, and one without a
    /// container path has nowhere to mount. Both members are optional in the API model, so the
    /// JSON Schema does not catch it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "logs"}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"containerPath": "/var/log/app"}]}
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
    /// - DG23:task_definition_parameters.md (sourceVolume and containerPath required when mountPoints are used)
    /// - BOTO:MountPoint (botocore 1.44.5 ECS model)
    /// - ERR: https://github.com/blinkist/terraform-aws-airship-ecs-service/issues/46
    pub struct MountPointIncomplete {
        code: "TD-VOL-002",
        name: "mount-point-incomplete",
        severity: Error,
        scope: Containers,
        summary: "A mount point lacks sourceVolume or containerPath",
    }
}

fn missing(node: Option<&Node>) -> bool {
    match node {
        None => true,
        Some(n) => n.is_null() || n.as_str() == Some(""),
    }
}

impl Rule for MountPointIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, mp) in mount_points(cx) {
            for (key, consequence, help) in [
                (
                    "sourceVolume",
                    "ECS rejects it with Unknown volume 'null'",
                    "add \"sourceVolume\" with the name of one of the task's volumes",
                ),
                (
                    "containerPath",
                    "the volume has nowhere to be mounted",
                    "add \"containerPath\": the absolute path in the container where the volume appears",
                ),
            ] {
                let node = mp.get(key);
                if !missing(node) {
                    continue;
                }
                out.push(
                    Finding::at(
                        node.unwrap_or(mp),
                        format!(
                            "a mount point of container {} has no {key}: {consequence}",
                            container_label(c, i)
                        ),
                    )
                    .help(help),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MountPointIncomplete as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn missing_members_fail() {
        let text = r#"[{"name": "a", "image": "i", "mountPoints": [{"containerPath": "/data"}, {"sourceVolume": "v", "containerPath": ""}, {}]}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 4);
        assert_eq!(d[0].pointer, "/0/mountPoints/0");
        assert_eq!(spanned(text, &d[0]), r#"{"containerPath": "/data"}"#);
        assert_eq!(
            d[0].message,
            "a mount point of container 'a' has no sourceVolume: ECS rejects it with Unknown volume 'null'"
        );
        assert_eq!(d[1].pointer, "/0/mountPoints/1/containerPath");
    }

    #[test]
    fn cloudformation_fails() {
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          MountPoints:\n            - SourceVolume: data\n");
    }

    #[test]
    fn complete_mount_points_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "volumes": [{"name": "v"}], "containerDefinitions": [{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "/data", "readOnly": true}]}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "mountPoints": []}]"#,
        );
        // Deploy-time values are not judged.
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          MountPoints:\n            - SourceVolume: !Ref V\n              ContainerPath: !Ref P\n");
    }
}
