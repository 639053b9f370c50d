use super::field;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition that lists `FARGATE` in `requiresCompatibilities` but does not
    /// set `networkMode`. It is an error in a CloudFormation template and a warning in the API
    /// forms.
    ///
    /// ## Why is this bad?
    /// Fargate runs every task in `awsvpc` mode, and the Fargate task-definition parameter page
    /// lists `networkMode` as required. cfn-lint rejects the template (`E3048 'NetworkMode' is
    /// a required property`). Left out, the mode defaults to `bridge`, which Fargate does not
    /// support: tools that omit it have been answered with `Fargate only supports network mode
    /// ‘awsvpc’.` (amazon-ecs-cli #1145). The catalogue could not confirm that
    /// RegisterTaskDefinition itself always refuses the omission, so in the API forms this is a
    /// warning rather than an error; write `"networkMode": "awsvpc"` either way.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12-slim", "command": ["python", "-m", "worker"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12-slim", "command": ["python", "-m", "worker"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-EXT:fargate_properties.json (cfn-lint 1.58.0, E3048: NetworkMode required with FARGATE)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html (network mode: required for Fargate)
    /// - BOTO:RegisterTaskDefinitionRequest.networkMode (botocore 1.44.5 ECS model: default bridge; Fargate requires awsvpc)
    /// - ERR: https://github.com/aws/amazon-ecs-cli/issues/1145
    pub struct FargateNetworkModeMissing {
        code: "TD-NET-003",
        name: "fargate-network-mode-missing",
        severity: Warning,
        scope: Task,
        summary: "Fargate task definition without networkMode",
    }
}

impl Rule for FargateNetworkModeMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if !cx.facts.fargate || task.get("networkMode").is_some() {
            return;
        }
        let key = field(cx, "networkMode");
        // A missing member points at the object that should contain it (rules.md §0.5).
        let mut finding = Finding::at(
            task,
            format!("Fargate task definition without {key}; Fargate only supports network mode 'awsvpc'"),
        )
        .help(format!("add \"{key}\": \"awsvpc\""));
        if cx.is_cloudformation() {
            finding = finding.severity(Severity::Error);
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::FargateNetworkModeMissing as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn api_form_warns_at_the_task() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EC2", "FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        assert_eq!(d[0].pointer, "");
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].message,
            "Fargate task definition without networkMode; Fargate only supports network mode 'awsvpc'"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("add \"networkMode\": \"awsvpc\"")
        );
        // describe output points into the wrapper.
        let d = assert_fails(
            &Rule::META,
            r#"{"taskDefinition": {"family": "a", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": []}}"#,
        );
        assert_eq!(d[0].pointer, "/taskDefinition");
    }

    #[test]
    fn cloudformation_is_an_error() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      Cpu: 256\n      Memory: 512\n");
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].pointer, "/Resources/T/Properties");
        assert!(d[0].message.contains("without NetworkMode"));
    }

    #[test]
    fn written_modes_and_other_launch_types_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "containerDefinitions": []}"#,
        );
        // A wrong mode is TD-NET-002's finding, a deploy-time one is not judged.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "networkMode": "bridge", "containerDefinitions": []}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: !Ref Mode\n");
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]}"#,
        );
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
