use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a `networkMode` that is not one of the four modes ECS knows: `awsvpc`, `bridge`,
    /// `host` and `none`. Words from the console or older documentation, such as `"default"` or
    /// `"nat"` for the Windows default, are not API values either.
    ///
    /// The check is made by the JSON Schema layer (the `networkMode` enum), which reports it
    /// under this code; an empty string is reported as TD-SHAPE-015 instead.
    ///
    /// ## Why is this bad?
    /// RegisterTaskDefinition and CloudFormation (`E3030`) reject the task definition; the AWS
    /// CLI's client-side validation does not check enums, so the error only comes back from the
    /// service. The Windows default (NAT) has no name in the API: it is what you get when you
    /// leave `networkMode` out.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "prometheus",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "networkMode": "default",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "prometheus",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.networkMode (botocore 1.44.5 ECS model: enum `bridge`, `host`, `awsvpc`, `none`)
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition NetworkMode enum (cfn-lint 1.58.0, E3030)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode
    pub struct NetworkModeInvalid {
        code: "TD-NET-001",
        name: "network-mode-invalid",
        severity: Error,
        scope: Engine,
        summary: "networkMode is not one of awsvpc, bridge, host or none",
    }
}

#[cfg(test)]
mod tests {
    use super::NetworkModeInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unknown_modes_fail() {
        let text = r#"{"family": "a", "networkMode": "nat", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/networkMode");
        assert_eq!(spanned(text, &d[0]), "\"nat\"");
        assert!(d[0].message.contains("\"nat\" is not a valid networkMode"));
        assert_fails(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpcx\n      ContainerDefinitions: [{Name: a, Image: b, Memory: 64}]\n",
        );
    }

    #[test]
    fn known_modes_and_omission_pass() {
        for mode in ["awsvpc", "bridge", "host", "none"] {
            assert_passes(
                &Rule::META,
                &format!(
                    r#"{{"family": "a", "networkMode": "{mode}", "containerDefinitions": [{{"name": "a", "image": "b", "memory": 64}}]}}"#
                ),
            );
        }
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]}"#,
        );
        // An empty string is TD-SHAPE-015's; a deploy-time value is not judged.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "networkMode": "", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]}"#,
        );
        assert_passes(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: !Ref Mode\n      ContainerDefinitions: [{Name: a, Image: b, Memory: 64}]\n",
        );
    }
}
