use super::volumes;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task volume whose `name` is missing, or is not 1 to 255 letters, digits, `_` and
    /// `-`. The JSON Schema layer reports a name that does not match the pattern
    /// `^[A-Za-z0-9_-]{1,255}$` (an empty name included) under this code; this rule adds the
    /// missing name, which the schema cannot see because `name` is optional in the API model.
    ///
    /// ## Why is this bad?
    /// Mount points reference a volume by its name. ECS rejects a name with other characters,
    /// and requires a name for Amazon EFS volumes, S3 Files volumes and volumes configured at
    /// launch (Amazon EBS): for those a missing name is an error. For other volumes ECS does not
    /// require the name, but no mount point can reference a nameless volume, so it is a mistake
    /// rather than a rejection; the rule reports it as a warning there.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "cms",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "volumes": [
    ///     {"efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "cms", "image": "example/cms:5.2", "essential": true}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "cms",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "volumes": [
    ///     {"name": "uploads",
    ///      "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "cms", "image": "example/cms:5.2", "essential": true,
    ///      "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/var/www/uploads"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Volume.name (botocore 1.44.5 ECS model: up to 255 letters, digits, _ and -; required for EFS, S3 Files and configuredAtLaunch volumes)
    pub struct VolumeNameInvalid {
        code: "TD-VOL-005",
        name: "volume-name-invalid",
        severity: Error,
        scope: Task,
        summary: "A task volume has no name, or a name ECS does not accept",
    }
}

impl Rule for VolumeNameInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, v) in volumes(cx).enumerate() {
            if v.get("name").is_some_and(|n| !n.is_null()) {
                continue;
            }
            let kind = if v.get("efsVolumeConfiguration").is_some_and(|n| n.is_set()) {
                Some("an Amazon EFS volume")
            } else if v
                .get("s3filesVolumeConfiguration")
                .is_some_and(|n| n.is_set())
            {
                Some("an S3 Files volume")
            } else if v
                .get("configuredAtLaunch")
                .and_then(|n| cx.bool_of(n))
                .unwrap_or(false)
            {
                Some("a volume configured at launch")
            } else {
                None
            };
            let f = match kind {
                Some(kind) => Finding::at(
                    v,
                    format!("volume #{i} has no name, which {kind} must have"),
                ),
                None => Finding::at(
                    v,
                    format!("volume #{i} has no name, so no mount point can reference it"),
                )
                .severity(Severity::Warning),
            };
            out.push(f.help(
                "add a \"name\" of letters, digits, - and _, and mount it with a mountPoints entry whose sourceVolume is that name",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::VolumeNameInvalid as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn nameless_efs_volume_is_an_error() {
        let text = r#"{"family": "f", "volumes": [{"name": "ok"}, {"efsVolumeConfiguration": {"fileSystemId": "fs-1"}}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/volumes/1");
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            d[0].message,
            "volume #1 has no name, which an Amazon EFS volume must have"
        );
    }

    #[test]
    fn nameless_launch_configured_volume_is_an_error_in_cloudformation() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - ConfiguredAtLaunch: 'true'\n      ContainerDefinitions:\n        - Name: a\n");
        assert_eq!(d[0].severity, Severity::Error);
        assert!(d[0].message.contains("configured at launch"));
    }

    #[test]
    fn nameless_host_volume_is_a_warning() {
        let text = r#"{"family": "f", "volumes": [{"host": {"sourcePath": "/data"}}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(spanned(text, &d[0]), r#"{"host": {"sourcePath": "/data"}}"#);
    }

    #[test]
    fn schema_reports_bad_names_under_this_code() {
        let text = r#"{"family": "f", "volumes": [{"name": "app data"}, {"name": ""}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(spanned(text, &d[0]), "\"app data\"");
        assert_eq!(d[1].pointer, "/volumes/1/name");
    }

    #[test]
    fn named_volumes_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "volumes": [{"name": "a_b-1"}, {"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-1"}}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: !Ref VolumeName\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n      ContainerDefinitions:\n        - Name: a\n");
    }
}
