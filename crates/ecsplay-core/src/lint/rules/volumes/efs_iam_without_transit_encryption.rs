use super::efs_volumes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an Amazon EFS volume with `authorizationConfig.iam` set to `ENABLED` whose
    /// `transitEncryption` is not `ENABLED` (it defaults to `DISABLED`).
    ///
    /// ## Why is this bad?
    /// With IAM authorization the EFS mount helper presents the task role's credentials to EFS,
    /// which it only does over TLS. ECS therefore requires transit encryption whenever IAM
    /// authorization is enabled, and rejects the definition otherwise.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "cms",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/cms-task",
    ///   "volumes": [
    ///     {"name": "uploads",
    ///      "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0",
    ///                                 "authorizationConfig": {"iam": "ENABLED"}}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "cms", "image": "example/cms:5.2",
    ///      "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/var/www/uploads"}]}
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
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/cms-task",
    ///   "volumes": [
    ///     {"name": "uploads",
    ///      "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED",
    ///                                 "authorizationConfig": {"iam": "ENABLED"}}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "cms", "image": "example/cms:5.2",
    ///      "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/var/www/uploads"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:EFSAuthorizationConfig.iam (botocore 1.44.5 ECS model: if enabled, transit encryption must be enabled)
    /// - BOTO:EFSVolumeConfiguration.transitEncryption (botocore 1.44.5 ECS model: default DISABLED)
    pub struct EfsIamWithoutTransitEncryption {
        code: "TD-VOL-013",
        name: "efs-iam-without-transit-encryption",
        severity: Error,
        scope: Task,
        summary: "An EFS volume uses IAM authorization without transit encryption",
    }
}

impl Rule for EfsIamWithoutTransitEncryption {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for efs in efs_volumes(cx) {
            let Some(iam) = efs.iam_enabled else { continue };
            if efs.encrypted != Some(false) {
                continue;
            }
            out.push(
                efs.unencrypted(
                    ", but it must be ENABLED when the EFS volume uses IAM authorization",
                )
                .label(iam, "IAM authorization is enabled here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::efs_task as task;
    use super::EfsIamWithoutTransitEncryption as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn iam_without_encryption_fails() {
        let text = task(
            r#"{"fileSystemId": "fs-1", "transitEncryption": "DISABLED", "authorizationConfig": {"iam": "ENABLED"}}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "\"DISABLED\"");
        assert_eq!(
            d[0].labels[0].pointer,
            "/volumes/0/efsVolumeConfiguration/authorizationConfig/iam"
        );
        let text = task(r#"{"fileSystemId": "fs-1", "authorizationConfig": {"iam": "ENABLED"}}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/volumes/0/efsVolumeConfiguration");
        assert!(d[0]
            .message
            .starts_with("transitEncryption defaults to DISABLED"));
    }

    #[test]
    fn cloudformation_iam_spelling_is_read() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n            AuthorizationConfig:\n              IAM: ENABLED\n      ContainerDefinitions:\n        - Name: a\n");
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/Volumes/0/EFSVolumeConfiguration"
        );
    }

    #[test]
    fn encrypted_or_no_iam_passes() {
        assert_passes(
            &Rule::META,
            &task(
                r#"{"fileSystemId": "fs-1", "transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(r#"{"fileSystemId": "fs-1", "authorizationConfig": {"iam": "DISABLED"}}"#),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n            TransitEncryption: !Ref Encryption\n            AuthorizationConfig:\n              IAM: ENABLED\n      ContainerDefinitions:\n        - Name: a\n");
    }
}
