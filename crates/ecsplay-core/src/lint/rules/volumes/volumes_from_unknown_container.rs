use crate::declare_rule;
use crate::lint::rules::dependencies::{bad_reference, unknown_container_help, BadReference};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a `volumesFrom` entry whose `sourceContainer` is not another container of the
    /// task: a name no container has, or the container's own name.
    ///
    /// ## Why is this bad?
    /// `volumesFrom` mounts every volume of another container of the same task. ECS rejects a
    /// source it cannot find with `Invalid 'volumesFrom' setting. Unknown container: 'X'.`, and a
    /// container cannot mount its own volumes from itself. When a container's name is only
    /// known at deploy time the rule says nothing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "assets", "image": "example/assets:2.1", "memory": 64, "essential": false},
    ///     {"name": "nginx", "image": "nginx:1.27", "memory": 256,
    ///      "volumesFrom": [{"sourceContainer": "static", "readOnly": true}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "assets", "image": "example/assets:2.1", "memory": 64, "essential": false},
    ///     {"name": "nginx", "image": "nginx:1.27", "memory": 256,
    ///      "volumesFrom": [{"sourceContainer": "assets", "readOnly": true}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:VolumeFrom.sourceContainer (botocore 1.44.5 ECS model)
    /// - ERR: https://github.com/eagletmt/hako/pull/54
    pub struct VolumesFromUnknownContainer {
        code: "TD-VOL-023",
        name: "volumes-from-unknown-container",
        severity: Error,
        scope: Containers,
        summary: "volumesFrom names no other container of the task",
        aliases: ["TD-DEP-013"],
    }
}

impl Rule for VolumesFromUnknownContainer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in cx.container_members("volumesFrom") {
            let own = c.get("name").and_then(Node::as_str);
            for entry in list.items() {
                let Some(node) = entry.get("sourceContainer") else {
                    continue;
                };
                let Some(source) = node.as_str() else {
                    continue;
                };
                let f = match bad_reference(cx, own, source) {
                    Some(BadReference::Own) => Finding::at(
                        node,
                        format!(
                            "container {} mounts volumes from itself",
                            container_label(c, i)
                        ),
                    )
                    .help("name another container of the task in sourceContainer, or remove this volumesFrom entry"),
                    Some(BadReference::Unknown) => Finding::at(
                        node,
                        format!(
                            "Invalid 'volumesFrom' setting. Unknown container: '{source}' (in container {})",
                            container_label(c, i)
                        ),
                    )
                    .help(unknown_container_help(cx, source, own)),
                    None => continue,
                };
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::VolumesFromUnknownContainer as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unknown_source_fails() {
        let text = r#"[{"name": "web", "image": "i", "volumesFrom": [{"sourceContainer": "asets"}]}, {"name": "assets", "image": "i"}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "\"asets\"");
        assert_eq!(
            d[0].message,
            "Invalid 'volumesFrom' setting. Unknown container: 'asets' (in container 'web')"
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean 'assets'?"));
    }

    #[test]
    fn self_source_fails() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "web", "image": "i", "volumesFrom": [{"sourceContainer": "web"}]}]}"#,
        );
        assert_eq!(d[0].message, "container 'web' mounts volumes from itself");
    }

    #[test]
    fn alias_selects_the_rule() {
        let options = crate::lint::LintOptions {
            select: vec!["TD-DEP-013".into()],
            ignore: vec![],
        };
        let r = crate::lint::lint(
            r#"[{"name": "web", "image": "i", "volumesFrom": [{"sourceContainer": "x"}]}]"#,
            &options,
        );
        assert_eq!(r.diagnostics[0].code, "TD-VOL-023");
    }

    #[test]
    fn other_containers_and_deploy_time_names_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "web", "image": "i", "volumesFrom": [{"sourceContainer": "assets", "readOnly": true}]}, {"name": "assets", "image": "i"}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          VolumesFrom:\n            - SourceContainer: data\n        - Name: !Sub '${AWS::StackName}-data'\n");
    }
}
