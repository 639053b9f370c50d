use super::efs_volumes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an Amazon EFS volume whose `transitEncryption` is not `ENABLED` (it defaults to
    /// `DISABLED`).
    ///
    /// ## Why is this bad?
    /// Without transit encryption the NFS traffic between the host and EFS, file contents
    /// included, crosses the network in clear text. checkov (CKV_AWS_97), Trivy (AVD-AWS-0035)
    /// and the AWS Config rule `ecs-task-definition-efs-encryption-enabled` all flag it. Turning
    /// it on costs a TLS tunnel run by the EFS mount helper. When the volume uses IAM
    /// authorization or an access point, ECS requires the encryption and TD-VOL-013 or
    /// TD-VOL-014 reports it as an error instead.
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
    ///     {"name": "uploads", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0"}}
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
    ///      "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "cms", "image": "example/cms:5.2",
    ///      "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/var/www/uploads"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CKV:ECSTaskDefinitionEFSVolumeEncryption.py (checkov 3.3.30, CKV_AWS_97)
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-efs-encryption-enabled.html
    /// - BOTO:EFSVolumeConfiguration.transitEncryption (botocore 1.44.5 ECS model: default DISABLED)
    pub struct EfsTransitEncryptionDisabled {
        code: "TD-VOL-018",
        name: "efs-transit-encryption-disabled",
        severity: Warning,
        scope: Task,
        summary: "An EFS volume does not encrypt data in transit",
        aliases: ["TD-SEC-019"],
    }
}

impl Rule for EfsTransitEncryptionDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for efs in efs_volumes(cx) {
            // Required there: TD-VOL-013/014 report it as an error.
            if efs.encrypted != Some(false)
                || efs.iam_enabled.is_some()
                || efs.access_point.is_some()
            {
                continue;
            }
            out.push(efs.unencrypted(
                ": EFS traffic, file contents included, crosses the network unencrypted",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::efs_task as task;
    use super::EfsTransitEncryptionDisabled as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unencrypted_efs_fails() {
        let text = task(r#"{"fileSystemId": "fs-1", "transitEncryption": "DISABLED"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "\"DISABLED\"");
        let d = assert_fails(&Rule::META, &task(r#"{"fileSystemId": "fs-1"}"#));
        assert_eq!(d[0].pointer, "/volumes/0/efsVolumeConfiguration");
        assert_eq!(
            d[0].message,
            "transitEncryption defaults to DISABLED: EFS traffic, file contents included, crosses the network unencrypted"
        );
    }

    #[test]
    fn encrypted_other_volumes_and_required_cases_pass() {
        assert_passes(
            &Rule::META,
            &task(r#"{"fileSystemId": "fs-1", "transitEncryption": "ENABLED"}"#),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "volumes": [{"name": "v", "host": {"sourcePath": "/x"}}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#,
        );
        assert_passes(
            &Rule::META,
            &task(r#"{"fileSystemId": "fs-1", "authorizationConfig": {"iam": "ENABLED"}}"#),
        );
    }
}
