use super::{is_root_user, linux_known};
use crate::declare_rule;
use crate::lint::rules::network::{field, network_mode};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Warns about a Linux container that runs as root: `user` is absent (the image's `USER`
    /// applies, and that is root unless the image names another) or is `root`, `0`,
    /// `root:<group>` or `0:<gid>`. A missing `user` points at the container, a root one at the
    /// value.
    ///
    /// Skipped where another rule already speaks: Windows containers (they cannot set `user`,
    /// TD-WIN-001), non-privileged containers of a `host` network mode task (TD-NET-014 warns
    /// about exactly that combination), a platform or `user` only known at deploy time, and
    /// Terraform container arrays (no platform to read).
    ///
    /// This fires on most real definitions, because most images run as root by default.
    ///
    /// ## Why is this bad?
    /// Root in a container is root on the host's kernel, held back only by namespaces,
    /// capabilities and seccomp. A process that breaks out of the container through a kernel or
    /// runtime bug, or a mount that exposes host files, acts with full rights on the container
    /// instance. Running as an unprivileged user makes every such bug much less useful. The
    /// trade-off: the image must support it: its files must be readable (and its data
    /// directories writable) by that user, and it cannot bind ports below 1024 without
    /// `NET_BIND_SERVICE`. Many official images ship a ready user (`nginx`, `node`, UID 1000).
    /// AWS Config's `ecs-task-definition-nonroot-user` flags the same.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:20-slim", "memory": 512, "user": "root"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:20-slim", "memory": 512, "user": "1000:1000"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-nonroot-user.html
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-linux-user-non-root.html
    /// - BOTO:ContainerDefinition.user (botocore 1.44.5 ECS model)
    pub struct ContainerRunsAsRoot {
        code: "TD-SEC-003",
        name: "container-runs-as-root",
        severity: Warning,
        scope: Task,
        summary: "Linux container that runs as root",
    }
}

impl Rule for ContainerRunsAsRoot {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !linux_known(cx) {
            return;
        }
        let host_mode = network_mode(cx) == Some(NetworkMode::Host);
        let key = field(cx, "user");
        for (i, c) in cx.containers() {
            let privileged = c.get("privileged").and_then(|p| cx.bool_of(p)) == Some(true);
            if host_mode && !privileged {
                continue;
            }
            let label = container_label(c, i);
            let finding = match c.get("user") {
                Some(user) if user.is_unknown() => continue,
                Some(user) if user.is_set() => match user.as_str() {
                    Some(u) if is_root_user(u) => Finding::at(
                        user,
                        format!("container {label} runs as root ({key} \"{}\")", u.trim()),
                    ),
                    _ => continue,
                },
                _ => Finding::at(
                    c,
                    format!("container {label} sets no {key}, so it runs as the image's USER: root unless the image names another"),
                ),
            };
            out.push(finding.help(format!(
                "set \"{key}\" to an unprivileged user the image supports, for example \"1000:1000\" or a named user such as \"nginx\""
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::ContainerRunsAsRoot as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn root_and_unset_users_warn() {
        let d = assert_fails(&Rule::META, &task("", r#""memory": 64"#));
        assert_eq!(d[0].pointer, "/containerDefinitions/0");
        assert!(d[0].message.starts_with("container 'app' sets no user"));
        for root in ["root", "0", "0:0", "root:root"] {
            let text = task("", &format!(r#""user": "{root}""#));
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, "/containerDefinitions/0/user");
            assert_eq!(spanned(&text, &d[0]), format!("\"{root}\""));
        }
        assert_eq!(
            assert_fails(&Rule::META, &task("", r#""user": "0""#))[0].message,
            "container 'app' runs as root (user \"0\")"
        );
        // A privileged container in host mode is not TD-NET-014's.
        assert_fails(
            &Rule::META,
            &task(r#""networkMode": "host", "#, r#""privileged": true"#),
        );
        assert_fails(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "#,
                r#""user": """#,
            ),
        );
    }

    #[test]
    fn other_users_and_other_rules_pass() {
        for user in ["1000", "nginx", "1000:0", "app:app"] {
            assert_passes(&Rule::META, &task("", &format!(r#""user": "{user}""#)));
        }
        // TD-NET-014 warns about root in host mode.
        assert_passes(
            &Rule::META,
            &task(r#""networkMode": "host", "#, r#""memory": 64"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_FULL"}, "#,
                r#""memory": 64"#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          User: !Ref User\n");
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
