use super::{port, protocol, reserved_port, ReservedWhen};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::rules::network::{field, network_mode};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Reports a static TCP host port that the ECS container agent reserves on every container
    /// instance: a `hostPort` in `bridge` mode or the Windows default (NAT) mode, or a mapped
    /// port in `host` mode, for EC2 or ECS Anywhere (`EXTERNAL`).
    ///
    /// The lists, with their sources, are the `LINUX_RESERVED_PORTS` and
    /// `WINDOWS_RESERVED_PORTS` tables of the instance catalogue (`catalog::ports`), which the
    /// placement simulator uses too:
    ///
    /// - Linux: 22 (SSH), 2375 and 2376 (Docker), 51678 and 51679 (ECS agent); 51680 (agent
    ///   Prometheus metrics) only when the agent exposes metrics, so it is a warning.
    /// - Windows: 53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679; and 80 when IAM
    ///   roles for tasks are enabled: an error when this task sets `taskRoleArn` (it needs
    ///   them), a warning otherwise. The catalogue's list lacks 135 (RPC) and 445 (SMB), which
    ///   the agent's own default list holds.
    ///
    /// UDP mappings are not checked: the agent reserves no UDP port by default. ECS Anywhere
    /// instances run the same agent with the same defaults, so `EXTERNAL` is checked like EC2.
    ///
    /// ## Why is this bad?
    /// The agent registers these ports as already in use, so the scheduler finds no instance
    /// with the port free and the task can never be placed: the service reports that no
    /// container instance met all of its requirements because the closest one "is already
    /// using a port required by your task". Even where an instance's reserved list was changed,
    /// the port belongs to SSH, Docker or the agent.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "git-server",
    ///   "networkMode": "bridge",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "gitea", "image": "docker.io/gitea/gitea:1.22", "memory": 512, "portMappings": [{"containerPort": 3000, "hostPort": 3000}, {"containerPort": 22, "hostPort": 22}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "git-server",
    ///   "networkMode": "bridge",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "gitea", "image": "docker.io/gitea/gitea:1.22", "memory": 512, "portMappings": [{"containerPort": 3000, "hostPort": 3000}, {"containerPort": 22, "hostPort": 2222}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.hostPort (botocore 1.44.5 ECS model: "The default reserved ports are 22 for SSH, the Docker ports 2375 and 2376, and the Amazon ECS container agent ports 51678-51680")
    /// - AGENT:agent/config/config_unix.go, agent/config/config.go (Linux defaults; 51680 with ECS_ENABLE_PROMETHEUS_METRICS)
    /// - AGENT:agent/config/config_windows.go (Windows defaults; 80 with IAM roles for tasks)
    pub struct ReservedHostPort {
        code: "TD-PORT-008",
        name: "reserved-host-port",
        severity: Error,
        scope: Task,
        summary: "A static host port the ECS agent reserves on every container instance",
    }
}

