use super::port;
use crate::declare_rule;
use crate::lint::rules::network::network_mode;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

/// The port the FireLens log router listens on (Fluentd forward protocol).
const FIRELENS_PORT: i64 = 24224;

declare_rule! {
    /// ## What it does
    /// Warns about a port mapping of container or host port 24224 in a `bridge` task that has a
    /// FireLens log router (a container with `firelensConfiguration`).
    ///
    /// ## Why is this bad?
    /// The FireLens log router listens on port 24224 for the logs of the task's containers. The
    /// ECS documentation says the router must not be reachable from outside the task and, for
    /// the bridge network mode, "don't create any port mappings that use port 24224". A mapping
    /// publishes the port on the instance, where anything that can reach the instance can send
    /// forged log records (or flood the router). The `awsfirelens` log driver reaches the router
    /// without a port mapping.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app-with-firelens",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "log_router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", "memory": 64, "essential": true, "firelensConfiguration": {"type": "fluentbit"}, "portMappings": [{"containerPort": 24224, "hostPort": 24224}]},
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "app", "log_stream_prefix": "app-"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "app-with-firelens",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "log_router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", "memory": 64, "essential": true, "firelensConfiguration": {"type": "fluentbit"}},
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "app", "log_stream_prefix": "app-"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html ("For tasks that use the bridge network mode, don't create any port mappings that use port 24224")
    /// - DG23:using_firelens.md
    pub struct FirelensPortExposed {
        code: "TD-PORT-019",
        name: "firelens-port-exposed",
        severity: Warning,
        scope: Task,
        summary: "A bridge task with a FireLens router maps port 24224",
    }
}

impl Rule for FirelensPortExposed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if network_mode(cx) != Some(NetworkMode::Bridge) {
            return;
        }
        let has_router = cx
            .container_members("firelensConfiguration")
            .any(|(_, _, f)| f.is_set());
        if !has_router {
            return;
        }
        for (i, container, mapping) in cx.port_mappings() {
            let at = ["hostPort", "containerPort"]
                .iter()
                .find_map(|key| port(cx, mapping, key).filter(|(_, v)| *v == FIRELENS_PORT));
            let Some((node, _)) = at else { continue };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "port mapping of container {} uses port {FIRELENS_PORT}, where the FireLens log router listens; it makes the router reachable from outside the task",
                        container_label(container, i)
                    ),
                )
                .help("remove this port mapping: the awsfirelens log driver reaches the router without it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FirelensPortExposed as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str, router: &str, mapping: &str) -> String {
        format!(
            r#"{{"family": "t", {mode}"containerDefinitions": [{{"name": "log_router", "image": "i", "memory": 64{router}, "portMappings": [{mapping}]}}]}}"#
        )
    }

    const ROUTER: &str = r#", "firelensConfiguration": {"type": "fluentbit"}"#;

    #[test]
    fn mapped_router_port_warns() {
        let text = task("", ROUTER, r#"{"containerPort": 24224, "hostPort": 24224}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/hostPort"
        );
        assert_eq!(spanned(&text, &d[0]), "24224");
        assert!(d[0]
            .message
            .starts_with("port mapping of container 'log_router' uses port 24224"));
        let d = assert_fails(
            &Rule::META,
            &task(
                r#""networkMode": "bridge", "#,
                ROUTER,
                r#"{"containerPort": 24224}"#,
            ),
        );
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/containerPort"
        );
    }

    #[test]
    fn no_router_other_ports_and_modes_pass() {
        assert_passes(&Rule::META, &task("", "", r#"{"containerPort": 24224}"#));
        assert_passes(&Rule::META, &task("", ROUTER, r#"{"containerPort": 2020}"#));
        assert_passes(
            &Rule::META,
            &task(
                r#""networkMode": "awsvpc", "#,
                ROUTER,
                r#"{"containerPort": 24224}"#,
            ),
        );
    }
}
