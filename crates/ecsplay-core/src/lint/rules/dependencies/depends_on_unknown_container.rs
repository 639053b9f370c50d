use super::{dependencies, names_known, unknown_container_help};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a `dependsOn` entry whose `containerName` is not the name of a container of the
    /// task.
    ///
    /// ## Why is this bad?
    /// `dependsOn` orders the start (and, reversed, the stop) of the containers of one task; it
    /// can only name containers of that task. The ECS agent cannot resolve a dependency on a
    /// container that does not exist and refuses to start the task. The usual cause is a typo or
    /// a container renamed without updating its dependants.
    ///
    /// A dependency of a container on itself is reported by TD-DEP-003. When a container's name
    /// is only known at deploy time the rule says nothing, since that name could be the one
    /// referenced.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "dependsOn": [{"containerName": "envoy-proxy", "condition": "START"}]},
    ///     {"name": "envoy", "image": "envoyproxy/envoy:v1.30.1", "memory": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "dependsOn": [{"containerName": "envoy", "condition": "START"}]},
    ///     {"name": "envoy", "image": "envoyproxy/envoy:v1.30.1", "memory": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDependency.containerName (botocore 1.44.5 ECS model)
    /// - AGENT:agent/engine/dependencygraph/graph.go (ValidDependencies: unresolvable dependencies)
    pub struct DependsOnUnknownContainer {
        code: "TD-DEP-002",
        name: "depends-on-unknown-container",
        severity: Error,
        scope: Containers,
        summary: "dependsOn names a container the task does not have",
    }
}

impl Rule for DependsOnUnknownContainer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !names_known(cx) {
            return;
        }
        for (i, c, entry) in dependencies(cx) {
            let Some(node) = entry.get("containerName") else {
                continue;
            };
            let Some(name) = node.as_str() else { continue };
            if cx.container(name).is_some() {
                continue;
            }
            let own = c.get("name").and_then(Node::as_str);
            out.push(
                Finding::at(
                    node,
                    format!(
                        "container {} depends on container '{name}', which is not in this task definition",
                        container_label(c, i)
                    ),
                )
                .help(unknown_container_help(cx, name, own)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DependsOnUnknownContainer as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unknown_name_fails_with_a_suggestion() {
        let text = r#"{"family": "a", "containerDefinitions": [
            {"name": "app", "image": "b", "dependsOn": [{"containerName": "lgo-router", "condition": "START"}]},
            {"name": "log-router", "image": "d"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/dependsOn/0/containerName"
        );
        assert_eq!(spanned(text, &d[0]), "\"lgo-router\"");
        assert_eq!(
            d[0].message,
            "container 'app' depends on container 'lgo-router', which is not in this task definition"
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean 'log-router'?"));
    }

    #[test]
    fn unknown_name_lists_the_others() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "app", "image": "b", "dependsOn": [{"containerName": "database", "condition": "HEALTHY"}]}, {"name": "cache", "image": "c"}]"#,
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("name one of the task's other containers: 'cache'")
        );
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "app", "image": "b", "dependsOn": [{"containerName": "zzz", "condition": "START"}]}]"#,
        );
        assert!(d[0].help.as_deref().unwrap().contains("no other container"));
    }

    #[test]
    fn cloudformation_is_read_in_pascal_case() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: b\n          DependsOn:\n            - ContainerName: db\n              Condition: START\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "db");
    }

    #[test]
    fn known_names_self_and_deploy_time_names_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "b", "dependsOn": [{"containerName": "db", "condition": "START"}]}, {"name": "db", "image": "c"}]"#,
        );
        // A self-dependency is TD-DEP-003's.
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "b", "dependsOn": [{"containerName": "app", "condition": "START"}]}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          DependsOn:\n            - ContainerName: db\n              Condition: START\n        - Name: !Sub '${Prefix}-db'\n");
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          DependsOn:\n            - ContainerName: !Ref Db\n              Condition: START\n");
    }
}
