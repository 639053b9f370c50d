use super::resolved_dependencies;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a container that others wait for with the condition `COMPLETE`, `SUCCESS` or
    /// `HEALTHY` but that sets no `startTimeout`. One finding per such container, at the first
    /// condition waiting for it, with a label on the container's name. A `HEALTHY` wait on a
    /// container without a health check is TD-DEP-005's error.
    ///
    /// ## Why is this bad?
    /// `startTimeout` belongs on the container that is waited for: it is how long the
    /// dependants wait for it to reach the condition before they give up, and the task stops
    /// (BOTO:ContainerDefinition.startTimeout). The ECS container agent only checks that limit
    /// when the depended-on container sets it (`hasDependencyTimedOut` returns false for a
    /// timeout of 0). Without it, a migration that hangs, or a sidecar whose health check never
    /// passes, keeps the dependants waiting with no limit from the task definition, and the task
    /// never finishes starting. The agent-wide `ECS_CONTAINER_START_TIMEOUT` does not help here:
    /// the API documentation says it is enforced independently, and the agent applies it to
    /// the Docker call that starts a container, not to this wait. (rules.md words this as "only
    /// the agent-wide timeout limits the wait"; the agent source shows it does not limit it.)
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "migrate", "image": "example/app:2.1", "memory": 256, "essential": false, "command": ["./manage.py", "migrate"]},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "migrate", "image": "example/app:2.1", "memory": 256, "essential": false, "command": ["./manage.py", "migrate"], "startTimeout": 120},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.startTimeout (botocore 1.44.5 ECS model: set on the container waited for; ECS_CONTAINER_START_TIMEOUT "is enforced independently")
    /// - AGENT:agent/engine/dependencygraph/graph.go (`hasDependencyTimedOut`: no timeout when the depended-on container's StartTimeout is 0)
    /// - AGENT:agent/engine/docker_task_engine.go (`startContainer` passes `ContainerStartTimeout` to the Docker start call)
    pub struct DependencyWithoutStartTimeout {
        code: "TD-DEP-007",
        name: "dependency-without-start-timeout",
        severity: Info,
        scope: Containers,
        summary: "Containers wait for a COMPLETE, SUCCESS or HEALTHY dependency that sets no startTimeout",
    }
}

impl Rule for DependencyWithoutStartTimeout {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut reported: Vec<&str> = Vec::new();
        for dep in resolved_dependencies(cx, &["COMPLETE", "SUCCESS", "HEALTHY"]) {
            let target = dep.target;
            if reported.contains(&dep.name)
                || target.get("startTimeout").is_some_and(|t| !t.is_null())
            {
                continue;
            }
            // TD-DEP-005: nothing to time out, the wait can never end.
            if dep.condition == "HEALTHY" && target.get("healthCheck").is_none_or(Node::is_null) {
                continue;
            }
            reported.push(dep.name);
            let (me, name) = (container_label(dep.container, dep.index), dep.name);
            let reach = match dep.condition {
                "HEALTHY" => "become HEALTHY",
                "SUCCESS" => "exit with code 0",
                _ => "exit",
            };
            out.push(
                Finding::at(
                    dep.condition_node,
                    format!(
                        "container {me} waits for '{name}' to {reach}, but '{name}' sets no startTimeout: if it never does, {me} waits with no limit and the task never finishes starting"
                    ),
                )
                .label(
                    target.get("name").unwrap_or(dep.name_node),
                    format!("'{name}' has no startTimeout"),
                )
                .help(format!(
                    "set \"startTimeout\" on container '{name}' (seconds, 2 to 120 on Fargate): when it passes, the waiting containers give up and the task stops"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DependencyWithoutStartTimeout as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(target: &str, condition: &str) -> String {
        format!(
            r#"[{{"name": "init", "image": "i", "essential": false{target}}},
                {{"name": "app", "image": "i", "dependsOn": [{{"containerName": "init", "condition": "{condition}"}}]}},
                {{"name": "worker", "image": "i", "dependsOn": [{{"containerName": "init", "condition": "{condition}"}}]}}]"#
        )
    }

    #[test]
    fn waits_without_a_timeout_are_reported_once_per_target() {
        let text = task("", "SUCCESS");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/1/dependsOn/0/condition");
        assert_eq!(spanned(&text, &d[0]), "\"SUCCESS\"");
        assert_eq!(d[0].labels[0].pointer, "/0/name");
        assert_eq!(d[0].message, "container 'app' waits for 'init' to exit with code 0, but 'init' sets no startTimeout: if it never does, 'app' waits with no limit and the task never finishes starting");
        assert_fails(&Rule::META, &task("", "COMPLETE"));
        assert_fails(
            &Rule::META,
            &task(
                r#", "healthCheck": {"command": ["CMD", "true"]}"#,
                "HEALTHY",
            ),
        );
        // A null startTimeout is none.
        assert_fails(&Rule::META, &task(r#", "startTimeout": null"#, "SUCCESS"));
    }

    #[test]
    fn timeouts_start_conditions_and_unhealthy_targets_pass() {
        assert_passes(&Rule::META, &task(r#", "startTimeout": 60"#, "SUCCESS"));
        assert_passes(&Rule::META, &task("", "START"));
        // TD-DEP-005 reports a HEALTHY wait on a container without a health check.
        assert_passes(&Rule::META, &task("", "HEALTHY"));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: init\n          Image: i\n          Essential: false\n          StartTimeout: '60'\n        - Name: app\n          Image: i\n          DependsOn: [{ContainerName: init, Condition: COMPLETE}]\n");
    }
}
