use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a container that lists the same ulimit `name` twice.
    ///
    /// ## Why is this bad?
    /// A container has one value per limit type; ECS passes both entries to Docker, and only
    /// one of them takes effect. Which one is not something to rely on, and the other entry
    /// misleads whoever reads the definition.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "nginx", "image": "nginx:1.27", "memory": 512,
    ///      "ulimits": [{"name": "nofile", "softLimit": 4096, "hardLimit": 4096},
    ///                  {"name": "nofile", "softLimit": 65536, "hardLimit": 65536}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "nginx", "image": "nginx:1.27", "memory": 512,
    ///      "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Ulimit (botocore 1.44.5 ECS model: one value per ulimit type)
    pub struct DuplicateUlimit {
        code: "TD-RES-026",
        name: "duplicate-ulimit",
        severity: Warning,
        scope: Containers,
        summary: "A container lists the same ulimit twice",
    }
}

impl Rule for DuplicateUlimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in cx.container_members("ulimits") {
            let mut seen: Vec<(&str, &Node)> = Vec::new();
            for u in list.items() {
                let Some(node) = u.get("name") else { continue };
                let Some(name) = node.as_str() else { continue };
                match seen.iter().find(|(n, _)| *n == name) {
                    Some((_, first)) => out.push(
                        Finding::at(
                            node,
                            format!(
                                "container {} sets the {name} ulimit twice",
                                container_label(c, i)
                            ),
                        )
                        .label(first, "first set here")
                        .help(format!("keep one {name} entry with the limits you want")),
                    ),
                    None => seen.push((name, node)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateUlimit as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn twice_warns() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 1}, {"name": "core", "softLimit": 0, "hardLimit": 0}, {"name": "nofile", "softLimit": 2, "hardLimit": 2}]}]"#,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/0/ulimits/2/name");
        assert_eq!(d[0].labels[0].pointer, "/0/ulimits/0/name");
        assert_eq!(d[0].message, "container 'a' sets the nofile ulimit twice");
    }

    #[test]
    fn distinct_names_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 1}]}, {"name": "b", "image": "i", "ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 1}]}]"#,
        );
    }
}
