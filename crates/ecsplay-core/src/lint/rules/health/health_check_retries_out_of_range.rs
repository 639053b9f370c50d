use super::{check_timing, TimingField};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container health check whose `retries`, how many consecutive failed checks make the container UNHEALTHY, is outside
    /// 1-10.
    ///
    /// ## Why is this bad?
    /// ECS accepts 1 to 10 consecutive failures (3 when left out) and RegisterTaskDefinition
    /// refuses other values. Zero would mark a container unhealthy without a failure to count.
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
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "retries": 0}
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
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "retries": 3}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:HealthCheck.retries (botocore 1.44.5 ECS model: 1 to 10)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
    pub struct HealthCheckRetriesOutOfRange {
        code: "TD-HC-006",
        name: "health-check-retries-out-of-range",
        severity: Error,
        scope: Containers,
        summary: "health-check retries outside 1-10 attempts",
    }
}

impl HealthCheckRetriesOutOfRange {
    /// The field this rule checks and its bounds.
    const FIELD: TimingField = TimingField {
        key: "retries",
        min: 1,
        max: 10,
        unit: "attempts",
        default: "the default of 3 attempts",
    };
}

impl Rule for HealthCheckRetriesOutOfRange {
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
    use super::HealthCheckRetriesOutOfRange as Rule;
    use crate::lint::testing::assert_fails;

    #[test]
    fn values_outside_the_bounds_fail_and_the_bounds_pass() {
        assert_timing_rule(&Rule::META, &Rule::FIELD);
    }

    #[test]
    fn zero_retries_fail() {
        let d = assert_fails(&Rule::META, &timing_task("retries", "0"));
        assert_eq!(
            d[0].help.as_deref(),
            Some("set retries to a value from 1 to 10, or remove it for the default of 3 attempts")
        );
    }
}
