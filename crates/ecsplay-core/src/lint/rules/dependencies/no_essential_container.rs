use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a task definition in which every container sets `essential` to `false`.
    ///
    /// ## Why is this bad?
    /// A task lives as long as its essential containers: when an essential container stops, ECS
    /// stops the whole task. A task with no essential container has nothing that defines its
    /// life, so ECS requires at least one. `essential` defaults to `true`, so this only happens
    /// when every container writes `"essential": false`. cfn-lint reports it as
    /// `At least one essential container is required` (E3042).
    ///
    /// In CloudFormation the strings `"false"` and `"False"` count as `false`, as they do for
    /// CloudFormation itself and for cfn-lint. A container whose `essential` is only known at
    /// deploy time (`!Ref`) could be essential, so the rule then says nothing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "batch-job",
    ///   "containerDefinitions": [
    ///     {"name": "migrate", "image": "example/migrate:1.4", "memory": 256, "essential": false},
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512, "essential": false}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "batch-job",
    ///   "containerDefinitions": [
    ///     {"name": "migrate", "image": "example/migrate:1.4", "memory": 256, "essential": false},
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512, "essential": true}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.essential (botocore 1.44.5 ECS model: at least one container must be essential)
    /// - CFN-RULE:E3042 (cfn-lint 1.58.0 TaskDefinitionEssentialContainer.py, containerdefinitions_essential.json)
    pub struct NoEssentialContainer {
        code: "TD-DEP-001",
        name: "no-essential-container",
        severity: Error,
        scope: Containers,
        summary: "No container of the task is essential",
    }
}

impl Rule for NoEssentialContainer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut flags = Vec::new();
        for (i, c) in cx.containers() {
            // Essential, or not known: the task may well have an essential container.
            if cx.is_essential(c) != Some(false) {
                return;
            }
            if let Some(flag) = c.get("essential") {
                flags.push((i, c, flag));
            }
        }
        // An empty container list is TD-SHAPE-004.
        let Some(((first_i, first_c, first), rest)) = flags.split_first() else {
            return;
        };
        let mut f = Finding::at(
            first,
            if rest.is_empty() {
                format!(
                    "At least one essential container is required: container {} is the only one and sets essential to false",
                    container_label(first_c, *first_i)
                )
            } else {
                "At least one essential container is required: every container sets essential to false"
                    .to_owned()
            },
        )
        .help(if rest.is_empty() {
            format!(
                "set \"essential\": true on {}, or remove \"essential\": false (it defaults to true)",
                container_label(first_c, *first_i)
            )
        } else {
            "set \"essential\": true on the container the task is about, or remove its \"essential\": false (it defaults to true)".to_owned()
        });
        for (i, c, flag) in rest {
            f = f.label(
                flag,
                format!(
                    "container {} is not essential either",
                    container_label(c, *i)
                ),
            );
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::NoEssentialContainer as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn all_containers_non_essential_fails() {
        let text = r#"{"family": "a", "containerDefinitions": [
            {"name": "a", "image": "b", "memory": 64, "essential": false},
            {"name": "c", "image": "d", "memory": 64, "essential": false}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/essential");
        assert_eq!(spanned(text, &d[0]), "false");
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(d[0].labels[0].pointer, "/containerDefinitions/1/essential");
        assert!(d[0]
            .message
            .starts_with("At least one essential container is required"));
    }

    #[test]
    fn single_container_names_it() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "job", "image": "b", "essential": false}]"#,
        );
        assert!(d[0].message.contains("container 'job' is the only one"));
        assert!(d[0].help.as_deref().unwrap().contains("'job'"));
    }

    #[test]
    fn cloudformation_false_strings_count_as_false() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Essential: \"False\"\n        - Name: c\n          Image: d\n          Essential: 'false'\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/Essential"
        );
    }

    #[test]
    fn an_essential_or_defaulted_or_unknown_container_passes() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "essential": false}, {"name": "c", "image": "d"}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "essential": false}, {"name": "c", "image": "d", "essential": true}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "essential": null}]}"#,
        );
        // Deploy-time value: could be true.
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Essential: !Ref Essential\n        - Name: c\n          Essential: false\n");
        // An empty list is TD-SHAPE-004's.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": []}"#,
        );
        // In the API form a string is a type error (TD-SHAPE-010), not a boolean.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "essential": "false"}]}"#,
        );
    }
}
