use super::efs_volumes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an Amazon EFS volume with an `authorizationConfig.accessPointId` and a
    /// `rootDirectory` other than `/`.
    ///
    /// ## Why is this bad?
    /// An access point already fixes the directory of the file system that clients see; ECS
    /// does not combine it with a second root directory. RegisterTaskDefinition rejects the
    /// definition with `When using an EFS access point, the root directory must either be set to
    /// "/" or be omitted`. Set the directory on the access point instead.
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
    ///      "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "/cms/uploads",
    ///                                 "transitEncryption": "ENABLED",
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
    /// - BOTO:EFSVolumeConfiguration.rootDirectory (botocore 1.44.5 ECS model: omit or / with an access point)
    /// - ERR: https://github.com/aws/aws-cdk/issues/10683
    pub struct EfsAccessPointRootDirectory {
        code: "TD-VOL-015",
        name: "efs-access-point-root-directory",
        severity: Error,
        scope: Task,
        summary: "An EFS volume combines an access point with a root directory other than /",
    }
}

impl Rule for EfsAccessPointRootDirectory {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for efs in efs_volumes(cx) {
            let Some(access_point) = efs.access_point else {
                continue;
            };
            let Some(node) = efs.config.get("rootDirectory") else {
                continue;
            };
            let Some(dir) = node.as_str().filter(|d| !d.is_empty() && *d != "/") else {
                continue;
            };
            out.push(
                Finding::at(
                    node,
                    format!("When using an EFS access point, the root directory must either be set to \"/\" or be omitted, not \"{dir}\""),
                )
                .label(access_point, "the access point is set here")
                .help(format!(
                    "remove \"rootDirectory\" and give the access point the root directory {dir} instead"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::efs_task as task;
    use super::EfsAccessPointRootDirectory as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn root_directory_with_access_point_fails() {
        let text = task(
            r#"{"fileSystemId": "fs-1", "rootDirectory": "/data", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1"}}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "\"/data\"");
        assert_eq!(
            d[0].message,
            "When using an EFS access point, the root directory must either be set to \"/\" or be omitted, not \"/data\""
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n            RootDirectory: /data\n            AuthorizationConfig:\n              AccessPointId: !Ref AccessPoint\n      ContainerDefinitions:\n        - Name: a\n");
    }

    #[test]
    fn slash_omitted_or_no_access_point_passes() {
        assert_passes(
            &Rule::META,
            &task(
                r#"{"fileSystemId": "fs-1", "rootDirectory": "/", "authorizationConfig": {"accessPointId": "fsap-1"}}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#"{"fileSystemId": "fs-1", "authorizationConfig": {"accessPointId": "fsap-1"}}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(r#"{"fileSystemId": "fs-1", "rootDirectory": "/data"}"#),
        );
    }
}
