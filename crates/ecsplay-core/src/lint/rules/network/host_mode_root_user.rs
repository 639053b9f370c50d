use super::{field, network_mode};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Warns about a container that runs as root in a task that uses the `host` network mode:
    /// its `user` is absent, `root` or `0`, or names the root user with a group (`root:*`,
    /// `0:*`), and it is not `privileged`.
    ///
    /// The condition is that of the AWS Config rule `ecs-task-definition-user-for-host-mode-check`
    /// (Security Hub control ECS.1), which passes privileged containers; those are reported by
    /// TD-SEC-001 instead. TD-SEC-003 reports root users in every mode; this rule adds why host
    /// mode makes it worse.
    ///
    /// ## Why is this bad?
    /// In host mode a container shares the instance's network stack. Running as root there, a
    /// compromised process can bind the instance's privileged ports (below 1024) and, with the
    /// `NET_RAW` capability Docker grants root by default, craft and capture raw packets on the
    /// host's own interfaces. The ECS API documentation recommends a non-root user for host-mode
    /// tasks, and Security Hub flags the task definition (ECS.1).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "edge-proxy",
    ///   "networkMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "proxy", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// The `user` of the task definition overrides the image's `USER`; when it is absent the
    /// image decides, and most images run as root.
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "edge-proxy",
    ///   "networkMode": "host",
    ///   "containerDefinitions": [
    ///     {"name": "proxy", "image": "nginxinc/nginx-unprivileged:1.27", "memory": 256, "user": "101:101", "portMappings": [{"containerPort": 8080}]}
    ///   ]
    /// }
    /// ```
    ///
    /// (`nginx-unprivileged` is built to run as its `nginx` user, 101, on port 8080.)
    ///
    /// ## References
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-user-for-host-mode-check.html (Security Hub ECS.1)
    /// - BOTO:RegisterTaskDefinitionRequest.networkMode (botocore 1.44.5 ECS model: with host mode, run containers as a non-root user)
    pub struct HostModeRootUser {
        code: "TD-NET-014",
        name: "host-mode-root-user",
        severity: Warning,
        scope: Task,
        summary: "A non-privileged container runs as root in a task that uses the host network mode",
    }
}

/// Whether a `user` value names the root user, with or without a group.
fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user);
    name == "root" || name == "0"
}

impl Rule for HostModeRootUser {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.windows || network_mode(cx) != Some(NetworkMode::Host) {
            return;
        }
        let key = field(cx, "user");
        for (i, container) in cx.containers() {
            let privileged = container.get("privileged").and_then(|p| cx.bool_of(p));
            if privileged == Some(true) {
                continue;
            }
            let name = container_label(container, i);
            let finding = match container.get("user").filter(|u| !u.is_null()) {
                None => Finding::at(
                    container,
                    format!("container {name} sets no {key} in host network mode: it runs as root unless its image names another USER"),
                ),
                Some(user) => match user.as_str() {
                    Some(u) if is_root(u.trim()) => Finding::at(
                        user,
                        format!("container {name} runs as root ({key} \"{u}\") in host network mode"),
                    ),
                    _ => continue,
                },
            };
            out.push(finding.help(format!(
                "set \"{key}\" to a non-root user, for example \"1000:1000\", or use the awsvpc network mode"
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HostModeRootUser as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str, extra: &str) -> String {
        format!(
            r#"{{"family": "a", "networkMode": "{mode}", "containerDefinitions": [{{"name": "x", "image": "b", "memory": 64{extra}}}]}}"#
        )
    }

    #[test]
    fn root_in_host_mode_warns() {
        let d = assert_fails(&Rule::META, &task("host", ""));
        assert_eq!(d[0].pointer, "/containerDefinitions/0");
        assert_eq!(
            d[0].message,
            "container 'x' sets no user in host network mode: it runs as root unless its image names another USER"
        );
        for user in ["root", "0", "0:0", "root:wheel"] {
            let text = task("host", &format!(r#", "user": "{user}""#));
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, "/containerDefinitions/0/user");
            assert_eq!(spanned(&text, &d[0]), format!("\"{user}\""));
        }
        assert_fails(&Rule::META, &task("host", r#", "privileged": false"#));
    }

    #[test]
    fn non_root_privileged_and_other_modes_pass() {
        assert_passes(&Rule::META, &task("host", r#", "user": "1000:1000""#));
        assert_passes(&Rule::META, &task("host", r#", "user": "nginx""#));
        // A root group with a non-root user is not root.
        assert_passes(&Rule::META, &task("host", r#", "user": "1000:0""#));
        assert_passes(&Rule::META, &task("host", r#", "privileged": true"#));
        assert_passes(&Rule::META, &task("bridge", ""));
        assert_passes(&Rule::META, &task("awsvpc", r#", "user": "root""#));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: host\n      ContainerDefinitions:\n        - Name: x\n          Image: b\n          User: !Ref User\n");
    }
}
