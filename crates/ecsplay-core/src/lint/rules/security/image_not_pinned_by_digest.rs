use super::images;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Points out an image given by a version tag but not pinned by digest (`nginx:1.27`
    /// rather than `nginx:1.27@sha256:…`). Images without a tag or tagged `latest` are
    /// TD-SEC-012's, a warning, and not repeated here. Deploy-time values and template
    /// placeholders are not judged.
    ///
    /// This is an info on purpose: most definitions use tags, and with the default
    /// `versionConsistency` ECS already pins each deployment to the digest the tag had when
    /// the deployment started.
    ///
    /// ## Why is this bad?
    /// A tag can be moved: someone pushes a new image under `1.27`, and the next deployment of
    /// the same task definition revision runs it, without any change on your side. A digest
    /// names exact content, so a revision means exactly one image, everywhere and forever. The
    /// trade-off: digests are not readable and must be updated by your pipeline on every
    /// build; immutable tags in ECR (tag immutability) give much of the same safety with
    /// readable tags.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27@sha256:6c4c2e0e2a1d8f9c3b5a7e8d9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.versionConsistency (botocore 1.44.5 ECS model: tags resolved to digests per deployment)
    /// - BOTO:ContainerDefinition.image (botocore 1.44.5 ECS model: digest form)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html
    pub struct ImageNotPinnedByDigest {
        code: "TD-SEC-013",
        name: "image-not-pinned-by-digest",
        severity: Info,
        scope: Containers,
        summary: "image given by a tag rather than pinned by digest",
    }
}

impl Rule for ImageNotPinnedByDigest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (label, _, node, image, parts) in images(cx) {
            let Some(tag) = parts.tag.filter(|t| *t != "latest") else {
                continue;
            };
            if parts.digest.is_some() {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!("image \"{image}\" of container {label} is referenced by the tag {tag}, which can be moved to other content; ECS only pins each deployment to the digest the tag had when it started"),
                )
                .help("to run exactly one image per revision, add its digest (…:tag@sha256:…), or make the repository's tags immutable"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ImageNotPinnedByDigest as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn image(image: &str) -> String {
        format!(r#"[{{"name": "app", "image": "{image}"}}]"#)
    }

    #[test]
    fn tagged_images_are_pointed_out() {
        let text = image("public.ecr.aws/nginx/nginx:1.27");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            spanned(&text, &d[0]),
            r#""public.ecr.aws/nginx/nginx:1.27""#
        );
        assert_eq!(
            d[0].message,
            "image \"public.ecr.aws/nginx/nginx:1.27\" of container 'app' is referenced by the tag 1.27, which can be moved to other content; ECS only pins each deployment to the digest the tag had when it started"
        );
        assert_fails(&Rule::META, &image("localhost:5000/app:v2"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: 'nginx:1.27'\n");
    }

    #[test]
    fn digests_latest_and_unknown_pass() {
        for ok in [
            "nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000",
            "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000",
            // TD-SEC-012's.
            "nginx",
            "nginx:latest",
            "{{ image }}",
        ] {
            assert_passes(&Rule::META, &image(ok));
        }
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: !Sub '${Repo}:${Tag}'\n");
    }
}
