use super::report_unsupported_in_awsvpc;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports containers that set `hostname` in a task that uses the `awsvpc` network mode
    /// (Fargate tasks included).
    ///
    /// ## Why is this bad?
    /// In awsvpc mode the task's containers share the network namespace of the task's network
    /// interface, and that interface's hostname comes from the VPC. A container cannot have a
    /// hostname of its own, and RegisterTaskDefinition rejects the definition with `hostname is
    /// not supported on container when networkMode=awsvpc.`
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "hostname": "api.internal", "portMappings": [{"containerPort": 3000}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "portMappings": [{"containerPort": 3000}]}
    ///   ]
    /// }
    /// ```
    ///
    /// To give the service a stable name, use Service Connect or Cloud Map service discovery.
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.hostname (botocore 1.44.5 ECS model: not supported with awsvpc)
    /// - ERR: https://github.com/labd/ecs-deplojo/issues/26
    pub struct HostnameInAwsvpcMode {
        code: "TD-NET-011",
        name: "hostname-in-awsvpc-mode",
        severity: Error,
        scope: Task,
        summary: "Container hostname in a task that uses the awsvpc network mode",
    }
}

impl Rule for HostnameInAwsvpcMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        report_unsupported_in_awsvpc(
            cx,
            "hostname",
            ": in awsvpc mode the task's network interface gets its name from the VPC; use Service Connect or service discovery for a stable name",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::HostnameInAwsvpcMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, hostname: &str) -> String {
        format!(
            r#"{{"family": "a", {head}"containerDefinitions": [{{"name": "api", "image": "b", "memory": 64, "hostname": {hostname}}}]}}"#
        )
    }

    #[test]
    fn hostname_in_awsvpc_fails() {
        let text = task(r#""networkMode": "awsvpc", "#, r#""api.internal""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/hostname");
        assert_eq!(spanned(&text, &d[0]), r#""api.internal""#);
        assert_eq!(
            d[0].message,
            "hostname is not supported on container 'api' when networkMode=awsvpc"
        );
        assert_fails(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "#,
                r#""x""#,
            ),
        );
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      ContainerDefinitions:\n        - Name: api\n          Image: b\n          Hostname: api\n");
        assert!(d[0].message.starts_with("Hostname is not supported"));
    }

    #[test]
    fn other_modes_empty_and_deploy_time_values_pass() {
        assert_passes(
            &Rule::META,
            &task(r#""networkMode": "bridge", "#, r#""api""#),
        );
        assert_passes(&Rule::META, &task("", r#""api""#));
        assert_passes(&Rule::META, &task(r#""networkMode": "awsvpc", "#, r#""""#));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      ContainerDefinitions:\n        - Name: api\n          Image: b\n          Hostname: !Ref Name\n");
        assert_passes(
            &Rule::META,
            r#"[{"name": "api", "image": "b", "hostname": "api"}]"#,
        );
    }
}
