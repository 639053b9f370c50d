use super::{network_mode, network_sysctls, ports};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Warns when two containers of a task that uses the `awsvpc` network mode (Fargate tasks
    /// included) set the same network sysctl (`systemControls` namespace `net.*`) to different
    /// values.
    ///
    /// ## Why is this bad?
    /// In awsvpc mode all containers of a task share one network namespace, so a `net.*`
    /// sysctl set for one container applies to all of them. When containers set different
    /// values, the container that starts last decides which one takes effect; the API
    /// documentation advises against it. The result depends on start order, which changes with
    /// `dependsOn` and image pull times.
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
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "systemControls": [{"namespace": "net.core.somaxconn", "value": "4096"}]},
    ///     {"name": "sidecar", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "essential": false, "systemControls": [{"namespace": "net.core.somaxconn", "value": "128"}]}
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
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "systemControls": [{"namespace": "net.core.somaxconn", "value": "4096"}]},
    ///     {"name": "sidecar", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "essential": false}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.systemControls (botocore 1.44.5 ECS model: with awsvpc, systemControls apply to all containers and the container started last wins)
    /// - BOTO:SystemControl
    pub struct ConflictingNetworkSysctls {
        code: "TD-NET-019",
        name: "conflicting-network-sysctls",
        severity: Warning,
        scope: Task,
        summary: "Containers of an awsvpc task set the same net.* sysctl to different values",
    }
}

impl Rule for ConflictingNetworkSysctls {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let on_awsvpc = network_mode(cx) == Some(NetworkMode::Awsvpc)
            || (cx.facts.fargate && !cx.facts.network_mode_written);
        if cx.facts.windows || !on_awsvpc {
            return;
        }
        // Every known value, keyed by (namespace, value, container index), in document order.
        let settings: Vec<_> = cx
            .containers()
            .flat_map(|(i, container)| {
                network_sysctls(container)
                    .into_iter()
                    .filter_map(move |(_, name, entry)| {
                        let value = entry.get("value")?;
                        Some(((name, value.as_str()?, i), (i, container, value, name)))
                    })
            })
            .collect();
        let conflicts = ports::repeats(settings, |(n1, v1, c1), (n2, v2, c2)| {
            n1 == n2 && v1 != v2 && c1 != c2
        });
        for ((fi, first_container, first, _), (i, container, value, name)) in conflicts {
            let (Some(v), Some(fv)) = (value.as_str(), first.as_str()) else {
                continue;
            };
            out.push(
                Finding::at(
                    value,
                    format!(
                        "container {} sets {name} to {v}, but container {} sets it to {fv}; in awsvpc mode network sysctls apply to the whole task and the container started last wins",
                        container_label(container, i),
                        container_label(first_container, fi)
                    ),
                )
                .label(first, format!("{name} set to {fv} here"))
                .help(format!("set {name} in one container only: it applies to every container of the task")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ConflictingNetworkSysctls as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str, a: &str, b: &str) -> String {
        format!(
            r#"{{"family": "t", "networkMode": "{mode}", "containerDefinitions": [{{"name": "a", "image": "i", "memory": 64, "systemControls": [{a}]}}, {{"name": "b", "image": "i", "memory": 64, "systemControls": [{b}]}}]}}"#
        )
    }

    const A: &str = r#"{"namespace": "net.core.somaxconn", "value": "4096"}"#;
    const B: &str = r#"{"namespace": "net.core.somaxconn", "value": "128"}"#;

    #[test]
    fn different_values_in_two_containers_warn() {
        let text = task("awsvpc", A, B);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/1/systemControls/0/value"
        );
        assert_eq!(spanned(&text, &d[0]), "\"128\"");
        assert!(d[0].message.starts_with(
            "container 'b' sets net.core.somaxconn to 128, but container 'a' sets it to 4096"
        ));
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/systemControls/0/value"
        );
        // Fargate runs awsvpc even when networkMode is omitted.
        let fargate = text.replace(
            r#""networkMode": "awsvpc""#,
            r#""requiresCompatibilities": ["FARGATE"]"#,
        );
        assert_fails(&Rule::META, &fargate);
    }

    #[test]
    fn same_values_other_sysctls_and_modes_pass() {
        assert_passes(&Rule::META, &task("awsvpc", A, A));
        assert_passes(
            &Rule::META,
            &task(
                "awsvpc",
                A,
                r#"{"namespace": "net.ipv4.tcp_keepalive_time", "value": "60"}"#,
            ),
        );
        assert_passes(&Rule::META, &task("bridge", A, B));
        // One container setting it twice is not a conflict between containers.
        assert_passes(&Rule::META, &task("awsvpc", &format!("{A}, {B}"), ""));
    }
}
