use super::{ecs_image_problem, images, EcsImageProblem, MAX_IMAGE_CHARS};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container `image` in digest form (`repository@digest`) whose digest is not
    /// `sha256:` followed by exactly 64 hexadecimal characters, or whose part before the `@`
    /// is longer than 255 characters.
    ///
    /// ## Why is this bad?
    /// ECS accepts only SHA-256 digests in image references and refuses the task definition
    /// otherwise. A truncated digest (copied from a short display), a `sha512:` digest, an image
    /// ID instead of the manifest digest, or a second `@` all fail the registration.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac0",
    ///       "memory": 512
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac",
    ///       "memory": 512
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.image (botocore 1.44.5 ECS model: "repository-url/image@digest … the digest … sha256 … 64 characters", the 255 limit applies to the part before @)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image
    pub struct ImageDigestInvalid {
        code: "TD-SHAPE-032",
        name: "image-digest-invalid",
        severity: Error,
        scope: Containers,
        summary: "Container image digest that is not sha256 with 64 hexadecimal characters",
    }
}

impl Rule for ImageDigestInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (_, node, image) in images(cx) {
            let finding = match ecs_image_problem(image) {
                Some(EcsImageProblem::Digest(digest)) => {
                    let hex = digest.strip_prefix("sha256:");
                    let message = match hex {
                        None if digest.contains(':') => format!("image digest \"{digest}\" uses another algorithm than sha256; ECS accepts only sha256 digests"),
                        None => format!("image digest \"{digest}\" has no \"sha256:\" algorithm prefix"),
                        Some(hex) if hex.contains('@') => format!("image \"{image}\" has more than one '@'"),
                        Some(hex) if !hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                            format!("image digest \"{digest}\" has characters that are not hexadecimal")
                        }
                        Some(hex) => format!("image digest \"{digest}\" has {} hexadecimal characters; a sha256 digest has exactly 64", hex.len()),
                    };
                    Finding::at(node, message)
                        .help("copy the full manifest digest (for example from `docker buildx imagetools inspect` or the ECR console), or use a tag instead")
                }
                Some(EcsImageProblem::NameTooLong(length)) => Finding::at(
                    node,
                    format!("image is {length} characters long before its digest; ECS accepts at most {MAX_IMAGE_CHARS}"),
                )
                .help("shorten the repository path"),
                _ => continue,
            };
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::with_image as td;
    use super::ImageDigestInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn short_digest_fails() {
        let image = format!("nginx@sha256:{}", "ab".repeat(16));
        let text = td(&image);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/image");
        assert_eq!(spanned(&text, &d[0]), format!("\"{image}\""));
        assert!(
            d[0].message
                .ends_with("has 32 hexadecimal characters; a sha256 digest has exactly 64"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn other_algorithms_and_shapes_fail() {
        let hex = "a".repeat(64);
        let d = assert_fails(
            &Rule::META,
            &td(&format!("nginx@sha512:{}", "a".repeat(128))),
        );
        assert!(
            d[0].message.ends_with("ECS accepts only sha256 digests"),
            "{}",
            d[0].message
        );
        let d = assert_fails(&Rule::META, &td(&format!("nginx@{hex}")));
        assert!(
            d[0].message
                .ends_with("has no \"sha256:\" algorithm prefix"),
            "{}",
            d[0].message
        );
        assert_fails(
            &Rule::META,
            &td(&format!("nginx@sha256:{}", "g".repeat(64))),
        );
        assert_fails(
            &Rule::META,
            &td(&format!("nginx@sha256:{hex}@sha256:{hex}")),
        );
        assert_fails(
            &Rule::META,
            &td(&format!("nginx@sha256:{}", "a".repeat(65))),
        );
        assert_fails(&Rule::META, &td("nginx@"));
    }

    #[test]
    fn name_before_the_digest_is_limited() {
        let hex = "a".repeat(64);
        assert_passes(
            &Rule::META,
            &td(&format!("{}@sha256:{hex}", "n".repeat(255))),
        );
        let d = assert_fails(
            &Rule::META,
            &td(&format!("{}@sha256:{hex}", "n".repeat(256))),
        );
        assert_eq!(
            d[0].message,
            "image is 256 characters long before its digest; ECS accepts at most 255"
        );
    }

    #[test]
    fn terraform_and_valid_forms() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "nginx@sha256:abc"}]"#,
        );
        assert_eq!(d[0].pointer, "/0/image");
        let hex = "0123456789abcdefABCDEF0123456789abcdef0123456789abcdef0123456789";
        assert_passes(
            &Rule::META,
            &td(&format!("public.ecr.aws/nginx/nginx@sha256:{hex}")),
        );
        assert_passes(&Rule::META, &td(&format!("nginx:1.27@sha256:{hex}")));
        // Tag form and bad characters are TD-SHAPE-031.
        assert_passes(&Rule::META, &td("nginx:1.27"));
        assert_passes(&Rule::META, &td("my image@sha256:abc"));
    }
}
