use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition tag whose key starts with `aws:` in any letter case
    /// (`aws:`, `AWS:`, `Aws:`), and, as a warning, a tag value that starts with it.
    ///
    /// ## Why is this bad?
    /// The `aws:` prefix is reserved for tags that AWS itself applies (such as
    /// `aws:cloudformation:stack-name`); you cannot create, edit or delete them, and a request
    /// that sets one is rejected. cfn-lint reports such keys (E3024).
    ///
    /// The ECS model's documentation asks not to use the prefix for values either, but the
    /// rejection of such values is not confirmed (cfn-lint only checks keys), so a value is
    /// reported as a warning, not an error.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ],
    ///   "tags": [
    ///     {"key": "aws:owner", "value": "payments"}
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
    ///     {"key": "owner", "value": "payments"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Tag (botocore 1.44.5 ECS model doc: "Do not use aws:, AWS:, or any upper or lowercase combination of such as a prefix for either keys or values as it is reserved for Amazon Web Services use")
    /// - CFN-RULE:E3024 (cfn-lint 1.58.0: tag keys must match `^(?!aws:).+$`)
    /// - DOC: https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html
    pub struct TagReservedPrefix {
        code: "TD-SHAPE-041",
        name: "tag-reserved-aws-prefix",
        severity: Error,
        scope: Task,
        summary: "Task definition tag key or value starting with the reserved aws: prefix",
    }
}

impl Rule for TagReservedPrefix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(tags) = cx.task().and_then(|t| t.get("tags")) else {
            return;
        };
        for tag in tags.items() {
            for member in ["key", "value"] {
                let Some(node) = tag.get(member) else {
                    continue;
                };
                let Some(text) = node.as_str() else { continue };
                let reserved = text
                    .get(..4)
                    .is_some_and(|p| p.eq_ignore_ascii_case("aws:"));
                if !reserved {
                    continue;
                }
                let rest = text.get(4..).unwrap_or("");
                let mut f = Finding::at(
                    node,
                    format!("tag {member} \"{text}\" starts with the prefix \"aws:\", which is reserved for AWS"),
                );
                if member == "key" {
                    f = f.help(if rest.is_empty() {
                        "choose a key without the aws: prefix".to_owned()
                    } else {
                        format!("drop or change the prefix, for example \"{rest}\"")
                    });
                } else {
                    f = f
                        .help(
                            "avoid the aws: prefix in values too; AWS reserves it for its own tags",
                        )
                        .severity(Severity::Warning);
                }
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::with_tags as td;
    use super::TagReservedPrefix as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn reserved_key_in_any_case_is_an_error() {
        let text = td(r#"{"key": "AWS:Owner", "value": "x"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].pointer, "/tags/0/key");
        assert_eq!(spanned(&text, &d[0]), "\"AWS:Owner\"");
        assert_eq!(
            d[0].message,
            "tag key \"AWS:Owner\" starts with the prefix \"aws:\", which is reserved for AWS"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("drop or change the prefix, for example \"Owner\"")
        );
        assert_fails(&Rule::META, &td(r#"{"key": "aws:"}"#));
    }

    #[test]
    fn reserved_value_is_a_warning() {
        let d = assert_fails(
            &Rule::META,
            &td(r#"{"key": "source", "value": "aws:cloudformation"}"#),
        );
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].pointer, "/tags/0/value");
    }

    #[test]
    fn cloudformation_tags() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: [{Name: a, Image: b}]\n      Tags: [{Key: 'aws:team', Value: a}, {Key: !Ref K, Value: b}]\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/Resources/T/Properties/Tags/0/Key");
    }

    #[test]
    fn other_prefixes_pass() {
        assert_passes(
            &Rule::META,
            &td(
                r#"{"key": "awsome", "value": "x"}, {"key": "my:aws:team", "value": "aws"}, {"key": "a", "value": "aws-ecs"}, {"key": "é:x"}"#,
            ),
        );
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
