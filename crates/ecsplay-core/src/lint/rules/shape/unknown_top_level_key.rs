use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a top-level key that is not a RegisterTaskDefinition parameter (and not one of the
    /// read-only members of TD-SHAPE-007): a typo (`containerDefinition`), a key of another tool
    /// (`task_role_arn`, `container_definitions`), or a wrong letter case (`Family` in JSON,
    /// `family` in CloudFormation). Found by the JSON Schema layer
    /// (`additionalProperties: false`), pointed at the key, with the closest known name. In a
    /// CloudFormation template, `TrustedExecutionConfiguration` is reported too: the API has it,
    /// the `AWS::ECS::TaskDefinition` resource schema does not.
    ///
    /// ## Why is this bad?
    /// The AWS CLI and SDKs refuse the whole request (`Unknown parameter in input: "cpus", must
    /// be one of: family, taskRoleArn, …`). CloudFormation's validation of the resource
    /// (cfn-lint E3002 mirrors it) only logs `extraneous key [...] is not permitted` in the
    /// stack events and creates the task definition without the property
    /// (cloudformation-coverage-roadmap#1005 and #1514): the setting silently does nothing, so
    /// in a template the finding is a warning.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "executionRole": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - ERR: https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1005 (extraneous key logged, resource created)
    /// - BOTO:RegisterTaskDefinitionRequest (botocore 1.44.5 ECS model: the request members)
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition (`additionalProperties: false`; cfn-lint E3002)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
    pub struct UnknownTopLevelKey {
        code: "TD-SHAPE-008",
        name: "unknown-top-level-key",
        severity: Error,
        scope: Engine,
        summary: "Top-level key that is not a RegisterTaskDefinition parameter",
    }
}

#[cfg(test)]
mod tests {
    use super::UnknownTopLevelKey as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unknown_key_is_reported_at_the_key_with_a_suggestion() {
        let text = r#"{"family": "web", "executionRole": "x", "containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/executionRole");
        assert_eq!(spanned(text, &d[0]), "\"executionRole\"");
        assert_eq!(
            d[0].message,
            "unknown key \"executionRole\" in the task definition"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("did you mean \"executionRoleArn\"?")
        );
    }

    #[test]
    fn snake_case_and_unrelated_keys() {
        let text = r#"{"family": "web", "task_role_arn": "x", "hello": 1, "containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].help.as_deref(), Some("did you mean \"taskRoleArn\"?"));
        assert!(d[1].help.as_deref().unwrap_or("").starts_with("remove it"));
    }

    #[test]
    fn cloudformation_camel_case_property_is_unknown() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      networkMode: awsvpc\n      ContainerDefinitions: [{Name: a, Image: b}]\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/Resources/T/Properties/networkMode");
        assert_eq!(spanned(text, &d[0]), "networkMode");
        assert_eq!(d[0].help.as_deref(), Some("did you mean \"NetworkMode\"?"));
    }

    #[test]
    fn cloudformation_has_no_trusted_execution_property() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      TrustedExecutionConfiguration: {IsolationMode: SHARED}\n      ContainerDefinitions: [{Name: a, Image: b}]\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(text, &d[0]), "TrustedExecutionConfiguration");
        // The API has it.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["MANAGED_INSTANCES"], "trustedExecutionConfiguration": {"isolationMode": "SHARED"}, "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
    }

    #[test]
    fn known_keys_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "web", "taskRoleArn": "r", "enableFaultInjection": false, "pidMode": "task", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        // Read-only members are TD-SHAPE-007; nested unknown keys TD-SHAPE-009.
        assert_passes(
            &Rule::META,
            r#"{"family": "web", "revision": 1, "containerDefinitions": [{"name": "a", "image": "b", "foo": 1}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      Tags: [{Key: a, Value: b}]\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
    }
}
