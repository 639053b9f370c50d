use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The longest `stopTimeout` Fargate accepts, in seconds.
const MAX_STOP_TIMEOUT: i64 = 120;

declare_rule! {
    /// ## What it does
    /// Reports a container of a Fargate task definition whose `stopTimeout` is above 120
    /// seconds.
    ///
    /// ## Why is this bad?
    /// `stopTimeout` is how long ECS waits after SIGTERM before it kills the container. "For
    /// tasks that use the Fargate launch type, the max stop timeout value is 120 seconds" (valid
    /// values 2 to 120, default 30), so a longer value is refused. A value of 0 or below is
    /// TD-DEP-009's finding. On Fargate, work that needs more than two minutes to shut down
    /// cleanly has to be made resumable (checkpoint it, or hand it back to a queue on SIGTERM).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12", "stopTimeout": 300}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12", "stopTimeout": 120}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.stopTimeout (botocore 1.44.5 ECS model: "the max stop timeout value is 120 seconds"; "The valid values for Fargate are 2-120 seconds")
    pub struct FargateStopTimeoutTooLong {
        code: "TD-FG-018",
        name: "fargate-stop-timeout-too-long",
        severity: Error,
        scope: Task,
        summary: "Fargate container with a stopTimeout above 120 seconds",
    }
}

impl Rule for FargateStopTimeoutTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        for (i, container, node) in cx.container_members("stopTimeout") {
            let Some(seconds) = cx.int_of(node).filter(|s| *s > MAX_STOP_TIMEOUT) else {
                continue;
            };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "container {} has stopTimeout {seconds}; Fargate allows at most {MAX_STOP_TIMEOUT} seconds",
                        container_label(container, i)
                    ),
                )
                .help(format!("set stopTimeout to {MAX_STOP_TIMEOUT} or less (the Fargate default is 30)")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn};
    use super::FargateStopTimeoutTooLong as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn above_120_fails_at_the_value() {
        let text = fargate("", r#""stopTimeout": 121"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/stopTimeout");
        assert_eq!(spanned(&text, &d[0]), "121");
        assert_eq!(
            d[0].message,
            "container 'app' has stopTimeout 121; Fargate allows at most 120 seconds"
        );
        let text = fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          StopTimeout: '600'\n");
        assert_eq!(
            spanned(&text, &assert_fails(&Rule::META, &text)[0]),
            "'600'"
        );
    }

    #[test]
    fn within_range_unreadable_or_ec2_passes() {
        for v in ["120", "30", "2", "0", "-5", "\"600\"", "null"] {
            assert_passes(&Rule::META, &fargate("", &format!(r#""stopTimeout": {v}"#)));
        }
        assert_passes(&Rule::META, &ec2("", r#""stopTimeout": 600"#));
    }
}
