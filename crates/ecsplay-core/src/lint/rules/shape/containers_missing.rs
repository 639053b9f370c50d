use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a task definition whose `containerDefinitions` is missing, not a list, or an
    /// empty list. Found by the JSON Schema layer (`required`, `type`, `minItems`).
    ///
    /// ## Why is this bad?
    /// A task definition describes the containers of a task; without one there is nothing to
    /// run. `containerDefinitions` is required by the RegisterTaskDefinition request, and ECS
    /// (and CloudFormation, whose schema sets `minItems: 1`) refuses an empty list. A
    /// `--generate-cli-skeleton` template left half-filled often has `"containerDefinitions": []`.
    ///
    /// CloudFormation's resource schema does not list `ContainerDefinitions` as required, but
    /// ECS still rejects the task definition without it, so it is reported there too.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": []
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
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": true}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.containerDefinitions (botocore 1.44.5 ECS model: required member)
    /// - CFN-EXT:containerdefinitions_essential.json (cfn-lint 1.58.0, E3042: `minItems: 1`)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definitions
    pub struct ContainerDefinitionsMissing {
        code: "TD-SHAPE-004",
        name: "container-definitions-missing",
        severity: Error,
        scope: Engine,
        summary: "Task definition without container definitions",
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerDefinitionsMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn empty_list_points_at_the_list() {
        let text = r#"{"family": "web", "containerDefinitions": []}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions");
        assert_eq!(spanned(text, &d[0]), "[]");
        assert!(
            d[0].message.contains("at least one container"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn missing_points_at_the_task_definition() {
        let d = assert_fails(&Rule::META, r#"{"family": "web", "cpu": "256"}"#);
        assert_eq!(d[0].pointer, "");
        let d = assert_fails(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: web\n",
        );
        assert_eq!(d[0].pointer, "/Resources/T/Properties");
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "web", "containerDefinitions": null}"#,
        );
        assert_eq!(d[0].pointer, "");
    }

    #[test]
    fn not_a_list_fails() {
        let text = r#"{"family": "web", "containerDefinitions": {"name": "a", "image": "b"}}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/containerDefinitions");
        assert!(
            d[0].message.contains("must be an array"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn empty_terraform_array_fails() {
        let d = assert_fails(&Rule::META, "[]");
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].message,
            "container_definitions is empty; a task definition needs at least one container"
        );
    }

    #[test]
    fn containers_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "web", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        assert_passes(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: !Ref Containers\n",
        );
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
