use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out `interactive: true` or `pseudoTerminal: true` on a container. The catalogue
    /// limits the hint to service containers; a task definition does not say whether a service
    /// or a one-off task runs it, so every container is checked.
    ///
    /// ## Why is this bad?
    /// These are `docker run -i` and `-t`: they keep standard input open and give the process
    /// a terminal. Nobody is attached to a task's terminal, so for a service they are usually
    /// leftovers from local testing. They change how some programs behave (prompts waiting for
    /// input, coloured or buffered output in the logs, shells that never exit) and keep an
    /// input channel open for nothing. ECS Exec does not need either of them.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "interactive": true, "pseudoTerminal": true}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.interactive, ContainerDefinition.pseudoTerminal (botocore 1.44.5 ECS model: docker run --interactive / --tty)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
    pub struct InteractiveOrTty {
        code: "TD-SEC-021",
        name: "interactive-or-tty",
        severity: Info,
        scope: Containers,
        summary: "container that keeps stdin open or allocates a terminal",
    }
}

impl Rule for InteractiveOrTty {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            for (key, what) in [
                ("interactive", "keeps standard input open"),
                ("pseudoTerminal", "allocates a terminal"),
            ] {
                let Some(node) = c.get(key).filter(|n| cx.bool_of(n) == Some(true)) else {
                    continue;
                };
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "container {} sets {key}: true: it {what}, which nobody uses in a task",
                            container_label(c, i)
                        ),
                    )
                    .help(format!("remove {key} unless the program needs it to run")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InteractiveOrTty as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn each_flag_is_pointed_out() {
        let text =
            r#"[{"name": "app", "image": "b", "interactive": true, "pseudoTerminal": true}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].pointer, "/0/pseudoTerminal");
        assert_eq!(spanned(text, &d[1]), "true");
        assert_eq!(
            d[0].message,
            "container 'app' sets interactive: true: it keeps standard input open, which nobody uses in a task"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          PseudoTerminal: 'True'\n");
    }

    #[test]
    fn false_or_absent_passes() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "b", "interactive": false}]"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "b", "pseudoTerminal": "true"}]"#,
        );
    }
}
