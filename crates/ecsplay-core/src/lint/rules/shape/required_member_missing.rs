use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a nested structure without a member the ECS API requires in it:
    /// `Ulimit.name/softLimit/hardLimit`, `HostEntry.hostname/ipAddress`,
    /// `ContainerDependency.containerName/condition`, `EnvironmentFile.value/type`,
    /// `RepositoryCredentials.credentialsParameter`, `Device.hostPath`,
    /// `Tmpfs.containerPath/size`, `ResourceRequirement.type`, `FirelensConfiguration.type`,
    /// `ProxyConfiguration.containerName`, `EFSVolumeConfiguration.fileSystemId`,
    /// `FSxWindowsFileServerVolumeConfiguration.fileSystemId/rootDirectory/authorizationConfig`
    /// (and its `credentialsParameter`, `domain`), `S3FilesVolumeConfiguration.fileSystemArn`,
    /// `InferenceAccelerator.deviceName/deviceType`, `EphemeralStorage.sizeInGiB`,
    /// `TrustedExecutionConfiguration.isolationMode`, `NvidiaMpsAllocation.memory`. Found by
    /// the JSON Schema layer (`required`), pointed at the object that should hold the member.
    ///
    /// Required members with a rule of their own are reported there: `family` (TD-SHAPE-001),
    /// `containerDefinitions` (TD-SHAPE-004), container `name` and `image` (TD-SHAPE-020,
    /// TD-SHAPE-030), secrets (TD-ENV-009), log `secretOptions` (TD-LOG-025), `logDriver`
    /// (TD-LOG-001), health-check `command` (TD-HC-001), `restartPolicy.enabled` (TD-DEP-016).
    ///
    /// ## Why is this bad?
    /// The AWS CLI and SDKs refuse the request (`Missing required parameter in
    /// containerDefinitions[0].ulimits[0]: "softLimit"`), and CloudFormation rejects the
    /// template. The model gives no default for these members.
    ///
    /// `Tmpfs.containerPath` is required by the API although CloudFormation's schema only
    /// requires `Size`; ECS still rejects a tmpfs mount without a path, so it is reported for
    /// templates too.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "ulimits": [{"name": "nofile", "hardLimit": 65536}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Ulimit, BOTO:HostEntry, BOTO:ContainerDependency, BOTO:Tmpfs, … (botocore 1.44.5 ECS model: `required` lists)
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition definitions (`required`)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Ulimit.html
    pub struct RequiredMemberMissing {
        code: "TD-SHAPE-014",
        name: "required-member-missing",
        severity: Error,
        scope: Engine,
        summary: "Nested structure without a member the ECS API requires",
    }
}

#[cfg(test)]
mod tests {
    use super::RequiredMemberMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn missing_member_points_at_the_object() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "ulimits": [{"name": "nofile", "hardLimit": 1}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/ulimits/0");
        assert_eq!(
            spanned(text, &d[0]),
            r#"{"name": "nofile", "hardLimit": 1}"#
        );
        assert_eq!(
            d[0].message,
            "containerDefinitions[0].ulimits[0] is missing the required member \"softLimit\""
        );
        assert_eq!(d[0].help.as_deref(), Some("add \"softLimit\""));
    }

    #[test]
    fn task_level_structures() {
        let text = r#"{"family": "a", "ephemeralStorage": {}, "volumes": [{"name": "v", "efsVolumeConfiguration": {"rootDirectory": "/"}}], "containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        let pointers: Vec<&str> = d.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["/ephemeralStorage", "/volumes/0/efsVolumeConfiguration"]
        );
    }

    #[test]
    fn cloudformation_names_the_member_as_written() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n          EFSVolumeConfiguration: {RootDirectory: /}\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Ulimits:\n            - HardLimit: !Ref Limit\n";
        let d = assert_fails(&Rule::META, text);
        assert!(d.iter().any(|d| d.message == "Volumes[0].EFSVolumeConfiguration is missing the required member \"FilesystemId\""), "{:#?}", d);
        assert!(d.iter().any(|d| d.message == "ContainerDefinitions[0].Ulimits[0] is missing the required members \"Name\" and \"SoftLimit\""), "{:#?}", d);
        assert!(d
            .iter()
            .any(|d| d.help.as_deref() == Some("add \"Name\" and \"SoftLimit\"")));
        // The block mapping is underlined from its first key.
        let ulimit = d
            .iter()
            .find(|d| d.pointer.ends_with("/Ulimits/0"))
            .unwrap();
        assert_eq!(spanned(text, ulimit), "HardLimit: !Ref Limit");
    }

    #[test]
    fn terraform_and_null_required_members() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "dependsOn": [{"containerName": "x", "condition": null}]}]"#,
        );
        assert_eq!(d[0].pointer, "/0/dependsOn/0");
    }

    #[test]
    fn complete_structures_and_other_rules_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "ephemeralStorage": {"sizeInGiB": 30}, "containerDefinitions": [{"name": "a", "image": "b", "ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 2}], "extraHosts": [{"hostname": "h", "ipAddress": "10.0.0.1"}]}]}"#,
        );
        // These required members have rules of their own.
        assert_passes(
            &Rule::META,
            r#"{"containerDefinitions": [{"secrets": [{"name": "A"}], "healthCheck": {}, "logConfiguration": {}, "restartPolicy": {}}]}"#,
        );
    }
}
