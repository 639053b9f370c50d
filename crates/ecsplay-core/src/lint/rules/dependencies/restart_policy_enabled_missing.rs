use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a container `restartPolicy` without the member `enabled`. The JSON Schema layer
    /// detects it (a required member of `ContainerRestartPolicy`) and reports it under this code.
    ///
    /// ## Why is this bad?
    /// `enabled` is the one required member of a restart policy: ECS rejects a policy that only
    /// lists `ignoredExitCodes` or a `restartAttemptPeriod` and does not say whether restarts are
    /// on. Restarting a container in place (instead of replacing the task) only happens with
    /// `"enabled": true`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512,
    ///      "restartPolicy": {"ignoredExitCodes": [0], "restartAttemptPeriod": 120}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512,
    ///      "restartPolicy": {"enabled": true, "ignoredExitCodes": [0], "restartAttemptPeriod": 120}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerRestartPolicy.enabled (botocore 1.44.5 ECS model: required)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html
    pub struct RestartPolicyEnabledMissing {
        code: "TD-DEP-016",
        name: "restart-policy-enabled-missing",
        severity: Error,
        scope: Engine,
        summary: "A container restartPolicy does not set enabled",
    }
}
