use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The `startTimeout` range Fargate accepts, in seconds.
const MIN_START_TIMEOUT: i64 = 2;
const MAX_START_TIMEOUT: i64 = 120;

declare_rule! {
    /// ## What it does
    /// Reports a container of a Fargate task definition whose `startTimeout` is outside 2 to 120
    /// seconds.
    ///
    /// ## Why is this bad?
    /// `startTimeout` bounds how long the containers that depend on this one wait for it to
    /// reach its `dependsOn` condition. "The valid values for Fargate are 2-120 seconds", so
    /// other values are refused. Values of 0 or below are TD-DEP-009's finding; this rule reports
    /// 1 and everything above 120.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "migrate", "image": "public.ecr.aws/example/migrate:1.4", "essential": false, "startTimeout": 600},
    ///     {"name": "app", "image": "nginx:1.27", "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "migrate", "image": "public.ecr.aws/example/migrate:1.4", "essential": false, "startTimeout": 120},
    ///     {"name": "app", "image": "nginx:1.27", "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.startTimeout (botocore 1.44.5 ECS model: "The valid values for Fargate are 2-120 seconds")
    pub struct FargateStartTimeoutOutOfRange {
        code: "TD-FG-019",
        name: "fargate-start-timeout-out-of-range",
        severity: Error,
        scope: Task,
        summary: "Fargate container with a startTimeout outside 2 to 120 seconds",
    }
}

impl Rule for FargateStartTimeoutOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        for (i, container, node) in cx.container_members("startTimeout") {
            let Some(seconds) = cx.int_of(node) else {
                continue;
            };
            // 0 and below: TD-DEP-009.
            if seconds < 1 || (MIN_START_TIMEOUT..=MAX_START_TIMEOUT).contains(&seconds) {
                continue;
            }
            let nearest = seconds.clamp(MIN_START_TIMEOUT, MAX_START_TIMEOUT);
            out.push(
                Finding::at(
                    node,
                    format!(
                        "container {} has startTimeout {seconds}; Fargate allows {MIN_START_TIMEOUT} to {MAX_START_TIMEOUT} seconds",
                        container_label(container, i)
                    ),
                )
                .help(format!("set startTimeout to {nearest}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn};
    use super::FargateStartTimeoutOutOfRange as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn outside_2_to_120_fails_at_the_value() {
        let text = fargate("", r#""startTimeout": 121"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/startTimeout");
        assert_eq!(spanned(&text, &d[0]), "121");
        assert_eq!(
            d[0].message,
            "container 'app' has startTimeout 121; Fargate allows 2 to 120 seconds"
        );
        assert_eq!(d[0].help.as_deref(), Some("set startTimeout to 120"));
        let d = assert_fails(&Rule::META, &fargate("", r#""startTimeout": 1"#));
        assert_eq!(d[0].help.as_deref(), Some("set startTimeout to 2"));
        assert_fails(&Rule::META, &fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          StartTimeout: 300\n"));
    }

    #[test]
    fn within_range_non_positive_unreadable_or_ec2_passes() {
        for v in ["2", "120", "60", "0", "-1", "\"300\""] {
            assert_passes(
                &Rule::META,
                &fargate("", &format!(r#""startTimeout": {v}"#)),
            );
        }
        assert_passes(&Rule::META, &ec2("", r#""startTimeout": 600"#));
    }
}
