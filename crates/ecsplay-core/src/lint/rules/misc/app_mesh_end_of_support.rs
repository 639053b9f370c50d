use crate::declare_rule;
use crate::lint::rules::fargate::set_now;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Warns about a task definition that configures an AWS App Mesh proxy
    /// (`proxyConfiguration`).
    ///
    /// ## Why is this bad?
    /// AWS ended support for AWS App Mesh on 2026-09-30. Meshes keep no support, fixes or new
    /// Envoy images, and a service that depends on App Mesh routing has no future there. Amazon
    /// ECS Service Connect provides the same service-to-service discovery, load balancing,
    /// retries and traffic metrics without a mesh to manage: the proxy is added by ECS, the
    /// task definition only names its port mappings (`name`, `appProtocol`) and the service
    /// gets a `serviceConnectConfiguration`.
    ///
    /// The old platform requirements of `proxyConfiguration` (ECS agent 1.26.0, Fargate
    /// platform version 1.3.0, TD-MISC-004) are met everywhere today; what matters now is the
    /// end of support.
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
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/colorteller:1.0", "memory": 256,
    ///      "portMappings": [{"name": "http", "containerPort": 9080, "appProtocol": "http"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/eks/latest/userguide/appmesh-getting-started.html (end-of-support notice: AWS App Mesh support ends 2026-09-30)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html
    /// - BOTO:RegisterTaskDefinitionRequest.proxyConfiguration (botocore 1.44.5 ECS model)
    pub struct AppMeshEndOfSupport {
        code: "TD-MISC-003",
        name: "app-mesh-end-of-support",
        severity: Warning,
        scope: Task,
        summary: "App Mesh proxy configuration, whose support ended on 2026-09-30",
    }
}

impl Rule for AppMeshEndOfSupport {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(m) = cx
            .task()
            .and_then(|t| t.member("proxyConfiguration"))
            .filter(|m| set_now(&m.value))
        else {
            return;
        };
        let name = field(cx, "proxyConfiguration");
        out.push(
            Finding::at_key(
                m,
                format!("{name} configures an AWS App Mesh proxy; AWS App Mesh support ended on 2026-09-30"),
            )
            .help(format!(
                "migrate to Amazon ECS Service Connect: name the port mappings, add a serviceConnectConfiguration to the service, then remove \"{name}\" and the Envoy container"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::AppMeshEndOfSupport as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn proxy_configuration_warns_at_its_key() {
        let text = r#"{"family": "a", "proxyConfiguration": {"type": "APPMESH", "containerName": "envoy"}, "containerDefinitions": [{"name": "envoy", "image": "e"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/proxyConfiguration");
        assert_eq!(spanned(text, &d[0]), "\"proxyConfiguration\"");
        assert_eq!(
            d[0].message,
            "proxyConfiguration configures an AWS App Mesh proxy; AWS App Mesh support ended on 2026-09-30"
        );
        let cfn = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ProxyConfiguration:\n        Type: APPMESH\n        ContainerName: envoy\n      ContainerDefinitions:\n        - Name: envoy\n          Image: e\n";
        assert!(assert_fails(&Rule::META, cfn)[0]
            .message
            .starts_with("ProxyConfiguration configures"));
    }

    #[test]
    fn no_or_empty_proxy_passes() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "proxyConfiguration": null, "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
    }
}
