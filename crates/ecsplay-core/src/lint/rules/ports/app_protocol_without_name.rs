use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a port mapping that sets `appProtocol` but no `name`.
    ///
    /// ## Why is this bad?
    /// `appProtocol` (`http`, `http2`, `grpc`) only tells the Service Connect proxy how to
    /// handle and measure the traffic of a port. A service's Service Connect (or VPC Lattice)
    /// configuration refers to ports by their `name`, so an unnamed port is never used by it
    /// and its `appProtocol` does nothing. Either name the port, or drop `appProtocol`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"containerPort": 3000, "appProtocol": "http"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"containerPort": 3000, "name": "api-http", "appProtocol": "http"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.appProtocol (botocore 1.44.5 ECS model: "This parameter only applies to Service Connect")
    /// - BOTO:PortMapping.name (botocore 1.44.5 ECS model: the name used in the serviceConnectConfiguration and vpcLatticeConfigurations of a service)
    /// - DG23:task_definition_parameters.md (portMappings: name and appProtocol)
    pub struct AppProtocolWithoutName {
        code: "TD-PORT-017",
        name: "app-protocol-without-name",
        severity: Info,
        scope: Containers,
        summary: "A port mapping sets appProtocol but has no name for Service Connect to use",
    }
}

impl Rule for AppProtocolWithoutName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, container, mapping) in cx.port_mappings() {
            let Some(protocol) = mapping.get("appProtocol").filter(|p| p.is_set()) else {
                continue;
            };
            // A deploy-time name may well be set.
            if mapping.get("name").is_some_and(Node::is_set) {
                continue;
            }
            let shown = protocol
                .as_str()
                .map_or_else(String::new, |p| format!(" \"{p}\""));
            let key = field(cx, "appProtocol");
            let name = field(cx, "name");
            out.push(
                Finding::at(
                    protocol,
                    format!(
                        "{key}{shown} of a port mapping of container {} has no effect: the mapping has no {name}, and Service Connect refers to ports by name",
                        container_label(container, i)
                    ),
                )
                .help(format!("add a {name} (lowercase letters, digits, - and _) that the service's Service Connect configuration uses as portName, or remove {key}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AppProtocolWithoutName as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unnamed_port_with_app_protocol_fails() {
        let text = r#"[{"name": "api", "image": "i", "portMappings": [{"containerPort": 80, "appProtocol": "grpc"}]}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/0/portMappings/0/appProtocol");
        assert_eq!(spanned(text, &d[0]), "\"grpc\"");
        assert_eq!(d[0].message, "appProtocol \"grpc\" of a port mapping of container 'api' has no effect: the mapping has no name, and Service Connect refers to ports by name");
        // An empty name is no name.
        assert_fails(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "api", "image": "i", "portMappings": [{"containerPort": 80, "name": "", "appProtocol": "http"}]}]}"#,
        );
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: api\n          Image: i\n          PortMappings: [{ContainerPort: 80, AppProtocol: http}]\n");
        assert!(d[0].message.starts_with("AppProtocol \"http\""));
    }

    #[test]
    fn named_ports_and_plain_ports_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "api", "image": "i", "portMappings": [{"containerPort": 80, "name": "web", "appProtocol": "http"}, {"containerPort": 81}]}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: api\n          Image: i\n          PortMappings: [{ContainerPort: 80, Name: !Ref PortName, AppProtocol: http}]\n");
    }
}
