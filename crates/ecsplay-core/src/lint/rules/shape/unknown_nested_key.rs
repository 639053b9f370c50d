use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a key inside a nested structure (a container definition, a port mapping, a log
    /// configuration, a volume, …) that the ECS API does not define for that structure. Found
    /// by the JSON Schema layer (`additionalProperties: false` on every structure), pointed at
    /// the key, with the closest known name when there is one.
    ///
    /// Typical causes: a typo (`essental`), another tool's spelling (`hostPath` directly on a
    /// volume is the Terraform/Pulumi shape; the API nests it as `host.sourcePath`), a member
    /// put one level too high or too low (`initProcessEnabled` inside `capabilities`), or the
    /// wrong letter case (`PortMappings` in JSON, `portMappings` in CloudFormation).
    ///
    /// ## Why is this bad?
    /// The AWS CLI and SDKs refuse the request (`Unknown parameter in
    /// containerDefinitions[0]: "essental", must be one of: …`). CloudFormation's validation of
    /// the resource (cfn-lint E3002 mirrors it) only logs `extraneous key [...] is not
    /// permitted` in the stack events and creates the task definition without the property
    /// (cloudformation-coverage-roadmap#1005 and #1514), and in a Terraform
    /// `container_definitions` string the provider decodes the JSON leniently and drops the key:
    /// in both the setting silently does nothing, so for those forms the finding is a warning. (That decoder, Go's `encoding/json`,
    /// also matches member names in any letter case, so `"Essential"` is not reported there.)
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "data", "hostPath": "/srv/data"}],
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "essental": true,
    ///       "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "data", "host": {"sourcePath": "/srv/data"}}],
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "essential": true,
    ///       "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - ERR: https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1005 (extraneous key logged, resource created)
    /// - BOTO:ContainerDefinition, BOTO:Volume, BOTO:PortMapping, … (botocore 1.44.5 ECS model: the members of each structure)
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition (every definition has `additionalProperties: false`; cfn-lint E3002)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
    pub struct UnknownNestedKey {
        code: "TD-SHAPE-009",
        name: "unknown-nested-key",
        severity: Error,
        scope: Engine,
        summary: "Key that the ECS API does not define for this structure",
    }
}

#[cfg(test)]
mod tests {
    use super::UnknownNestedKey as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn typo_in_a_container_is_reported_at_the_key() {
        let text = r#"{"family": "web", "containerDefinitions": [{"name": "a", "image": "b", "essental": true}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/essental");
        assert_eq!(spanned(text, &d[0]), "\"essental\"");
        assert_eq!(
            d[0].message,
            "unknown key \"essental\" in containerDefinitions[0]"
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean \"essential\"?"));
    }

    #[test]
    fn terraform_volume_shape_gets_the_api_shape() {
        let text = r#"{"family": "web", "volumes": [{"name": "data", "hostPath": "/srv"}], "containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/volumes/0/hostPath");
        assert!(d[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("\"sourcePath\""));
    }

    #[test]
    fn deep_and_cloudformation_keys() {
        let text = r#"{"family": "web", "containerDefinitions": [{"name": "a", "image": "b", "linuxParameters": {"capabilities": {"add": ["SYS_PTRACE"], "initProcessEnabled": true}}}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/linuxParameters/capabilities/initProcessEnabled"
        );
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          portMappings: [{ContainerPort: 80}]\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "portMappings");
        assert_eq!(
            d[0].message,
            "unknown key \"portMappings\" in ContainerDefinitions[0]; CloudFormation ignores it (the stack events log \"extraneous key is not permitted\")"
        );
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].help.as_deref(), Some("did you mean \"PortMappings\"?"));
    }

    #[test]
    fn terraform_drops_unknown_keys_so_it_is_a_warning() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "hostname_": "x"}]"#,
        );
        assert_eq!(d[0].pointer, "/0/hostname_");
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].message,
            "unknown key \"hostname_\" in container_definitions[0]"
        );
        // Its JSON decoder matches names in any case, so "Essential" is essential there.
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "Essential": true, "LogConfiguration": {"LogDriver": "awslogs", "Options": {"Any-Key": "x"}}}]"#,
        );
    }

    #[test]
    fn known_keys_and_map_keys_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "web", "containerDefinitions": [{"name": "a", "image": "b", "dockerLabels": {"anything.goes": "x"}, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "mode": "non-blocking"}}}]}"#,
        );
        // Top-level unknown keys are TD-SHAPE-008.
        assert_passes(
            &Rule::META,
            r#"{"family": "web", "foo": 1, "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: d\n          EFSVolumeConfiguration: {FilesystemId: fs-1, AuthorizationConfig: {IAM: ENABLED}}\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          DockerLabels: {lower.case: x}\n");
    }
}
