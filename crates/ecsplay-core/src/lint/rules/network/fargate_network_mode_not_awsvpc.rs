use super::field;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::NetworkMode;

declare_rule! {
    /// ## What it does
    /// Reports a task definition that lists `FARGATE` in `requiresCompatibilities` and sets
    /// `networkMode` to `bridge`, `host` or `none`.
    ///
    /// A value that is no network mode at all is TD-NET-001's finding and is not repeated here.
    ///
    /// ## Why is this bad?
    /// Every Fargate task gets its own elastic network interface, which is what the `awsvpc`
    /// mode means; Fargate offers no other mode. RegisterTaskDefinition refuses the definition
    /// with `Fargate only supports network mode ‘awsvpc’.`, and cfn-lint reports it as `E3048`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "bridge",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "portMappings": [{"containerPort": 80}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "portMappings": [{"containerPort": 80}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.networkMode (botocore 1.44.5 ECS model: Fargate requires awsvpc)
    /// - CFN-EXT:fargate_properties.json (cfn-lint 1.58.0, E3048: NetworkMode must be awsvpc with FARGATE)
    /// - ERR: https://github.com/aws/amazon-ecs-cli/issues/1145
    pub struct FargateNetworkModeNotAwsvpc {
        code: "TD-NET-002",
        name: "fargate-network-mode-not-awsvpc",
        severity: Error,
        scope: Task,
        summary: "Fargate task definition with a network mode other than awsvpc",
    }
}

impl Rule for FargateNetworkModeNotAwsvpc {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if !cx.facts.fargate {
            return;
        }
        let Some(node) = task.get("networkMode") else {
            return;
        };
        let Some(mode) = node.as_str() else { return };
        if matches!(
            NetworkMode::parse(mode),
            NetworkMode::Awsvpc | NetworkMode::Unknown(_)
        ) {
            return;
        }
        out.push(
            Finding::at(
                node,
                format!("Fargate only supports network mode 'awsvpc', not '{mode}'"),
            )
            .help(format!(
                "set \"{}\" to \"awsvpc\": every Fargate task gets its own network interface",
                field(cx, "networkMode")
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FargateNetworkModeNotAwsvpc as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(compat: &str, mode: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": {compat}, "networkMode": "{mode}", "cpu": "256", "memory": "512", "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn other_modes_on_fargate_fail() {
        for mode in ["bridge", "host", "none"] {
            let text = task(r#"["FARGATE"]"#, mode);
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, "/networkMode");
            assert_eq!(spanned(&text, &d[0]), format!("\"{mode}\""));
        }
        // FARGATE listed next to EC2 still means the Fargate rules apply.
        let d = assert_fails(&Rule::META, &task(r#"["EC2", "FARGATE"]"#, "host"));
        assert_eq!(
            d[0].message,
            "Fargate only supports network mode 'awsvpc', not 'host'"
        );
    }

    #[test]
    fn cloudformation_fails_with_its_own_key_names() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: bridge\n      Cpu: 256\n      Memory: 512\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/Resources/T/Properties/NetworkMode");
        assert!(d[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("\"NetworkMode\""));
    }

    #[test]
    fn awsvpc_other_launch_types_and_unknown_values_pass() {
        assert_passes(&Rule::META, &task(r#"["FARGATE"]"#, "awsvpc"));
        assert_passes(&Rule::META, &task(r#"["EC2"]"#, "bridge"));
        // Not a mode at all: TD-NET-001 reports it.
        assert_passes(&Rule::META, &task(r#"["FARGATE"]"#, "awsvpcx"));
        // Omitted: TD-NET-003. Deploy-time value: not judged.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": []}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: !Ref Mode\n");
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
