use super::dependencies;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

/// The conditions whose wait `startTimeout` bounds.
const TIMED: [&str; 3] = ["COMPLETE", "SUCCESS", "HEALTHY"];

declare_rule! {
    /// ## What it does
    /// Reports a `startTimeout` on a container that no other container waits for with the
    /// condition `COMPLETE`, `SUCCESS` or `HEALTHY`.
    ///
    /// ## Why is this bad?
    /// Despite its name, `startTimeout` does not limit how long the container itself may take
    /// to start: it is how long the containers that depend on it wait for it to reach their
    /// condition (BOTO:ContainerDefinition.startTimeout; the agent reads the depended-on
    /// container's value in `hasDependencyTimedOut`, for those three conditions only). Set on a
    /// container nobody waits for, it has no effect, and the wait it was probably meant to bound
    /// (the one of this container on another) has none. The time Docker may take to start a
    /// container is the agent setting `ECS_CONTAINER_START_TIMEOUT`.
    ///
    /// Values of 0 or less are TD-DEP-009's finding. When a `dependsOn` entry of the task names
    /// its container or condition with a deploy-time value, the rule says nothing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "migrate", "image": "example/app:2.1", "memory": 256, "essential": false, "command": ["./manage.py", "migrate"]},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512, "startTimeout": 120,
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
    /// - BOTO:ContainerDefinition.startTimeout (botocore 1.44.5 ECS model: containerA waits for containerB's startTimeout)
    /// - AGENT:agent/engine/dependencygraph/graph.go (`hasDependencyTimedOut` reads the depended-on container's StartTimeout, for SUCCESS, COMPLETE and HEALTHY)
    pub struct StartTimeoutWithoutDependants {
        code: "TD-DEP-008",
        name: "start-timeout-without-dependants",
        severity: Info,
        scope: Containers,
        summary: "startTimeout on a container that no other container waits for has no effect",
    }
}

impl Rule for StartTimeoutWithoutDependants {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let deploy_time = cx
            .container_members("dependsOn")
            .any(|(_, _, list)| list.is_unknown() || list.items().iter().any(Node::is_unknown));
        if deploy_time {
            return;
        }
        let mut waited_for: Vec<&str> = Vec::new();
        for (_, _, entry) in dependencies(cx) {
            let name = entry.get("containerName").and_then(Node::as_str);
            let condition = entry.get("condition").and_then(Node::as_str);
            match (name, condition) {
                (Some(name), Some(condition)) => {
                    if TIMED.contains(&condition) {
                        waited_for.push(name);
                    }
                }
                // A deploy-time (or unreadable) entry may wait for any container.
                _ => return,
            }
        }
        for (i, container) in cx.containers() {
            let Some(node) = container.get("startTimeout") else {
                continue;
            };
            let Some(seconds) = cx.int_of(node).filter(|s| *s > 0) else {
                continue;
            };
            let waited = container
                .get("name")
                .and_then(Node::as_str)
                .is_none_or(|n| waited_for.contains(&n));
            if waited {
                continue;
            }
            let me = container_label(container, i);
            out.push(
                Finding::at(
                    node,
                    format!("startTimeout {seconds} of container {me} has no effect: no container waits for {me} with COMPLETE, SUCCESS or HEALTHY, and startTimeout only bounds such waits"),
                )
                .help("remove startTimeout, or set it on the container this one waits for"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::StartTimeoutWithoutDependants as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(timeout_on: usize, condition: &str) -> String {
        let t = |i: usize| {
            if i == timeout_on {
                r#", "startTimeout": 90"#
            } else {
                ""
            }
        };
        format!(
            r#"[{{"name": "init", "image": "i", "essential": false{}}},
                {{"name": "app", "image": "i"{}, "dependsOn": [{{"containerName": "init", "condition": "{condition}"}}]}}]"#,
            t(0),
            t(1)
        )
    }

    #[test]
    fn timeout_on_the_waiting_container_is_reported() {
        let text = task(1, "SUCCESS");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/1/startTimeout");
        assert_eq!(spanned(&text, &d[0]), "90");
        assert_eq!(d[0].message, "startTimeout 90 of container 'app' has no effect: no container waits for 'app' with COMPLETE, SUCCESS or HEALTHY, and startTimeout only bounds such waits");
        // A START wait is not bounded by startTimeout.
        assert_fails(&Rule::META, &task(0, "START"));
        assert_fails(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "app", "image": "i", "startTimeout": 30}]}"#,
        );
    }

    #[test]
    fn timeouts_that_bound_a_wait_pass() {
        for condition in ["COMPLETE", "SUCCESS", "HEALTHY"] {
            assert_passes(&Rule::META, &task(0, condition));
        }
        // TD-DEP-009 reports values of 0 or less.
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "i", "startTimeout": 0}]"#,
        );
        // A deploy-time dependency may name the container.
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: init\n          Image: i\n          StartTimeout: 60\n        - Name: app\n          Image: i\n          DependsOn: [{ContainerName: !Ref Init, Condition: SUCCESS}]\n");
    }
}
