use super::container_int;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The least memory Docker 20.10 and later lets a container have, in MiB.
const MIN_CONTAINER_MIB: i64 = 6;

declare_rule! {
    /// ## What it does
    /// Reports a container `memory` or `memoryReservation` of 1 to 5 MiB.
    ///
    /// ## Why is this bad?
    /// Docker 20.10 and later reserves at least 6 MiB of memory for a container and refuses to
    /// create one with a smaller limit, so the task fails to start (Docker 19.03.13 and older
    /// accepted 4 MiB). Such a small value is usually a unit mistake: GB written where ECS
    /// expects MiB.
    ///
    /// A value of 0 counts as not set (TD-RES-004 reports a container left with no memory at
    /// all); negative values are TD-RES-008's.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 2}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.memory (botocore 1.44.5 ECS model: Docker 20.10+ reserves at least 6 MiB)
    /// - BOTO:ContainerDefinition.memoryReservation (botocore 1.44.5 ECS model)
    pub struct ContainerMemoryTooSmall {
        code: "TD-RES-007",
        name: "container-memory-too-small",
        severity: Error,
        scope: Containers,
        summary: "A container memory or memoryReservation is below the 6 MiB Docker needs",
    }
}

impl Rule for ContainerMemoryTooSmall {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            for key in ["memory", "memoryReservation"] {
                let Some((node, mib)) = container_int(cx, c, key) else {
                    continue;
                };
                if !(1..MIN_CONTAINER_MIB).contains(&mib) {
                    continue;
                }
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "{key} {mib} MiB of container {} is below the {MIN_CONTAINER_MIB} MiB Docker reserves for a container; the container cannot start",
                            container_label(c, i)
                        ),
                    )
                    .help(format!(
                        "{key} is in MiB: give at least {MIN_CONTAINER_MIB} (if you meant {mib} GB, write {})",
                        mib.saturating_mul(1024)
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerMemoryTooSmall as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn tiny_values_fail() {
        let text = r#"[{"name": "a", "image": "i", "memory": 5, "memoryReservation": 1}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(spanned(text, &d[0]), "5");
        assert_eq!(
            d[0].message,
            "memory 5 MiB of container 'a' is below the 6 MiB Docker reserves for a container; the container cannot start"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("memory is in MiB: give at least 6 (if you meant 5 GB, write 5120)")
        );
    }

    #[test]
    fn six_zero_and_negative_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "memory": 6, "memoryReservation": 0}, {"name": "b", "image": "i", "memory": -1}]"#,
        );
    }
}
