use crate::declare_rule;
use crate::lint::rules::service_connect::named_ports;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out an ECS Anywhere task definition (`requiresCompatibilities` lists `EXTERNAL`)
    /// whose port mappings are named — the way a task is prepared for Service Connect.
    ///
    /// This is the Service Connect clause of the catalogue row on external instances; its other
    /// clauses have their own rules: the awsvpc network mode (TD-NET-005), EFS volumes
    /// (TD-VOL-019) and GPU sharing (TD-RES-018).
    ///
    /// ## Why is this bad?
    /// ECS Anywhere runs tasks on your own servers and virtual machines, outside a VPC. Service
    /// Connect needs the proxy and the Cloud Map namespace wiring ECS sets up inside a VPC, and
    /// it is not available for tasks on external instances: a service there cannot use these
    /// port names. A port name alone does not prove Service Connect is meant, so this is a hint.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "edge",
    ///   "requiresCompatibilities": ["EXTERNAL"],
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "example/edge-api:1.3", "memory": 256,
    ///      "portMappings": [{"name": "http", "containerPort": 8080, "hostPort": 8080, "appProtocol": "http"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "edge",
    ///   "requiresCompatibilities": ["EXTERNAL"],
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "example/edge-api:1.3", "memory": 256,
    ///      "portMappings": [{"containerPort": 8080, "hostPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:service-connect.md (considerations: tasks on external instances are not supported)
    /// - DOC: https://docs.aws.amazon.com/cdk/api/latest/python/aws_cdk.aws_ecs/ExternalTaskDefinition.html
    pub struct ExternalServiceConnect {
        code: "TD-MISC-021",
        name: "external-service-connect",
        severity: Info,
        scope: Task,
        summary: "Named (Service Connect) ports in an ECS Anywhere task definition, where Service Connect is not available",
    }
}

impl Rule for ExternalServiceConnect {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.external || cx.facts.platform_unknown {
            return;
        }
        let ports = named_ports(cx);
        let Some((i, c, name)) = ports.first() else {
            return;
        };
        out.push(
            Finding::at(
                name,
                format!(
                    "port \"{}\" of container {} is named for Service Connect, which is not available for ECS Anywhere (EXTERNAL) tasks",
                    name.as_str().unwrap_or(""),
                    container_label(c, *i)
                ),
            )
            .help("reach services on external instances through their host ports or your own service discovery; remove the port names if Service Connect is not meant"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ExternalServiceConnect as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str, port: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["{compat}"], "containerDefinitions": [{{"name": "api", "image": "b", "memory": 64, "portMappings": [{{"containerPort": 80{port}}}]}}]}}"#
        )
    }

    #[test]
    fn named_ports_on_external_are_pointed_out() {
        let text = td("EXTERNAL", r#", "name": "http""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/portMappings/0/name");
        assert_eq!(spanned(&text, &d[0]), "\"http\"");
        assert_eq!(
            d[0].message,
            "port \"http\" of container 'api' is named for Service Connect, which is not available for ECS Anywhere (EXTERNAL) tasks"
        );
    }

    #[test]
    fn other_launch_types_or_unnamed_ports_pass() {
        assert_passes(&Rule::META, &td("EC2", r#", "name": "http""#));
        assert_passes(&Rule::META, &td("EXTERNAL", ""));
    }
}
