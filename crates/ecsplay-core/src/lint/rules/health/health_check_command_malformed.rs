use super::{health_check_commands, json_list};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports health-check commands that start correctly but will not run what was meant:
    ///
    /// - `["CMD-SHELL"]` or `["CMD"]` with nothing after it;
    /// - `CMD-SHELL` followed by more than one string, such as
    ///   `["CMD-SHELL", "curl", "-f", "http://localhost/"]`;
    /// - `CMD` followed by a whole command line in one string, such as
    ///   `["CMD", "curl -f http://localhost/ || exit 1"]`.
    ///
    /// ## Why is this bad?
    /// With `CMD-SHELL` only the next string is the shell script (`/bin/sh -c "<script>"`); any
    /// further strings become the script's positional parameters, so the example runs a bare
    /// `curl` that exits with an error every time. With `CMD` the next strings are the program
    /// and its arguments, run without a shell, so a string holding spaces is looked up as one
    /// program name (`curl -f http://localhost/`) that does not exist. Either way the check
    /// fails on every attempt and ECS replaces a working container as UNHEALTHY.
    ///
    /// A single element that is a whole command line without `CMD`/`CMD-SHELL`
    /// (`["curl -f http://localhost/"]`) is TD-HC-002, an error, and not repeated here.
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
    ///       "healthCheck": {"command": ["CMD-SHELL", "curl", "-f", "http://localhost/"]}
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
    /// - BOTO:HealthCheck.command (botocore 1.44.5 ECS model: the example shapes of CMD and CMD-SHELL)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
    pub struct HealthCheckCommandMalformed {
        code: "TD-HC-003",
        name: "health-check-command-malformed",
        severity: Warning,
        scope: Containers,
        summary: "health-check command whose shape runs something other than intended",
    }
}

impl Rule for HealthCheckCommandMalformed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (label, command, words, _) in health_check_commands(cx) {
            let items = command.items();
            // What follows CMD / CMD-SHELL, as one shell command line, for the help.
            let line = words.get(1..).map(|w| w.join(" ")).unwrap_or_default();
            let fixed = json_list(&["CMD-SHELL", &line]);
            let finding = match words.as_slice() {
                [kind @ ("CMD" | "CMD-SHELL")] => Some(
                    Finding::at(
                        command,
                        format!("healthCheck.command of container {label} is [\"{kind}\"] with no command after it"),
                    )
                    .help(r#"add the check to run, for example ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]"#),
                ),
                ["CMD-SHELL", _, rest @ ..] if !rest.is_empty() => items.get(2).map(|extra| {
                    Finding::at(
                        extra,
                        format!(
                            "healthCheck.command of container {label} has {} strings after \"CMD-SHELL\"; only the first is run by the shell",
                            rest.len() + 1
                        ),
                    )
                    .help(format!("write the shell command as one string: {fixed}"))
                }),
                ["CMD", program, ..] if program.contains(char::is_whitespace) => {
                    items.get(1).map(|node| {
                        Finding::at(
                            node,
                            format!("healthCheck.command of container {label} runs \"{program}\" without a shell, as one program name"),
                        )
                        .help(format!("run a command line with the shell: {fixed}"))
                    })
                }
                _ => None,
            };
            out.extend(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HealthCheckCommandMalformed as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(command: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "b", "healthCheck": {{"command": {command}}}}}]}}"#
        )
    }

    #[test]
    fn cmd_shell_with_split_arguments_warns_at_the_first_ignored_string() {
        let text = task(r#"["CMD-SHELL", "curl", "-f", "http://localhost/"]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/healthCheck/command/2"
        );
        assert_eq!(spanned(&text, &d[0]), r#""-f""#);
        assert_eq!(
            d[0].message,
            "healthCheck.command of container 'app' has 3 strings after \"CMD-SHELL\"; only the first is run by the shell"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some(
                r#"write the shell command as one string: ["CMD-SHELL", "curl -f http://localhost/"]"#
            )
        );
    }

    #[test]
    fn bare_kinds_and_command_lines_after_cmd_warn() {
        let text = task(r#"["CMD-SHELL"]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), r#"["CMD-SHELL"]"#);
        assert_fails(&Rule::META, &task(r#"["CMD"]"#));
        let text = task(r#"["CMD", "curl -f http://localhost/ || exit 1"]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/healthCheck/command/1"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "healthCheck": {"command": ["CMD-SHELL", "a", "b"]}}]"#,
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          HealthCheck: {Command: [CMD-SHELL, curl, localhost]}\n");
    }

    #[test]
    fn well_formed_commands_pass() {
        assert_passes(
            &Rule::META,
            &task(r#"["CMD-SHELL", "curl -f http://localhost/ || exit 1"]"#),
        );
        assert_passes(
            &Rule::META,
            &task(r#"["CMD", "curl", "-f", "http://localhost/"]"#),
        );
        assert_passes(&Rule::META, &task(r#"["CMD", "/healthcheck"]"#));
        // TD-HC-002 reports these.
        assert_passes(&Rule::META, &task(r#"["curl -f http://localhost/"]"#));
        assert_passes(&Rule::META, &task("[]"));
    }
}
