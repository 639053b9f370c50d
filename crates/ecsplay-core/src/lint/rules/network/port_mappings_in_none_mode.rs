use super::{containers_setting, field, network_mode};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Reports containers with port mappings in a task whose `networkMode` is `none`.
    ///
    /// ## Why is this bad?
    /// In the `none` mode the task's containers have no network interface besides loopback:
    /// there is nothing a port could be mapped onto, and ECS does not accept port mappings in
    /// this mode. Either the mappings are leftovers, or the task needs a real network mode.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "batch-job",
    ///   "networkMode": "none",
    ///   "containerDefinitions": [
    ///     {"name": "job", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 128, "command": ["sh", "-c", "echo done"], "portMappings": [{"containerPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "batch-job",
    ///   "networkMode": "none",
    ///   "containerDefinitions": [
    ///     {"name": "job", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 128, "command": ["sh", "-c", "echo done"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.portMappings (botocore 1.44.5 ECS model: port mappings are not valid with networkMode none)
    /// - BOTO:RegisterTaskDefinitionRequest.networkMode (none: no external connectivity)
    pub struct PortMappingsInNoneMode {
        code: "TD-NET-006",
        name: "port-mappings-in-none-mode",
        severity: Error,
        scope: Task,
        summary: "Port mappings in a task whose network mode is none",
    }
}

impl Rule for PortMappingsInNoneMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if network_mode(cx) != Some(NetworkMode::None) {
            return;
        }
        let key = field(cx, "portMappings");
        for (i, container, mappings) in containers_setting(cx, "portMappings") {
            let name = container_label(container, i);
            out.push(
                Finding::at(
                    mappings,
                    format!("container {name} has port mappings, but network mode 'none' gives it no network to map them onto"),
                )
                .help(format!("remove \"{key}\" from container {name}, or use a network mode that exposes ports (awsvpc or bridge)")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PortMappingsInNoneMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn mappings_in_none_mode_fail_per_container() {
        let text = r#"{"family": "a", "networkMode": "none", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64, "portMappings": [{"containerPort": 80}]}, {"name": "c", "image": "b", "memory": 64, "portMappings": [{"containerPort": 81}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/portMappings");
        assert_eq!(spanned(text, &d[0]), r#"[{"containerPort": 80}]"#);
        assert!(d[1].message.starts_with("container 'c' has port mappings"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: none\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          PortMappings: [{ContainerPort: 80}]\n");
    }

    #[test]
    fn other_modes_and_empty_lists_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "networkMode": "none", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64, "portMappings": []}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64, "portMappings": [{"containerPort": 80}]}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "portMappings": [{"containerPort": 80}]}]"#,
        );
    }
}
