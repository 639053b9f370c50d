use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out a `dockerLabels` entry whose key is empty (or only spaces).
    ///
    /// A label value that is not a string is a type error, reported by the schema layer
    /// (TD-SHAPE-010); this rule looks at the keys, which the schema cannot constrain.
    ///
    /// ## Why is this bad?
    /// A Docker label is a name with a value; a label without a name cannot be found by
    /// anything that reads labels (log routers, monitoring agents, `docker ps --filter`), and
    /// CloudFormation's schema only allows keys of at least one character. It is almost always a
    /// template variable that expanded to nothing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "dockerLabels": {"": "payments", "com.example.env": "prod"}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "dockerLabels": {"com.example.team": "payments", "com.example.env": "prod"}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-SCHEMA (AWS::ECS::TaskDefinition ContainerDefinition.DockerLabels: patternProperties ".{1,}")
    /// - BOTO:ContainerDefinition.dockerLabels (botocore 1.44.5 ECS model: map of string to string)
    pub struct DockerLabelKeyEmpty {
        code: "TD-MISC-017",
        name: "docker-label-key-empty",
        severity: Info,
        scope: Containers,
        summary: "dockerLabels entry with an empty key",
    }
}

impl Rule for DockerLabelKeyEmpty {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let labels = field(cx, "dockerLabels");
        for (i, c, map) in cx.container_members("dockerLabels") {
            for m in map.members().iter().filter(|m| m.key.trim().is_empty()) {
                out.push(
                    Finding::at_key(
                        m,
                        format!(
                            "{labels} of container {} has a label with an empty key",
                            container_label(c, i)
                        ),
                    )
                    .help("give the label a name, for example \"com.example.team\", or remove it"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DockerLabelKeyEmpty as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn empty_keys_are_pointed_out() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "app", "image": "b", "dockerLabels": {"a": "1", "": "2", " ": "3"}}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(spanned(text, &d[0]), "\"\"");
        assert_eq!(
            d[0].message,
            "dockerLabels of container 'app' has a label with an empty key"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "dockerLabels": {"": "x"}}]"#,
        );
    }

    #[test]
    fn named_labels_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "app", "image": "b", "dockerLabels": {"a": "", "b.c": "1"}}]}"#,
        );
    }
}
