use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out an essential container (`essential` absent or `true`) without a
    /// `healthCheck`. Containers whose `essential` or `healthCheck` is only known at deploy
    /// time are skipped. The security hint TD-SEC-017 names the same condition and is reported
    /// under this code.
    ///
    /// ## Why is this bad?
    /// ECS only knows a container is unhealthy from a health check in the task definition (a
    /// Dockerfile `HEALTHCHECK` is ignored). Without one, the container's health is `UNKNOWN`
    /// and so is the task's: a process that hangs, deadlocks or stops answering but does not
    /// exit keeps its task `RUNNING`, and the service never replaces it. A load balancer's
    /// health check covers the traffic path, but not a worker or a sidecar, and
    /// `dependsOn: HEALTHY` needs a container health check to work at all.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
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
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 10}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:HealthCheck (botocore 1.44.5 ECS model: task health from its essential containers; Dockerfile HEALTHCHECK ignored)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html
    pub struct EssentialContainerWithoutHealthCheck {
        code: "TD-HC-009",
        name: "essential-container-without-health-check",
        severity: Info,
        scope: Containers,
        summary: "essential container without a health check",
        aliases: ["TD-SEC-017"],
    }
}

impl Rule for EssentialContainerWithoutHealthCheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            if cx.is_essential(c) != Some(true) {
                continue;
            }
            if c.get("healthCheck").is_some_and(|h| !h.is_null()) {
                continue;
            }
            out.push(
                Finding::at(
                    c,
                    format!(
                        "essential container {} has no healthCheck: its health stays UNKNOWN, and a hung process is never replaced",
                        container_label(c, i)
                    ),
                )
                .help("add a \"healthCheck\" whose command exits 0 when the container works, for example [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EssentialContainerWithoutHealthCheck as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn essential_containers_without_a_check_are_pointed_out() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "app", "image": "b"}, {"name": "side", "image": "c", "essential": true, "healthCheck": null}]}"#,
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pointer, "/containerDefinitions/0");
        assert_eq!(
            d[0].message,
            "essential container 'app' has no healthCheck: its health stays UNKNOWN, and a hung process is never replaced"
        );
        assert_fails(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Essential: 'true'\n");
    }

    #[test]
    fn checked_non_essential_or_unknown_containers_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "healthCheck": {"command": ["CMD", "true"]}}, {"name": "init", "image": "c", "essential": false}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Essential: !Ref Essential\n        - Name: c\n          Image: d\n          HealthCheck: !If [Check, {Command: [CMD, 'true']}, !Ref AWS::NoValue]\n");
    }
}
