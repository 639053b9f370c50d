use super::repeats;
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns when two port mappings of one task have the same `name`, in the same container or
    /// in two containers.
    ///
    /// ## Why is this bad?
    /// Service Connect (and VPC Lattice) pick a port by its name: a service's
    /// `serviceConnectConfiguration.services[].portName` must name exactly one port mapping of
    /// the task definition. With two mappings of the same name it is ambiguous which port is
    /// meant. Whether RegisterTaskDefinition itself rejects the duplicate could not be
    /// verified, hence a warning rather than an error.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "orders",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"name": "http", "containerPort": 3000}]},
    ///     {"name": "metrics", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "essential": false, "portMappings": [{"name": "http", "containerPort": 8888}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "orders",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"name": "api-http", "containerPort": 3000}]},
    ///     {"name": "metrics", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "essential": false, "portMappings": [{"name": "metrics-http", "containerPort": 8888}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.name (botocore 1.44.5 ECS model: the name Service Connect refers to)
    /// - BOTO:ServiceConnectService.portName
    pub struct DuplicatePortName {
        code: "TD-PORT-016",
        name: "duplicate-port-name",
        severity: Warning,
        scope: Containers,
        summary: "Two port mappings of a task have the same name",
    }
}

impl Rule for DuplicatePortName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let names = cx.port_mappings().filter_map(|(i, container, m)| {
            let node = m.get("name")?;
            let name = node.as_str().filter(|s| !s.is_empty())?;
            Some((name, (i, container, node, name)))
        });
        let key = field(cx, "name");
        for ((fi, first_container, first, _), (i, container, node, name)) in
            repeats(names, |a, b| a == b)
        {
            out.push(
                Finding::at(
                    node,
                    format!(
                        "port mapping {key} \"{name}\" of container {} is already used by a port mapping of container {}",
                        container_label(container, i),
                        container_label(first_container, fi)
                    ),
                )
                .label(first, "first used here")
                .help("give every port mapping of the task its own name: Service Connect picks a port by its name"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicatePortName as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn repeated_names_warn() {
        let text = r#"[{"name": "api", "image": "b", "portMappings": [{"name": "http", "containerPort": 3000}]}, {"name": "m", "image": "b", "portMappings": [{"name": "http", "containerPort": 8888}]}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].pointer, "/1/portMappings/0/name");
        assert_eq!(spanned(text, &d[0]), "\"http\"");
        assert_eq!(
            d[0].message,
            "port mapping name \"http\" of container 'm' is already used by a port mapping of container 'api'"
        );
        assert_eq!(d[0].labels[0].pointer, "/0/portMappings/0/name");
        assert_fails(
            &Rule::META,
            r#"[{"name": "api", "image": "b", "portMappings": [{"name": "http", "containerPort": 3000}, {"name": "http", "containerPort": 3001}]}]"#,
        );
    }

    #[test]
    fn unique_and_absent_names_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "api", "image": "b", "portMappings": [{"name": "http", "containerPort": 3000}, {"containerPort": 3001}, {"containerPort": 3002}]}, {"name": "m", "image": "b", "portMappings": [{"name": "metrics", "containerPort": 8888}]}]"#,
        );
    }
}
