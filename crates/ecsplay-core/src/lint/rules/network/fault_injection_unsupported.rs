use super::{field, network_mode};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::NetworkMode;

declare_rule! {
    /// ## What it does
    /// Reports `enableFaultInjection: true` in a Windows task definition, or in one whose
    /// network mode is neither `awsvpc` nor `host` (`bridge`, including the Linux default when
    /// `networkMode` is omitted, or `none`).
    ///
    /// This rule reports the Windows clause of TD-WIN-003 as well.
    ///
    /// ## Why is this bad?
    /// Fault injection lets AWS Fault Injection Service disturb a task's network (latency,
    /// packet loss, blackholed ports) through endpoints of the ECS agent. The documentation
    /// says it "only works with tasks using the awsvpc or host network modes" and "isn't
    /// available on Windows", so the experiment the flag is meant for cannot run against this
    /// task: the agent's fault endpoints check the network mode of the task that calls them,
    /// and the AWS CDK refuses to synthesize such a task definition (`Only AWS_VPC and HOST
    /// Network Modes are supported for enabling Fault Injection`).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "checkout",
    ///   "networkMode": "bridge",
    ///   "enableFaultInjection": true,
    ///   "containerDefinitions": [
    ///     {"name": "checkout", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512, "portMappings": [{"containerPort": 3000}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "checkout",
    ///   "networkMode": "awsvpc",
    ///   "enableFaultInjection": true,
    ///   "containerDefinitions": [
    ///     {"name": "checkout", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512, "portMappings": [{"containerPort": 3000}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fault-injection.html ("Fault injection only works with tasks using the awsvpc or host network modes. Fault injection isn't available on Windows.")
    /// - BOTO:RegisterTaskDefinitionRequest.enableFaultInjection (botocore 1.44.5 ECS model)
    /// - https://github.com/aws/aws-cdk/pull/32598 (CDK validation of the network mode)
    /// - https://github.com/aws/amazon-ecs-agent/pull/4302 (agent fault handlers require host or awsvpc)
    pub struct FaultInjectionUnsupported {
        code: "TD-NET-021",
        name: "fault-injection-unsupported",
        severity: Error,
        scope: Task,
        summary: "Fault injection enabled on Windows or outside the awsvpc and host network modes",
    }
}

impl Rule for FaultInjectionUnsupported {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(flag) = cx.task().and_then(|t| t.get("enableFaultInjection")) else {
            return;
        };
        if cx.bool_of(flag) != Some(true) {
            return;
        }
        let key = field(cx, "enableFaultInjection");
        if cx.facts.windows && !cx.facts.platform_unknown {
            out.push(
                Finding::at(flag, "fault injection isn't available on Windows").help(format!(
                    "remove \"{key}\"; fault injection experiments need a Linux task"
                )),
            );
            return;
        }
        let mode = match network_mode(cx) {
            Some(mode @ (NetworkMode::Bridge | NetworkMode::None)) => mode,
            _ => return,
        };
        let written = if cx.facts.network_mode_written {
            String::new()
        } else {
            " (the default when networkMode is omitted)".to_owned()
        };
        out.push(
            Finding::at(
                flag,
                format!(
                    "fault injection only works with the awsvpc or host network mode, not {}{written}",
                    mode.as_str()
                ),
            )
            .help(format!(
                "set \"{}\" to \"awsvpc\" or \"host\", or remove \"{key}\"",
                field(cx, "networkMode")
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FaultInjectionUnsupported as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, flag: &str) -> String {
        format!(
            r#"{{"family": "a", {head}"enableFaultInjection": {flag}, "containerDefinitions": [{{"name": "a", "image": "b", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn bridge_none_and_windows_fail() {
        let text = task(r#""networkMode": "bridge", "#, "true");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/enableFaultInjection");
        assert_eq!(spanned(&text, &d[0]), "true");
        assert_eq!(
            d[0].message,
            "fault injection only works with the awsvpc or host network mode, not bridge"
        );
        let d = assert_fails(&Rule::META, &task("", "true"));
        assert!(d[0]
            .message
            .ends_with("(the default when networkMode is omitted)"));
        assert_fails(&Rule::META, &task(r#""networkMode": "none", "#, "true"));
        let d = assert_fails(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_FULL"}, "networkMode": "awsvpc", "#,
                "true",
            ),
        );
        assert_eq!(d[0].message, "fault injection isn't available on Windows");
        // CloudFormation coerces "true".
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: bridge\n      EnableFaultInjection: \"true\"\n");
    }

    #[test]
    fn awsvpc_host_and_disabled_pass() {
        assert_passes(&Rule::META, &task(r#""networkMode": "awsvpc", "#, "true"));
        assert_passes(&Rule::META, &task(r#""networkMode": "host", "#, "true"));
        assert_passes(&Rule::META, &task(r#""networkMode": "bridge", "#, "false"));
        // A string in the API form is a type error (TD-SHAPE-010), not a true value.
        assert_passes(
            &Rule::META,
            &task(r#""networkMode": "bridge", "#, r#""true""#),
        );
        // Fargate without networkMode: no mode is guessed (TD-NET-003 reports it).
        assert_passes(
            &Rule::META,
            &task(r#""requiresCompatibilities": ["FARGATE"], "#, "true"),
        );
    }
}
