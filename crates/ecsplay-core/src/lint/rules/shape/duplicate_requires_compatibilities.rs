use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a `requiresCompatibilities` list that names the same launch type twice. Found
    /// by the JSON Schema layer (`uniqueItems`).
    ///
    /// ## Why is this bad?
    /// CloudFormation's resource schema declares the list `uniqueItems` and rejects the
    /// template. The RegisterTaskDefinition API has no such constraint in its model; a
    /// duplicate there is at best noise, usually a copy-paste slip where another launch type
    /// was meant (`["EC2", "EC2"]` for `["EC2", "FARGATE"]`). The catalogue rates it an error
    /// for every form, and so does this rule.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE", "FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition RequiresCompatibilities (`uniqueItems: true`)
    /// - BOTO:RegisterTaskDefinitionRequest.requiresCompatibilities (botocore 1.44.5 ECS model)
    pub struct DuplicateRequiresCompatibilities {
        code: "TD-SHAPE-013",
        name: "duplicate-requires-compatibilities",
        severity: Error,
        scope: Engine,
        summary: "Launch type listed twice in requiresCompatibilities",
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateRequiresCompatibilities as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn duplicate_is_reported_on_the_list() {
        let text = r#"{"family": "a", "requiresCompatibilities": ["EC2", "FARGATE", "EC2"], "containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/requiresCompatibilities");
        assert_eq!(spanned(text, &d[0]), r#"["EC2", "FARGATE", "EC2"]"#);
        assert_eq!(
            d[0].message,
            "requiresCompatibilities lists \"EC2\" more than once"
        );
    }

    #[test]
    fn cloudformation_duplicates() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE, FARGATE]\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
        assert_eq!(
            d[0].message,
            "RequiresCompatibilities lists \"FARGATE\" more than once"
        );
    }

    #[test]
    fn distinct_values_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EC2", "FARGATE"], "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": [], "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        // The same word in different case is an invalid value (TD-SHAPE-012), not a duplicate.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EC2", "ec2"], "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
    }
}
