use super::volumes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an S3 Files volume that sets an access point (`accessPointArn`) and a
    /// `rootDirectory` other than `/`. An S3 Files volume without a task role is TD-IAM-011's.
    ///
    /// ## Why is this bad?
    /// An access point fixes the directory that clients see as the root of the file system.
    /// The API requires the volume's `rootDirectory` to be omitted or `/` when an access point
    /// is used, so that the access point's path applies; another directory is refused.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/appTaskRole",
    ///   "volumes": [{"name": "data", "s3filesVolumeConfiguration": {
    ///     "fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
    ///     "accessPointArn": "arn:aws:s3files:us-east-1:123456789012:access-point/fsap-0123456789abcdef0",
    ///     "rootDirectory": "/reports"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "app",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/appTaskRole",
    ///   "volumes": [{"name": "data", "s3filesVolumeConfiguration": {
    ///     "fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
    ///     "accessPointArn": "arn:aws:s3files:us-east-1:123456789012:access-point/fsap-0123456789abcdef0"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:S3FilesVolumeConfiguration.rootDirectory (botocore 1.44.5 ECS model: "If a S3 Files access point is specified in the accessPointArn, the root directory parameter must either be omitted or set to /")
    /// - BOTO:S3FilesVolumeConfiguration.accessPointArn (botocore 1.44.5 ECS model)
    pub struct S3filesAccessPointRootDirectory {
        code: "TD-VOL-020",
        name: "s3files-access-point-root-directory",
        severity: Error,
        scope: Task,
        summary: "An S3 Files volume combines an access point with a root directory other than /",
    }
}

impl Rule for S3filesAccessPointRootDirectory {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for volume in volumes(cx) {
            let Some(config) = volume.get("s3filesVolumeConfiguration") else {
                continue;
            };
            let Some(access_point) = config.get("accessPointArn").filter(|a| a.is_set()) else {
                continue;
            };
            let Some(node) = config.get("rootDirectory") else {
                continue;
            };
            let Some(dir) = node.as_str().filter(|d| !d.is_empty() && *d != "/") else {
                continue;
            };
            out.push(
                Finding::at(node, format!("with an S3 Files access point, rootDirectory must be \"/\" or omitted, not \"{dir}\""))
                    .label(access_point, "the access point is set here")
                    .help(format!("remove \"rootDirectory\" and give the access point the root directory {dir} instead")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::S3filesAccessPointRootDirectory as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(config: &str) -> String {
        format!(
            r#"{{"family": "t", "taskRoleArn": "r", "volumes": [{{"name": "v", "s3filesVolumeConfiguration": {{"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-1"{config}}}}}], "containerDefinitions": [{{"name": "a", "image": "i", "memory": 64}}]}}"#
        )
    }

    const AP: &str =
        r#", "accessPointArn": "arn:aws:s3files:us-east-1:123456789012:access-point/fsap-1""#;

    #[test]
    fn access_point_with_a_root_directory_fails() {
        let text = task(&format!(r#"{AP}, "rootDirectory": "/data""#));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/volumes/0/s3filesVolumeConfiguration/rootDirectory"
        );
        assert_eq!(spanned(&text, &d[0]), "\"/data\"");
        assert_eq!(
            d[0].labels[0].pointer,
            "/volumes/0/s3filesVolumeConfiguration/accessPointArn"
        );
        assert_eq!(
            d[0].message,
            "with an S3 Files access point, rootDirectory must be \"/\" or omitted, not \"/data\""
        );
    }

    #[test]
    fn slash_omitted_or_no_access_point_pass() {
        assert_passes(
            &Rule::META,
            &task(&format!(r#"{AP}, "rootDirectory": "/""#)),
        );
        assert_passes(&Rule::META, &task(AP));
        assert_passes(&Rule::META, &task(r#", "rootDirectory": "/data""#));
    }
}
