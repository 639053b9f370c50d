use crate::declare_rule;
use crate::lint::rules::fargate::set_now;
use crate::lint::rules::network::{field, network_mode};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::NetworkMode;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports an App Mesh `proxyConfiguration` whose `containerName` is not the name of a
    /// container of the task definition, or that is used in a network mode other than
    /// `awsvpc`.
    ///
    /// A missing `containerName` and a `type` other than `APPMESH` are reported by the schema
    /// layer (TD-SHAPE-014 and TD-SHAPE-012); this rule checks what the schema cannot see, that
    /// the name refers to a container.
    ///
    /// ## Why is this bad?
    /// `containerName` names the container that runs the Envoy proxy: ECS starts the other
    /// containers only once that proxy is up and redirects their traffic through it. A name
    /// that matches no container — a typo, or the name of the Envoy image instead of its
    /// container — leaves nothing to redirect to, and the definition is not valid.
    ///
    /// The traffic redirection works on the task's own network namespace, which only the
    /// `awsvpc` mode gives a task; ECS refuses anything else with `APPMESH proxy configuration
    /// is only supported in networkMode=awsvpc`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "colorteller",
    ///   "networkMode": "awsvpc",
    ///   "proxyConfiguration": {
    ///     "type": "APPMESH",
    ///     "containerName": "envoy-proxy",
    ///     "properties": [
    ///       {"name": "IgnoredUID", "value": "1337"},
    ///       {"name": "ProxyIngressPort", "value": "15000"},
    ///       {"name": "ProxyEgressPort", "value": "15001"},
    ///       {"name": "AppPorts", "value": "9080"},
    ///       {"name": "EgressIgnoredIPs", "value": "169.254.170.2,169.254.169.254"}
    ///     ]
    ///   },
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/colorteller:1.0", "memory": 256, "portMappings": [{"containerPort": 9080}]},
    ///     {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod", "memory": 256, "user": "1337"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "colorteller",
    ///   "networkMode": "awsvpc",
    ///   "proxyConfiguration": {
    ///     "type": "APPMESH",
    ///     "containerName": "envoy",
    ///     "properties": [
    ///       {"name": "IgnoredUID", "value": "1337"},
    ///       {"name": "ProxyIngressPort", "value": "15000"},
    ///       {"name": "ProxyEgressPort", "value": "15001"},
    ///       {"name": "AppPorts", "value": "9080"},
    ///       {"name": "EgressIgnoredIPs", "value": "169.254.170.2,169.254.169.254"}
    ///     ]
    ///   },
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/colorteller:1.0", "memory": 256, "portMappings": [{"containerPort": 9080}]},
    ///     {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod", "memory": 256, "user": "1337"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ProxyConfiguration.containerName (botocore 1.44.5 ECS model: "The name of the container that will serve as the App Mesh proxy")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ProxyConfiguration.html
    /// - ERR: https://github.com/aws/aws-cdk/issues/4476 ("APPMESH proxy configuration is only supported in networkMode=awsvpc")
    pub struct ProxyConfigurationInvalid {
        code: "TD-MISC-001",
        name: "proxy-configuration-invalid",
        severity: Error,
        scope: Task,
        summary: "App Mesh proxyConfiguration naming a container the task does not have, or outside awsvpc mode",
    }
}

