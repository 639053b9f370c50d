use super::{efs_volumes, volumes};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `transitEncryptionPort` that cannot do anything: an EFS volume's port while
    /// transit encryption is off (a warning: it is ignored), or a port outside 1-65535 on an
    /// EFS or S3 Files volume (an error).
    ///
    /// ## Why is this bad?
    /// `transitEncryptionPort` is the local port the EFS (or S3 Files) mount helper uses for
    /// the TLS tunnel to the file system. Without `transitEncryption: ENABLED` there is no
    /// tunnel, so the port is ignored: probably encryption was meant to be on, and the data
    /// crosses the network in clear text (TD-VOL-018). A port outside 1-65535 is not a TCP port
    /// and the mount fails when the task starts.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app",
    ///   "volumes": [{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryptionPort": 2049}}],
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
    ///   "volumes": [{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED", "transitEncryptionPort": 2999}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "shared", "containerPath": "/mnt/shared"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:EFSVolumeConfiguration.transitEncryptionPort (botocore 1.44.5 ECS model: the port for encrypted data between the ECS host and the EFS server)
    /// - BOTO:EFSVolumeConfiguration.transitEncryption (botocore 1.44.5 ECS model: default DISABLED)
    /// - BOTO:S3FilesVolumeConfiguration.transitEncryptionPort (botocore 1.44.5 ECS model)
    pub struct TransitEncryptionPortInvalid {
        code: "TD-VOL-016",
        name: "transit-encryption-port-invalid",
        severity: Warning,
        scope: Task,
        summary: "A transitEncryptionPort without transit encryption, or outside 1-65535",
    }
}

impl Rule for TransitEncryptionPortInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let port_in_range = |cx: &Context<'_>,
                             config: &crate::source::Node,
                             out: &mut Vec<Finding>| {
            let node = config.get("transitEncryptionPort")?;
            let port = cx.int_of(node)?;
            if (1..=65535).contains(&port) {
                return Some(port);
            }
            out.push(
                Finding::at(node, format!("transitEncryptionPort {port} is not a TCP port (1-65535): the volume cannot be mounted"))
                    .help("write a free port from 1 to 65535, or remove transitEncryptionPort to let the mount helper choose")
                    .severity(Severity::Error),
            );
            None
        };
        for efs in efs_volumes(cx) {
            if port_in_range(cx, efs.config, out).is_none() || efs.encrypted != Some(false) {
                continue;
            }
            let Some(node) = efs.config.get("transitEncryptionPort") else {
                continue;
            };
            let state = if efs.transit.is_some() {
                "DISABLED"
            } else {
                "off by default"
            };
            let mut finding = Finding::at(node, format!("transitEncryptionPort is ignored: transit encryption is {state}, so the mount helper opens no encrypted tunnel"))
                .help("set \"transitEncryption\": \"ENABLED\" to encrypt the traffic (the port is then used), or remove transitEncryptionPort");
            if let Some(transit) = efs.transit {
                finding = finding.label(transit, "transit encryption is off here");
            }
            out.push(finding);
        }
        for volume in volumes(cx) {
            if let Some(config) = volume
                .get("s3filesVolumeConfiguration")
                .filter(|c| c.is_object())
            {
                let _ = port_in_range(cx, config, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TransitEncryptionPortInvalid as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::rules::volumes::efs_task;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn port_without_encryption_warns() {
        let text = efs_task(
            r#"{"fileSystemId": "fs-12345678", "transitEncryption": "DISABLED", "transitEncryptionPort": 2049}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].pointer,
            "/volumes/0/efsVolumeConfiguration/transitEncryptionPort"
        );
        assert_eq!(spanned(&text, &d[0]), "2049");
        assert_eq!(
            d[0].labels[0].pointer,
            "/volumes/0/efsVolumeConfiguration/transitEncryption"
        );
        let d = assert_fails(
            &Rule::META,
            &efs_task(r#"{"fileSystemId": "fs-12345678", "transitEncryptionPort": 2049}"#),
        );
        assert!(d[0].message.contains("off by default"));
    }

    #[test]
    fn ports_out_of_range_are_errors() {
        let d = assert_fails(
            &Rule::META,
            &efs_task(
                r#"{"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED", "transitEncryptionPort": 70000}"#,
            ),
        );
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            d[0].message,
            "transitEncryptionPort 70000 is not a TCP port (1-65535): the volume cannot be mounted"
        );
        let s3 = r#"{"family": "f", "taskRoleArn": "r", "volumes": [{"name": "v", "s3filesVolumeConfiguration": {"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-1", "transitEncryptionPort": 0}}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#;
        assert_eq!(assert_fails(&Rule::META, s3)[0].severity, Severity::Error);
    }

    #[test]
    fn encrypted_ports_and_no_port_pass() {
        assert_passes(
            &Rule::META,
            &efs_task(
                r#"{"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED", "transitEncryptionPort": 65535}"#,
            ),
        );
        assert_passes(&Rule::META, &efs_task(r#"{"fileSystemId": "fs-12345678"}"#));
        // A transit encryption the schema layer reports, or only known at deploy time.
        assert_passes(
            &Rule::META,
            &efs_task(
                r#"{"fileSystemId": "fs-12345678", "transitEncryption": "${Mode}", "transitEncryptionPort": 2049}"#,
            ),
        );
    }
}
