use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a member of `describe-task-definition` output that RegisterTaskDefinition does not
    /// take, in a body meant for registration: `taskDefinitionArn`, `revision`, `status`,
    /// `requiresAttributes`, `compatibilities`, `registeredAt`, `registeredBy`,
    /// `deregisteredAt`, `deleteRequestedAt`. Found by the JSON Schema layer
    /// (`additionalProperties: false`) and pointed at the key.
    ///
    /// Whole `describe-task-definition` output (with its `taskDefinition` wrapper) is recognised
    /// as such and these members are expected there; the rule fires when the inner object was
    /// copied out and is used as register input.
    ///
    /// ## Why is this bad?
    /// ECS fills these members in when it registers a revision; they are not parameters. The
    /// AWS CLI and SDKs refuse the request before sending it:
    /// `Unknown parameter in input: "taskDefinitionArn", must be one of: family, taskRoleArn, …`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3",
    ///   "family": "web",
    ///   "revision": 3,
    ///   "status": "ACTIVE",
    ///   "compatibilities": ["EC2", "FARGATE"],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:TaskDefinition vs BOTO:RegisterTaskDefinitionRequest (botocore 1.44.5 ECS model: members only in the output shape)
    /// - botocore ParamValidator run on a describe-style body (rules.md §1.2: `Unknown parameter in input`)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html
    pub struct ReadOnlyMember {
        code: "TD-SHAPE-007",
        name: "read-only-member",
        severity: Error,
        scope: Engine,
        summary: "Read-only describe-task-definition member in a body meant for registration",
    }
}

#[cfg(test)]
mod tests {
    use super::ReadOnlyMember as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn each_read_only_member_is_reported_at_its_key() {
        let text = r#"{"family": "web", "revision": 3, "status": "ACTIVE", "registeredAt": "2024-01-01T00:00:00Z", "containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].pointer, "/revision");
        assert_eq!(spanned(text, &d[0]), "\"revision\"");
        assert!(
            d[0].message
                .contains("Unknown parameter in input: \"revision\""),
            "{}",
            d[0].message
        );
        assert!(d[0]
            .help
            .as_deref()
            .unwrap_or("")
            .starts_with("remove \"revision\""));
    }

    #[test]
    fn every_read_only_name() {
        for key in crate::forms::READ_ONLY_MEMBERS {
            let text = format!(
                r#"{{"family": "web", "{key}": 1, "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
            );
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, format!("/{key}"));
        }
    }

    #[test]
    fn cloudformation_read_only_attribute() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      TaskDefinitionArn: arn:aws:ecs:us-east-1:123456789012:task-definition/web:1\n      ContainerDefinitions: [{Name: a, Image: b}]\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "TaskDefinitionArn");
        assert_eq!(d[0].message, "\"TaskDefinitionArn\" is read-only output of ECS, not a property of AWS::ECS::TaskDefinition");
        assert_eq!(
            d[0].help.as_deref(),
            Some("remove it: the ARN is an output of the resource (!Ref returns it)")
        );
    }

    #[test]
    fn describe_output_and_nested_keys_pass() {
        assert_passes(
            &Rule::META,
            r#"{"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3", "family": "web", "revision": 3, "status": "ACTIVE", "containerDefinitions": [{"name": "a", "image": "b"}]}}"#,
        );
        // "status" inside a container is an unknown key (TD-SHAPE-009), not a read-only member.
        assert_passes(
            &Rule::META,
            r#"{"family": "web", "containerDefinitions": [{"name": "a", "image": "b", "status": "x"}]}"#,
        );
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
