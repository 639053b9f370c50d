use super::port;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a port mapping that sets `containerPortRange` together with a `hostPort`
    /// (error), or together with a `containerPort` (warning).
    ///
    /// Choices made where the catalogue leaves room:
    /// - `hostPort: 0` next to a range is not reported: 0 means "no static port" elsewhere, and
    ///   whether ECS accepts it here is not documented.
    /// - A `hostPortRange` key in the input is an unknown member of `PortMapping` (it exists
    ///   only in `describe-tasks` output); the schema layer reports it as TD-SHAPE-009.
    /// - A range and a `containerPort` in one mapping is a warning: the API behaviour could not
    ///   be verified, but at least one of the two values is not what ECS will use.
    ///
    /// ## Why is this bad?
    /// With a range, ECS chooses the host ports itself: in bridge mode the agent takes free
    /// ports from the ephemeral range, in awsvpc mode the range is mapped one-to-one. The API
    /// documentation says to leave `hostPort` empty when `containerPortRange` is set, and ECS
    /// rejects the mapping otherwise.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "ftp",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "ftp", "image": "docker.io/delfer/alpine-ftp-server:latest", "memory": 256, "portMappings": [{"containerPortRange": "21000-21010", "hostPort": 21000}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "ftp",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "ftp", "image": "docker.io/delfer/alpine-ftp-server:latest", "memory": 256, "portMappings": [{"containerPortRange": "21000-21010"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.hostPort (botocore 1.44.5 ECS model: "If you specify a containerPortRange, leave this field empty")
    /// - BOTO:PortMapping.containerPortRange ("You do not specify a hostPortRange")
    pub struct PortRangeWithHostPort {
        code: "TD-PORT-012",
        name: "port-range-with-host-port",
        severity: Error,
        scope: Containers,
        summary: "containerPortRange together with hostPort or containerPort in one mapping",
    }
}

impl Rule for PortRangeWithHostPort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let range_key = field(cx, "containerPortRange");
        for (i, container, mapping) in cx.port_mappings() {
            let Some(range) = mapping.get("containerPortRange").filter(|r| !r.is_null()) else {
                continue;
            };
            let name = container_label(container, i);
            if let Some((host, value)) = port(cx, mapping, "hostPort").filter(|(_, v)| *v != 0) {
                let key = field(cx, "hostPort");
                out.push(
                    Finding::at(host, format!("{key} {value} must be left empty when {range_key} is set (container {name}): ECS chooses the host ports of a range"))
                        .label(range, "the range")
                        .help(format!("remove \"{key}\": ECS picks the host ports of a range itself")),
                );
            }
            if let Some(single) = mapping.get("containerPort").filter(|p| !p.is_null()) {
                let key = field(cx, "containerPort");
                out.push(
                    Finding::at(single, format!("this mapping of container {name} sets both {key} and {range_key}; use one or the other"))
                        .label(range, "the range")
                        .help(format!("remove \"{key}\" to map the range, or split it into two mappings"))
                        .severity(Severity::Warning),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PortRangeWithHostPort as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn container(mapping: &str) -> String {
        format!(r#"[{{"name": "ftp", "image": "b", "portMappings": [{mapping}]}}]"#)
    }

    #[test]
    fn host_port_with_a_range_fails() {
        let text = container(r#"{"containerPortRange": "21000-21010", "hostPort": 21000}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].pointer, "/0/portMappings/0/hostPort");
        assert_eq!(spanned(&text, &d[0]), "21000");
        assert_eq!(
            d[0].message,
            "hostPort 21000 must be left empty when containerPortRange is set (container 'ftp'): ECS chooses the host ports of a range"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/0/portMappings/0/containerPortRange"
        );
    }

    #[test]
    fn container_port_with_a_range_warns() {
        let d = assert_fails(
            &Rule::META,
            &container(r#"{"containerPortRange": "21000-21010", "containerPort": 21000}"#),
        );
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].pointer, "/0/portMappings/0/containerPort");
    }

    #[test]
    fn plain_ranges_and_ports_pass() {
        assert_passes(
            &Rule::META,
            &container(r#"{"containerPortRange": "21000-21010"}"#),
        );
        assert_passes(
            &Rule::META,
            &container(r#"{"containerPortRange": "21000-21010", "hostPort": 0}"#),
        );
        assert_passes(
            &Rule::META,
            &container(r#"{"containerPort": 21, "hostPort": 21}"#),
        );
    }
}