impl Rule for ReservedHostPort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if !(facts.ec2 || facts.external) || facts.platform_unknown {
            return;
        }
        let Some(mode) = network_mode(cx) else { return };
        let host_mode = match mode {
            NetworkMode::Host => true,
            NetworkMode::Bridge | NetworkMode::WindowsNat => false,
            _ => return,
        };
        let windows = facts.windows;
        let os = if windows { "Windows" } else { "Linux" };
        let task_role = cx
            .task()
            .and_then(|t| t.get("taskRoleArn"))
            .is_some_and(|r| r.is_set());
        for (i, container, mapping) in cx.port_mappings() {
            if protocol(mapping) != Some("tcp") {
                continue;
            }
            let host = port(cx, mapping, "hostPort").filter(|(_, v)| *v != 0);
            let bound = if host_mode {
                host.or_else(|| port(cx, mapping, "containerPort"))
            } else {
                host
            };
            let Some((node, value)) = bound else { continue };
            let Some(reserved) = reserved_port(windows, value) else {
                continue;
            };
            let key = node
                .pointer
                .rsplit('/')
                .next()
                .unwrap_or("hostPort")
                .to_owned();
            let (condition, severity) = match reserved.when {
                ReservedWhen::Always => (", so the task cannot be placed".to_owned(), Severity::Error),
                ReservedWhen::PrometheusMetrics => (
                    " when the ECS agent exposes Prometheus metrics (ECS_ENABLE_PROMETHEUS_METRICS); the task cannot be placed on such instances".to_owned(),
                    Severity::Warning,
                ),
                ReservedWhen::TaskIamRoles if task_role => (
                    " with IAM roles for tasks, which this task's taskRoleArn needs, so the task cannot be placed".to_owned(),
                    Severity::Error,
                ),
                ReservedWhen::TaskIamRoles => (
                    " when IAM roles for tasks are enabled; the task cannot be placed on such instances".to_owned(),
                    Severity::Warning,
                ),
            };
            let help = if host_mode {
                "make the application listen on another port and map that one, or use the bridge or awsvpc network mode".to_owned()
            } else {
                format!(
                    "use another host port, or set {} to 0 for a dynamic port",
                    field(cx, "hostPort")
                )
            };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "{key} {value} of container {} is reserved on {os} container instances for {}{condition}",
                        container_label(container, i),
                        reserved.purpose
                    ),
                )
                .severity(severity)
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReservedHostPort as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, mapping: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "git", "image": "i", "memory": 64, "portMappings": [{mapping}]}}]}}"#
        )
    }

    const WINDOWS: &str =
        r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#;

    #[test]
    fn reserved_linux_ports_fail() {
        let text = task(
            r#""networkMode": "bridge", "#,
            r#"{"containerPort": 22, "hostPort": 22}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/hostPort"
        );
        assert_eq!(spanned(&text, &d[0]), "22");
        assert_eq!(
            d[0].message,
            "hostPort 22 of container 'git' is reserved on Linux container instances for SSH, so the task cannot be placed"
        );
        for p in ["2375", "2376", "51678", "51679"] {
            assert_fails(
                &Rule::META,
                &task("", &format!(r#"{{"containerPort": 80, "hostPort": {p}}}"#)),
            );
        }
        // 51680 is reserved only with Prometheus metrics: a warning.
        let d = assert_fails(
            &Rule::META,
            &task("", r#"{"containerPort": 80, "hostPort": 51680}"#),
        );
        assert_eq!(d[0].severity, Severity::Warning);
        // Host mode binds the container port itself.
        let d = assert_fails(
            &Rule::META,
            &task(r#""networkMode": "host", "#, r#"{"containerPort": 2375}"#),
        );
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/containerPort"
        );
        // ECS Anywhere runs the same agent.
        assert_fails(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["EXTERNAL"], "networkMode": "bridge", "#,
                r#"{"containerPort": 80, "hostPort": 22}"#,
            ),
        );
    }

    #[test]
    fn reserved_windows_ports_fail() {
        let d = assert_fails(
            &Rule::META,
            &task(WINDOWS, r#"{"containerPort": 80, "hostPort": 3389}"#),
        );
        assert!(d[0]
            .message
            .contains("reserved on Windows container instances for Remote Desktop"));
        assert_fails(
            &Rule::META,
            &task(WINDOWS, r#"{"containerPort": 80, "hostPort": 445}"#),
        );
        // Port 80: an error when the task needs IAM roles for tasks, a warning otherwise.
        let d = assert_fails(
            &Rule::META,
            &task(WINDOWS, r#"{"containerPort": 80, "hostPort": 80}"#),
        );
        assert_eq!(d[0].severity, Severity::Warning);
        let with_role =
            format!(r#"{WINDOWS}"taskRoleArn": "arn:aws:iam::123456789012:role/app", "#);
        let d = assert_fails(
            &Rule::META,
            &task(&with_role, r#"{"containerPort": 80, "hostPort": 80}"#),
        );
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn other_ports_protocols_modes_and_platforms_pass() {
        assert_passes(
            &Rule::META,
            &task("", r#"{"containerPort": 22, "hostPort": 2222}"#),
        );
        assert_passes(&Rule::META, &task("", r#"{"containerPort": 22}"#));
        assert_passes(
            &Rule::META,
            &task("", r#"{"containerPort": 22, "hostPort": 0}"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                "",
                r#"{"containerPort": 22, "hostPort": 22, "protocol": "udp"}"#,
            ),
        );
        // Windows ports are free on Linux, Linux's 22 on Windows.
        assert_passes(
            &Rule::META,
            &task("", r#"{"containerPort": 80, "hostPort": 3389}"#),
        );
        assert_passes(
            &Rule::META,
            &task(WINDOWS, r#"{"containerPort": 80, "hostPort": 22}"#),
        );
        // awsvpc ports live on the task's own interface; Fargate has no agent ports.
        assert_passes(
            &Rule::META,
            &task(r#""networkMode": "awsvpc", "#, r#"{"containerPort": 22}"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "#,
                r#"{"containerPort": 22}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "portMappings": [{"containerPort": 22, "hostPort": 22}]}]"#,
        );
    }
}
