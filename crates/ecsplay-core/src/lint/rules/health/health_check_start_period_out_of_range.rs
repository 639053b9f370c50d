use super::{check_timing, TimingField};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container health check whose `startPeriod`, the grace period, in seconds after the container starts, during which failed checks do not count, is outside
    /// 0-300.
    ///
    /// ## Why is this bad?
    /// ECS accepts 0 to 300 seconds (no grace period when left out) and RegisterTaskDefinition
    /// refuses other values. An application that needs more than five minutes to start needs a
    /// check that passes while it warms up (or a readiness endpoint), not a longer grace period.
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
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "startPeriod": 600}
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
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "startPeriod": 300}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:HealthCheck.startPeriod (botocore 1.44.5 ECS model: 0 to 300)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
    pub struct HealthCheckStartPeriodOutOfRange {
        code: "TD-HC-007",
        name: "health-check-start-period-out-of-range",
        severity: Error,
        scope: Containers,
        summary: "health-check startPeriod outside 0-300 seconds",
    }
}

impl HealthCheckStartPeriodOutOfRange {
    /// The field this rule checks and its bounds.
    const FIELD: TimingField = TimingField {
        key: "startPeriod",
        min: 0,
        max: 300,
        unit: "seconds",
        default: "no grace period",
    };
}

impl Rule for HealthCheckStartPeriodOutOfRange {
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
    use super::HealthCheckStartPeriodOutOfRange as Rule;
    use crate::lint::testing::assert_passes;

    #[test]
    fn values_outside_the_bounds_fail_and_the_bounds_pass() {
        assert_timing_rule(&Rule::META, &Rule::FIELD);
    }

    #[test]
    fn a_zero_start_period_passes() {
        assert_passes(&Rule::META, &timing_task("startPeriod", "0"));
    }
}
