use super::linux_off_fargate;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out a Linux container on EC2 or ECS Anywhere whose `dockerSecurityOptions` do not
    /// include `no-new-privileges` (the member is absent, or lists other options only). A
    /// missing member points at the container, a list at the list. Not on Fargate (which
    /// refuses `dockerSecurityOptions`, TD-FG-008), Managed Instances only, Windows, or a
    /// platform known only at deploy time.
    ///
    /// ## Why is this bad?
    /// Without it a process in the container can gain privileges it did not start with,
    /// through a setuid or setgid binary (`su`, `sudo`, `ping` in older images) or file
    /// capabilities. With it, `execve` never grants more than the parent had, which closes the
    /// usual way from an exploited unprivileged process to root inside the container. Few
    /// applications rely on setuid binaries at run time; check yours before you add it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "dockerSecurityOptions": ["no-new-privileges"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.dockerSecurityOptions (botocore 1.44.5 ECS model)
    /// - DOC: https://docs.docker.com/reference/cli/docker/container/run/#security-opt
    pub struct NoNewPrivilegesMissing {
        code: "TD-SEC-010",
        name: "no-new-privileges-missing",
        severity: Info,
        scope: Task,
        summary: "EC2 Linux container without the no-new-privileges security option",
    }
}

impl Rule for NoNewPrivilegesMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !linux_off_fargate(cx) || !(cx.facts.ec2 || cx.facts.external) {
            return;
        }
        for (i, c) in cx.containers() {
            let at = match c.get("dockerSecurityOptions") {
                Some(o) if o.is_unknown() || o.items().iter().any(|n| n.is_unknown()) => continue,
                Some(o)
                    if o.items()
                        .iter()
                        .any(|n| n.as_str() == Some("no-new-privileges")) =>
                {
                    continue
                }
                Some(o) if o.is_array() && !o.items().is_empty() => o,
                _ => c,
            };
            out.push(
                Finding::at(
                    at,
                    format!(
                        "container {} does not set the no-new-privileges security option: setuid binaries can still raise its privileges",
                        container_label(c, i)
                    ),
                )
                .help("add \"no-new-privileges\" to \"dockerSecurityOptions\" unless the app relies on setuid binaries"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::NoNewPrivilegesMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn ec2_containers_without_it_are_pointed_out() {
        let d = assert_fails(&Rule::META, &task("", r#""memory": 64"#));
        assert_eq!(d[0].pointer, "/containerDefinitions/0");
        let text = task(
            r#""requiresCompatibilities": ["EXTERNAL"], "#,
            r#""dockerSecurityOptions": ["apparmor:docker-default"]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), r#"["apparmor:docker-default"]"#);
        assert_eq!(
            d[0].message,
            "container 'app' does not set the no-new-privileges security option: setuid binaries can still raise its privileges"
        );
    }

    #[test]
    fn set_or_not_applicable_passes() {
        assert_passes(
            &Rule::META,
            &task("", r#""dockerSecurityOptions": ["no-new-privileges"]"#),
        );
        for task_members in [
            r#""requiresCompatibilities": ["FARGATE"], "#,
            r#""requiresCompatibilities": ["MANAGED_INSTANCES"], "#,
            r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#,
        ] {
            assert_passes(&Rule::META, &task(task_members, r#""memory": 64"#));
        }
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
