use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a container ulimit whose `softLimit` is greater than its `hardLimit`.
    ///
    /// ## Why is this bad?
    /// The soft limit is the value a process gets; it may raise it, but only up to the hard
    /// limit. A soft limit above the hard limit is not a valid resource limit: Docker (and the
    /// kernel's `setrlimit`) refuse it, so the container fails to start. `-1` stands for
    /// "unlimited" and is the largest value.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "nginx", "image": "nginx:1.27", "memory": 512,
    ///      "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 4096}]}
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
    /// - BOTO:Ulimit (botocore 1.44.5 ECS model: softLimit and hardLimit)
    /// - Docker ulimit semantics: the soft limit may not exceed the hard limit (setrlimit(2))
    pub struct UlimitSoftExceedsHard {
        code: "TD-RES-025",
        name: "ulimit-soft-exceeds-hard",
        severity: Error,
        scope: Containers,
        summary: "A ulimit's softLimit is greater than its hardLimit",
    }
}

/// A limit for comparison: `-1` (unlimited) is above every other value.
fn rank(v: i64) -> i128 {
    if v == -1 {
        i128::MAX
    } else {
        i128::from(v)
    }
}

impl Rule for UlimitSoftExceedsHard {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in cx.container_members("ulimits") {
            for u in list.items() {
                let (Some(soft_node), Some(hard_node)) = (u.get("softLimit"), u.get("hardLimit"))
                else {
                    continue;
                };
                let (Some(soft), Some(hard)) = (cx.int_of(soft_node), cx.int_of(hard_node)) else {
                    continue;
                };
                if rank(soft) <= rank(hard) {
                    continue;
                }
                let name = u.get("name").and_then(Node::as_str).unwrap_or("ulimit");
                let shown = |v: i64| {
                    if v == -1 {
                        "-1 (unlimited)".to_owned()
                    } else {
                        v.to_string()
                    }
                };
                out.push(
                    Finding::at(
                        soft_node,
                        format!(
                            "{name} softLimit {} of container {} is greater than its hardLimit {}; the container cannot start",
                            shown(soft),
                            container_label(c, i),
                            shown(hard)
                        ),
                    )
                    .label(hard_node, "the hard limit")
                    .help(format!(
                        "make softLimit at most hardLimit: lower softLimit to {hard} or raise hardLimit to {soft}"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UlimitSoftExceedsHard as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn soft_above_hard_fails() {
        let text = r#"[{"name": "a", "image": "i", "ulimits": [{"name": "nofile", "softLimit": 2048, "hardLimit": 1024}]}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "2048");
        assert_eq!(d[0].labels[0].pointer, "/0/ulimits/0/hardLimit");
        assert_eq!(
            d[0].message,
            "nofile softLimit 2048 of container 'a' is greater than its hardLimit 1024; the container cannot start"
        );
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "ulimits": [{"name": "memlock", "softLimit": -1, "hardLimit": 1024}]}]"#,
        );
        assert!(d[0].message.contains("softLimit -1 (unlimited)"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Ulimits:\n            - Name: nofile\n              SoftLimit: '10'\n              HardLimit: 5\n");
    }

    #[test]
    fn soft_at_most_hard_passes() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "ulimits": [
                {"name": "nofile", "softLimit": 1024, "hardLimit": 1024},
                {"name": "memlock", "softLimit": -1, "hardLimit": -1},
                {"name": "core", "softLimit": 0, "hardLimit": -1}]}]"#,
        );
    }
}
