use super::{field, network_mode};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Explains what the `host` network mode means for a task: its containers use the container
    /// instance's own network stack, and a task with port mappings can run at most once per
    /// instance.
    ///
    /// ## Why is this bad?
    /// In `host` mode a container's ports are the instance's ports: every mapped port (and every
    /// port the process opens) is taken on the instance itself, so a second copy of the task
    /// cannot be placed on an instance where the first runs, and the task shares the instance's
    /// security groups instead of having its own. The AWS Config managed rule
    /// `ecs-task-definition-network-mode-not-host` marks such a task definition NON_COMPLIANT. `awsvpc` gives each task its own network interface
    /// and security groups; `bridge` with dynamic host ports lets many copies share an instance.
    ///
    /// Host mode is the right choice for some agents that must see the instance's network (for
    /// example a monitoring or proxy daemon), so this is a hint, not a warning. The non-root user
    /// that AWS recommends for host-mode containers is TD-NET-014's finding.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "networkMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512, "user": "1000", "portMappings": [{"containerPort": 3000}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "networkMode": "awsvpc",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512, "user": "1000", "portMappings": [{"containerPort": 3000}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-network-mode-not-host.html
    /// - BOTO:RegisterTaskDefinitionRequest.networkMode (botocore 1.44.5 ECS model: host mode maps container ports straight to the instance; one copy per instance when ports are mapped)
    pub struct HostNetworkMode {
        code: "TD-NET-015",
        name: "host-network-mode",
        severity: Info,
        scope: Task,
        summary: "The task uses the host network mode: the instance's network stack, one copy per instance",
    }
}

impl Rule for HostNetworkMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if network_mode(cx) != Some(NetworkMode::Host) {
            return;
        }
        let Some(node) = cx.task().and_then(|t| t.get("networkMode")) else {
            return;
        };
        let mapped: Vec<(usize, &crate::source::Node)> = cx
            .container_members("portMappings")
            .filter(|(_, _, list)| list.is_set() && !list.is_unknown())
            .map(|(i, c, _)| (i, c))
            .collect();
        let key = field(cx, "networkMode");
        let mut finding = match mapped.first() {
            Some((i, c)) => Finding::at(
                node,
                format!(
                    "{key} \"host\": containers use the instance's own network stack, and because container {} maps ports, at most one copy of this task fits on an instance",
                    container_label(c, *i)
                ),
            ),
            None => Finding::at(
                node,
                format!("{key} \"host\": containers use the instance's own network stack and security groups; AWS Config's ecs-task-definition-network-mode-not-host flags this mode"),
            ),
        };
        for (i, c) in &mapped {
            if let Some(list) = c.get("portMappings") {
                finding = finding.label(
                    list,
                    format!(
                        "these ports are taken on the instance while container {} runs",
                        container_label(c, *i)
                    ),
                );
            }
        }
        out.push(finding.help(
            "use \"awsvpc\" (a network interface and security groups per task) or \"bridge\" with dynamic host ports, unless the container must see the instance's network",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::HostNetworkMode as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str, container: &str) -> String {
        format!(
            r#"{{"family": "a"{mode}, "containerDefinitions": [{{"name": "api", "image": "b", "memory": 64{container}}}]}}"#
        )
    }

    #[test]
    fn host_mode_with_ports_is_explained() {
        let text = task(
            r#", "networkMode": "host""#,
            r#", "portMappings": [{"containerPort": 80}]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].pointer, "/networkMode");
        assert_eq!(spanned(&text, &d[0]), "\"host\"");
        assert_eq!(
            d[0].message,
            "networkMode \"host\": containers use the instance's own network stack, and because container 'api' maps ports, at most one copy of this task fits on an instance"
        );
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/portMappings"
        );
    }

    #[test]
    fn host_mode_without_ports_mentions_the_config_rule() {
        let d = assert_fails(
            &Rule::META,
            &task(r#", "networkMode": "host""#, r#", "portMappings": []"#),
        );
        assert!(d[0]
            .message
            .contains("ecs-task-definition-network-mode-not-host"));
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: host\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Memory: 64\n");
        assert!(d[0].message.starts_with("NetworkMode \"host\""));
    }

    #[test]
    fn other_modes_pass() {
        assert_passes(
            &Rule::META,
            &task("", r#", "portMappings": [{"containerPort": 80}]"#),
        );
        for mode in ["bridge", "awsvpc", "none"] {
            assert_passes(
                &Rule::META,
                &task(&format!(r#", "networkMode": "{mode}""#), ""),
            );
        }
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: !Ref Mode\n");
    }
}
