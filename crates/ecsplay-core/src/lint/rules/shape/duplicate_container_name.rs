use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a container definition whose `name` is already used by an earlier container of
    /// the same task definition. Points at the second name, with a label on the first.
    ///
    /// ## Why is this bad?
    /// Containers are referred to by name (`dependsOn`, `links`, `volumesFrom`, load
    /// balancers, Service Connect, FireLens), so ECS requires names to be unique and rejects the
    /// registration: `Container names must be unique within a Task Definition.` Names are
    /// compared exactly as written.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256},
    ///     {"name": "app", "image": "public.ecr.aws/aws-observability/aws-otel-collector:latest", "memory": 256}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256},
    ///     {"name": "otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:latest", "memory": 256}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - ERR: https://github.com/Shippable/support/issues/2946 (`Container names must be unique within a Task Definition.`)
    /// - BOTO:ContainerDefinition.name (botocore 1.44.5 ECS model: the name is used to link containers)
    pub struct DuplicateContainerName {
        code: "TD-SHAPE-022",
        name: "duplicate-container-name",
        severity: Error,
        scope: Containers,
        summary: "Two containers of one task definition share a name",
    }
}

impl Rule for DuplicateContainerName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut seen: Vec<(&str, &Node)> = Vec::new();
        for (_, container) in cx.containers() {
            let Some(node) = container.get("name") else {
                continue;
            };
            let Some(name) = node.as_str().filter(|n| !n.is_empty()) else {
                continue;
            };
            match seen.iter().find(|(n, _)| *n == name) {
                Some((_, first)) => out.push(
                    Finding::at(
                        node,
                        format!("container name \"{name}\" is already used by another container (Container names must be unique within a Task Definition.)"),
                    )
                    .label(first, "first used here")
                    .help(format!("rename one of the two \"{name}\" containers, and update the dependsOn, links and volumesFrom entries that refer to it")),
                ),
                None => seen.push((name, node)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateContainerName as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn second_name_is_reported_with_a_label_on_the_first() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "app", "image": "b"}, {"name": "side", "image": "c"}, {"name": "app", "image": "d"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/2/name");
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(d[0].labels[0].pointer, "/containerDefinitions/0/name");
        assert_eq!(
            d[0].message,
            "container name \"app\" is already used by another container (Container names must be unique within a Task Definition.)"
        );
        assert_eq!(spanned(text, &d[0]), "\"app\"");
    }

    #[test]
    fn three_times_gives_two_findings() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b"}, {"name": "a", "image": "b"}, {"name": "a", "image": "b"}]"#,
        );
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.labels[0].pointer == "/0/name"));
    }

    #[test]
    fn cloudformation() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - {Name: web, Image: a}\n        - {Name: web, Image: b}\n        - {Name: !Ref N, Image: c}\n        - {Name: !Ref N, Image: c}\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/1/Name"
        );
    }

    #[test]
    fn distinct_names_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "app", "image": "b"}, {"name": "App", "image": "b"}, {"image": "c"}, {"image": "d"}, {"name": "", "image": "e"}, {"name": "", "image": "f"}]}"#,
        );
    }
}
