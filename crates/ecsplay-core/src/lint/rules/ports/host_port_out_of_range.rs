use super::ports_outside;
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `hostPort` outside 0–65535.
    ///
    /// `0` is valid: in bridge mode it asks for a dynamic port (TD-NET-007 and TD-NET-008 say
    /// where it is not allowed). A value that is not an integer is TD-SHAPE-010's finding.
    ///
    /// ## Why is this bad?
    /// Host ports are 16-bit port numbers; the API's `PortNumber` shape allows 0 to 65535, and
    /// ECS rejects anything else. Negative values are sometimes used by templates to mean
    /// "none"; leave `hostPort` out instead.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": -1}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.hostPort (botocore 1.44.5 ECS model; port numbers 0-65535)
    pub struct HostPortOutOfRange {
        code: "TD-PORT-003",
        name: "host-port-out-of-range",
        severity: Error,
        scope: Containers,
        summary: "A hostPort outside 0-65535",
    }
}

impl Rule for HostPortOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let key = field(cx, "hostPort");
        for (container, node, value) in ports_outside(cx, "hostPort", 0..=65535) {
            out.push(
                Finding::at(
                    node,
                    format!("{key} {value} of container {container} is not a port number from 0 to 65535"),
                )
                .help(format!("use a host port from 1 to 65535, or remove \"{key}\" (or set it to 0) for a dynamic port in bridge mode")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HostPortOutOfRange as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn container(port: &str) -> String {
        format!(
            r#"[{{"name": "web", "image": "b", "portMappings": [{{"containerPort": 80, "hostPort": {port}}}]}}]"#
        )
    }

    #[test]
    fn ports_outside_the_range_fail() {
        for port in ["-1", "65536"] {
            let text = container(port);
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, "/0/portMappings/0/hostPort");
            assert_eq!(spanned(&text, &d[0]), port);
        }
        let d = assert_fails(&Rule::META, &container("70000"));
        assert_eq!(
            d[0].message,
            "hostPort 70000 of container 'web' is not a port number from 0 to 65535"
        );
    }

    #[test]
    fn valid_ports_pass() {
        for port in ["0", "80", "65535"] {
            assert_passes(&Rule::META, &container(port));
        }
        assert_passes(&Rule::META, &container("null"));
    }
}
