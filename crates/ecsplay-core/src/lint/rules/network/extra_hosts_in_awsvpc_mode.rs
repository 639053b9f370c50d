use super::report_unsupported_in_awsvpc;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports containers that set `extraHosts` in a task that uses the `awsvpc` network mode.
    ///
    /// On Fargate and on Windows `extraHosts` is not supported in any mode; TD-FG-008 and
    /// TD-WIN-001 report it there, so this rule does not repeat it.
    ///
    /// ## Why is this bad?
    /// `extraHosts` adds lines to a container's `/etc/hosts`. In awsvpc mode the containers
    /// share the task's network namespace, whose name resolution ECS sets up from the VPC, and
    /// the API documents the parameter as not supported there: ECS rejects the definition.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "legacy-client",
    ///   "networkMode": "awsvpc",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "client", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128, "extraHosts": [{"hostname": "db.legacy", "ipAddress": "10.0.12.7"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "legacy-client",
    ///   "networkMode": "awsvpc",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "client", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128, "environment": [{"name": "DB_HOST", "value": "10.0.12.7"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// Or give the address a name in DNS, for example in a Route 53 private hosted zone.
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.extraHosts (botocore 1.44.5 ECS model: not supported with awsvpc)
    pub struct ExtraHostsInAwsvpcMode {
        code: "TD-NET-012",
        name: "extra-hosts-in-awsvpc-mode",
        severity: Error,
        scope: Task,
        summary: "Container extraHosts in a task that uses the awsvpc network mode",
    }
}

impl Rule for ExtraHostsInAwsvpcMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.windows {
            return;
        }
        report_unsupported_in_awsvpc(
            cx,
            "extraHosts",
            " and resolve these names through DNS (for example a Route 53 private hosted zone)",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ExtraHostsInAwsvpcMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(head: &str, hosts: &str) -> String {
        format!(
            r#"{{"family": "a", {head}"containerDefinitions": [{{"name": "client", "image": "b", "memory": 64, "extraHosts": {hosts}}}]}}"#
        )
    }

    const HOSTS: &str = r#"[{"hostname": "db", "ipAddress": "10.0.0.7"}]"#;

    #[test]
    fn extra_hosts_in_awsvpc_fail() {
        let d = assert_fails(&Rule::META, &task(r#""networkMode": "awsvpc", "#, HOSTS));
        assert_eq!(d[0].pointer, "/containerDefinitions/0/extraHosts");
        assert_eq!(
            d[0].message,
            "extraHosts is not supported on container 'client' when networkMode=awsvpc"
        );
        assert_fails(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["MANAGED_INSTANCES"], "#,
                HOSTS,
            ),
        );
    }

    #[test]
    fn other_modes_and_covered_platforms_pass() {
        assert_passes(&Rule::META, &task(r#""networkMode": "bridge", "#, HOSTS));
        assert_passes(&Rule::META, &task(r#""networkMode": "host", "#, HOSTS));
        assert_passes(&Rule::META, &task(r#""networkMode": "awsvpc", "#, "[]"));
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "#,
                HOSTS,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "networkMode": "awsvpc", "#,
                HOSTS,
            ),
        );
    }
}
