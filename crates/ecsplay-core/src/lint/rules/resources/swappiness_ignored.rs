use super::removed_by_platform_rule;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns about a `linuxParameters.swappiness` without a `maxSwap`, which ECS ignores; and,
    /// as a hint, about a `swappiness` with `maxSwap`, which Amazon Linux 2023 instances do
    /// not support.
    ///
    /// ## Why is this bad?
    /// `swappiness` tunes how eagerly the kernel swaps the container's memory out, but only
    /// when `maxSwap` gives the container swap: "If a value is not specified for maxSwap then
    /// this parameter is ignored." The API documentation also says that tasks on Amazon Linux
    /// 2023, the base of the current ECS-optimized AMIs, do not support `swappiness` at all,
    /// so even with `maxSwap` it only takes effect on Amazon Linux 2 instances; that case is
    /// reported as info. On Fargate and for Windows containers the parameters do not exist
    /// (TD-FG-008, TD-WIN-001).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "batch",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:3.1", "memory": 2048,
    ///      "linuxParameters": {"swappiness": 10}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "batch",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:3.1", "memory": 2048,
    ///      "linuxParameters": {"maxSwap": 0}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LinuxParameters.swappiness (botocore 1.44.5 ECS model: ignored without maxSwap; "If you're using tasks on Amazon Linux 2023 the swappiness parameter isn't supported")
    /// - BOTO:LinuxParameters.maxSwap (botocore 1.44.5 ECS model: "A maxSwap value must be set for the swappiness parameter to be used")
    pub struct SwappinessIgnored {
        code: "TD-RES-024",
        name: "swappiness-ignored",
        severity: Warning,
        scope: Containers,
        summary: "linuxParameters swappiness without maxSwap is ignored; Amazon Linux 2023 ignores it always",
    }
}

impl Rule for SwappinessIgnored {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if removed_by_platform_rule(cx) {
            return;
        }
        for (i, container, linux) in cx.container_members("linuxParameters") {
            let Some(node) = linux.get("swappiness").filter(|n| !n.is_null()) else {
                continue;
            };
            let Some(value) = cx.int_of(node) else {
                continue;
            };
            let label = container_label(container, i);
            match linux.get("maxSwap").filter(|n| !n.is_null()) {
                None => out.push(
                    Finding::at(node, format!("swappiness {value} of container {label} is ignored: swappiness only applies together with maxSwap, and the container sets none"))
                        .help("add maxSwap (the MiB of swap the container may use) for swappiness to apply, or remove swappiness"),
                ),
                Some(_) => out.push(
                    Finding::at(node, format!("swappiness {value} of container {label} is not supported on Amazon Linux 2023 instances (the current ECS-optimized AMIs); it only applies on Amazon Linux 2"))
                        .help("keep it only for Amazon Linux 2 container instances; on Amazon Linux 2023 tune swap with maxSwap alone")
                        .severity(Severity::Info),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SwappinessIgnored as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, linux: &str) -> String {
        super::super::linux_task(head, linux)
    }

    #[test]
    fn swappiness_without_max_swap_warns() {
        let text = task("", r#""swappiness": 10"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/linuxParameters/swappiness"
        );
        assert_eq!(spanned(&text, &d[0]), "10");
        assert_eq!(d[0].message, "swappiness 10 of container 'w' is ignored: swappiness only applies together with maxSwap, and the container sets none");
        assert_fails(
            &Rule::META,
            &task("", r#""swappiness": 10, "maxSwap": null"#),
        );
    }

    #[test]
    fn swappiness_with_max_swap_is_an_amazon_linux_2023_hint() {
        let d = assert_fails(
            &Rule::META,
            &task("", r#""maxSwap": 512, "swappiness": 10"#),
        );
        assert_eq!(d[0].severity, Severity::Info);
        assert!(d[0].message.contains("Amazon Linux 2023"));
    }

    #[test]
    fn no_swappiness_and_platforms_reported_elsewhere_pass() {
        assert_passes(&Rule::META, &task("", r#""maxSwap": 512"#));
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "#,
                r#""swappiness": 10"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "w", "image": "i", "linuxParameters": {"initProcessEnabled": true}}]"#,
        );
    }
}
