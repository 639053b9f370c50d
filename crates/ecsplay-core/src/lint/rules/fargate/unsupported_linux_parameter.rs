use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// `linuxParameters` members Fargate refuses, with what to do instead.
const MEMBERS: [(&str, &str); 3] = [
    (
        "devices",
        "remove linuxParameters.devices; Fargate gives containers no host devices (run the task on EC2 to use one)",
    ),
    (
        "sharedMemorySize",
        "remove linuxParameters.sharedMemorySize; a task that needs a larger /dev/shm must run on EC2",
    ),
    (
        "tmpfs",
        "remove linuxParameters.tmpfs; mount a task volume (ephemeral bind mount) at that path instead",
    ),
];

declare_rule! {
    /// ## What it does
    /// Reports a container of a Fargate task definition that sets `linuxParameters.devices`,
    /// `linuxParameters.sharedMemorySize` or `linuxParameters.tmpfs`.
    ///
    /// ## Why is this bad?
    /// Each of them changes the Docker host (its devices, its shared-memory mount, its memory
    /// file systems), which a Fargate task cannot reach. The Fargate task definition page lists
    /// all three as not supported (the API documentation says so of `devices` and
    /// `sharedMemorySize` too), and ECS refuses the definition. Other `linuxParameters` members
    /// (`initProcessEnabled`, `capabilities.drop`, and `capabilities.add` with `SYS_PTRACE`) are
    /// fine on Fargate. On Windows, `linuxParameters` as a whole is reported by TD-WIN-001
    /// instead.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "browser",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [
    ///     {"name": "chrome", "image": "selenium/standalone-chrome:4.21", "linuxParameters": {"sharedMemorySize": 2048}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "browser",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [
    ///     {"name": "chrome", "image": "selenium/standalone-chrome:4.21", "linuxParameters": {"initProcessEnabled": true}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LinuxParameters.devices, LinuxParameters.sharedMemorySize (botocore 1.44.5 ECS model: not supported on Fargate)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html (devices, sharedMemorySize and tmpfs are not supported)
    /// - DG23:AWS_Fargate.md (linuxParameters limitations)
    pub struct FargateUnsupportedLinuxParameter {
        code: "TD-FG-012",
        name: "fargate-unsupported-linux-parameter",
        severity: Error,
        scope: Task,
        summary: "linuxParameters member that Fargate does not support",
    }
}

impl Rule for FargateUnsupportedLinuxParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Windows: linuxParameters itself is TD-WIN-001's finding.
        if !cx.facts.fargate || cx.facts.windows {
            return;
        }
        for (i, container, linux) in cx.container_members("linuxParameters") {
            for (key, help) in MEMBERS {
                let Some(m) = linux.member(key) else { continue };
                // An empty list (describe output writes `"devices": []`) sets nothing.
                if m.value.is_unknown()
                    || m.value.is_null()
                    || (m.value.is_array() && !m.value.is_set())
                {
                    continue;
                }
                out.push(
                    Finding::at_key(
                        m,
                        format!(
                            "container {} sets linuxParameters.{key}, which Fargate does not support",
                            container_label(container, i)
                        ),
                    )
                    .help(help),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn, fargate_windows};
    use super::FargateUnsupportedLinuxParameter as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn each_member_fails_at_its_key() {
        for (member, key) in [
            (r#""devices": [{"hostPath": "/dev/fuse"}]"#, "devices"),
            (r#""sharedMemorySize": 256"#, "sharedMemorySize"),
            (
                r#""tmpfs": [{"containerPath": "/tmp", "size": 64}]"#,
                "tmpfs",
            ),
        ] {
            let text = fargate("", &format!(r#""linuxParameters": {{{member}}}"#));
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(spanned(&text, &d[0]), format!("\"{key}\""));
            assert_eq!(
                d[0].pointer,
                format!("/containerDefinitions/0/linuxParameters/{key}")
            );
            assert_eq!(
                d[0].message,
                format!(
                    "container 'app' sets linuxParameters.{key}, which Fargate does not support"
                )
            );
        }
        let text = fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          LinuxParameters:\n            SharedMemorySize: 0\n");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "SharedMemorySize");
    }

    #[test]
    fn other_members_empty_lists_windows_and_ec2_pass() {
        assert_passes(
            &Rule::META,
            &fargate(
                "",
                r#""linuxParameters": {"initProcessEnabled": true, "capabilities": {"drop": ["ALL"]}, "devices": [], "tmpfs": [], "sharedMemorySize": null}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &fargate_windows("", r#""linuxParameters": {"sharedMemorySize": 256}"#),
        );
        assert_passes(
            &Rule::META,
            &ec2("", r#""linuxParameters": {"sharedMemorySize": 256}"#),
        );
    }
}
