use super::{bad_reference, unknown_container_help, BadReference};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a `links` entry that is not `name` or `name:alias`, whose name or alias has a
    /// character other than letters, digits, `_` and `-`, or whose name is not another container
    /// of the task.
    ///
    /// ## Why is this bad?
    /// A link lets a container reach another container of the same task by name (bridge network
    /// mode). ECS accepts up to 255 letters, digits, hyphens and underscores for the name and
    /// the optional alias, and the name must be another container's: a link to a container that
    /// does not exist, or to the container itself, cannot be made and the task cannot start.
    /// Links in `awsvpc` mode are reported by TD-NET-010, on Fargate by TD-FG-008.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "wordpress",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "wordpress", "image": "wordpress:6.5", "memory": 512, "links": ["db:mysql"]},
    ///     {"name": "mysql", "image": "mysql:8.4", "memory": 1024}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "wordpress",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "wordpress", "image": "wordpress:6.5", "memory": 512, "links": ["mysql:db"]},
    ///     {"name": "mysql", "image": "mysql:8.4", "memory": 1024}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.links (botocore 1.44.5 ECS model: name or name:alias, up to 255 letters, digits, _ and -)
    pub struct InvalidLink {
        code: "TD-DEP-012",
        name: "invalid-link",
        severity: Error,
        scope: Containers,
        summary: "A links entry is malformed or names no other container of the task",
    }
}

fn well_formed(part: &str) -> bool {
    (1..=255).contains(&part.len())
        && part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl Rule for InvalidLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in cx.container_members("links") {
            let own = c.get("name").and_then(Node::as_str);
            for node in list.items() {
                let Some(link) = node.as_str() else { continue };
                let parts: Vec<&str> = link.split(':').collect();
                let shape_ok = matches!(parts.as_slice(), [n] | [n, _] if !n.is_empty())
                    && parts.iter().all(|p| well_formed(p));
                let name = parts.first().copied().unwrap_or("");
                let f = if !shape_ok {
                    Finding::at(
                        node,
                        format!(
                            "links entry \"{link}\" of container {} is not name or name:alias of letters, digits, _ and -",
                            container_label(c, i)
                        ),
                    )
                    .help("write the linked container's name, optionally followed by :alias, for example \"db\" or \"db:database\"")
                } else {
                    match bad_reference(cx, own, name) {
                        Some(BadReference::Own) => Finding::at(
                        node,
                        format!("container {} links to itself", container_label(c, i)),
                    )
                    .help("remove this link: a container reaches itself without one"),
                        Some(BadReference::Unknown) => Finding::at(
                        node,
                        format!(
                            "links entry \"{link}\" of container {} names container '{name}', which is not in this task definition",
                            container_label(c, i)
                        ),
                    )
                    .help(unknown_container_help(cx, name, own)),
                        None => continue,
                    }
                };
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InvalidLink as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unknown_container_fails() {
        let text = r#"{"family": "f", "containerDefinitions": [
            {"name": "web", "image": "i", "links": ["db:mysql"]}, {"name": "mysql", "image": "i"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "\"db:mysql\"");
        assert_eq!(
            d[0].message,
            "links entry \"db:mysql\" of container 'web' names container 'db', which is not in this task definition"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("name one of the task's other containers: 'mysql'")
        );
    }

    #[test]
    fn malformed_entries_fail() {
        for bad in ["db:a:b", "db alias", ":db", "db:", "", "db.local"] {
            let text = format!(
                r#"[{{"name": "web", "image": "i", "links": ["{bad}"]}}, {{"name": "db", "image": "i"}}]"#
            );
            let d = assert_fails(&Rule::META, &text);
            assert!(d[0].message.contains("is not name or name:alias"), "{bad}");
        }
    }

    #[test]
    fn self_link_fails() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "web", "image": "i", "links": ["web"]}]"#,
        );
        assert_eq!(d[0].message, "container 'web' links to itself");
    }

    #[test]
    fn links_to_other_containers_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "web", "image": "i", "links": ["db", "cache:redis_1"]}, {"name": "db", "image": "i"}, {"name": "cache", "image": "i"}]"#,
        );
        // With a deploy-time container name, any name could exist.
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Links: [db]\n        - Name: !Ref DbName\n");
    }
}
