use super::report_host_port_mismatches;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::NetworkMode;

declare_rule! {
    /// ## What it does
    /// Reports a port mapping whose `hostPort` is written and differs from its `containerPort`
    /// in a task that uses the `awsvpc` network mode (always the case on Fargate; the default
    /// for Managed Instances).
    ///
    /// `hostPort: 0` is reported too: in awsvpc mode there is no dynamic host port, and the
    /// API documentation allows only a blank `hostPort` or the `containerPort` value (cfn-lint
    /// `E3053` agrees).
    ///
    /// ## Why is this bad?
    /// In awsvpc mode each task has its own network interface and a container's port is exposed
    /// on it as it is; there is no host port to translate to. RegisterTaskDefinition rejects the
    /// definition with `When networkMode=awsvpc, the host ports and container ports in port
    /// mappings must match.` A common cause is a definition written for `bridge` mode, where
    /// `"hostPort": 80, "containerPort": 8080` is valid, moved to Fargate.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "tomcat",
    ///   "networkMode": "awsvpc",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "tomcat", "image": "public.ecr.aws/docker/library/tomcat:10.1", "memory": 1024, "portMappings": [{"containerPort": 8080, "hostPort": 80, "protocol": "tcp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "tomcat",
    ///   "networkMode": "awsvpc",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "tomcat", "image": "public.ecr.aws/docker/library/tomcat:10.1", "memory": 1024, "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// To serve on port 80, let a load balancer listen on 80 and forward to 8080, or make the
    /// application listen on 80.
    ///
    /// ## References
    /// - BOTO:PortMapping.hostPort (botocore 1.44.5 ECS model: with awsvpc, hostPort blank or equal to containerPort)
    /// - CFN-RULE:E3053 (cfn-lint 1.58.0 TaskDefinitionAwsVpc.py)
    /// - ERR: https://github.com/pulumi/pulumi-awsx/issues/935
    pub struct AwsvpcHostPortMismatch {
        code: "TD-NET-007",
        name: "awsvpc-host-port-mismatch",
        severity: Error,
        scope: Task,
        summary: "In awsvpc network mode a hostPort differs from its containerPort",
    }
}

impl Rule for AwsvpcHostPortMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        report_host_port_mismatches(cx, &NetworkMode::Awsvpc, "", out);
    }
}

#[cfg(test)]
mod tests {
    use super::AwsvpcHostPortMismatch as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(mode: &str, mapping: &str) -> String {
        format!(
            r#"{{"family": "a", {mode}"containerDefinitions": [{{"name": "web", "image": "b", "memory": 64, "portMappings": [{mapping}]}}]}}"#
        )
    }

    #[test]
    fn different_ports_fail_at_the_host_port() {
        let text = task(
            r#""networkMode": "awsvpc", "#,
            r#"{"containerPort": 80, "hostPort": 8080}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/portMappings/0/hostPort"
        );
        assert_eq!(spanned(&text, &d[0]), "8080");
        assert_eq!(
            d[0].message,
            "hostPort 8080 must equal containerPort 80 in awsvpc network mode"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("remove hostPort or set it to 80")
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/portMappings/0/containerPort"
        );
        // No dynamic port in awsvpc mode.
        assert_fails(
            &Rule::META,
            &task(
                r#""networkMode": "awsvpc", "#,
                r#"{"containerPort": 80, "hostPort": 0}"#,
            ),
        );
    }

    #[test]
    fn managed_instances_default_to_awsvpc() {
        assert_fails(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["MANAGED_INSTANCES"], "#,
                r#"{"containerPort": 80, "hostPort": 8080}"#,
            ),
        );
    }

    #[test]
    fn cloudformation_reads_coerced_strings() {
        // cfn-lint E3053: `HostPort: "80"` against `ContainerPort: 8080` is a mismatch.
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      ContainerDefinitions:\n        - Name: web\n          Image: b\n          PortMappings: [{ContainerPort: 8080, HostPort: \"80\"}]\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].message,
            "HostPort 80 must equal ContainerPort 8080 in awsvpc network mode"
        );
        assert_eq!(spanned(text, &d[0]), "\"80\"");
        // The same number as a string is a match, and deploy-time ports are not judged.
        assert_passes(&Rule::META, &text.replace("\"80\"", "\"8080\""));
        assert_passes(&Rule::META, &text.replace("8080", "!Ref Port"));
    }

    #[test]
    fn matching_blank_and_other_modes_pass() {
        let awsvpc = r#""networkMode": "awsvpc", "#;
        assert_passes(
            &Rule::META,
            &task(awsvpc, r#"{"containerPort": 80, "hostPort": 80}"#),
        );
        assert_passes(&Rule::META, &task(awsvpc, r#"{"containerPort": 80}"#));
        assert_passes(
            &Rule::META,
            &task(
                r#""networkMode": "bridge", "#,
                r#"{"containerPort": 80, "hostPort": 8080}"#,
            ),
        );
        // bridge by default on Linux EC2.
        assert_passes(
            &Rule::META,
            &task("", r#"{"containerPort": 80, "hostPort": 8080}"#),
        );
        // Fargate without networkMode: TD-NET-003 reports the omission; no mode is guessed.
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "#,
                r#"{"containerPort": 80, "hostPort": 8080}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]"#,
        );
    }
}
