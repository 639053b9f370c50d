use super::resolved_dependencies;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a `dependsOn` entry with condition `HEALTHY` whose target container has no
    /// `healthCheck`.
    ///
    /// ## Why is this bad?
    /// `HEALTHY` waits until the target's container health check reports healthy. The ECS agent
    /// only resolves it when the target has a health check configured; without one the target
    /// never becomes healthy, the dependant never starts, and the task hangs in `PENDING` until
    /// it is stopped after the start timeout. Whether RegisterTaskDefinition already rejects it
    /// is not confirmed (rules.md Appendix C); the runtime failure is certain, so this is an
    /// error.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "db", "image": "postgres:16", "memory": 512},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "db", "image": "postgres:16", "memory": 512,
    ///      "healthCheck": {"command": ["CMD-SHELL", "pg_isready -U postgres"], "interval": 10}},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDependency.condition (botocore 1.44.5 ECS model: HEALTHY needs a health check on the target)
    /// - AGENT:agent/engine/dependencygraph/graph.go (HealthStatusShouldBeReported)
    pub struct HealthyWithoutHealthCheck {
        code: "TD-DEP-005",
        name: "healthy-without-health-check",
        severity: Error,
        scope: Containers,
        summary: "A HEALTHY dependency targets a container without a health check",
    }
}

impl Rule for HealthyWithoutHealthCheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for dep in resolved_dependencies(cx, &["HEALTHY"]) {
            let (i, c, cond) = (dep.index, dep.container, dep.condition_node);
            let (target, name_node, name) = (dep.target, dep.name_node, dep.name);
            if target.get("healthCheck").is_some_and(|h| !h.is_null()) {
                continue;
            }
            let me = container_label(c, i);
            out.push(
                Finding::at(
                    cond,
                    format!(
                        "container {me} waits for '{name}' to be HEALTHY, but '{name}' has no healthCheck: it never becomes healthy and {me} never starts"
                    ),
                )
                .label(
                    target.get("name").unwrap_or(name_node),
                    format!("'{name}' has no healthCheck"),
                )
                .help(format!(
                    "add a healthCheck to container '{name}', or wait for it with condition START"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HealthyWithoutHealthCheck as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn healthy_on_a_container_without_health_check_fails() {
        let text = r#"{"family": "f", "containerDefinitions": [
            {"name": "db", "image": "i"},
            {"name": "app", "image": "i", "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "\"HEALTHY\"");
        assert_eq!(d[0].labels[0].pointer, "/containerDefinitions/0/name");
        assert_eq!(
            d[0].message,
            "container 'app' waits for 'db' to be HEALTHY, but 'db' has no healthCheck: it never becomes healthy and 'app' never starts"
        );
        // A null healthCheck is none.
        assert_fails(
            &Rule::META,
            r#"[{"name": "db", "image": "i", "healthCheck": null},
                {"name": "app", "image": "i", "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]}]"#,
        );
    }

    #[test]
    fn cloudformation_fails_too() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: db\n        - Name: app\n          DependsOn:\n            - ContainerName: db\n              Condition: HEALTHY\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/1/DependsOn/0/Condition"
        );
    }

    #[test]
    fn health_checked_targets_and_other_conditions_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "db", "image": "i", "healthCheck": {"command": ["CMD", "true"]}},
                {"name": "app", "image": "i", "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]}]"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "db", "image": "i"},
                {"name": "app", "image": "i", "dependsOn": [{"containerName": "db", "condition": "START"}]}]"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "i", "dependsOn": [{"containerName": "ghost", "condition": "HEALTHY"}]}]"#,
        );
    }
}
