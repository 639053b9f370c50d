use super::report_host_port_mismatches;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::NetworkMode;

declare_rule! {
    /// ## What it does
    /// Reports a port mapping whose `hostPort` is written and differs from its `containerPort`
    /// in a task that uses the `host` network mode. `hostPort: 0` is reported too: host mode has
    /// no dynamic host ports.
    ///
    /// ## Why is this bad?
    /// In host mode the containers use the instance's own network stack: a process that listens
    /// on port 8080 listens on the instance's port 8080, and nothing translates it to another
    /// port. The API documentation says host ports "must either be undefined or match the
    /// container port" in this mode, and ECS rejects the definition otherwise.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "metrics-exporter",
    ///   "networkMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "exporter", "image": "quay.io/prometheus/node-exporter:v1.8.2", "memory": 128, "portMappings": [{"containerPort": 9100, "hostPort": 9101}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "metrics-exporter",
    ///   "networkMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "exporter", "image": "quay.io/prometheus/node-exporter:v1.8.2", "memory": 128, "portMappings": [{"containerPort": 9100}]}
    ///   ]
    /// }
    /// ```
    ///
    /// To use another port in host mode, make the application listen on it (for the node
    /// exporter, `--web.listen-address=:9101`) and map that port.
    ///
    /// ## References
    /// - BOTO:PortMapping (botocore 1.44.5 ECS model: with host network mode, host ports must be undefined or match the container port)
    /// - BOTO:PortMapping.hostPort
    pub struct HostModeHostPortMismatch {
        code: "TD-NET-008",
        name: "host-mode-host-port-mismatch",
        severity: Error,
        scope: Task,
        summary: "In host network mode a hostPort differs from its containerPort",
    }
}

impl Rule for HostModeHostPortMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        report_host_port_mismatches(cx, &NetworkMode::Host, ", on the instance itself", out);
    }
}

#[cfg(test)]
mod tests {
    use super::HostModeHostPortMismatch as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str, mapping: &str) -> String {
        format!(
            r#"{{"family": "a", "networkMode": "{mode}", "containerDefinitions": [{{"name": "web", "image": "b", "memory": 64, "portMappings": [{mapping}]}}]}}"#
        )
    }

    #[test]
    fn different_ports_fail() {
        let text = task("host", r#"{"containerPort": 9100, "hostPort": 9101}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/hostPort"
        );
        assert_eq!(spanned(&text, &d[0]), "9101");
        assert_eq!(
            d[0].message,
            "hostPort 9101 must equal containerPort 9100 in host network mode"
        );
        assert_fails(
            &Rule::META,
            &task("host", r#"{"containerPort": 9100, "hostPort": 0}"#),
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: host\n      ContainerDefinitions:\n        - Name: web\n          Image: b\n          PortMappings: [{ContainerPort: 80, HostPort: 81}]\n");
    }

    #[test]
    fn matching_blank_and_other_modes_pass() {
        assert_passes(
            &Rule::META,
            &task("host", r#"{"containerPort": 9100, "hostPort": 9100}"#),
        );
        assert_passes(&Rule::META, &task("host", r#"{"containerPort": 9100}"#));
        assert_passes(
            &Rule::META,
            &task("bridge", r#"{"containerPort": 9100, "hostPort": 9101}"#),
        );
        // awsvpc mismatches are TD-NET-007's.
        assert_passes(
            &Rule::META,
            &task("awsvpc", r#"{"containerPort": 9100, "hostPort": 9101}"#),
        );
    }
}
