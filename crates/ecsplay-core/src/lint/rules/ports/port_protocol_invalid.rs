use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a port mapping `protocol` that is neither `tcp` nor `udp` (the values are
    /// lower-case).
    ///
    /// The catalogue rates this an error in CloudFormation, because cfn-lint rejects it
    /// (`E3030 'TCP' is not one of ['tcp', 'udp']`) and the resource schema's enum lists only
    /// the two values. It is a warning in every form here: CloudFormation's own schema check of
    /// `AWS::ECS::TaskDefinition` has been seen to report invalid properties without failing
    /// the resource (cloudformation-coverage-roadmap #1005), and AWS's App Mesh walkthrough
    /// stacks deploy task definitions with `Protocol: 'http'`. Until CloudFormation is seen to
    /// refuse it, an error would be a false one.
    ///
    /// ## Why is this bad?
    /// RegisterTaskDefinition accepts any string here and treats it as `tcp`. That hides
    /// mistakes: `"UDP"` or `"Udp"` silently becomes a TCP mapping, and a UDP service never
    /// receives its traffic; `http` is an application protocol (for Service Connect that is
    /// `appProtocol`), and `sctp` is not supported at all. cfn-lint fails the template, and the
    /// ECS console refuses it (`Valid values for portMapping protocol are tcp and udp.`).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "syslog",
    ///   "containerDefinitions": [
    ///     {"name": "rsyslog", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128, "portMappings": [{"containerPort": 514, "protocol": "UDP"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "syslog",
    ///   "containerDefinitions": [
    ///     {"name": "rsyslog", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128, "portMappings": [{"containerPort": 514, "protocol": "udp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.protocol (botocore 1.44.5 ECS model: TransportProtocol `tcp` | `udp`, default tcp)
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition PortMapping.Protocol enum (cfn-lint 1.58.0, E3030)
    /// - ERR: https://github.com/hashicorp/terraform-provider-aws/issues/3645 (ECS stores "http" as tcp; the console rejects it)
    /// - ERR: https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1005 (schema validation message, resource still created)
    pub struct PortProtocolInvalid {
        code: "TD-PORT-005",
        name: "port-protocol-invalid",
        severity: Warning,
        scope: Containers,
        summary: "A port mapping protocol that is not tcp or udp",
    }
}

impl Rule for PortProtocolInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let key = field(cx, "protocol");
        for (i, container, mapping) in cx.port_mappings() {
            let Some(node) = mapping.get("protocol") else {
                continue;
            };
            let Some(value) = node.as_str() else { continue };
            if value == "tcp" || value == "udp" {
                continue;
            }
            let lower = value.trim().to_ascii_lowercase();
            let meant = if lower == "udp" { "udp" } else { "tcp" };
            let container = container_label(container, i);
            let finding = if cx.is_cloudformation() {
                Finding::at(
                    node,
                    format!("{key} \"{value}\" of container {container} is not one of tcp, udp: cfn-lint (E3030) rejects it and ECS treats it as tcp"),
                )
            } else {
                Finding::at(
                    node,
                    format!("{key} \"{value}\" of container {container} is not tcp or udp; ECS treats it as tcp"),
                )
            };
            let help = if lower == "tcp" || lower == "udp" {
                format!("write it in lower case: \"{meant}\"")
            } else {
                format!("use \"tcp\" or \"udp\" (ECS supports no other protocol), or remove \"{key}\" for tcp")
            };
            out.push(finding.help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PortProtocolInvalid as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn container(protocol: &str) -> String {
        format!(
            r#"[{{"name": "s", "image": "b", "portMappings": [{{"containerPort": 514, "protocol": {protocol}}}]}}]"#
        )
    }

    #[test]
    fn other_protocols_warn_in_the_api_forms() {
        let text = container(r#""UDP""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].pointer, "/0/portMappings/0/protocol");
        assert_eq!(spanned(&text, &d[0]), r#""UDP""#);
        assert_eq!(
            d[0].message,
            "protocol \"UDP\" of container 's' is not tcp or udp; ECS treats it as tcp"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("write it in lower case: \"udp\"")
        );
        let d = assert_fails(&Rule::META, &container(r#""sctp""#));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap_or("")
            .starts_with("use \"tcp\" or \"udp\""));
        assert_fails(&Rule::META, &container(r#""""#));
    }

    #[test]
    fn cloudformation_warns_too() {
        // AWS's own App Mesh walkthrough stacks deploy `Protocol: 'http'`: not an error.
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: s\n          Image: b\n          PortMappings: [{ContainerPort: 80, Protocol: TCP}]\n");
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/PortMappings/0/Protocol"
        );
        assert!(d[0].message.starts_with("Protocol \"TCP\""));
    }

    #[test]
    fn tcp_udp_absent_and_unknown_pass() {
        assert_passes(&Rule::META, &container(r#""tcp""#));
        assert_passes(&Rule::META, &container(r#""udp""#));
        assert_passes(
            &Rule::META,
            r#"[{"name": "s", "image": "b", "portMappings": [{"containerPort": 80}]}]"#,
        );
        // Not a string: TD-SHAPE-010.
        assert_passes(&Rule::META, &container("6"));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: s\n          Image: b\n          PortMappings: [{ContainerPort: 80, Protocol: !Ref P}]\n");
    }
}
