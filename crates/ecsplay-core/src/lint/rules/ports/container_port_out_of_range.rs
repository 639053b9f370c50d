use super::ports_outside;
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `containerPort` outside 1–65535.
    ///
    /// A value that is not an integer at all is a type error (TD-SHAPE-010); a numeric string
    /// is read for its number here as well.
    ///
    /// ## Why is this bad?
    /// TCP and UDP ports are 16-bit numbers from 1 to 65535 (port 0 means "any port" to the
    /// kernel and cannot be mapped). RegisterTaskDefinition rejects the definition with
    /// `Invalid 'containerPort' setting for container 'X'.` A typical cause is a placeholder
    /// such as `0` or `-1` left by a template.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 0}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.containerPort (botocore 1.44.5 ECS model; valid ports 1-65535 as for containerPortRange)
    /// - ERR: https://github.com/aws/aws-cli/issues/7288
    pub struct ContainerPortOutOfRange {
        code: "TD-PORT-002",
        name: "container-port-out-of-range",
        severity: Error,
        scope: Containers,
        summary: "A containerPort outside 1-65535",
    }
}

impl Rule for ContainerPortOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let key = field(cx, "containerPort");
        for (container, node, value) in ports_outside(cx, "containerPort", 1..=65535) {
            out.push(
                Finding::at(
                    node,
                    format!("Invalid '{key}' setting for container {container}: {value} is not a port number from 1 to 65535"),
                )
                .help(format!("set \"{key}\" to the port the application listens on, from 1 to 65535")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ContainerPortOutOfRange as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn container(port: &str) -> String {
        format!(
            r#"[{{"name": "web", "image": "b", "portMappings": [{{"containerPort": {port}}}]}}]"#
        )
    }

    #[test]
    fn ports_outside_the_range_fail() {
        for port in ["0", "-1", "65536", "100000"] {
            let text = container(port);
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, "/0/portMappings/0/containerPort");
            assert_eq!(spanned(&text, &d[0]), port);
        }
        let d = assert_fails(&Rule::META, &container("0"));
        assert_eq!(
            d[0].message,
            "Invalid 'containerPort' setting for container 'web': 0 is not a port number from 1 to 65535"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Image: b\n          PortMappings: [{ContainerPort: \"70000\"}]\n");
    }

    #[test]
    fn valid_and_unreadable_ports_pass() {
        for port in ["1", "80", "65535"] {
            assert_passes(&Rule::META, &container(port));
        }
        // Not a number: the schema's TD-SHAPE-010 reports the type.
        assert_passes(&Rule::META, &container(r#""http""#));
        assert_passes(&Rule::META, &container("80.5"));
    }
}
