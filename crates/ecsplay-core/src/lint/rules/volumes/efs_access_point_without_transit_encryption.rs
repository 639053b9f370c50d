use super::efs_volumes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an Amazon EFS volume with an `authorizationConfig.accessPointId` whose
    /// `transitEncryption` is not `ENABLED` (it defaults to `DISABLED`).
    ///
    /// ## Why is this bad?
    /// ECS mounts an EFS access point through the EFS mount helper over TLS only, so it requires
    /// transit encryption whenever an access point is used and rejects the definition otherwise.
    /// When the volume also enables IAM authorization, TD-VOL-013 reports the same missing
    /// setting and this rule stays quiet.
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
    ///     {"name": "uploads",
    ///      "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0",
    ///                                 "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0"}}}
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
    ///   "volumes": [
    ///     {"name": "uploads",
    ///      "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED",
    ///                                 "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0"}}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "cms", "image": "example/cms:5.2",
    ///      "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/var/www/uploads"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:EFSAuthorizationConfig.accessPointId (botocore 1.44.5 ECS model: transit encryption must be enabled)
    /// - ERR: https://github.com/aws/aws-cdk/issues/10683 (enabling an access point asks for transitEncryption)
    pub struct EfsAccessPointWithoutTransitEncryption {
        code: "TD-VOL-014",
        name: "efs-access-point-without-transit-encryption",
        severity: Error,
        scope: Task,
        summary: "An EFS volume uses an access point without transit encryption",
    }
}

impl Rule for EfsAccessPointWithoutTransitEncryption {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for efs in efs_volumes(cx) {
            let Some(access_point) = efs.access_point else {
                continue;
            };
            // With IAM authorization too, TD-VOL-013 already asks for the same setting.
            if efs.encrypted != Some(false) || efs.iam_enabled.is_some() {
                continue;
            }
            out.push(
                efs.unencrypted(
                    ", but it must be ENABLED when the EFS volume uses an access point",
                )
                .label(access_point, "the access point is set here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::efs_task as task;
    use super::EfsAccessPointWithoutTransitEncryption as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn access_point_without_encryption_fails() {
        let text = task(
            r#"{"fileSystemId": "fs-1", "transitEncryption": "DISABLED", "authorizationConfig": {"accessPointId": "fsap-1"}}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "\"DISABLED\"");
        assert_eq!(
            d[0].labels[0].pointer,
            "/volumes/0/efsVolumeConfiguration/authorizationConfig/accessPointId"
        );
        let d = assert_fails(
            &Rule::META,
            &task(
                r#"{"fileSystemId": "fs-1", "authorizationConfig": {"accessPointId": "fsap-1", "iam": "DISABLED"}}"#,
            ),
        );
        assert_eq!(d[0].pointer, "/volumes/0/efsVolumeConfiguration");
    }

    #[test]
    fn encrypted_no_access_point_or_iam_passes() {
        assert_passes(
            &Rule::META,
            &task(
                r#"{"fileSystemId": "fs-1", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1"}}"#,
            ),
        );
        assert_passes(&Rule::META, &task(r#"{"fileSystemId": "fs-1"}"#));
        assert_passes(
            &Rule::META,
            &task(r#"{"fileSystemId": "fs-1", "authorizationConfig": {"accessPointId": ""}}"#),
        );
        // Reported once, by TD-VOL-013.
        assert_passes(
            &Rule::META,
            &task(
                r#"{"fileSystemId": "fs-1", "authorizationConfig": {"accessPointId": "fsap-1", "iam": "ENABLED"}}"#,
            ),
        );
    }
}
