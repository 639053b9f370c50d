use super::images;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Warns about an image with neither a tag nor a digest (`nginx`, Docker then pulls
    /// `nginx:latest`) or with the tag `latest`. An image pinned by digest is fine whatever its
    /// tag. Deploy-time values (`!Sub "${Repo}:latest"`) and template placeholders are not
    /// judged.
    ///
    /// ## Why is this bad?
    /// `latest` is only a name that moves: whatever was pushed last. ECS resolves the tag to a
    /// digest when a deployment starts (unless `versionConsistency` is `disabled`), so the
    /// tasks of one deployment agree, but the next deployment, or a task a scaling event
    /// starts after the deployment settled under a new digest, may run different code. A bad
    /// push then reaches production without a deployment, and a rollback has nothing to roll
    /// back to. A version tag (`1.27.0`, a git SHA) or a digest makes each revision of the
    /// task definition mean one image.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:latest", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27.0", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - AGENT:agent/config/config.go (`DefaultDockerTag = "latest"`)
    /// - BOTO:ContainerDefinition.image (botocore 1.44.5 ECS model: the current image for the tag is pulled at task start)
    /// - BOTO:ContainerDefinition.versionConsistency (botocore 1.44.5 ECS model)
    pub struct ImageTagLatest {
        code: "TD-SEC-012",
        name: "image-tag-latest",
        severity: Warning,
        scope: Containers,
        summary: "image without a tag or with the tag latest",
    }
}

impl Rule for ImageTagLatest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (label, _, node, image, parts) in images(cx) {
            if parts.pinned() {
                continue;
            }
            let message = match parts.tag {
                None => format!("image \"{image}\" of container {label} has no tag, so Docker pulls :latest, whatever was pushed last"),
                Some("latest") => format!("image \"{image}\" of container {label} uses the tag latest, whatever was pushed last"),
                Some(_) => continue,
            };
            out.push(Finding::at(node, message).help(
                "pin a version tag (for example :1.27.0 or a git commit) or a digest (@sha256:…), so that each revision runs one known image",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ImageTagLatest as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn image(image: &str) -> String {
        format!(r#"[{{"name": "app", "image": "{image}"}}]"#)
    }

    #[test]
    fn untagged_and_latest_images_warn() {
        let text = image("nginx");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/image");
        assert_eq!(spanned(&text, &d[0]), r#""nginx""#);
        assert_eq!(
            d[0].message,
            "image \"nginx\" of container 'app' has no tag, so Docker pulls :latest, whatever was pushed last"
        );
        for bad in [
            "nginx:latest",
            "localhost:5000/app",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest",
        ] {
            assert_fails(&Rule::META, &image(bad));
        }
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: amazon/aws-xray-daemon\n");
    }

    #[test]
    fn versions_digests_and_unknown_values_pass() {
        for ok in [
            "nginx:1.27",
            "localhost:5000/app:2",
            "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000",
            "nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000",
            "${IMAGE}",
            "",
        ] {
            assert_passes(&Rule::META, &image(ok));
        }
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: !Sub '${Repo}:latest'\n");
    }
}
