use super::resolved_dependencies;
use crate::declare_rule;
use crate::lint::rules::logging::is_firelens_router;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Warns about a container that sends its logs to FireLens (`logDriver: awsfirelens`) and
    /// waits for the FireLens log router with the condition `COMPLETE` or `SUCCESS`.
    ///
    /// ## Why is this bad?
    /// The log router must be running while the application writes logs. `COMPLETE` and
    /// `SUCCESS` wait for the router to *exit*, so the application would start only after its
    /// log router has gone, and its logs could not be delivered. ECS adds a `START` dependency
    /// on the router by default; a written `dependsOn` between the two replaces that default,
    /// so it must keep the router first: `START`, or `HEALTHY` when the router has a health
    /// check.
    ///
    /// When the router is essential (the default), ECS refuses such a dependency outright:
    /// that is TD-DEP-004's error, so this rule only speaks of a non-essential router.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "log_router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", "memory": 128, "essential": false,
    ///      "firelensConfiguration": {"type": "fluentbit"}},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "/ecs/web", "log_stream_prefix": "app/"}},
    ///      "dependsOn": [{"containerName": "log_router", "condition": "COMPLETE"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "log_router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", "memory": 128, "essential": true,
    ///      "firelensConfiguration": {"type": "fluentbit"}},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "/ecs/web", "log_stream_prefix": "app/"}},
    ///      "dependsOn": [{"containerName": "log_router", "condition": "START"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:using_firelens.md (the router starts before the containers that use it; a written container order overrides the default)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html ("Amazon ECS adds a start container order dependency between the application containers and the FireLens container by default")
    /// - BOTO:ContainerDependency.condition (botocore 1.44.5 ECS model: COMPLETE and SUCCESS wait for the container to exit)
    pub struct FirelensRouterDependencyCondition {
        code: "TD-DEP-014",
        name: "firelens-router-dependency-condition",
        severity: Warning,
        scope: Containers,
        summary: "A container logging through FireLens waits for the log router to exit",
    }
}

impl Rule for FirelensRouterDependencyCondition {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for dep in resolved_dependencies(cx, &["COMPLETE", "SUCCESS"]) {
            let logs_to_firelens = dep
                .container
                .at_path(["logConfiguration", "logDriver"])
                .and_then(Node::as_str)
                == Some("awsfirelens");
            // An essential router: TD-DEP-004.
            if !logs_to_firelens
                || !is_firelens_router(dep.target)
                || cx.is_essential(dep.target) != Some(false)
            {
                continue;
            }
            let me = container_label(dep.container, dep.index);
            let (name, condition) = (dep.name, dep.condition);
            out.push(
                Finding::at(
                    dep.condition_node,
                    format!("container {me} logs through the FireLens router '{name}' but waits for it with {condition}: it starts only after the router has exited, and its logs cannot be delivered"),
                )
                .label(target_name(dep.target, dep.name_node), "the FireLens log router")
                .help(format!("wait for '{name}' with condition START (or HEALTHY when the router has a health check), or remove the dependency: ECS starts the router first by default")),
            );
        }
    }
}

/// The `name` of a container, or the reference to it when the name is not written.
fn target_name<'a>(target: &'a Node, reference: &'a Node) -> &'a Node {
    target.get("name").unwrap_or(reference)
}

#[cfg(test)]
mod tests {
    use super::FirelensRouterDependencyCondition as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(essential: &str, driver: &str, condition: &str) -> String {
        format!(
            r#"[{{"name": "router", "image": "i"{essential}, "firelensConfiguration": {{"type": "fluentbit"}}}},
                {{"name": "app", "image": "i", "logConfiguration": {{"logDriver": "{driver}"}}, "dependsOn": [{{"containerName": "router", "condition": "{condition}"}}]}}]"#
        )
    }

    #[test]
    fn waiting_for_the_router_to_exit_warns() {
        let text = task(r#", "essential": false"#, "awsfirelens", "COMPLETE");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/1/dependsOn/0/condition");
        assert_eq!(spanned(&text, &d[0]), "\"COMPLETE\"");
        assert_eq!(d[0].labels[0].pointer, "/0/name");
        assert_eq!(d[0].message, "container 'app' logs through the FireLens router 'router' but waits for it with COMPLETE: it starts only after the router has exited, and its logs cannot be delivered");
        assert_fails(
            &Rule::META,
            &task(r#", "essential": false"#, "awsfirelens", "SUCCESS"),
        );
    }

    #[test]
    fn start_healthy_essential_routers_and_other_drivers_pass() {
        assert_passes(
            &Rule::META,
            &task(r#", "essential": false"#, "awsfirelens", "START"),
        );
        assert_passes(
            &Rule::META,
            &task(r#", "essential": false"#, "awsfirelens", "HEALTHY"),
        );
        // TD-DEP-004 reports COMPLETE on an essential container.
        assert_passes(&Rule::META, &task("", "awsfirelens", "COMPLETE"));
        assert_passes(
            &Rule::META,
            &task(r#", "essential": false"#, "awslogs", "COMPLETE"),
        );
    }
}
