use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports an `environment` entry whose `value` is not a JSON string: a number
    /// (`"value": 8080`), a boolean (`"value": true`), an object or a list. Found by the JSON
    /// Schema layer (`type`), pointed at the value.
    ///
    /// ## Why is this bad?
    /// Environment variables are `{name, value}` pairs of strings in the API. The AWS CLI and
    /// SDKs refuse the request: `Invalid type for parameter
    /// containerDefinitions[0].environment[0].value, value: 8080, type: <class 'int'>, valid
    /// types: <class 'str'>`, and Terraform's provider fails to decode the
    /// `container_definitions` JSON. Quoting the value is all it takes.
    ///
    /// CloudFormation converts scalars to strings itself (`Value: 8080` works in a template),
    /// so a number or boolean is not reported there; a list or an object still is. A `null`
    /// value is a warning: ECS reads it as not set, but the AWS CLI rejects it.
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
    ///       "environment": [
    ///         {"name": "PORT", "value": 8080},
    ///         {"name": "DEBUG", "value": false}
    ///       ]
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
    ///       "environment": [
    ///         {"name": "PORT", "value": "8080"},
    ///         {"name": "DEBUG", "value": "false"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:KeyValuePair.value (botocore 1.44.5 ECS model: string)
    /// - botocore ParamValidator run (`Invalid type for parameter …environment[0].value`)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KeyValuePair.html
    pub struct EnvironmentValueNotString {
        code: "TD-ENV-001",
        name: "environment-value-not-string",
        severity: Error,
        scope: Engine,
        summary: "Environment variable value that is not a JSON string",
    }
}

#[cfg(test)]
mod tests {
    use super::EnvironmentValueNotString as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn number_and_boolean_values_fail() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "environment": [{"name": "PORT", "value": 8080}, {"name": "D", "value": true}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/environment/0/value");
        assert_eq!(spanned(text, &d[0]), "8080");
        assert_eq!(
            d[0].message,
            "containerDefinitions[0].environment[0].value must be a string, not an integer (8080)"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("write it as a JSON string: \"8080\"")
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some("write it as a JSON string: \"true\"")
        );
    }

    #[test]
    fn terraform_values_and_null() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environment": [{"name": "N", "value": 1.5}]}]"#,
        );
        assert_eq!(d[0].pointer, "/0/environment/0/value");
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "environment": [{"name": "N", "value": null}]}]}"#,
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn cloudformation_coerces_scalars_but_not_lists() {
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Environment:\n            - {Name: PORT, Value: 8080}\n            - {Name: D, Value: true}\n            - {Name: R, Value: !Ref AWS::Region}\n");
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Environment:\n            - {Name: HOSTS, Value: [a, b]}\n");
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/Environment/0/Value"
        );
    }

    #[test]
    fn strings_and_other_members_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "environment": [{"name": "PORT", "value": "8080"}]}]}"#,
        );
        // Other "value" members are TD-SHAPE-010.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "systemControls": [{"namespace": "net.core.somaxconn", "value": 1024}]}]}"#,
        );
    }
}