impl Rule for ProxyConfigurationInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(proxy) = cx.task().and_then(|t| t.member("proxyConfiguration")) else {
            return;
        };
        if !set_now(&proxy.value) {
            return;
        }
        // Fargate: TD-NET-002 reports the mode; Windows: TD-WIN-002 reports the member.
        let mode = network_mode(cx).filter(|m| *m != NetworkMode::Awsvpc);
        if let (Some(mode), false, false) = (mode, cx.facts.fargate, cx.facts.windows) {
            let key = field(cx, "networkMode");
            let written = if cx.facts.network_mode_written {
                ""
            } else {
                " (the default when networkMode is omitted)"
            };
            let mut f = Finding::at_key(
                proxy,
                format!("APPMESH proxy configuration is only supported in networkMode=awsvpc, not {}{written}", mode.as_str()),
            )
            .help(format!("set \"{key}\" to \"awsvpc\""));
            if let Some(nm) = cx.task().and_then(|t| t.get("networkMode")) {
                f = f.label(nm, "the task's network mode");
            }
            out.push(f);
        }
        let Some(node) = proxy.value.get("containerName") else {
            return;
        };
        let Some(name) = node.as_str() else { return };
        if cx.container(name).is_some() {
            return;
        }
        let names: Vec<String> = cx
            .containers()
            .filter_map(|(_, c)| c.get("name").and_then(Node::as_str))
            .map(|n| format!("\"{n}\""))
            .collect();
        let help = if names.is_empty() {
            "name the container that runs the Envoy proxy".to_owned()
        } else {
            format!(
                "set it to the name of the container that runs the Envoy proxy, one of: {}",
                names.join(", ")
            )
        };
        out.push(
            Finding::at(
                node,
                format!(
                    "{}.{} \"{name}\" is not a container of this task definition",
                    field(cx, "proxyConfiguration"),
                    field(cx, "containerName")
                ),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ProxyConfigurationInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(proxy_container: &str) -> String {
        format!(
            r#"{{"family": "a", "networkMode": "awsvpc", "proxyConfiguration": {{"type": "APPMESH", "containerName": "{proxy_container}"}}, "containerDefinitions": [{{"name": "app", "image": "b", "memory": 64}}, {{"name": "envoy", "image": "e", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn unknown_proxy_container_fails() {
        let text = td("Envoy");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/proxyConfiguration/containerName");
        assert_eq!(spanned(&text, &d[0]), "\"Envoy\"");
        assert_eq!(
            d[0].message,
            "proxyConfiguration.containerName \"Envoy\" is not a container of this task definition"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("set it to the name of the container that runs the Envoy proxy, one of: \"app\", \"envoy\"")
        );
        assert_fails(&Rule::META, &td(""));
        let cfn = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      ProxyConfiguration:\n        Type: APPMESH\n        ContainerName: proxy\n      ContainerDefinitions:\n        - Name: envoy\n          Image: e\n";
        let d = assert_fails(&Rule::META, cfn);
        assert!(d[0]
            .message
            .starts_with("ProxyConfiguration.ContainerName \"proxy\""));
    }

    #[test]
    fn known_missing_or_unknown_name_passes() {
        assert_passes(&Rule::META, &td("envoy"));
        // A missing containerName is the schema layer's (TD-SHAPE-014).
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "networkMode": "awsvpc", "proxyConfiguration": {"type": "APPMESH"}, "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        let cfn = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      ProxyConfiguration:\n        ContainerName: !Ref Proxy\n      ContainerDefinitions:\n        - Name: envoy\n          Image: e\n";
        assert_passes(&Rule::META, cfn);
    }

    #[test]
    fn proxy_outside_awsvpc_fails() {
        let text = td("envoy").replace("\"awsvpc\"", "\"bridge\"");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(&text, &d[0]), "\"proxyConfiguration\"");
        assert_eq!(
            d[0].message,
            "APPMESH proxy configuration is only supported in networkMode=awsvpc, not bridge"
        );
        assert_eq!(d[0].labels[0].pointer, "/networkMode");
        let omitted = td("envoy").replace(r#""networkMode": "awsvpc", "#, "");
        assert!(assert_fails(&Rule::META, &omitted)[0]
            .message
            .ends_with("not bridge (the default when networkMode is omitted)"));
        // Fargate: TD-NET-002 reports the mode.
        let fargate = text.replace(
            r#""family": "a","#,
            r#""family": "a", "requiresCompatibilities": ["FARGATE"],"#,
        );
        assert_passes(&Rule::META, &fargate);
    }
}
