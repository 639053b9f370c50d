use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a `family` that is not 1 to 255 letters, digits, hyphens and underscores
    /// (`^[A-Za-z0-9_-]{1,255}$`): a space, a dot, a slash, a template placeholder such as
    /// `{{env}}`, or a name longer than 255 characters. Found by the JSON Schema layer
    /// (`pattern`); an empty family is TD-SHAPE-001.
    ///
    /// ## Why is this bad?
    /// ECS rejects the registration. The family is part of the task definition ARN
    /// (`arn:aws:ecs:region:account:task-definition/family:revision`), so only the ARN-safe
    /// characters are allowed.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web.frontend",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web-frontend",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.family (botocore 1.44.5 ECS model: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#family
    pub struct FamilyInvalid {
        code: "TD-SHAPE-002",
        name: "family-invalid",
        severity: Error,
        scope: Engine,
        summary: "Task definition family with characters other than letters, digits, - and _, or longer than 255",
    }
}

#[cfg(test)]
mod tests {
    use super::FamilyInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(family: &str) -> String {
        format!(
            r#"{{"family": "{family}", "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn invalid_characters_fail_and_are_named() {
        let text = td("my web/app");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/family");
        assert_eq!(spanned(&text, &d[0]), "\"my web/app\"");
        assert!(
            d[0].message.contains("' ' (space), '/'"),
            "{}",
            d[0].message
        );
        assert!(d[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("\"my-web-app\""));
        assert_fails(&Rule::META, &td("web-{{env}}"));
        assert_fails(&Rule::META, &td("caf\u{e9}"));
    }

    #[test]
    fn length_boundary() {
        assert_passes(&Rule::META, &td(&"a".repeat(255)));
        let d = assert_fails(&Rule::META, &td(&"a".repeat(256)));
        assert!(d[0].message.contains("256 characters"), "{}", d[0].message);
    }

    #[test]
    fn cloudformation_family_is_checked_too() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: web app\n      ContainerDefinitions: [{Name: a, Image: b}]\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/Resources/T/Properties/Family");
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: !Sub '${AWS::StackName} web'\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
    }

    #[test]
    fn valid_or_empty_families_pass() {
        assert_passes(&Rule::META, &td("Web_front-end-2"));
        // Empty is TD-SHAPE-001.
        assert_passes(&Rule::META, &td(""));
    }
}
