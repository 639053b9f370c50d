use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a well-formed document that is none of the input forms ecsplay reads: a
    /// RegisterTaskDefinition request body, `aws ecs describe-task-definition` output, a
    /// CloudFormation template, or a Terraform `container_definitions` array.
    ///
    /// ## Why is this bad?
    /// The file would not be accepted by `aws ecs register-task-definition --cli-input-json`,
    /// and the linter cannot tell what its members mean. A common cause is pasting another
    /// resource's configuration, or a whole `aws ecs list-task-definitions` response.
    ///
    /// ## Example
    /// ```json
    /// {"taskDefinitionArns": ["arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"]}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512}]}
    /// ```
    ///
    /// ## References
    /// - shared/spec/interfaces.md §2 (TD-FORM-001) and §3.2 (input forms)
    /// - BOTO:RegisterTaskDefinitionRequest, BOTO:DescribeTaskDefinitionResponse (botocore ECS model)
    pub struct UnknownForm {
        code: "TD-FORM-001",
        name: "unknown-input-form",
        severity: Error,
        scope: Engine,
        summary: "The document is well-formed but not a task definition in any known form",
    }
}

#[cfg(test)]
mod tests {
    use super::UnknownForm as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn other_documents_fail() {
        assert_fails(&Rule::META, "[1, 2, 3]");
        assert_fails(&Rule::META, "\"just a string\"");
        assert_fails(&Rule::META, "{}");
    }

    #[test]
    fn known_forms_pass() {
        assert_passes(
            &Rule::META,
            r#"{"taskDefinition": {"family": "a", "containerDefinitions": []}}"#,
        );
        assert_passes(&Rule::META, r#"[{"name": "app", "image": "nginx"}]"#);
    }
}
