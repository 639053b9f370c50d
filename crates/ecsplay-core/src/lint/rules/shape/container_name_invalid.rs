use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a container `name` that is not 1 to 255 letters, digits, hyphens and
    /// underscores (`^[A-Za-z0-9_-]{1,255}$`): dots, spaces, slashes, or a name longer than 255
    /// characters. Found by the JSON Schema layer (`pattern`); an empty name is TD-SHAPE-020.
    ///
    /// ## Why is this bad?
    /// ECS rejects the registration with `Container.name contains invalid characters.` Names
    /// such as `web.app` or `my app` are common when copying service or DNS names.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web.app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web-app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.name (botocore 1.44.5 ECS model: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed")
    /// - ERR: https://github.com/hashicorp/terraform-provider-aws/issues/5950 (`Container.name contains invalid characters.`)
    pub struct ContainerNameInvalid {
        code: "TD-SHAPE-021",
        name: "container-name-invalid",
        severity: Error,
        scope: Engine,
        summary: "Container name with characters other than letters, digits, - and _, or longer than 255",
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerNameInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(name: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "{name}", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn invalid_characters_are_named() {
        let text = td("web.app");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/name");
        assert_eq!(spanned(&text, &d[0]), "\"web.app\"");
        assert_eq!(
            d[0].message,
            "container name \"web.app\" contains invalid characters: '.' (Container.name contains invalid characters.)"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("use only letters, digits, hyphens (-) and underscores (_), for example \"web-app\"")
        );
        assert_fails(&Rule::META, &td("my app"));
        assert_fails(&Rule::META, &td("app:1"));
    }

    #[test]
    fn length_boundary() {
        assert_passes(&Rule::META, &td(&"n".repeat(255)));
        assert_fails(&Rule::META, &td(&"n".repeat(256)));
    }

    #[test]
    fn terraform_and_cloudformation() {
        let d = assert_fails(&Rule::META, r#"[{"name": "a/b", "image": "b"}]"#);
        assert_eq!(d[0].pointer, "/0/name");
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web app\n          Image: b\n");
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/Name"
        );
    }

    #[test]
    fn valid_names_pass() {
        assert_passes(&Rule::META, &td("Web_app-2"));
        assert_passes(&Rule::META, &td(""));
        // Other structures' names follow other rules (volumes: TD-VOL-005, ports: TD-PORT-015).
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "volumes": [{"name": "a.b"}], "containerDefinitions": [{"name": "a", "image": "b", "environment": [{"name": "a.b", "value": "c"}]}]}"#,
        );
    }
}
