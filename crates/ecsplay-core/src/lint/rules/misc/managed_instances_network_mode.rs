use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Points out a task definition for Amazon ECS Managed Instances (`requiresCompatibilities`
    /// lists `MANAGED_INSTANCES`) that writes `networkMode: bridge`.
    ///
    /// The other clauses of the catalogue row have their own rules: Managed Instances log
    /// drivers (TD-LOG-003), `NeuronDevice` requirements (TD-RES-020) and trusted execution
    /// (TD-MISC-005). An omitted `networkMode` is fine: on Managed Instances it means `awsvpc`.
    ///
    /// ## Why is this bad?
    /// Managed Instances run tasks in the `awsvpc` (the default), `host` or `none` network
    /// modes; the API reference of their network configuration lists no `bridge` mode. A
    /// definition meant for Managed Instances with `bridge` cannot run there. This is a hint
    /// because only the API reference text was read for it (no register call was observed).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["MANAGED_INSTANCES"],
    ///   "networkMode": "bridge",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [{"name": "worker", "image": "example/worker:2.4"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["MANAGED_INSTANCES"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [{"name": "worker", "image": "example/worker:2.4"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedInstancesNetworkConfiguration.html
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters-managed-instances.html
    pub struct ManagedInstancesNetworkMode {
        code: "TD-MISC-022",
        name: "managed-instances-network-mode",
        severity: Info,
        scope: Task,
        summary: "Managed Instances task definition with the bridge network mode, which Managed Instances do not offer",
    }
}

impl Rule for ManagedInstancesNetworkMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.managed_instances || cx.facts.platform_unknown {
            return;
        }
        let Some(mode) = cx
            .task()
            .and_then(|t| t.get("networkMode"))
            .filter(|m| m.as_str() == Some("bridge"))
        else {
            return;
        };
        let key = field(cx, "networkMode");
        out.push(
            Finding::at(mode, "Managed Instances run tasks in the awsvpc, host or none network mode, not bridge")
                .help(format!("set \"{key}\" to \"awsvpc\" (or remove it: awsvpc is the Managed Instances default)")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ManagedInstancesNetworkMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str, mode: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": {compat}{mode}, "containerDefinitions": [{{"name": "a", "image": "b", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn bridge_on_managed_instances_is_pointed_out() {
        let text = td(r#"["MANAGED_INSTANCES"]"#, r#", "networkMode": "bridge""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/networkMode");
        assert_eq!(spanned(&text, &d[0]), "\"bridge\"");
        assert_fails(
            &Rule::META,
            &td(
                r#"["EC2", "MANAGED_INSTANCES"]"#,
                r#", "networkMode": "bridge""#,
            ),
        );
    }

    #[test]
    fn other_modes_or_launch_types_pass() {
        assert_passes(&Rule::META, &td(r#"["MANAGED_INSTANCES"]"#, ""));
        assert_passes(
            &Rule::META,
            &td(r#"["MANAGED_INSTANCES"]"#, r#", "networkMode": "host""#),
        );
        assert_passes(
            &Rule::META,
            &td(r#"["EC2"]"#, r#", "networkMode": "bridge""#),
        );
    }
}
