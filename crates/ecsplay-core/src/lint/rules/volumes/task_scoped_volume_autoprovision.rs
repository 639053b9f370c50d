use super::{volume_name, volumes};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Docker volume with `"scope": "task"` that writes `autoprovision`, `true` or
    /// `false`.
    ///
    /// ## Why is this bad?
    /// `autoprovision` (create the Docker volume if it does not exist yet) only means something
    /// for `shared` volumes, which outlive the task; a task-scoped volume is always created when
    /// the task starts and removed when it stops. For a task-scoped volume ECS accepts only the
    /// member left out:
    ///
    /// - with `"autoprovision": true` the definition registers, but the ECS agent refuses the
    ///   task when it starts: `task scoped volume could not be autoprovisioned`;
    /// - with `"autoprovision": false` (which some tools write by default) RegisterTaskDefinition
    ///   rejects it: `When 'scope' parameter is 'task', 'autoprovision' must either not be
    ///   specified or set to 'True'.`
    ///
    /// The catalogue row names only the first case; the second is the same fix and is reported
    /// here too (the AWS documentation, which says `false` is allowed, is contradicted by the
    /// observed API error). When `scope` is not written the rule says nothing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "builder",
    ///   "volumes": [
    ///     {"name": "scratch",
    ///      "dockerVolumeConfiguration": {"scope": "task", "driver": "local", "autoprovision": true}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "build", "image": "example/builder:7", "memory": 1024,
    ///      "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "builder",
    ///   "volumes": [
    ///     {"name": "scratch", "dockerVolumeConfiguration": {"scope": "task", "driver": "local"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "build", "image": "example/builder:7", "memory": 1024,
    ///      "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:DockerVolumeConfiguration.autoprovision (botocore 1.44.5 ECS model: only used with scope shared)
    /// - DG23:task_definition_parameters.md (autoprovision with task scope)
    /// - AGENT:agent/taskresource/volume/dockervolume.go (NewVolumeResource: task scoped volume could not be autoprovisioned)
    /// - ERR: https://github.com/hashicorp/terraform-provider-aws/pull/5907
    /// - ERR: https://github.com/aws/aws-cdk/issues/26697
    pub struct TaskScopedVolumeAutoprovision {
        code: "TD-VOL-011",
        name: "task-scoped-volume-autoprovision",
        severity: Error,
        scope: Task,
        summary: "A task-scoped Docker volume sets autoprovision",
    }
}

impl Rule for TaskScopedVolumeAutoprovision {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, v) in volumes(cx).enumerate() {
            let Some(config) = v.get("dockerVolumeConfiguration") else {
                continue;
            };
            let Some(scope) = config.get("scope").filter(|s| s.as_str() == Some("task")) else {
                continue;
            };
            let Some(node) = config.get("autoprovision") else {
                continue;
            };
            let Some(value) = cx.bool_of(node) else {
                continue;
            };
            let name = volume_name(v).map_or_else(|| format!("#{i}"), |(_, n)| format!("'{n}'"));
            let consequence = if value {
                "the ECS agent refuses to start the task: task scoped volume could not be autoprovisioned"
            } else {
                "ECS rejects it: when 'scope' is 'task', 'autoprovision' must not be specified"
            };
            out.push(
                Finding::at(
                    node,
                    format!("task-scoped volume {name} sets autoprovision to {value}; {consequence}"),
                )
                .label(scope, "the volume is task-scoped here")
                .help("remove \"autoprovision\" (a task-scoped volume is always created with the task), or use \"scope\": \"shared\" for a volume that outlives it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TaskScopedVolumeAutoprovision as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn task_scope_with_autoprovision_fails() {
        let text = r#"{"family": "f", "volumes": [{"name": "v", "dockerVolumeConfiguration": {"scope": "task", "autoprovision": true}}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(spanned(text, &d[0]), "true");
        assert_eq!(
            d[0].labels[0].pointer,
            "/volumes/0/dockerVolumeConfiguration/scope"
        );
        assert!(d[0]
            .message
            .starts_with("task-scoped volume 'v' sets autoprovision to true;"));
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "f", "volumes": [{"name": "v", "dockerVolumeConfiguration": {"scope": "task", "autoprovision": false}}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#,
        );
        assert!(d[0].message.contains("ECS rejects it"));
    }

    #[test]
    fn cloudformation_fails() {
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: v\n          DockerVolumeConfiguration:\n            Scope: task\n            Autoprovision: 'true'\n      ContainerDefinitions:\n        - Name: a\n");
    }

    #[test]
    fn shared_scope_omitted_member_and_unwritten_scope_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "volumes": [
                {"name": "a", "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true}},
                {"name": "b", "dockerVolumeConfiguration": {"scope": "task"}},
                {"name": "c", "dockerVolumeConfiguration": {"autoprovision": true}}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#,
        );
    }
}
