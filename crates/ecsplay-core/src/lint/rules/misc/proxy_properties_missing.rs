use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

/// The properties the App Mesh CNI plugin needs a value for, with an example value.
const REQUIRED: [(&str, &str); 3] = [
    ("AppPorts", "8080"),
    ("ProxyIngressPort", "15000"),
    ("ProxyEgressPort", "15001"),
];

declare_rule! {
    /// ## What it does
    /// Reports an App Mesh `proxyConfiguration` whose `properties` lack a value for `AppPorts`,
    /// `ProxyIngressPort` or `ProxyEgressPort`, or set neither `IgnoredUID` nor `IgnoredGID`
    /// (one of the two may be empty when the other is set); and any property written without a
    /// `value` (ECS: `ProxyConfiguration properties value cannot be null.`).
    ///
    /// `EgressIgnoredPorts` and `EgressIgnoredIPs` are also marked "(Required)" in the API
    /// reference, but it adds that each "can be an empty list", and the App Mesh documentation's
    /// own example task definition leaves `EgressIgnoredPorts` out: their absence is not
    /// reported, to avoid a false error on definitions AWS accepts.
    ///
    /// ## Why is this bad?
    /// These properties configure the CNI plugin that redirects the task's traffic through the
    /// Envoy proxy: `AppPorts` are the application's ports whose traffic is redirected,
    /// `ProxyIngressPort` and `ProxyEgressPort` where Envoy listens, and `IgnoredUID` /
    /// `IgnoredGID` the user or group of the Envoy container, whose own traffic must not be
    /// redirected (or it would loop). Without them the proxy configuration cannot be set up and
    /// the task does not start.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "colorteller",
    ///   "networkMode": "awsvpc",
    ///   "proxyConfiguration": {
    ///     "type": "APPMESH",
    ///     "containerName": "envoy",
    ///     "properties": [
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
    /// - BOTO:ProxyConfiguration.properties (botocore 1.44.5 ECS model: IgnoredUID/IgnoredGID, AppPorts, ProxyIngressPort, ProxyEgressPort "(Required)"; EgressIgnoredPorts/EgressIgnoredIPs "can be an empty list")
    /// - DOC: https://docs.aws.amazon.com/app-mesh/latest/userguide/proxy-authorization.html
    /// - ERR: https://github.com/aws-actions/amazon-ecs-deploy-task-definition/issues/163 ("ProxyConfiguration properties value cannot be null.")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ProxyConfiguration.html
    pub struct ProxyPropertiesMissing {
        code: "TD-MISC-002",
        name: "proxy-properties-missing",
        severity: Error,
        scope: Task,
        summary: "App Mesh proxyConfiguration without the ports or the ignored user the proxy needs, or with a property without a value",
    }
}

