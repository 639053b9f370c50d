use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a string given where the ECS API takes a list: `command`, `entryPoint`,
    /// `dnsServers`, `dnsSearchDomains`, `links`, `dockerSecurityOptions`, a health check's
    /// `command`, `credentialSpecs`, capability lists, and so on. Found by the JSON Schema
    /// layer (`type`); other type mismatches are TD-SHAPE-010.
    ///
    /// ## Why is this bad?
    /// The AWS CLI and SDKs refuse the request (`Invalid type for parameter
    /// containerDefinitions[0].command, value: npm start, type: <class 'str'>, valid types:
    /// <class 'list'>, <class 'tuple'>`), CloudFormation rejects the template (it does not turn
    /// a string into a list), and Terraform's provider fails to decode the JSON. The fix is
    /// usually more than adding brackets: `command` and `entryPoint` take one argument per item
    /// (Docker's exec form), and a health check command starts with `CMD` or `CMD-SHELL`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/docker/library/node:22",
    ///       "memory": 512,
    ///       "command": "npm start",
    ///       "healthCheck": {"command": "curl -f http://localhost:3000/ || exit 1"}
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
    ///       "image": "public.ecr.aws/docker/library/node:22",
    ///       "memory": 512,
    ///       "command": ["npm", "start"],
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:3000/ || exit 1"]}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.command, entryPoint, dnsServers, links (botocore 1.44.5 ECS model: list of strings)
    /// - BOTO:HealthCheck.command (list: `[ "CMD-SHELL", "curl -f http://localhost/ || exit 1" ]`)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_environment
    pub struct StringInsteadOfList {
        code: "TD-MISC-014",
        name: "string-instead-of-list",
        severity: Error,
        scope: Engine,
        summary: "String given where the ECS API takes a list",
    }
}

#[cfg(test)]
mod tests {
    use super::StringInsteadOfList as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn command_string_gets_the_exec_form() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "command": "npm run start"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/command");
        assert_eq!(spanned(text, &d[0]), "\"npm run start\"");
        assert_eq!(
            d[0].message,
            "containerDefinitions[0].command must be an array, not a string (\"npm run start\")"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("write it as a list with one argument per item: [\"npm\", \"run\", \"start\"]")
        );
    }

    #[test]
    fn health_check_and_other_lists() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "healthCheck": {"command": "curl -f http://localhost/"}, "dnsServers": "10.0.0.2"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[0].help.as_deref(),
            Some("write it as a list: [\"CMD-SHELL\", \"curl -f http://localhost/\"]")
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some("write it as a list: [\"10.0.0.2\"]")
        );
    }

    #[test]
    fn cloudformation_and_terraform() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - {Name: a, Image: b, EntryPoint: /bin/sh}\n");
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/EntryPoint"
        );
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "links": "db"}]"#,
        );
        assert_eq!(d[0].pointer, "/0/links");
    }

    #[test]
    fn lists_and_other_mismatches_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "command": ["npm", "start"]}]}"#,
        );
        // An object for a list, or a string for an integer, is TD-SHAPE-010.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "portMappings": {"containerPort": 80}, "memory": "512"}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - {Name: a, Image: b, Command: !Split [' ', !Ref Cmd]}\n");
    }
}
