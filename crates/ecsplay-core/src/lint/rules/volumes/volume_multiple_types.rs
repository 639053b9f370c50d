use super::volumes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Member;

/// The members of a volume that each make it a different kind of volume (BOTO:Volume).
const TYPE_MEMBERS: [&str; 6] = [
    "host",
    "dockerVolumeConfiguration",
    "efsVolumeConfiguration",
    "s3filesVolumeConfiguration",
    "fsxWindowsFileServerVolumeConfiguration",
    "configuredAtLaunch",
];

declare_rule! {
    /// ## What it does
    /// Reports a task volume that sets more than one of `host`, `dockerVolumeConfiguration`,
    /// `efsVolumeConfiguration`, `s3filesVolumeConfiguration`,
    /// `fsxWindowsFileServerVolumeConfiguration` and `configuredAtLaunch: true`.
    ///
    /// ## Why is this bad?
    /// A volume is a name plus exactly one volume type: a bind mount, a Docker volume, an EFS,
    /// S3 Files or FSx file system, or an EBS volume supplied at launch. ECS cannot mount one
    /// volume as two things and rejects the definition. This usually comes from editing a bind
    /// mount into an EFS volume and leaving the old `host` behind.
    ///
    /// An empty `host: {}` or an empty configuration object, and `configuredAtLaunch: false`,
    /// do not count as a type here: they say nothing the other member contradicts.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [
    ///     {"name": "uploads",
    ///      "host": {"sourcePath": "/mnt/uploads"},
    ///      "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/uploads"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [
    ///     {"name": "uploads",
    ///      "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/uploads"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Volume (botocore 1.44.5 ECS model: a name plus a single volume type)
    pub struct VolumeMultipleTypes {
        code: "TD-VOL-007",
        name: "volume-multiple-types",
        severity: Error,
        scope: Task,
        summary: "A task volume sets more than one volume type",
    }
}

impl Rule for VolumeMultipleTypes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, v) in volumes(cx).enumerate() {
            let set: Vec<&Member> = v
                .members()
                .iter()
                .filter(|m| TYPE_MEMBERS.contains(&m.key.as_str()))
                .filter(|m| {
                    if m.key == "configuredAtLaunch" {
                        cx.bool_of(&m.value) == Some(true)
                    } else {
                        m.value.is_set()
                    }
                })
                .collect();
            let Some((first, rest)) = set.split_first() else {
                continue;
            };
            let name = v
                .get("name")
                .and_then(|n| n.as_str())
                .map_or_else(|| format!("#{i}"), |n| format!("'{n}'"));
            for m in rest {
                out.push(
                    Finding::at_key(
                        m,
                        format!(
                            "volume {name} sets both {} and {}; a volume has one type",
                            first.key, m.key
                        ),
                    )
                    .label(&first.value, format!("{} is set here", first.key))
                    .help(format!(
                        "keep the one type this volume should be and remove the other ({} or {}); declare a second volume if you need both",
                        first.key, m.key
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::VolumeMultipleTypes as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn two_types_fail() {
        let text = r#"{"family": "f", "volumes": [{"name": "v", "host": {"sourcePath": "/x"}, "dockerVolumeConfiguration": {"scope": "task"}}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(text, &d[0]), "\"dockerVolumeConfiguration\"");
        assert_eq!(d[0].labels[0].pointer, "/volumes/0/host");
        assert_eq!(
            d[0].message,
            "volume 'v' sets both host and dockerVolumeConfiguration; a volume has one type"
        );
    }

    #[test]
    fn launch_configured_with_efs_fails_in_cloudformation() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n          ConfiguredAtLaunch: 'True'\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n      ContainerDefinitions:\n        - Name: a\n");
        assert!(d[0]
            .message
            .contains("configuredAtLaunch and efsVolumeConfiguration"));
    }

    #[test]
    fn one_type_and_empty_members_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "volumes": [
                {"name": "a", "host": {}, "efsVolumeConfiguration": {"fileSystemId": "fs-1"}},
                {"name": "b", "configuredAtLaunch": false, "dockerVolumeConfiguration": {"scope": "shared", "driver": "local"}},
                {"name": "c", "configuredAtLaunch": true},
                {"name": "d"}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#,
        );
    }
}
