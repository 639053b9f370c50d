use crate::declare_rule;
use crate::lint::rules::logging::is_firelens_router;
use crate::lint::rules::network::network_mode;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Explains where an enabled container restart policy does not behave as one would expect:
    /// in a Windows task on Fargate, where restart policies are not supported, and on the
    /// FireLens log router of a `bridge`-mode task, where a restart changes the router's
    /// address.
    ///
    /// ## Why is this bad?
    /// A restart policy lets ECS restart an essential or non-essential container in place
    /// instead of replacing the whole task. The developer guide lists two cases where that
    /// does not hold:
    ///
    /// - Windows containers on Fargate do not support restart policies: an exiting container is
    ///   not restarted, and an essential one still stops the task.
    /// - In the `bridge` network mode on EC2, the application containers reach the FireLens
    ///   router through the `FLUENT_HOST` environment variable, a dynamic IP address. After the
    ///   router is restarted its address changes, and applications that log straight to
    ///   `FLUENT_HOST` can no longer reach it (the `awsfirelens` log driver itself is set up by
    ///   the agent).
    ///
    /// rules.md's row only asks to explain that restart policies apply to essential and
    /// non-essential containers; as that would fire on every restart policy with nothing to
    /// change, the rule speaks only of these two documented limitations.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "log_router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", "memory": 128,
    ///      "firelensConfiguration": {"type": "fluentbit"}, "restartPolicy": {"enabled": true}},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "/ecs/web", "log_stream_prefix": "app/"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "networkMode": "awsvpc",
    ///   "containerDefinitions": [
    ///     {"name": "log_router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", "memory": 128,
    ///      "firelensConfiguration": {"type": "fluentbit"}, "restartPolicy": {"enabled": true}},
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "/ecs/web", "log_stream_prefix": "app/"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html (considerations: not for Windows containers on Fargate; FLUENT_HOST after a FireLens router restart in bridge mode)
    /// - BOTO:ContainerRestartPolicy (botocore 1.44.5 ECS model: restart a container without replacing the task)
    pub struct RestartPolicyLimitation {
        code: "TD-DEP-019",
        name: "restart-policy-limitation",
        severity: Info,
        scope: Task,
        summary: "A container restart policy where ECS does not support it or a restart changes the FireLens address",
    }
}

impl Rule for RestartPolicyLimitation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let windows_fargate = cx.facts.fargate && cx.facts.windows && !cx.facts.platform_unknown;
        let bridge = network_mode(cx) == Some(NetworkMode::Bridge);
        for (i, container) in cx.containers() {
            let Some(enabled) = container.at_path(["restartPolicy", "enabled"]) else {
                continue;
            };
            if cx.bool_of(enabled) != Some(true) {
                continue;
            }
            let me = container_label(container, i);
            if windows_fargate {
                out.push(
                    Finding::at(enabled, format!("the restart policy of container {me} has no effect: Windows containers on Fargate do not support restart policies, so an exit is handled as without one"))
                        .help("remove restartPolicy, and let the service replace the task instead"),
                );
            } else if bridge && is_firelens_router(container) {
                out.push(
                    Finding::at(enabled, format!("container {me} is the FireLens log router of a bridge-mode task: when it is restarted its IP address changes, and applications that send logs to the FLUENT_HOST address can no longer reach it"))
                        .help("log through the awsfirelens log driver rather than to FLUENT_HOST directly, use the awsvpc network mode, or leave the router's restart policy off"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RestartPolicyLimitation as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, container: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "r", "image": "i", "memory": 64{container}}}]}}"#
        )
    }

    const ROUTER: &str =
        r#", "firelensConfiguration": {"type": "fluentbit"}, "restartPolicy": {"enabled": true}"#;
    const POLICY: &str = r#", "restartPolicy": {"enabled": true, "restartAttemptPeriod": 60}"#;
    const WINDOWS_FARGATE: &str = r#""requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "1024", "memory": "2048", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#;

    #[test]
    fn router_restarts_in_bridge_mode_are_explained() {
        let text = task("", ROUTER);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/restartPolicy/enabled"
        );
        assert_eq!(spanned(&text, &d[0]), "true");
        assert!(d[0].message.contains("FLUENT_HOST"));
        assert_fails(&Rule::META, &task(r#""networkMode": "bridge", "#, ROUTER));
    }

    #[test]
    fn windows_fargate_policies_are_explained() {
        let d = assert_fails(&Rule::META, &task(WINDOWS_FARGATE, POLICY));
        assert_eq!(d[0].message, "the restart policy of container 'r' has no effect: Windows containers on Fargate do not support restart policies, so an exit is handled as without one");
        let cfn = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      RuntimePlatform: {OperatingSystemFamily: WINDOWS_SERVER_2019_CORE}\n      ContainerDefinitions:\n        - Name: r\n          Image: i\n          RestartPolicy: {Enabled: 'true'}\n";
        assert_fails(&Rule::META, cfn);
    }

    #[test]
    fn other_policies_pass() {
        assert_passes(&Rule::META, &task("", POLICY));
        assert_passes(&Rule::META, &task(r#""networkMode": "awsvpc", "#, ROUTER));
        assert_passes(
            &Rule::META,
            &task(WINDOWS_FARGATE, r#", "restartPolicy": {"enabled": false}"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512", "#,
                POLICY,
            ),
        );
    }
}
