use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a container definition without a `name`, or with an empty or `null` one. Found
    /// by the JSON Schema layer (`required`, `minLength`); a missing name points at the
    /// container, an empty one at the value.
    ///
    /// ## Why is this bad?
    /// The API model marks no container member as required, so the AWS CLI sends the request,
    /// but ECS rejects it: `ClientException: Container.name should not be null or empty.` The
    /// name is how dependencies, links, `volumesFrom`, FireLens and load balancers refer to the
    /// container. CloudFormation's schema requires `Name` as well.
    ///
    /// The same message comes back when a whole task definition is pasted into Terraform's
    /// `container_definitions`, which must hold only the list of containers.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - MOTO: moto/ecs/exceptions.py (`Container.name should not be null or empty.`)
    /// - ERR: https://github.com/awsdocs/aws-cloudformation-user-guide/pull/612
    /// - ERR: https://github.com/hashicorp/terraform/issues/2888 (a whole task definition in container_definitions)
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition ContainerDefinition (`required: [Name, Image]`)
    pub struct ContainerNameMissing {
        code: "TD-SHAPE-020",
        name: "container-name-missing",
        severity: Error,
        scope: Engine,
        summary: "Container definition without a name",
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerNameMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn missing_name_points_at_the_container() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "ok", "image": "b"}, {"image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/1");
        assert_eq!(spanned(text, &d[0]), r#"{"image": "b"}"#);
        assert_eq!(
            d[0].message,
            "containerDefinitions[1] has no \"name\" (Container.name should not be null or empty)"
        );
    }

    #[test]
    fn empty_and_null_names() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/name");
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": null, "image": "b"}]}"#,
        );
        assert_eq!(d[0].pointer, "/containerDefinitions/0");
    }

    #[test]
    fn terraform_and_cloudformation() {
        // A whole task definition pasted into container_definitions is not a known form.
        let d = assert_fails(
            &Rule::META,
            r#"[{"image": "b"}, {"name": "x", "image": "b"}]"#,
        );
        assert_eq!(d[0].pointer, "/0");
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Image: b\n");
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0"
        );
        assert!(d[0].message.contains("has no \"Name\""), "{}", d[0].message);
    }

    #[test]
    fn terraform_matches_member_names_in_any_case() {
        // The provider's JSON decoder reads "Name" as name; a container without one still fails.
        assert_passes(
            &Rule::META,
            r#"[{"Name": "a", "Image": "b", "PortMappings": [{"ContainerPort": 80}]}]"#,
        );
        let d = assert_fails(&Rule::META, r#"[{"image": "b"}]"#);
        assert_eq!(
            d[0].message,
            "container_definitions[0] has no \"name\" (Container.name should not be null or empty)"
        );
        // The API and CloudFormation are case-sensitive.
        assert_fails(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"Name": "a", "image": "b"}]}"#,
        );
    }

    #[test]
    fn named_containers_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        // An invalid name is TD-SHAPE-021.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a b", "image": "b"}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: !Ref Name\n          Image: b\n");
        // "name" of other structures is not a container name.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "volumes": [{}], "containerDefinitions": [{"name": "a", "image": "b", "environment": [{"value": "x"}]}]}"#,
        );
    }
}
