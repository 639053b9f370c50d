use super::memory_pair;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container whose `memoryReservation` (soft limit) is greater than its `memory`
    /// (hard limit).
    ///
    /// ## Why is this bad?
    /// `memoryReservation` is what ECS reserves for the container on the instance; `memory` is
    /// the limit at which the container is killed. A reservation above the limit reserves memory
    /// the container can never use, so ECS requires `memory` to be greater than
    /// `memoryReservation` and rejects the definition otherwise. The two values are usually
    /// swapped.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 256, "memoryReservation": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512, "memoryReservation": 256}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.memoryReservation (botocore 1.44.5 ECS model: memory must be greater than memoryReservation)
    /// - BOTO:ContainerDefinition.memory (botocore 1.44.5 ECS model)
    pub struct ReservationExceedsMemory {
        code: "TD-RES-005",
        name: "reservation-exceeds-memory",
        severity: Error,
        scope: Containers,
        summary: "A container's memoryReservation is greater than its memory",
    }
}

impl Rule for ReservationExceedsMemory {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for pair in memory_pair(cx) {
            if pair.reservation <= pair.memory {
                continue;
            }
            out.push(
                Finding::at(
                    pair.reservation_node,
                    format!(
                        "memoryReservation {} MiB of container {} is greater than its memory {} MiB; the soft limit must be below the hard limit",
                        pair.reservation, pair.label, pair.memory
                    ),
                )
                .label(pair.memory_node, "the hard limit")
                .help(format!(
                    "lower memoryReservation below {} MiB or raise memory above {} MiB (the two values may be swapped)",
                    pair.memory, pair.reservation
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReservationExceedsMemory as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn reservation_above_memory_fails() {
        let text = r#"[{"name": "a", "image": "i", "memory": 256, "memoryReservation": 512}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "512");
        assert_eq!(d[0].labels[0].pointer, "/0/memory");
        assert_eq!(
            d[0].message,
            "memoryReservation 512 MiB of container 'a' is greater than its memory 256 MiB; the soft limit must be below the hard limit"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Memory: '256'\n          MemoryReservation: 300\n");
    }

    #[test]
    fn lower_equal_or_single_values_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "memory": 512, "memoryReservation": 256},
                {"name": "b", "image": "i", "memory": 512, "memoryReservation": 512},
                {"name": "c", "image": "i", "memoryReservation": 4096},
                {"name": "d", "image": "i", "memory": 0, "memoryReservation": 4096}]"#,
        );
    }
}
