use super::removed_by_platform_rule;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a `linuxParameters.maxSwap` below 0, or a `linuxParameters.swappiness` outside
    /// 0 to 100.
    ///
    /// ## Why is this bad?
    /// `maxSwap` is the swap, in MiB, the container may use on top of its memory (0 turns swap
    /// off); `swappiness` is the kernel's eagerness to swap the container's pages out, from 0
    /// to 100. Other values are not accepted. On Fargate and for Windows containers neither
    /// parameter exists, and TD-FG-008 or TD-WIN-001 asks to remove it, so this rule says
    /// nothing there.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "batch",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:3.1", "memory": 2048,
    ///      "linuxParameters": {"maxSwap": 1024, "swappiness": 200}}
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
    ///      "linuxParameters": {"maxSwap": 1024, "swappiness": 60}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LinuxParameters.maxSwap (botocore 1.44.5 ECS model: "Accepted values are 0 or any positive integer")
    /// - BOTO:LinuxParameters.swappiness (botocore 1.44.5 ECS model: "Accepted values are whole numbers between 0 and 100")
    pub struct SwapSettingOutOfRange {
        code: "TD-RES-023",
        name: "swap-setting-out-of-range",
        severity: Error,
        scope: Containers,
        summary: "linuxParameters maxSwap below 0 or swappiness outside 0 to 100",
    }
}

impl Rule for SwapSettingOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if removed_by_platform_rule(cx) {
            return;
        }
        for (i, container, linux) in cx.container_members("linuxParameters") {
            let label = container_label(container, i);
            if let Some(node) = linux.get("maxSwap") {
                if let Some(v) = cx.int_of(node).filter(|v| *v < 0) {
                    out.push(
                        Finding::at(node, format!("maxSwap {v} of container {label} is negative: it is the swap in MiB the container may use, 0 or more"))
                            .help("write 0 to turn swap off, or the MiB of swap the container may use; remove maxSwap to keep the instance's swap setting"),
                    );
                }
            }
            if let Some(node) = linux.get("swappiness") {
                if let Some(v) = cx.int_of(node).filter(|v| !(0..=100).contains(v)) {
                    out.push(
                        Finding::at(node, format!("swappiness {v} of container {label} is outside 0-100"))
                            .help("write a value from 0 (swap only when necessary) to 100 (swap eagerly), or remove it for the default 60"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SwapSettingOutOfRange as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, linux: &str) -> String {
        super::super::linux_task(head, linux)
    }

    #[test]
    fn out_of_range_values_fail() {
        let text = task("", r#""maxSwap": -1"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/linuxParameters/maxSwap"
        );
        assert_eq!(spanned(&text, &d[0]), "-1");
        let d = assert_fails(&Rule::META, &task("", r#""maxSwap": 0, "swappiness": 101"#));
        assert_eq!(
            d[0].message,
            "swappiness 101 of container 'w' is outside 0-100"
        );
        assert_fails(&Rule::META, &task("", r#""swappiness": -5"#));
        assert_fails(
            &Rule::META,
            r#"[{"name": "w", "image": "i", "linuxParameters": {"maxSwap": -10}}]"#,
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: w\n          Image: b\n          LinuxParameters: {MaxSwap: '-1'}\n");
    }

    #[test]
    fn bounds_and_platform_reported_elsewhere_pass() {
        assert_passes(&Rule::META, &task("", r#""maxSwap": 0, "swappiness": 0"#));
        assert_passes(
            &Rule::META,
            &task("", r#""maxSwap": 4096, "swappiness": 100"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "#,
                r#""maxSwap": -1"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#,
                r#""swappiness": 200"#,
            ),
        );
    }
}
