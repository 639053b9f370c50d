use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

/// Characters that only a shell gives a meaning to.
const SHELL_SYNTAX: [&str; 9] = ["&&", "||", "|", ";", ">", "<", "$", "\"", "'"];

/// The list to write instead of the one-string program `program`.
fn proposal(program: &str) -> String {
    if SHELL_SYNTAX.iter().any(|s| program.contains(s)) {
        format!(
            "run it through a shell: [\"sh\", \"-c\", \"{}\"]",
            program.escape_debug()
        )
    } else {
        let words: Vec<String> = program
            .split_whitespace()
            .map(|w| format!("\"{}\"", w.escape_debug()))
            .collect();
        format!(
            "split it into one argument per item: [{}]",
            words.join(", ")
        )
    }
}

declare_rule! {
    /// ## What it does
    /// Warns about a program written as one string with spaces: the first item of
    /// `entryPoint`, or, when the container sets no `entryPoint`, the first item of `command`
    /// — for example `"command": ["npm start"]` or `"entryPoint": ["/bin/sh -c"]`.
    ///
    /// Later items are arguments and may hold spaces (`["sh", "-c", "npm ci && npm start"]` is
    /// right). A `command` after an `entryPoint` is an argument list too (`"entryPoint": ["sh",
    /// "-c"], "command": ["npm start"]`), so it is not judged. Windows tasks are skipped: there
    /// the process receives one command line and the splitting rules differ. A `command` or
    /// `entryPoint` written as a string instead of a list is TD-MISC-014.
    ///
    /// ## Why is this bad?
    /// ECS passes the list to Docker as is, in exec form: each item is one argument, and the
    /// first one is the program. No shell splits `"npm start"` at the space, so Docker looks for
    /// an executable literally named `npm start` and the container fails to start
    /// (`exec: "npm start": executable file not found in $PATH`). This is a warning because an
    /// image whose own `ENTRYPOINT` is a shell (`sh -c`) would receive the string as a script.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/docker/library/node:20-alpine", "memory": 512, "command": ["npm start"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/docker/library/node:20-alpine", "memory": 512, "command": ["npm", "start"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.command (botocore 1.44.5 ECS model: "If there are multiple arguments, each argument is a separated string in the array.")
    /// - BOTO:ContainerDefinition.entryPoint (botocore 1.44.5 ECS model: maps to Entrypoint of docker container create)
    /// - DOC: https://docs.docker.com/reference/dockerfile/#exec-form (exec form: no shell processing)
    pub struct CommandNotSplit {
        code: "TD-MISC-013",
        name: "command-not-split",
        severity: Warning,
        scope: Containers,
        summary: "Program in command or entryPoint written as one string with spaces",
    }
}

impl Rule for CommandNotSplit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.windows || cx.facts.platform_unknown {
            return;
        }
        for (i, container) in cx.containers() {
            let entry_point = container
                .get("entryPoint")
                .filter(|e| e.is_array() && !e.items().is_empty());
            let (key, list) = match entry_point {
                Some(e) => ("entryPoint", e),
                None => match container.get("command").filter(|c| c.is_array()) {
                    Some(c) => ("command", c),
                    None => continue,
                },
            };
            let Some(first) = list.items().first() else {
                continue;
            };
            let Some(program) = first.as_str().filter(|p| p.contains(char::is_whitespace)) else {
                continue;
            };
            if program.trim().is_empty() {
                continue;
            }
            out.push(program_finding(cx, first, key, program, container, i));
        }
    }
}

fn program_finding(
    cx: &Context<'_>,
    node: &Node,
    key: &str,
    program: &str,
    container: &Node,
    index: usize,
) -> Finding {
    Finding::at(
        node,
        format!(
            "{}[0] \"{program}\" of container {} is one item with spaces: Docker runs a program named \"{program}\"",
            field(cx, key),
            container_label(container, index)
        ),
    )
    .help(proposal(program))
}

#[cfg(test)]
mod tests {
    use super::CommandNotSplit as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(container: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "node", "memory": 64, {container}}}]}}"#
        )
    }

    #[test]
    fn one_string_programs_warn() {
        let text = td(r#""command": ["npm start"]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/command/0");
        assert_eq!(spanned(&text, &d[0]), "\"npm start\"");
        assert_eq!(
            d[0].message,
            "command[0] \"npm start\" of container 'app' is one item with spaces: Docker runs a program named \"npm start\""
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("split it into one argument per item: [\"npm\", \"start\"]")
        );
        let d = assert_fails(
            &Rule::META,
            &td(r#""entryPoint": ["/bin/sh -c"], "command": ["echo hi"]"#),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/entryPoint/0");
        let d = assert_fails(&Rule::META, &td(r#""command": ["npm ci && npm start"]"#));
        assert_eq!(
            d[0].help.as_deref(),
            Some("run it through a shell: [\"sh\", \"-c\", \"npm ci && npm start\"]")
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "command": ["python app.py", "--debug"]}]"#,
        );
    }

    #[test]
    fn split_lists_arguments_and_windows_pass() {
        assert_passes(&Rule::META, &td(r#""command": ["npm", "start"]"#));
        assert_passes(
            &Rule::META,
            &td(r#""command": ["sh", "-c", "npm ci && npm start"]"#),
        );
        assert_passes(
            &Rule::META,
            &td(r#""entryPoint": ["sh", "-c"], "command": ["npm start"]"#),
        );
        assert_passes(&Rule::META, &td(r#""command": "npm start""#));
        assert_passes(&Rule::META, &td(r#""command": []"#));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "containerDefinitions": [{"name": "a", "image": "b", "command": ["powershell -Command Start-Sleep 60"]}]}"#,
        );
    }
}
