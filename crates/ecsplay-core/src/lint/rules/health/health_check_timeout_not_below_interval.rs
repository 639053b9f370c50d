use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

/// The defaults ECS applies (BOTO:HealthCheck).
const DEFAULT_INTERVAL: i64 = 30;
const DEFAULT_TIMEOUT: i64 = 5;
const DEFAULT_RETRIES: i64 = 3;

declare_rule! {
    /// ## What it does
    /// Reports a container health check whose `timeout` is not shorter than its `interval`
    /// (with the defaults, 5 and 30 seconds, when they are not written), and says how long a
    /// failing container then takes to be marked UNHEALTHY.
    ///
    /// ## Why is this bad?
    /// `timeout` is how long one check may run before it counts as failed; `interval` is the
    /// pause between checks. A timeout as long as the interval or longer is almost always a
    /// mix-up of the two (for example both set to 30): a hanging check then holds the container
    /// in its current state for longer than one interval, and the time to notice a failure
    /// grows. A container is marked UNHEALTHY after `retries` consecutive failures, so in the
    /// worst case about `retries × (interval + timeout)` seconds after it starts failing
    /// (failures during `startPeriod` do not count). Values outside their ranges are
    /// TD-HC-004 and TD-HC-005's errors.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 10, "timeout": 10, "retries": 3}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 10, "timeout": 5, "retries": 3}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:HealthCheck (botocore 1.44.5 ECS model: interval 5-300, default 30; timeout 2-60, default 5; retries 1-10, default 3; startPeriod grace)
    /// - rules.md TD-HC-008 (detection time derived from the field meanings)
    pub struct HealthCheckTimeoutNotBelowInterval {
        code: "TD-HC-008",
        name: "health-check-timeout-not-below-interval",
        severity: Info,
        scope: Containers,
        summary: "A health-check timeout as long as its interval or longer",
    }
}

impl Rule for HealthCheckTimeoutNotBelowInterval {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, container) in cx.containers() {
            // The timing fields apply only to a health check with a command (TD-HC-001).
            let Some(check) = container
                .get("healthCheck")
                .filter(|h| h.get("command").is_some_and(Node::is_set))
            else {
                continue;
            };
            let read = |key: &str, default: i64, range: std::ops::RangeInclusive<i64>| match check
                .get(key)
                .filter(|n| !n.is_null())
            {
                None => Some((None, default)),
                Some(node) => cx
                    .int_of(node)
                    .filter(|v| range.contains(v))
                    .map(|v| (Some(node), v)),
            };
            let (
                Some((interval_node, interval)),
                Some((timeout_node, timeout)),
                Some((_, retries)),
            ) = (
                read("interval", DEFAULT_INTERVAL, 5..=300),
                read("timeout", DEFAULT_TIMEOUT, 2..=60),
                read("retries", DEFAULT_RETRIES, 1..=10),
            )
            else {
                continue;
            };
            if timeout < interval {
                continue;
            }
            let Some(at) = timeout_node.or(interval_node) else {
                continue;
            };
            let detection = retries.saturating_mul(interval.saturating_add(timeout));
            let shown = |node: Option<&Node>, v: i64| match node {
                Some(_) => format!("{v} s"),
                None => format!("{v} s (the default)"),
            };
            let mut finding = Finding::at(
                at,
                format!(
                    "healthCheck timeout {} of container {} is not shorter than its interval {}: a failing container is marked UNHEALTHY only after up to {retries} × ({interval} + {timeout}) = {detection} s",
                    shown(timeout_node, timeout),
                    container_label(container, i),
                    shown(interval_node, interval)
                ),
            )
            .help("make timeout (how long one check may run) shorter than interval (the pause between checks), for example timeout 5 with interval 30");
            if let (Some(t), Some(n)) = (timeout_node, interval_node) {
                if t.span != n.span {
                    finding = finding.label(n, "the interval between checks");
                }
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HealthCheckTimeoutNotBelowInterval as Rule;
    use crate::lint::rules::health::timing_task;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(timing: &str) -> String {
        format!(
            r#"[{{"name": "app", "image": "b", "healthCheck": {{"command": ["CMD", "true"]{timing}}}}}]"#
        )
    }

    #[test]
    fn timeout_not_below_interval_is_reported() {
        let text = task(r#", "interval": 10, "timeout": 10"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/healthCheck/timeout");
        assert_eq!(spanned(&text, &d[0]), "10");
        assert_eq!(d[0].labels[0].pointer, "/0/healthCheck/interval");
        assert_eq!(d[0].message, "healthCheck timeout 10 s of container 'app' is not shorter than its interval 10 s: a failing container is marked UNHEALTHY only after up to 3 × (10 + 10) = 60 s");
        // The default interval (30) against a long timeout.
        let d = assert_fails(&Rule::META, &task(r#", "timeout": 45, "retries": 2"#));
        assert!(d[0].message.contains("its interval 30 s (the default)"));
        assert!(d[0].message.contains("2 × (30 + 45) = 150 s"));
        // The default timeout (5) against the shortest interval.
        let text = timing_task("interval", "5");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/healthCheck/interval");
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: b\n          HealthCheck: {Command: [CMD, 'true'], Interval: '20', Timeout: '30'}\n");
        assert!(d[0].message.starts_with("healthCheck timeout 30 s"));
    }

    #[test]
    fn shorter_timeouts_defaults_and_out_of_range_values_pass() {
        assert_passes(&Rule::META, &task(""));
        assert_passes(&Rule::META, &task(r#", "interval": 10, "timeout": 9"#));
        // TD-HC-004 / TD-HC-005 report values outside their ranges.
        assert_passes(&Rule::META, &task(r#", "interval": 3, "timeout": 5"#));
        assert_passes(&Rule::META, &task(r#", "interval": 30, "timeout": 90"#));
        assert_passes(&Rule::META, &task(r#", "interval": 30, "timeout": "40""#));
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "b", "healthCheck": {"interval": 10, "timeout": 10}}]"#,
        );
    }
}
