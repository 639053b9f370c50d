use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a container definition without an `image`, or with an empty or `null` one.
    /// Found by the JSON Schema layer (`required`, `minLength`).
    ///
    /// ## Why is this bad?
    /// The image is what the container runs. The API model does not mark it required, so the
    /// AWS CLI sends the request, but ECS rejects it: `ClientException: Container.image should
    /// not be null or empty.` CloudFormation's schema requires `Image` as well. An empty image
    /// is typical of a template whose image variable was not substituted.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - MOTO: moto/ecs/exceptions.py (`Container.image should not be null or empty.`)
    /// - ERR: https://github.com/prefect-archive/prefect-aws/issues/159
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition ContainerDefinition (`required: [Name, Image]`)
    pub struct ContainerImageMissing {
        code: "TD-SHAPE-030",
        name: "container-image-missing",
        severity: Error,
        scope: Engine,
        summary: "Container definition without an image",
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerImageMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn missing_image_points_at_the_container() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "web"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0");
        assert_eq!(spanned(text, &d[0]), r#"{"name": "web"}"#);
        assert_eq!(
            d[0].message,
            "container 'web' has no \"image\" (Container.image should not be null or empty)"
        );
    }

    #[test]
    fn empty_and_null_images() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "web", "image": ""}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/image");
        assert_eq!(spanned(text, &d[0]), "\"\"");
        let d = assert_fails(&Rule::META, r#"[{"name": "web", "image": null}]"#);
        assert_eq!(d[0].pointer, "/0");
    }

    #[test]
    fn cloudformation() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n");
        assert!(
            d[0].message.contains("has no \"Image\""),
            "{}",
            d[0].message
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Image: !Sub '${Repo}:latest'\n");
    }

    #[test]
    fn images_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "nginx"}]}"#,
        );
        // A malformed image is TD-SHAPE-031/032.
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "nginx latest"}]"#);
    }
}
