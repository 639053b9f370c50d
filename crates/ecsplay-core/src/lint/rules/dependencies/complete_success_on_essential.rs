use super::resolved_dependencies;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a `dependsOn` entry with condition `COMPLETE` or `SUCCESS` whose target container
    /// is essential (`essential` is `true` or not written, since it defaults to `true`).
    ///
    /// ## Why is this bad?
    /// `COMPLETE` and `SUCCESS` wait for the target container to *exit*. When an essential
    /// container exits, ECS stops the whole task, so the dependant would never get to run.
    /// RegisterTaskDefinition rejects the definition with `A dependency container with SUCCESS
    /// or COMPLETE condition cannot be an essential container`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {"name": "migrate", "image": "example/api:3.0", "memory": 256,
    ///      "command": ["./manage.py", "migrate"]},
    ///     {"name": "api", "image": "example/api:3.0", "memory": 512,
    ///      "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {"name": "migrate", "image": "example/api:3.0", "memory": 256, "essential": false,
    ///      "command": ["./manage.py", "migrate"]},
    ///     {"name": "api", "image": "example/api:3.0", "memory": 512,
    ///      "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDependency.condition (botocore 1.44.5 ECS model: COMPLETE/SUCCESS targets cannot be essential)
    /// - ERR: https://github.com/boto/boto3/issues/2436
    pub struct CompleteSuccessOnEssential {
        code: "TD-DEP-004",
        name: "complete-success-on-essential",
        severity: Error,
        scope: Containers,
        summary: "A COMPLETE or SUCCESS dependency targets an essential container",
    }
}

impl Rule for CompleteSuccessOnEssential {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for dep in resolved_dependencies(cx, &["COMPLETE", "SUCCESS"]) {
            let (i, c, cond, condition) =
                (dep.index, dep.container, dep.condition_node, dep.condition);
            let (target, name_node, name) = (dep.target, dep.name_node, dep.name);
            if cx.is_essential(target) != Some(true) {
                continue;
            }
            let essential = target.get("essential").filter(|n| !n.is_null());
            let mut f = Finding::at(
                cond,
                format!(
                    "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container: container {} waits for '{name}' to exit ({condition}), but when the essential '{name}' exits the whole task stops",
                    container_label(c, i)
                ),
            )
            .help(format!(
                "set \"essential\": false on container '{name}': a container that is meant to exit must not be essential"
            ));
            f = match essential {
                Some(n) => f.label(n, format!("'{name}' is essential here")),
                None => f.label(
                    target.get("name").unwrap_or(name_node),
                    format!("'{name}' is essential by default"),
                ),
            };
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CompleteSuccessOnEssential as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn success_on_a_default_essential_container_fails() {
        let text = r#"{"family": "f", "containerDefinitions": [
            {"name": "init", "image": "i"},
            {"name": "app", "image": "i", "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/1/dependsOn/0/condition"
        );
        assert_eq!(spanned(text, &d[0]), "\"SUCCESS\"");
        assert!(d[0].message.starts_with(
            "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container"
        ));
        assert_eq!(d[0].labels[0].pointer, "/containerDefinitions/0/name");
        assert_eq!(d[0].labels[0].message, "'init' is essential by default");
    }

    #[test]
    fn complete_on_an_explicitly_essential_container_fails() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "init", "image": "i", "essential": true},
                {"name": "app", "image": "i", "dependsOn": [{"containerName": "init", "condition": "COMPLETE"}]}]"#,
        );
        assert_eq!(d[0].labels[0].pointer, "/0/essential");
        // CloudFormation "True" is true.
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: init\n          Essential: 'True'\n        - Name: app\n          DependsOn:\n            - ContainerName: init\n              Condition: COMPLETE\n");
    }

    #[test]
    fn non_essential_targets_and_other_conditions_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "init", "image": "i", "essential": false},
                {"name": "app", "image": "i", "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]}]"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "db", "image": "i"},
                {"name": "app", "image": "i", "dependsOn": [{"containerName": "db", "condition": "START"}, {"containerName": "db", "condition": "HEALTHY"}]}]"#,
        );
        // Unknown targets are TD-DEP-002's; deploy-time essential flags are not judged.
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "i", "dependsOn": [{"containerName": "ghost", "condition": "SUCCESS"}]}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: init\n          Essential: !Ref IsEssential\n        - Name: app\n          DependsOn:\n            - ContainerName: init\n              Condition: COMPLETE\n");
    }
}
