use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports task definition `tags` that ECS refuses: more than 50 tags, a key that is empty
    /// or longer than 128 characters, a value longer than 256 characters, a key or value with a
    /// character outside letters, digits, spaces and `_ . : / = + - @`, or two tags with the
    /// same key. The limits and the character set are checked by the JSON Schema layer
    /// (`maxItems`, `minLength`, `maxLength`, `pattern`); duplicate keys by this rule, at the
    /// second key with a label on the first.
    ///
    /// ## Why is this bad?
    /// RegisterTaskDefinition validates tags with the request and rejects the whole
    /// registration when one is invalid. Keys are compared exactly (tag keys are
    /// case-sensitive), so `Team` and `team` are two tags. CloudFormation `Tags` follow the same
    /// rules.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ],
    ///   "tags": [
    ///     {"key": "team", "value": "payments"},
    ///     {"key": "cost-center", "value": "#4711"},
    ///     {"key": "team", "value": "platform"}
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
    ///   ],
    ///   "tags": [
    ///     {"key": "team", "value": "payments"},
    ///     {"key": "cost-center", "value": "4711"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Tags, BOTO:TagKey, BOTO:TagValue (botocore 1.44.5 ECS model: 0-50 tags, key 1-128, value 0-256, pattern `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`)
    /// - BOTO:Tag (doc: "Each tag key must be unique, and each tag key can have only one value")
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition Tag
    pub struct TagsInvalid {
        code: "TD-SHAPE-040",
        name: "tags-invalid",
        severity: Error,
        scope: Task,
        summary: "Task definition tags over the limits, with invalid characters, or with a duplicate key",
    }
}

impl Rule for TagsInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(tags) = cx.task().and_then(|t| t.get("tags")) else {
            return;
        };
        let mut seen: Vec<(&str, &Node)> = Vec::new();
        for tag in tags.items() {
            let Some(node) = tag.get("key") else { continue };
            let Some(key) = node.as_str() else { continue };
            match seen.iter().find(|(k, _)| *k == key) {
                Some((_, first)) => out.push(
                    Finding::at(
                        node,
                        format!("tag key \"{key}\" is used twice; each tag key must be unique"),
                    )
                    .label(first, "first used here")
                    .help(format!("keep one \"{key}\" tag with the value you want")),
                ),
                None => seen.push((key, node)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::with_tags as td;
    use super::TagsInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn duplicate_key_is_reported_at_the_second() {
        let text = td(
            r#"{"key": "team", "value": "a"}, {"key": "Team", "value": "b"}, {"key": "team", "value": "c"}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/tags/2/key");
        assert_eq!(d[0].labels[0].pointer, "/tags/0/key");
        assert_eq!(
            d[0].message,
            "tag key \"team\" is used twice; each tag key must be unique"
        );
    }

    #[test]
    fn schema_limits_and_characters() {
        let text = td(r##"{"key": "cost-center", "value": "#4711"}"##);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/tags/0/value");
        assert_eq!(spanned(&text, &d[0]), "\"#4711\"");
        assert_eq!(
            d[0].message,
            "tag value \"#4711\" in tags[0].value contains characters tags do not allow: '#'"
        );
        let d = assert_fails(&Rule::META, &td(r#"{"key": "", "value": "x"}"#));
        assert_eq!(d[0].pointer, "/tags/0/key");
        assert_fails(
            &Rule::META,
            &td(&format!(r#"{{"key": "{}"}}"#, "k".repeat(129))),
        );
        assert_passes(
            &Rule::META,
            &td(&format!(
                r#"{{"key": "{}", "value": "{}"}}"#,
                "k".repeat(128),
                "v".repeat(256)
            )),
        );
        assert_fails(
            &Rule::META,
            &td(&format!(
                r#"{{"key": "k", "value": "{}"}}"#,
                "v".repeat(257)
            )),
        );
    }

    #[test]
    fn fifty_tags_at_most() {
        let tags = |n: usize| {
            (0..n)
                .map(|i| format!(r#"{{"key": "k{i}", "value": "v"}}"#))
                .collect::<Vec<_>>()
                .join(", ")
        };
        assert_passes(&Rule::META, &td(&tags(50)));
        let d = assert_fails(&Rule::META, &td(&tags(51)));
        assert_eq!(d[0].pointer, "/tags");
        assert_eq!(
            d[0].message,
            "tags has 51 tags; at most 50 are allowed per task definition"
        );
    }

    #[test]
    fn cloudformation_and_describe_tags() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: [{Name: a, Image: b}]\n      Tags:\n        - {Key: env, Value: prod}\n        - {Key: env, Value: dev}\n");
        assert_eq!(d[0].pointer, "/Resources/T/Properties/Tags/1/Key");
        // describe output's sibling tags are the task definition's.
        let d = assert_fails(
            &Rule::META,
            r#"{"taskDefinition": {"family": "a", "containerDefinitions": [{"name": "a", "image": "b"}]}, "tags": [{"key": "a b!", "value": ""}]}"#,
        );
        assert_eq!(d[0].pointer, "/tags/0/key");
    }

    #[test]
    fn valid_tags_pass() {
        assert_passes(
            &Rule::META,
            &td(
                r#"{"key": "team", "value": "payments"}, {"key": "Name", "value": "Über web: 1/2 = @ok+"}, {"key": "empty", "value": ""}"#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: [{Name: a, Image: b}]\n      Tags:\n        - {Key: !Ref K, Value: a}\n        - {Key: !Ref K, Value: b}\n");
    }
}
