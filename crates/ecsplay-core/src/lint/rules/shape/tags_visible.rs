use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Points out that a task definition has `tags`, once, at the list.
    ///
    /// ## Why is this bad?
    /// It is not; tags are how costs and ownership are tracked. But tags are not secret: they
    /// show up in Cost Explorer and billing reports, in the Resource Groups Tagging API, in
    /// AWS Config and in `describe-task-definition --include TAGS` for anyone allowed to read
    /// the task definition. Keep passwords, tokens and personal data out of tag keys and values.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ],
    ///   "tags": [
    ///     {"key": "team", "value": "payments"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Nothing to change when the tags hold nothing sensitive; a definition without tags gets no
    /// hint:
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
    /// - DG23: task_definition_parameters.md (Tags: "Do not add personally identifiable information or other confidential or sensitive information in tags")
    /// - DOC: https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html
    pub struct TagsVisible {
        code: "TD-SHAPE-042",
        name: "tags-are-not-secret",
        severity: Info,
        scope: Task,
        summary: "Task definition tags are visible to billing and other services",
    }
}

impl Rule for TagsVisible {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(tags) = cx.task().and_then(|t| t.get("tags")) else {
            return;
        };
        if !tags.items().is_empty() {
            out.push(
                Finding::at(tags, "tags are visible in billing, the tagging API and AWS Config to anyone who can read them")
                    .help("keep secrets and personal data out of tag keys and values"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TagsVisible as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn tags_get_one_hint() {
        let d = assert_fails(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b"}], "tags": [{"key": "a", "value": "b"}, {"key": "c", "value": "d"}]}"#,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/tags");
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Tags: [{Key: a, Value: b}]\n");
        assert_eq!(d[0].pointer, "/Resources/T/Properties/Tags");
    }

    #[test]
    fn no_or_empty_tags_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b"}], "tags": []}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Tags: !Ref Tags\n");
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
