use super::{health_check_commands, json_list};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

/// Whether some container waits for the container named `name` to be HEALTHY.
fn awaited_healthy(cx: &Context<'_>, name: &str) -> bool {
    cx.container_members("dependsOn").any(|(_, _, list)| {
        list.items().iter().any(|d| {
            d.get("containerName").and_then(Node::as_str) == Some(name)
                && d.get("condition").and_then(Node::as_str) == Some("HEALTHY")
        })
    })
}

declare_rule! {
    /// ## What it does
    /// Reports a health-check `command` whose first element is not `CMD` or `CMD-SHELL`, such
    /// as `["curl -f http://localhost/"]`, `["curl", "-f", "http://localhost/"]` or
    /// `["cmd-shell", "..."]`.
    ///
    /// ## Why is this bad?
    /// The first element says how the rest is run: `CMD` executes the following elements
    /// directly, `CMD-SHELL` runs the next string with the container's default shell. The ECS
    /// API reference says the list must start with one of them (older documentation assumed
    /// `CMD` when it was left out). RegisterTaskDefinition has been seen accepting such a list,
    /// but Docker matches the first word exactly, so anything else, `cmd-shell` in lower case
    /// included, is an unknown check type: no check ever runs and the container never becomes
    /// HEALTHY. Containers that wait for its `HEALTHY` condition never start, and the task's
    /// health never tells a hung container from a working one. The AWS Distro for
    /// OpenTelemetry examples used `["/healthcheck"]`, and users reported the collector staying
    /// unhealthy until they wrote `["CMD", "/healthcheck"]`. `NONE` (Docker's way to disable a
    /// check) has the same effect in a task definition: leave out `healthCheck` instead.
    ///
    /// Severity: ECS accepts such a definition and its tasks run, so the finding is a warning;
    /// it is an error when another container of the task waits for this one to be `HEALTHY`
    /// (`dependsOn` condition `HEALTHY`), because that container then never starts and the task
    /// hangs. (The catalogue rates the row an error; a definition AWS accepts and runs is not
    /// given an error here.)
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
    ///       "healthCheck": {"command": ["curl -f http://localhost/ || exit 1"]}
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
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:HealthCheck.command (botocore 1.44.5 ECS model: the array must start with CMD or CMD-SHELL)
    /// - DG23:task_definition_parameters.md (archived ECS developer guide: the older default of CMD)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
    /// - ERR: https://github.com/aws-observability/aws-otel-collector/issues/2655 (`["/healthcheck"]` stays unhealthy)
    pub struct HealthCheckCommandNotCmd {
        code: "TD-HC-002",
        name: "health-check-command-not-cmd",
        severity: Warning,
        scope: Containers,
        summary: "health-check command does not start with CMD or CMD-SHELL",
    }
}

impl Rule for HealthCheckCommandNotCmd {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (label, command, words, container) in health_check_commands(cx) {
            let (Some(first), Some(node)) = (words.first(), command.items().first()) else {
                continue;
            };
            if matches!(*first, "CMD" | "CMD-SHELL") {
                continue;
            }
            let help =
                if first.eq_ignore_ascii_case("CMD") || first.eq_ignore_ascii_case("CMD-SHELL") {
                    format!("write \"{}\" in capitals", first.to_ascii_uppercase())
                } else if *first == "NONE" {
                    "remove healthCheck to have no health check".to_owned()
                } else if words.len() == 1 && first.contains(char::is_whitespace) {
                    format!(
                        "run it with the shell: {}",
                        json_list(&["CMD-SHELL", first])
                    )
                } else {
                    let mut fixed = vec!["CMD"];
                    fixed.extend(words.iter().copied());
                    format!("run it directly: {}", json_list(&fixed))
                };
            let mut finding = Finding::at(
                node,
                format!("healthCheck.command of container {label} starts with \"{first}\"; it must start with \"CMD\" or \"CMD-SHELL\", or the check never runs"),
            )
            .help(help);
            let awaited = container
                .get("name")
                .and_then(Node::as_str)
                .is_some_and(|name| awaited_healthy(cx, name));
            if awaited {
                finding = finding.severity(Severity::Error);
                finding
                    .message
                    .push_str(", and a container waiting for it to be HEALTHY never starts");
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HealthCheckCommandNotCmd as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(command: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "healthCheck": {{"command": {command}}}}}]}}"#
        )
    }

    #[test]
    fn a_command_line_without_cmd_shell_fails_with_a_fix() {
        let text = task(r#"["curl -f http://localhost/"]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/healthCheck/command/0"
        );
        assert_eq!(spanned(&text, &d[0]), r#""curl -f http://localhost/""#);
        assert_eq!(
            d[0].message,
            "healthCheck.command of container 'app' starts with \"curl -f http://localhost/\"; it must start with \"CMD\" or \"CMD-SHELL\", or the check never runs"
        );
        assert_eq!(d[0].severity, crate::Severity::Warning);
        assert_eq!(
            d[0].help.as_deref(),
            Some(r#"run it with the shell: ["CMD-SHELL", "curl -f http://localhost/"]"#)
        );
        let d = assert_fails(&Rule::META, &task(r#"["curl", "-f", "http://localhost/"]"#));
        assert_eq!(
            d[0].help.as_deref(),
            Some(r#"run it directly: ["CMD", "curl", "-f", "http://localhost/"]"#)
        );
    }

    #[test]
    fn wrong_case_none_and_cloudformation_fail() {
        let d = assert_fails(&Rule::META, &task(r#"["cmd-shell", "true"]"#));
        assert_eq!(
            d[0].help.as_deref(),
            Some(r#"write "CMD-SHELL" in capitals"#)
        );
        assert_fails(&Rule::META, &task(r#"["NONE"]"#));
        // A program without a shell in the image (the ADOT collector's scratch image).
        let d = assert_fails(&Rule::META, &task(r#"["/healthcheck"]"#));
        assert_eq!(
            d[0].help.as_deref(),
            Some(r#"run it directly: ["CMD", "/healthcheck"]"#)
        );
        assert_fails(&Rule::META, &task(r#"[""]"#));
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "healthCheck": {"command": ["CMD_SHELL", "true"]}}]"#,
        );
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          HealthCheck:\n            Command: [curl -f http://localhost/]\n");
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/HealthCheck/Command/0"
        );
    }

    #[test]
    fn a_container_waiting_for_healthy_makes_it_an_error() {
        let text = r#"{"family": "a", "containerDefinitions": [
            {"name": "collector", "image": "b", "healthCheck": {"command": ["/healthcheck"]}},
            {"name": "app", "image": "c", "dependsOn": [{"containerName": "collector", "condition": "HEALTHY"}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].severity, crate::Severity::Error);
        assert!(d[0].message.ends_with("never starts"), "{}", d[0].message);
        let started = text.replace("HEALTHY", "START");
        assert_eq!(
            assert_fails(&Rule::META, &started)[0].severity,
            crate::Severity::Warning
        );
    }

    #[test]
    fn cmd_and_cmd_shell_and_empty_lists_pass() {
        assert_passes(&Rule::META, &task(r#"["CMD", "/bin/check"]"#));
        assert_passes(
            &Rule::META,
            &task(r#"["CMD-SHELL", "curl -f http://localhost/ || exit 1"]"#),
        );
        // An empty list is TD-HC-001's.
        assert_passes(&Rule::META, &task("[]"));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          HealthCheck:\n            Command: [!Ref Kind, check]\n");
    }
}
