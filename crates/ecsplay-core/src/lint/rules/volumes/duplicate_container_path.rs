use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a container with two mount points at the same `containerPath`.
    ///
    /// ## Why is this bad?
    /// A path in the container can hold one mount. Docker refuses to create a container with two
    /// mounts at the same destination (`Duplicate mount point`), so the task fails to start. A
    /// trailing `/` does not make a path different.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "config"}, {"name": "secrets"}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "config", "containerPath": "/etc/app"},
    ///                      {"sourceVolume": "secrets", "containerPath": "/etc/app/"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "config"}, {"name": "secrets"}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "config", "containerPath": "/etc/app"},
    ///                      {"sourceVolume": "secrets", "containerPath": "/etc/app-secrets"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:MountPoint.containerPath (botocore 1.44.5 ECS model)
    /// - Docker container-create semantics: one mount per destination ("Duplicate mount point")
    pub struct DuplicateContainerPath {
        code: "TD-VOL-004",
        name: "duplicate-container-path",
        severity: Error,
        scope: Containers,
        summary: "A container mounts two volumes at the same containerPath",
    }
}

fn normalized(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => path,
        p => p,
    }
}

impl Rule for DuplicateContainerPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in cx.container_members("mountPoints") {
            let mut seen: Vec<(&str, &Node)> = Vec::new();
            for mp in list.items() {
                let Some(node) = mp.get("containerPath") else {
                    continue;
                };
                let Some(path) = node.as_str().filter(|p| !p.is_empty()) else {
                    continue;
                };
                match seen.iter().find(|(p, _)| *p == normalized(path)) {
                    Some((_, first)) => out.push(
                        Finding::at(
                            node,
                            format!(
                                "container {} mounts two volumes at containerPath \"{path}\"",
                                container_label(c, i)
                            ),
                        )
                        .label(first, "the first mount at this path")
                        .help("give each mount point its own containerPath, or remove the duplicate mount point"),
                    ),
                    None => seen.push((normalized(path), node)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateContainerPath as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn same_path_twice_fails() {
        let text = r#"[{"name": "a", "image": "i", "mountPoints": [
            {"sourceVolume": "v", "containerPath": "/data"},
            {"sourceVolume": "w", "containerPath": "/data/"}]}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(text, &d[0]), "\"/data/\"");
        assert_eq!(d[0].labels[0].pointer, "/0/mountPoints/0/containerPath");
        assert_eq!(
            d[0].message,
            "container 'a' mounts two volumes at containerPath \"/data/\""
        );
        // The same volume twice at one path is a duplicate too.
        assert_fails(
            &Rule::META,
            r#"{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "mountPoints": [
                {"sourceVolume": "v", "containerPath": "/"}, {"sourceVolume": "v", "containerPath": "/"}]}]}"#,
        );
    }

    #[test]
    fn distinct_paths_and_other_containers_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "/data"}, {"sourceVolume": "w", "containerPath": "/data2"}]},
                {"name": "b", "image": "i", "mountPoints": [{"sourceVolume": "v", "containerPath": "/data"}]}]"#,
        );
    }
}
