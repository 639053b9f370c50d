use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition that lists `EXTERNAL` (ECS Anywhere) in
    /// `requiresCompatibilities` and sets `networkMode` to `awsvpc`.
    ///
    /// ## Why is this bad?
    /// ECS Anywhere runs tasks on your own servers and virtual machines, which have no elastic
    /// network interfaces for ECS to attach, so the `awsvpc` mode is not available there: only
    /// `bridge`, `host` and `none` are. ECS validates a task definition against every
    /// compatibility it lists, so the definition is refused even when `EC2` is listed too.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "edge-collector",
    ///   "requiresCompatibilities": ["EXTERNAL"],
    ///   "networkMode": "awsvpc",
    ///   "containerDefinitions": [
    ///     {"name": "collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "memory": 256}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "edge-collector",
    ///   "requiresCompatibilities": ["EXTERNAL"],
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "memory": 256}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/cdk/api/latest/python/aws_cdk.aws_ecs/ExternalTaskDefinition.html (network modes for external instances: bridge, host, none)
    /// - BOTO:RegisterTaskDefinitionRequest.requiresCompatibilities (botocore 1.44.5 ECS model: the definition is validated against each listed compatibility)
    pub struct ExternalAwsvpcUnsupported {
        code: "TD-NET-005",
        name: "external-awsvpc-unsupported",
        severity: Error,
        scope: Task,
        summary: "ECS Anywhere (EXTERNAL) task definition with the awsvpc network mode",
    }
}

impl Rule for ExternalAwsvpcUnsupported {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.external {
            return;
        }
        let Some(node) = cx.task().and_then(|t| t.get("networkMode")) else {
            return;
        };
        if node.as_str() != Some("awsvpc") {
            return;
        }
        out.push(
            Finding::at(
                node,
                "ECS Anywhere (EXTERNAL) does not support network mode 'awsvpc'",
            )
            .help("use \"bridge\", \"host\" or \"none\", or remove EXTERNAL from requiresCompatibilities"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ExternalAwsvpcUnsupported as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(compat: &str, mode: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": {compat}, "networkMode": "{mode}", "containerDefinitions": [{{"name": "a", "image": "b", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn awsvpc_on_external_fails() {
        let text = task(r#"["EXTERNAL"]"#, "awsvpc");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/networkMode");
        assert_eq!(spanned(&text, &d[0]), "\"awsvpc\"");
        assert_eq!(
            d[0].message,
            "ECS Anywhere (EXTERNAL) does not support network mode 'awsvpc'"
        );
        assert_fails(&Rule::META, &task(r#"["EC2", "EXTERNAL"]"#, "awsvpc"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [EXTERNAL]\n      NetworkMode: awsvpc\n");
    }

    #[test]
    fn other_modes_and_launch_types_pass() {
        for mode in ["bridge", "host", "none"] {
            assert_passes(&Rule::META, &task(r#"["EXTERNAL"]"#, mode));
        }
        assert_passes(&Rule::META, &task(r#"["EC2"]"#, "awsvpc"));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EXTERNAL"], "containerDefinitions": []}"#,
        );
    }
}
