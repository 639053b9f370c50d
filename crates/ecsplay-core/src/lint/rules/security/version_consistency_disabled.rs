use super::parse_image;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out `versionConsistency: "disabled"` on a container whose image is not pinned by
    /// digest. With a digest the setting changes nothing, so it is not reported then.
    ///
    /// ## Why is this bad?
    /// By default ECS resolves the image tag to a digest when a deployment starts and every
    /// task of that deployment runs that digest. Disabled, each task resolves the tag when it
    /// starts: if the tag moves during a deployment or later (scaling, a replaced task), tasks
    /// of one service run different code, and a rollback to the same revision does not bring
    /// the old image back. Disabling it makes sense when tasks must always pull the newest
    /// image, or when the registry cannot answer digest lookups.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "versionConsistency": "disabled"}
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
    /// - BOTO:ContainerDefinition.versionConsistency (botocore 1.44.5 ECS model: default enabled)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html
    pub struct VersionConsistencyDisabled {
        code: "TD-SEC-014",
        name: "version-consistency-disabled",
        severity: Info,
        scope: Containers,
        summary: "versionConsistency disabled: tasks of one deployment may run different images",
    }
}

impl Rule for VersionConsistencyDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, node) in cx.container_members("versionConsistency") {
            if node.as_str() != Some("disabled") {
                continue;
            }
            let pinned = c
                .get("image")
                .and_then(|n| n.as_str())
                .and_then(parse_image)
                .is_some_and(|r| r.pinned());
            if pinned {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!(
                        "versionConsistency is disabled for container {}: each task resolves the image tag when it starts, so tasks of one deployment may run different images",
                        container_label(c, i)
                    ),
                )
                .help("remove versionConsistency (default enabled) unless every task must pull the newest image for its tag"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::VersionConsistencyDisabled as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn disabled_on_a_tag_is_pointed_out() {
        let text = r#"[{"name": "app", "image": "nginx:1.27", "versionConsistency": "disabled"}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/0/versionConsistency");
        assert_eq!(spanned(text, &d[0]), r#""disabled""#);
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: !Ref Image\n          VersionConsistency: disabled\n");
    }

    #[test]
    fn enabled_absent_or_pinned_passes() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "nginx:1.27", "versionConsistency": "enabled"}]"#,
        );
        assert_passes(&Rule::META, r#"[{"name": "app", "image": "nginx:1.27"}]"#);
        assert_passes(
            &Rule::META,
            r#"[{"name": "app", "image": "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000", "versionConsistency": "disabled"}]"#,
        );
    }
}
