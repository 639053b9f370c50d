use super::field;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Warns about a container with `disableNetworking: true` that also has port mappings, or
    /// that another container of the task names in its `links`.
    ///
    /// On Fargate and on Windows `disableNetworking` is not supported at all; TD-FG-008 and
    /// TD-WIN-001 report it there.
    ///
    /// ## Why is this bad?
    /// With networking disabled the container has only a loopback interface. Its port mappings
    /// can never receive traffic, and a container linked to it cannot reach it. One of the two
    /// settings is a mistake: either the container should be reachable, or the mappings and
    /// links are leftovers.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "report",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "renderer", "image": "public.ecr.aws/docker/library/python:3.12-slim", "memory": 512, "disableNetworking": true, "portMappings": [{"containerPort": 8000}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "report",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "renderer", "image": "public.ecr.aws/docker/library/python:3.12-slim", "memory": 512, "disableNetworking": true}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.disableNetworking (botocore 1.44.5 ECS model: networking is off within the container)
    /// - BOTO:ContainerDefinition.portMappings, ContainerDefinition.links
    pub struct DisabledNetworkingWithPorts {
        code: "TD-NET-020",
        name: "disabled-networking-with-ports",
        severity: Warning,
        scope: Containers,
        summary: "A container with networking disabled has port mappings or is a link target",
    }
}

/// The container a `links` entry (`name` or `name:alias`) names.
fn link_target(entry: &Node) -> Option<&str> {
    let link = entry.as_str()?;
    link.split(':').next()
}

impl Rule for DisabledNetworkingWithPorts {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.windows {
            return;
        }
        let key = field(cx, "disableNetworking");
        for (i, container) in cx.containers() {
            let Some(flag) = container.get("disableNetworking") else {
                continue;
            };
            if cx.bool_of(flag) != Some(true) {
                continue;
            }
            let name = container_label(container, i);
            if let Some(mappings) = container
                .get("portMappings")
                .filter(|m| m.is_set() && !m.is_unknown())
            {
                out.push(
                    Finding::at(flag, format!("container {name} disables networking but has port mappings, which can never receive traffic"))
                        .label(mappings, "these port mappings")
                        .help(format!("remove \"{}\", or remove \"{key}\" if the container must be reachable", field(cx, "portMappings"))),
                );
            }
            let Some(own) = container.get("name").and_then(Node::as_str) else {
                continue;
            };
            let linking = cx.containers().find_map(|(j, other)| {
                let entry = other
                    .get("links")?
                    .items()
                    .iter()
                    .find(|l| link_target(l) == Some(own))?;
                (j != i).then(|| (container_label(other, j), entry))
            });
            if let Some((other, entry)) = linking {
                out.push(
                    Finding::at(flag, format!("container {name} disables networking, but container {other} links to it and cannot reach it"))
                        .label(entry, format!("container {other} links to {name} here"))
                        .help(format!("remove the link from container {other}, or remove \"{key}\"")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DisabledNetworkingWithPorts as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn ports_or_links_with_disabled_networking_warn() {
        let text = r#"[{"name": "a", "image": "b", "disableNetworking": true, "portMappings": [{"containerPort": 80}]}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/0/disableNetworking");
        assert_eq!(spanned(text, &d[0]), "true");
        assert_eq!(d[0].labels[0].pointer, "/0/portMappings");
        let text = r#"{"family": "t", "containerDefinitions": [{"name": "web", "image": "b", "memory": 64, "links": ["db:database"]}, {"name": "db", "image": "b", "memory": 64, "disableNetworking": true}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/containerDefinitions/1/disableNetworking");
        assert_eq!(
            d[0].message,
            "container 'db' disables networking, but container 'web' links to it and cannot reach it"
        );
        assert_eq!(d[0].labels[0].pointer, "/containerDefinitions/0/links/0");
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          DisableNetworking: 'true'\n          PortMappings: [{ContainerPort: 80}]\n");
    }

    #[test]
    fn plain_disabled_networking_and_covered_platforms_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "disableNetworking": true}]"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "disableNetworking": false, "portMappings": [{"containerPort": 80}]}]"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "disableNetworking": true, "portMappings": []}, {"name": "c", "image": "b", "links": ["other"]}]"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "t", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "containerDefinitions": [{"name": "a", "image": "b", "disableNetworking": true, "portMappings": [{"containerPort": 80}]}]}"#,
        );
    }
}
