use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a `restartPolicy.restartAttemptPeriod` outside 60 to 1800 seconds.
    ///
    /// ## Why is this bad?
    /// The restart attempt period is how long a container must have run before ECS may restart
    /// it again; it guards against restarting a crash-looping container forever. ECS accepts 60
    /// to 1800 seconds (default 300) and rejects other values.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512,
    ///      "restartPolicy": {"enabled": true, "restartAttemptPeriod": 10}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512,
    ///      "restartPolicy": {"enabled": true, "restartAttemptPeriod": 60}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerRestartPolicy.restartAttemptPeriod (botocore 1.44.5 ECS model: 60-1800, default 300)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html
    pub struct RestartAttemptPeriodOutOfRange {
        code: "TD-DEP-017",
        name: "restart-attempt-period-out-of-range",
        severity: Error,
        scope: Containers,
        summary: "A restartPolicy restartAttemptPeriod is outside 60 to 1800 seconds",
    }
}

impl Rule for RestartAttemptPeriodOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, policy) in cx.container_members("restartPolicy") {
            let Some(node) = policy.get("restartAttemptPeriod") else {
                continue;
            };
            let Some(v) = cx.int_of(node) else { continue };
            if (60..=1800).contains(&v) {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!(
                        "restartAttemptPeriod {v} of container {} is outside 60-1800 seconds",
                        container_label(c, i)
                    ),
                )
                .help(format!(
                    "use {} seconds or another value from 60 to 1800, or remove it for the default of 300",
                    v.clamp(60, 1800)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RestartAttemptPeriodOutOfRange as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn below_and_above_fail() {
        let text = r#"[{"name": "a", "image": "i", "restartPolicy": {"enabled": true, "restartAttemptPeriod": 59}},
                       {"name": "b", "image": "i", "restartPolicy": {"enabled": false, "restartAttemptPeriod": 1801}}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(spanned(text, &d[0]), "59");
        assert_eq!(
            d[0].message,
            "restartAttemptPeriod 59 of container 'a' is outside 60-1800 seconds"
        );
        assert!(d[1]
            .help
            .as_deref()
            .unwrap()
            .starts_with("use 1800 seconds"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          RestartPolicy:\n            Enabled: true\n            RestartAttemptPeriod: '30'\n");
    }

    #[test]
    fn bounds_and_absent_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "restartPolicy": {"enabled": true, "restartAttemptPeriod": 60}},
                {"name": "b", "image": "i", "restartPolicy": {"enabled": true, "restartAttemptPeriod": 1800}},
                {"name": "c", "image": "i", "restartPolicy": {"enabled": true}}]"#,
        );
    }
}
