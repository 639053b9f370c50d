use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a container `startTimeout` or `stopTimeout` of zero or less.
    ///
    /// ## Why is this bad?
    /// Both are durations in seconds. `startTimeout` bounds how long the containers that depend
    /// on this one wait for it; `stopTimeout` is the grace period between `SIGTERM` and `SIGKILL`
    /// when the container is stopped. Zero or a negative number is not a duration ECS accepts.
    /// Omit the member for the default (30 seconds for `stopTimeout`).
    ///
    /// A value that is not an integer at all is a type error (TD-SHAPE-010). On Fargate the
    /// ranges are narrower (2 to 120 seconds): TD-FG-019 reports a Fargate `startTimeout` outside
    /// it, TD-FG-018 a `stopTimeout` above 120.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512, "stopTimeout": 0}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512, "stopTimeout": 60}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.startTimeout (botocore 1.44.5 ECS model)
    /// - BOTO:ContainerDefinition.stopTimeout (botocore 1.44.5 ECS model)
    pub struct TimeoutNotPositive {
        code: "TD-DEP-009",
        name: "timeout-not-positive",
        severity: Error,
        scope: Containers,
        summary: "A container startTimeout or stopTimeout is zero or negative",
    }
}

impl Rule for TimeoutNotPositive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for key in ["startTimeout", "stopTimeout"] {
            // On Fargate TD-FG-019 reports every startTimeout outside 2-120.
            if key == "startTimeout" && cx.facts.fargate {
                continue;
            }
            for (i, c, node) in cx.container_members(key) {
                let Some(v) = cx.int_of(node) else { continue };
                if v > 0 {
                    continue;
                }
                let what = if key == "startTimeout" {
                    "how long dependants wait for this container"
                } else {
                    "the grace period before the container is killed"
                };
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "{key} {v} of container {} must be a positive number of seconds",
                            container_label(c, i)
                        ),
                    )
                    .help(format!(
                        "give {key} a positive number of seconds ({what}), or remove it for the default"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TimeoutNotPositive as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn zero_and_negative_fail() {
        let text = r#"[{"name": "a", "image": "i", "startTimeout": -5, "stopTimeout": 0}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(spanned(text, &d[0]), "-5");
        assert_eq!(
            d[0].message,
            "startTimeout -5 of container 'a' must be a positive number of seconds"
        );
        assert_eq!(d[1].pointer, "/0/stopTimeout");
    }

    #[test]
    fn cloudformation_strings_are_read_as_integers() {
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          StopTimeout: '0'\n");
    }

    #[test]
    fn fargate_start_timeouts_are_left_to_fargate_rules() {
        let text = r#"{"family": "f", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "a", "image": "i", "startTimeout": 0, "stopTimeout": 0}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/stopTimeout");
    }

    #[test]
    fn positive_and_non_integer_values_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "startTimeout": 1, "stopTimeout": 120}]"#,
        );
        // Type errors are TD-SHAPE-010's.
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "startTimeout": "0", "stopTimeout": 0.5}]"#,
        );
    }
}
