use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a port mapping that has neither `containerPort` nor `containerPortRange`.
    ///
    /// ## Why is this bad?
    /// A port mapping exposes a port of the container; without one there is nothing to map.
    /// The developer guide marks `containerPort` as required whenever `portMappings` is used
    /// (`containerPortRange` takes its place for a range), and ECS rejects the mapping. A
    /// mapping that holds only `hostPort` is usually a `containerPort` written under the wrong
    /// key, or a misspelt key that TD-SHAPE-009 reports as unknown.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"hostPort": 80, "protocol": "tcp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:task_definition_parameters.md (port mappings: containerPort required when portMappings is used)
    /// - BOTO:PortMapping.containerPort, PortMapping.containerPortRange (botocore 1.44.5 ECS model)
    pub struct PortMappingWithoutContainerPort {
        code: "TD-PORT-001",
        name: "port-mapping-without-container-port",
        severity: Error,
        scope: Containers,
        summary: "A port mapping with neither containerPort nor containerPortRange",
    }
}

impl Rule for PortMappingWithoutContainerPort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let present = |n: Option<&crate::source::Node>| n.is_some_and(|n| !n.is_null());
        for (i, container, mapping) in cx.port_mappings() {
            if present(mapping.get("containerPort")) || present(mapping.get("containerPortRange")) {
                continue;
            }
            // A missing member points at the object that should contain it (rules.md §0.5).
            out.push(
                Finding::at(
                    mapping,
                    format!(
                        "port mapping of container {} has neither {} nor {}",
                        container_label(container, i),
                        field(cx, "containerPort"),
                        field(cx, "containerPortRange")
                    ),
                )
                .help(format!(
                    "add \"{}\": the port the application listens on (or \"{}\" for a range such as \"8000-8010\")",
                    field(cx, "containerPort"),
                    field(cx, "containerPortRange")
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PortMappingWithoutContainerPort as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn mappings_without_a_container_port_fail() {
        let text = r#"[{"name": "web", "image": "b", "portMappings": [{"containerPort": 80}, {"hostPort": 80}]}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/0/portMappings/1");
        assert_eq!(spanned(text, &d[0]), r#"{"hostPort": 80}"#);
        assert_eq!(
            d[0].message,
            "port mapping of container 'web' has neither containerPort nor containerPortRange"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "web", "image": "b", "portMappings": [{}]}]"#,
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "web", "image": "b", "portMappings": [{"containerPort": null}]}]"#,
        );
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Image: b\n          PortMappings: [{HostPort: 80}]\n");
        assert!(d[0]
            .message
            .contains("neither ContainerPort nor ContainerPortRange"));
    }

    #[test]
    fn port_or_range_present_passes() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "web", "image": "b", "portMappings": [{"containerPort": 80}, {"containerPortRange": "8000-8010"}]}]"#,
        );
        // A deploy-time port is still a port; a wrong type is TD-SHAPE-010's.
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Image: b\n          PortMappings: [{ContainerPort: !Ref Port}]\n");
        assert_passes(
            &Rule::META,
            r#"[{"name": "web", "image": "b", "portMappings": [{"containerPort": "80"}]}]"#,
        );
    }
}
