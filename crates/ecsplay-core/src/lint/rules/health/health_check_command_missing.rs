use super::health_check_commands;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container `healthCheck` without a `command`, or with an empty `command` list.
    ///
    /// ## Why is this bad?
    /// `command` is the only required member of a health check: it is what ECS runs to decide
    /// whether the container is healthy, and the timing fields only apply to it.
    /// RegisterTaskDefinition refuses a health check without one, and an empty list gives
    /// Docker nothing to run.
    ///
    /// A missing `command` is found by the JSON Schema layer (`healthCheck` requires it) and
    /// reported under this code; an empty list, which the schema allows, is found here.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "healthCheck": {"command": [], "interval": 30, "retries": 3}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 30, "retries": 3}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:HealthCheck.command (botocore 1.44.5 ECS model: required)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
    pub struct HealthCheckCommandMissing {
        code: "TD-HC-001",
        name: "health-check-command-missing",
        severity: Error,
        scope: Containers,
        summary: "healthCheck without a command, or with an empty command",
    }
}

impl Rule for HealthCheckCommandMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (label, command, words, _) in health_check_commands(cx) {
            if words.is_empty() {
                out.push(
                    Finding::at(command, format!("healthCheck.command of container {label} is empty"))
                        .help(r#"write the check to run, for example ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], or remove healthCheck"#),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HealthCheckCommandMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(health_check: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "healthCheck": {health_check}}}]}}"#
        )
    }

    #[test]
    fn an_empty_command_fails() {
        let text = task(r#"{"command": [], "interval": 30}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/healthCheck/command");
        assert_eq!(spanned(&text, &d[0]), "[]");
        assert_eq!(
            d[0].message,
            "healthCheck.command of container 'app' is empty"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "healthCheck": {"command": []}}]"#,
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          HealthCheck: {Command: []}\n");
    }

    #[test]
    fn a_missing_command_is_reported_by_the_schema_under_this_code() {
        let text = task(r#"{"interval": 30}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/healthCheck");
        assert!(d[0]
            .message
            .contains(r#"missing the required member "command""#));
    }

    #[test]
    fn a_command_or_no_health_check_passes() {
        assert_passes(&Rule::META, &task(r#"{"command": ["CMD", "true"]}"#));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          HealthCheck: {Command: !Ref Check}\n");
    }
}
