use super::memory_pair;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container whose `memoryReservation` equals its `memory`.
    ///
    /// ## Why is this bad?
    /// A soft limit equal to the hard limit is the same as the hard limit alone: ECS reserves
    /// `memoryReservation` when it is set, else `memory`, so the reservation adds nothing. The
    /// API documentation says `memory` must be *greater* than `memoryReservation`; a proposed
    /// documentation fix says equal values are accepted, and this could not be confirmed
    /// (rules.md Appendix C), so this is only a hint.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512, "memoryReservation": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.memoryReservation (botocore 1.44.5 ECS model: memory must be greater)
    /// - https://github.com/awsdocs/amazon-ecs-developer-guide/pull/242 (unmerged: equal values are accepted)
    pub struct ReservationEqualsMemory {
        code: "TD-RES-006",
        name: "reservation-equals-memory",
        severity: Info,
        scope: Containers,
        summary: "A container's memoryReservation equals its memory",
    }
}

impl Rule for ReservationEqualsMemory {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for pair in memory_pair(cx) {
            if pair.reservation != pair.memory {
                continue;
            }
            out.push(
                Finding::at(
                    pair.reservation_node,
                    format!(
                        "memoryReservation of container {} equals its memory ({} MiB): the soft limit adds nothing to the hard limit",
                        pair.label, pair.memory
                    ),
                )
                .label(pair.memory_node, "the same hard limit")
                .help("remove memoryReservation, or lower it to what the container needs most of the time so that it can burst up to memory"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReservationEqualsMemory as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn equal_values_are_reported() {
        let text = r#"[{"name": "a", "image": "i", "memoryReservation": 256, "memory": 256}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/0/memoryReservation");
        assert_eq!(spanned(text, &d[0]), "256");
        assert!(d[0].message.contains("equals its memory (256 MiB)"));
    }

    #[test]
    fn different_values_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "memory": 512, "memoryReservation": 256}, {"name": "b", "image": "i", "memory": 512}]"#,
        );
    }
}
