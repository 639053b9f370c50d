use super::named_ports;
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns about a task definition that names its port mappings — the way a task is prepared
    /// for Service Connect — but sets no task-level `memory`, or whose containers' hard
    /// `memory` limits add up to exactly the task memory, leaving nothing for the proxy.
    ///
    /// A sum above the task memory is an error reported by TD-RES-010, a Fargate task without
    /// task memory is TD-FG-002's error, and Windows tasks, where Service Connect is not
    /// available at all, are TD-SC-003's.
    ///
    /// ## Why is this bad?
    /// For Service Connect, ECS adds a proxy container (Envoy) to every task of the service, and
    /// it takes its memory from the task's. The Service Connect documentation requires task
    /// definitions to set the task memory limit; without it a service cannot use Service Connect.
    /// When the application containers' hard limits already add up to the task memory, the
    /// proxy has no room and the task can run out of memory under load.
    ///
    /// A port name alone does not prove Service Connect is meant (the console names ports too,
    /// and VPC Lattice also refers to ports by name), so this is a warning; if no service uses
    /// Service Connect with these ports, there is nothing to change.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "orders",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "networkMode": "awsvpc",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "example/orders:4.1", "cpu": 256, "memory": 512,
    ///      "portMappings": [{"name": "http", "containerPort": 8080, "appProtocol": "http"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "orders",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "example/orders:4.1", "cpu": 256, "memory": 512,
    ///      "portMappings": [{"name": "http", "containerPort": 8080, "appProtocol": "http"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:service-connect.md (considerations: task definitions must set the task memory limit to use Service Connect; the proxy container's resources)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts-deploy.html
    /// - BOTO:PortMapping.name (botocore 1.44.5 ECS model: the name Service Connect refers to)
    pub struct ServiceConnectMemoryHeadroom {
        code: "TD-SC-002",
        name: "service-connect-memory-headroom",
        severity: Warning,
        scope: Task,
        summary: "Named (Service Connect) ports without a task memory, or with no memory left for the proxy",
    }
}

impl Rule for ServiceConnectMemoryHeadroom {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.windows || cx.facts.platform_unknown {
            return;
        }
        let Some(task) = cx.task() else { return };
        let ports = named_ports(cx);
        let Some((i, c, first)) = ports.first() else {
            return;
        };
        let shown = first.as_str().unwrap_or("");
        let label = format!(
            "port \"{shown}\" of container {} is named for Service Connect",
            container_label(c, *i)
        );
        let memory_key = field(cx, "memory");
        let Some(task_memory) = task.get("memory") else {
            // On Fargate a missing task memory is TD-FG-002's error.
            if cx.facts.fargate {
                return;
            }
            out.push(
                Finding::at(task, format!("the task definition names its port mappings for Service Connect but sets no task-level {memory_key}; Service Connect requires a task memory limit"))
                    .label(first, label)
                    .help(format!("add a task-level \"{memory_key}\" with room for the Service Connect proxy above the containers' own memory")),
            );
            return;
        };
        let Some(total) = cx.facts.memory else { return };
        // Every container needs a hard limit for the sum to leave nothing over.
        let mut sum: u64 = 0;
        for (_, container) in cx.containers() {
            let Some(mib) = container
                .get("memory")
                .and_then(|m| cx.int_of(m))
                .and_then(|m| u64::try_from(m).ok())
            else {
                return;
            };
            sum = sum.saturating_add(mib);
        }
        if sum == total {
            out.push(
                Finding::at(task_memory, format!("the containers' memory limits add up to the whole task memory ({total} MiB), leaving nothing for the Service Connect proxy"))
                    .label(first, label)
                    .help(format!("raise the task \"{memory_key}\" (or lower a container's \"{memory_key}\") so that the proxy has room")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ServiceConnectMemoryHeadroom as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(task: &str, port: &str) -> String {
        format!(
            r#"{{"family": "a", "networkMode": "awsvpc"{task}, "containerDefinitions": [{{"name": "api", "image": "b", "memory": 512, "portMappings": [{{"containerPort": 8080{port}}}]}}]}}"#
        )
    }

    #[test]
    fn named_ports_without_task_memory_warn() {
        let text = td("", r#", "name": "http""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].message,
            "the task definition names its port mappings for Service Connect but sets no task-level memory; Service Connect requires a task memory limit"
        );
        assert_eq!(
            d[0].labels[0].message,
            "port \"http\" of container 'api' is named for Service Connect"
        );
    }

    #[test]
    fn no_headroom_warns_at_the_task_memory() {
        let text = td(r#", "memory": "512""#, r#", "name": "http""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/memory");
        assert_eq!(spanned(&text, &d[0]), "\"512\"");
    }

    #[test]
    fn headroom_unnamed_or_windows_passes() {
        assert_passes(
            &Rule::META,
            &td(r#", "memory": "1024""#, r#", "name": "http""#),
        );
        assert_passes(&Rule::META, &td("", ""));
        // Fargate without task memory: TD-FG-002.
        assert_passes(
            &Rule::META,
            &td(
                r#", "requiresCompatibilities": ["FARGATE"]"#,
                r#", "name": "http""#,
            ),
        );
        assert_passes(&Rule::META, &td("", r#", "name": """#));
        // More than the task memory is TD-RES-010's error.
        assert_passes(
            &Rule::META,
            &td(r#", "memory": "256""#, r#", "name": "http""#),
        );
        assert_passes(
            &Rule::META,
            &td(
                r#", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}"#,
                r#", "name": "http""#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "portMappings": [{"containerPort": 80, "name": "http"}]}]"#,
        );
    }
}
