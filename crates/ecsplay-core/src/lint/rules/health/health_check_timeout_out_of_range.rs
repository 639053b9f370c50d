use super::{check_timing, TimingField};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container health check whose `timeout`, how many seconds one run of the check may take before it counts as failed, is outside
    /// 2-60.
    ///
    /// ## Why is this bad?
    /// ECS accepts 2 to 60 seconds (5 when left out) and RegisterTaskDefinition refuses other
    /// values. A check that needs more than a minute is better made cheaper: a slow check delays
    /// every detection of a hung container.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "timeout": 90}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "timeout": 10}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:HealthCheck.timeout (botocore 1.44.5 ECS model: 2 to 60)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
    pub struct HealthCheckTimeoutOutOfRange {
        code: "TD-HC-005",
        name: "health-check-timeout-out-of-range",
        severity: Error,
        scope: Containers,
        summary: "health-check timeout outside 2-60 seconds",
    }
}

impl HealthCheckTimeoutOutOfRange {
    /// The field this rule checks and its bounds.
    const FIELD: TimingField = TimingField {
        key: "timeout",
        min: 2,
        max: 60,
        unit: "seconds",
        default: "the default of 5 seconds",
    };
}

impl Rule for HealthCheckTimeoutOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        check_timing(cx, out, &Self::FIELD);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{assert_timing_rule, timing_task};
    use super::HealthCheckTimeoutOutOfRange as Rule;
    use crate::lint::testing::assert_fails;

    #[test]
    fn values_outside_the_bounds_fail_and_the_bounds_pass() {
        assert_timing_rule(&Rule::META, &Rule::FIELD);
    }

    #[test]
    fn a_two_minute_timeout_fails() {
        assert_fails(&Rule::META, &timing_task("timeout", "120"));
    }
}
