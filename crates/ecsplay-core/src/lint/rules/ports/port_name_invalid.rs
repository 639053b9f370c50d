use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a port mapping `name` that is not up to 64 lower-case letters, digits,
    /// underscores and hyphens, starting with a letter, digit or underscore (the pattern
    /// `^[a-z0-9_][a-z0-9_-]{0,63}$`).
    ///
    /// The check is made by the JSON Schema layer (the `name` pattern of `PortMapping`), which
    /// reports it under this code.
    ///
    /// ## Why is this bad?
    /// The name is how Service Connect and VPC Lattice refer to the port: a service's
    /// `serviceConnectConfiguration` names it as `portName`, and it becomes part of DNS names
    /// and Envoy configuration. ECS rejects names outside the pattern. Upper-case letters and
    /// dots are the usual mistakes.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "orders",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "orders", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"name": "Orders.HTTP", "containerPort": 3000, "appProtocol": "http"}]}
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
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "orders", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"name": "orders-http", "containerPort": 3000, "appProtocol": "http"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.name (botocore 1.44.5 ECS model: up to 64 characters of lower-case letters, numbers, underscores and hyphens; not starting with a hyphen)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html
    pub struct PortNameInvalid {
        code: "TD-PORT-015",
        name: "port-name-invalid",
        severity: Error,
        scope: Engine,
        summary: "A port mapping name outside the allowed characters or length",
    }
}

#[cfg(test)]
mod tests {
    use super::PortNameInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn container(name: &str) -> String {
        format!(
            r#"[{{"name": "a", "image": "b", "portMappings": [{{"name": "{name}", "containerPort": 80}}]}}]"#
        )
    }

    #[test]
    fn bad_names_fail() {
        let text = container("Web");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/portMappings/0/name");
        assert_eq!(spanned(&text, &d[0]), "\"Web\"");
        assert!(d[0].message.contains("\"Web\" does not match"));
        for bad in ["-web", "web.http", &"a".repeat(65)] {
            assert_fails(&Rule::META, &container(bad));
        }
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          PortMappings: [{Name: Web, ContainerPort: 80}]\n");
    }

    #[test]
    fn good_names_pass() {
        for good in ["web", "_web-8080", "0", &"a".repeat(64)] {
            assert_passes(&Rule::META, &container(good));
        }
    }
}
