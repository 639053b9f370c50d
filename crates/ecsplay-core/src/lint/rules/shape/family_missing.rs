use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a task definition without a `family`, or with an empty one. Found by the JSON
    /// Schema layer (`required`, `minLength`).
    ///
    /// ## Why is this bad?
    /// `family` is one of the two members the RegisterTaskDefinition request requires: it names
    /// the task definition, and every registration adds a revision to that family. The AWS CLI
    /// refuses the request before sending it (`Missing required parameter in input: "family"`),
    /// and ECS rejects an empty name.
    ///
    /// In CloudFormation `Family` is optional (CloudFormation generates one), so a missing
    /// `Family` is not reported there; an empty one still is.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "",
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
    /// - BOTO:RegisterTaskDefinitionRequest.family (botocore 1.44.5 ECS model: required member)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition Family (optional; generated when omitted)
    pub struct FamilyMissing {
        code: "TD-SHAPE-001",
        name: "family-missing",
        severity: Error,
        scope: Engine,
        summary: "Task definition without a family name",
    }
}

#[cfg(test)]
mod tests {
    use super::FamilyMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn missing_family_points_at_the_root() {
        let text = r#"{"containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "");
        assert_eq!(d[0].range.start.offset, 0);
        assert!(d[0].message.contains("\"family\""), "{}", d[0].message);
    }

    #[test]
    fn empty_or_null_family_fails() {
        let text = r#"{"family": "", "containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1, "one finding for minLength and pattern together");
        assert_eq!(d[0].pointer, "/family");
        assert_eq!(spanned(text, &d[0]), "\"\"");
        // null is "not set" to ECS: the required member is missing.
        let text = r#"{"family": null, "containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "");
    }

    #[test]
    fn describe_output_without_family_fails() {
        let d = assert_fails(
            &Rule::META,
            r#"{"taskDefinition": {"containerDefinitions": [{"name": "a", "image": "b"}]}}"#,
        );
        assert_eq!(d[0].pointer, "/taskDefinition");
    }

    #[test]
    fn a_family_passes() {
        assert_passes(
            &Rule::META,
            r#"{"family": "web", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        // An invalid name is TD-SHAPE-002, not a missing one.
        assert_passes(
            &Rule::META,
            r#"{"family": "my web", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        // CloudFormation generates a family when Family is omitted.
        assert_passes(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n",
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: !Ref AWS::StackName\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
        // Terraform arrays hold no family.
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
