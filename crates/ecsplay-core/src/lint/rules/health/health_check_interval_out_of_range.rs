use super::{check_timing, TimingField};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container health check whose `interval`, the number of seconds between two runs of the check, is outside
    /// 5-300.
    ///
    /// ## Why is this bad?
    /// ECS accepts 5 to 300 seconds between checks (30 when left out) and RegisterTaskDefinition
    /// refuses other values. A very short interval would also run the check, and its process,
    /// almost continuously inside the container.
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
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 2}
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
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 10}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:HealthCheck.interval (botocore 1.44.5 ECS model: 5 to 300)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
    pub struct HealthCheckIntervalOutOfRange {
        code: "TD-HC-004",
        name: "health-check-interval-out-of-range",
        severity: Error,
        scope: Containers,
        summary: "health-check interval outside 5-300 seconds",
    }
}

impl HealthCheckIntervalOutOfRange {
    /// The field this rule checks and its bounds.
    const FIELD: TimingField = TimingField {
        key: "interval",
        min: 5,
        max: 300,
        unit: "seconds",
        default: "the default of 30 seconds",
    };
}

impl Rule for HealthCheckIntervalOutOfRange {
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
    use super::HealthCheckIntervalOutOfRange as Rule;
    use crate::lint::testing::assert_fails;

    #[test]
    fn values_outside_the_bounds_fail_and_the_bounds_pass() {
        assert_timing_rule(&Rule::META, &Rule::FIELD);
    }

    #[test]
    fn a_one_second_interval_fails() {
        assert_fails(&Rule::META, &timing_task("interval", "1"));
    }
}
