use super::{volume_name, volumes};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports two task volumes with the same `name`.
    ///
    /// ## Why is this bad?
    /// The name is how mount points reference a volume; two volumes with one name make every
    /// reference to it ambiguous, and at most one of them could ever be mounted. ECS treats the
    /// names as the volumes' keys. Whether RegisterTaskDefinition itself rejects the duplicate is
    /// not confirmed (rules.md Appendix C), but the definition cannot mean what it says, so the
    /// rule reports it as an error.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [
    ///     {"name": "data", "host": {"sourcePath": "/srv/data"}},
    ///     {"name": "data", "host": {"sourcePath": "/srv/cache"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [
    ///     {"name": "data", "host": {"sourcePath": "/srv/data"}},
    ///     {"name": "cache", "host": {"sourcePath": "/srv/cache"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"},
    ///                      {"sourceVolume": "cache", "containerPath": "/cache"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Volume.name (botocore 1.44.5 ECS model: the name mount points reference)
    pub struct DuplicateVolumeName {
        code: "TD-VOL-006",
        name: "duplicate-volume-name",
        severity: Error,
        scope: Task,
        summary: "Two task volumes have the same name",
    }
}

impl Rule for DuplicateVolumeName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut seen: Vec<(&str, &Node)> = Vec::new();
        for v in volumes(cx) {
            let Some((node, name)) = volume_name(v) else {
                continue;
            };
            match seen.iter().find(|(n, _)| *n == name) {
                Some((_, first)) => out.push(
                    Finding::at(node, format!("two volumes are named '{name}'"))
                        .label(first, "the first volume with this name")
                        .help("give each volume its own name, and update the mount points that reference it"),
                ),
                None => seen.push((name, node)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateVolumeName as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn duplicate_names_fail() {
        let text = r#"{"family": "f", "volumes": [{"name": "v"}, {"name": "w"}, {"name": "v"}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/volumes/2/name");
        assert_eq!(spanned(text, &d[0]), "\"v\"");
        assert_eq!(d[0].labels[0].pointer, "/volumes/0/name");
        assert_eq!(d[0].message, "two volumes are named 'v'");
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n        - Name: v\n      ContainerDefinitions:\n        - Name: a\n");
    }

    #[test]
    fn distinct_names_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "volumes": [{"name": "v"}, {"name": "V"}, {}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#,
        );
    }
}