impl Rule for ProxyPropertiesMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(proxy) = cx.task().and_then(|t| t.get("proxyConfiguration")) else {
            return;
        };
        if !proxy.is_object() {
            return;
        }
        let list = proxy.get("properties");
        if list.is_some_and(|l| l.is_unknown() || !l.is_array()) {
            return;
        }
        let items = list.map(Node::items).unwrap_or_default();
        // (name, whether it has a non-empty value); a deploy-time name or value is never judged.
        let mut written: Vec<(&str, bool)> = Vec::new();
        let mut null_values: Vec<Finding> = Vec::new();
        for item in items {
            let Some(name_node) = item.get("name") else {
                continue;
            };
            if name_node.is_unknown() || item.get("value").is_some_and(Node::is_unknown) {
                return;
            }
            let Some(name) = name_node.as_str() else {
                continue;
            };
            // A null value is reported by the schema layer (TD-SHAPE-010).
            let value = item.get("value");
            if value.is_none() {
                null_values.push(
                    Finding::at(item, format!("property \"{name}\" has no value (ProxyConfiguration properties value cannot be null.)"))
                        .help("give it a value, \"\" for an empty list, or remove the entry"),
                );
            }
            let valued = value
                .and_then(Node::as_str)
                .is_some_and(|v| !v.trim().is_empty());
            written.push((name, valued));
        }
        out.append(&mut null_values);
        let has_value = |n: &str| written.iter().any(|(w, v)| *w == n && *v);
        let without_value = |n: &str| {
            items.iter().any(|i| {
                i.get("name").and_then(Node::as_str) == Some(n)
                    && i.get("value").is_none_or(Node::is_null)
            })
        };
        // A property written without a value (absent: above; null: the schema layer) is
        // reported once, there.
        let mut missing: Vec<&str> = REQUIRED
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| !has_value(n) && !without_value(n))
            .collect();
        let ignored = has_value("IgnoredUID")
            || has_value("IgnoredGID")
            || without_value("IgnoredUID")
            || without_value("IgnoredGID");
        if missing.is_empty() && ignored {
            return;
        }
        let mut adds: Vec<String> = REQUIRED
            .iter()
            .filter(|(n, _)| missing.contains(n))
            .map(|(n, v)| format!("{{\"name\": \"{n}\", \"value\": \"{v}\"}}"))
            .collect();
        if !ignored {
            missing.push("IgnoredUID or IgnoredGID");
            adds.push("{\"name\": \"IgnoredUID\", \"value\": \"1337\"} (the user id of the Envoy container)".to_owned());
        }
        let listed = match missing.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        let properties = if cx.is_cloudformation() {
            "ProxyConfiguration.ProxyConfigurationProperties".to_owned()
        } else {
            "proxyConfiguration.properties".to_owned()
        };
        let at = list.unwrap_or(proxy);
        out.push(
            Finding::at(
                at,
                format!("{properties} has no value for {listed}, which the App Mesh proxy needs"),
            )
            .help(format!("add {}", adds.join(", "))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ProxyPropertiesMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(properties: &str) -> String {
        format!(
            r#"{{"family": "a", "proxyConfiguration": {{"type": "APPMESH", "containerName": "envoy"{properties}}}, "containerDefinitions": [{{"name": "envoy", "image": "e", "memory": 64}}]}}"#
        )
    }

    fn props(list: &[(&str, &str)]) -> String {
        let items: Vec<String> = list
            .iter()
            .map(|(n, v)| format!(r#"{{"name": "{n}", "value": "{v}"}}"#))
            .collect();
        format!(r#", "properties": [{}]"#, items.join(", "))
    }

    const FULL: [(&str, &str); 4] = [
        ("IgnoredUID", "1337"),
        ("ProxyIngressPort", "15000"),
        ("ProxyEgressPort", "15001"),
        ("AppPorts", "9080"),
    ];

    #[test]
    fn missing_ports_or_ignored_user_fail() {
        let text = td(&props(&FULL[..3]));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/proxyConfiguration/properties");
        assert!(spanned(&text, &d[0]).starts_with("[{\"name\": \"IgnoredUID\""));
        assert_eq!(
            d[0].message,
            "proxyConfiguration.properties has no value for AppPorts, which the App Mesh proxy needs"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("add {\"name\": \"AppPorts\", \"value\": \"8080\"}")
        );
        let d = assert_fails(&Rule::META, &td(&props(&FULL[1..])));
        assert!(d[0].message.contains("IgnoredUID or IgnoredGID"));
        // Both ignored ids empty count as missing.
        let mut empty = FULL.to_vec();
        empty[0] = ("IgnoredUID", "");
        empty.push(("IgnoredGID", " "));
        assert_fails(&Rule::META, &td(&props(&empty)));
    }

    #[test]
    fn no_properties_points_at_the_proxy_configuration() {
        let text = td("");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/proxyConfiguration");
        assert_eq!(
            d[0].message,
            "proxyConfiguration.properties has no value for AppPorts, ProxyIngressPort, ProxyEgressPort and IgnoredUID or IgnoredGID, which the App Mesh proxy needs"
        );
    }

    #[test]
    fn cloudformation_properties() {
        let cfn = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ProxyConfiguration:\n        Type: APPMESH\n        ContainerName: envoy\n        ProxyConfigurationProperties:\n          - Name: IgnoredUID\n            Value: '1337'\n          - Name: AppPorts\n            Value: '9080'\n      ContainerDefinitions:\n        - Name: envoy\n          Image: e\n";
        let d = assert_fails(&Rule::META, cfn);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ProxyConfiguration/ProxyConfigurationProperties"
        );
        assert!(d[0].message.starts_with("ProxyConfiguration.ProxyConfigurationProperties has no value for ProxyIngressPort and ProxyEgressPort"));
        let unknown = cfn.replace("Value: '9080'", "Value: !Ref Ports");
        assert_passes(&Rule::META, &unknown);
    }

    #[test]
    fn complete_properties_pass() {
        assert_passes(&Rule::META, &td(&props(&FULL)));
        let mut gid = FULL.to_vec();
        gid[0] = ("IgnoredUID", "");
        gid.push(("IgnoredGID", "1337"));
        assert_passes(&Rule::META, &td(&props(&gid)));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
    }

    #[test]
    fn property_without_value_fails_once() {
        let text = td(
            r#", "properties": [{"name": "IgnoredUID", "value": "1337"}, {"name": "IgnoredGID"}, {"name": "ProxyIngressPort", "value": "15000"}, {"name": "ProxyEgressPort", "value": null}, {"name": "AppPorts", "value": "80"}]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/proxyConfiguration/properties/1");
        assert_eq!(d[0].message, "property \"IgnoredGID\" has no value (ProxyConfiguration properties value cannot be null.)");
    }
}
