use super::efs_volumes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports an EFS volume whose `fileSystemId` is not `fs-` followed by 8 to 40 lowercase
    /// hexadecimal digits, or whose `authorizationConfig.accessPointId` is not `fsap-`
    /// followed by 8 to 40 lowercase hexadecimal digits.
    ///
    /// ## Why is this bad?
    /// ECS passes the IDs to the EFS mount helper when the task starts; a value that is not an
    /// EFS ID (a file system name, an ARN, a placeholder such as `fs-XXXXXXXX` or
    /// `${EFS_ID}` left in a template) cannot be mounted, and the task stops with a
    /// `ResourceInitializationError`. EFS IDs have the forms `fs-12345678` and
    /// `fs-0123456789abcdef0` (access points: `fsap-...`), the patterns of the EFS API. The EFS
    /// API also takes the resource's ARN; whether ECS does is not known, so an EFS ARN ending
    /// in a well-formed ID is not judged, nor is a CloudFormation `!Ref`, only known at deploy
    /// time.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app",
    ///   "volumes": [{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "my-shared-fs", "transitEncryption": "ENABLED"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "shared", "containerPath": "/mnt/shared"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "app",
    ///   "volumes": [{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "shared", "containerPath": "/mnt/shared"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:EFSVolumeConfiguration.fileSystemId (botocore 1.44.5 ECS model: the Amazon EFS file system ID)
    /// - BOTO:EFSAuthorizationConfig.accessPointId (botocore 1.44.5 ECS model: the Amazon EFS access point ID)
    /// - BOTO:efs FileSystemId, AccessPointId (botocore 1.44.5 EFS model, `elasticfilesystem` 2015-02-01: patterns `fs-[0-9a-f]{8,40}` and `fsap-[0-9a-f]{8,40}`, or the resource's ARN)
    pub struct EfsIdInvalid {
        code: "TD-VOL-017",
        name: "efs-id-invalid",
        severity: Error,
        scope: Task,
        summary: "An EFS fileSystemId or accessPointId that is not an EFS ID",
    }
}

/// Whether `value` is `prefix` followed by 8 to 40 lowercase hexadecimal digits.
fn is_id(value: &str, prefix: &str) -> bool {
    value.strip_prefix(prefix).is_some_and(|hex| {
        (8..=40).contains(&hex.len())
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// A finding on `node` when it is a string that is not a `prefix` ID.
fn check_id(node: &Node, what: &str, prefix: &str, example: &str) -> Option<Finding> {
    let value = node.as_str()?;
    // The EFS API also takes the resource's ARN; whether ECS does is not known, so an ARN
    // ending in a well-formed ID is not judged.
    let id = match value.rsplit_once('/') {
        Some((head, id)) if head.starts_with("arn:aws") && head.contains(":elasticfilesystem:") => {
            id
        }
        _ => value,
    };
    if is_id(id, prefix) {
        return None;
    }
    Some(
        Finding::at(node, format!("{what} \"{value}\" is not an EFS ID: {prefix} followed by 8 to 40 lowercase hexadecimal digits"))
            .help(format!("write the ID shown by the EFS console or `aws efs describe-{}`, for example \"{example}\"", if prefix == "fs-" { "file-systems" } else { "access-points" })),
    )
}

impl Rule for EfsIdInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for efs in efs_volumes(cx) {
            if let Some(node) = efs.config.get("fileSystemId") {
                out.extend(check_id(
                    node,
                    "fileSystemId",
                    "fs-",
                    "fs-0123456789abcdef0",
                ));
            }
            if let Some(node) = efs.access_point {
                out.extend(check_id(
                    node,
                    "accessPointId",
                    "fsap-",
                    "fsap-0123456789abcdef0",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_id, EfsIdInvalid as Rule};
    use crate::lint::rules::volumes::efs_task;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn ids() {
        for ok in [
            "fs-12345678",
            "fs-0123456789abcdef0",
            &format!("fs-{}", "a".repeat(40)),
        ] {
            assert!(is_id(ok, "fs-"), "{ok}");
        }
        for bad in [
            "fs-1234567",
            "fs-XXXXXXXX",
            "fs-0123456789ABCDEF0",
            "my-fs",
            "fs-",
            "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-12345678",
            &format!("fs-{}", "a".repeat(41)),
        ] {
            assert!(!is_id(bad, "fs-"), "{bad}");
        }
    }

    #[test]
    fn bad_ids_fail() {
        let text = efs_task(r#"{"fileSystemId": "fs-XXXXXXXX"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/volumes/0/efsVolumeConfiguration/fileSystemId"
        );
        assert_eq!(spanned(&text, &d[0]), "\"fs-XXXXXXXX\"");
        assert_eq!(d[0].message, "fileSystemId \"fs-XXXXXXXX\" is not an EFS ID: fs- followed by 8 to 40 lowercase hexadecimal digits");
        let d = assert_fails(
            &Rule::META,
            &efs_task(
                r#"{"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "ap-1234"}}"#,
            ),
        );
        assert_eq!(
            d[0].pointer,
            "/volumes/0/efsVolumeConfiguration/authorizationConfig/accessPointId"
        );
        // An ARN whose ID is malformed.
        assert_fails(
            &Rule::META,
            &efs_task(
                r#"{"fileSystemId": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-XYZ"}"#,
            ),
        );
        let cfn = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n          EFSVolumeConfiguration: {FilesystemId: shared}\n";
        assert_eq!(
            assert_fails(&Rule::META, cfn)[0].pointer,
            "/Resources/T/Properties/Volumes/0/EFSVolumeConfiguration/FilesystemId"
        );
    }

    #[test]
    fn good_and_deploy_time_ids_pass() {
        assert_passes(
            &Rule::META,
            &efs_task(
                r#"{"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0"}}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &efs_task(
                r#"{"fileSystemId": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-12345678"}"#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n          EFSVolumeConfiguration: {FilesystemId: !Ref Fs}\n");
    }
}
