use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a container whose `dependsOn` lists the same `containerName` more than once.
    ///
    /// ## Why is this bad?
    /// Each entry states the one condition the container waits for on that dependency. Two
    /// entries for the same container are at best redundant and usually conflicting (`START` and
    /// `HEALTHY`): it is not clear which one the author meant, and a later edit of one of them
    /// silently does nothing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "db", "image": "postgres:16", "memory": 512,
    ///      "healthCheck": {"command": ["CMD-SHELL", "pg_isready -U postgres"]}},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "dependsOn": [{"containerName": "db", "condition": "START"},
    ///                    {"containerName": "db", "condition": "HEALTHY"}]}
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
    ///      "healthCheck": {"command": ["CMD-SHELL", "pg_isready -U postgres"]}},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDependency (botocore 1.44.5 ECS model: one condition per dependency)
    pub struct DuplicateDependsOn {
        code: "TD-DEP-006",
        name: "duplicate-depends-on",
        severity: Warning,
        scope: Containers,
        summary: "A container lists the same dependency twice in dependsOn",
    }
}

impl Rule for DuplicateDependsOn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in cx.container_members("dependsOn") {
            let mut seen: Vec<(&str, &Node, Option<&str>)> = Vec::new();
            for entry in list.items() {
                let Some(node) = entry.get("containerName") else {
                    continue;
                };
                let Some(name) = node.as_str() else { continue };
                let condition = entry.get("condition").and_then(Node::as_str);
                if let Some((_, first, first_condition)) = seen.iter().find(|(n, _, _)| *n == name)
                {
                    let conditions = match (first_condition, condition) {
                        (Some(a), Some(b)) if *a == b => format!(" (both {a})"),
                        (Some(a), Some(b)) => format!(" (conditions {a} and {b})"),
                        _ => String::new(),
                    };
                    out.push(
                        Finding::at(
                            node,
                            format!(
                                "container {} lists '{name}' twice in dependsOn{conditions}",
                                container_label(c, i)
                            ),
                        )
                        .label(first, format!("'{name}' is first listed here"))
                        .help(format!(
                            "keep one dependsOn entry for '{name}', with the condition the container really needs"
                        )),
                    );
                } else {
                    seen.push((name, node, condition));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateDependsOn as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn the_second_entry_is_reported() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "db", "image": "i"}, {"name": "app", "image": "i", "dependsOn": [
                {"containerName": "db", "condition": "START"},
                {"containerName": "cache", "condition": "START"},
                {"containerName": "db", "condition": "HEALTHY"}]}]"#,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/1/dependsOn/2/containerName");
        assert_eq!(d[0].labels[0].pointer, "/1/dependsOn/0/containerName");
        assert_eq!(
            d[0].message,
            "container 'app' lists 'db' twice in dependsOn (conditions START and HEALTHY)"
        );
    }

    #[test]
    fn identical_entries_fail_too() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "app", "image": "i", "dependsOn": [
                {"containerName": "db", "condition": "START"}, {"containerName": "db", "condition": "START"}]}]}"#,
        );
        assert!(d[0].message.ends_with("(both START)"));
    }

    #[test]
    fn distinct_dependencies_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "i", "dependsOn": [
                {"containerName": "db", "condition": "HEALTHY"}, {"containerName": "cache", "condition": "START"}]},
                {"name": "web", "image": "i", "dependsOn": [{"containerName": "db", "condition": "START"}]}]"#,
        );
    }
}
