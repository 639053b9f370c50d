use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a document that is not well-formed JSON (or YAML, for CloudFormation templates),
    /// with the parser's reason, pointing at the offending character.
    ///
    /// ## Why is this bad?
    /// Nothing can read it: `aws ecs register-task-definition --cli-input-json` fails before
    /// calling ECS, and no other check can run until the document parses. JSON allows no
    /// comments, no trailing commas, no single quotes and no unquoted keys; un-rendered template
    /// placeholders such as `{{ image }}` are a common cause.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "nginx:1.27", "memory": 512},
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - RFC 8259, The JavaScript Object Notation (JSON) Data Interchange Format
    /// - shared/spec/interfaces.md §2 (TD-SYNTAX-001)
    pub struct NotWellFormed {
        code: "TD-SYNTAX-001",
        name: "not-well-formed",
        severity: Error,
        scope: Engine,
        summary: "The document is not well-formed JSON or YAML",
    }
}

#[cfg(test)]
mod tests {
    use super::NotWellFormed as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn points_at_the_offending_character() {
        let text = "{\"family\": \"web\" \"containerDefinitions\": []}";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "\"");
        assert_eq!(d[0].range.start.column, 18);
    }

    #[test]
    fn template_placeholders_and_empty_input() {
        assert_fails(&Rule::META, "{\"family\": {{ family }}}");
        assert_fails(&Rule::META, "");
        assert_fails(&Rule::META, "Resources: [a, b");
    }

    #[test]
    fn well_formed_json_and_yaml_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "web", "containerDefinitions": []}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::SNS::Topic\n");
    }
}
