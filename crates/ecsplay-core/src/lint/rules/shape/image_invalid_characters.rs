use super::{ecs_image_problem, images, EcsImageProblem, MAX_IMAGE_CHARS};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container `image` with a character ECS does not accept in an image reference
    /// (anything but letters, digits, `-`, `_`, `:`, `.`, `/` and `#`, plus the `@` of a
    /// digest), or an image in tag form longer than 255 characters. Whitespace is the usual
    /// culprit (`"nginx: 1.27"`, a trailing space or newline), then unsubstituted template
    /// placeholders (`{{image}}`, `${IMAGE_TAG}`, `<IMAGE_URI>`).
    ///
    /// The digest form (`…@sha256:…`) is checked by TD-SHAPE-032; the Docker/OCI grammar
    /// (lowercase repository names, tag syntax) by TD-SHAPE-033.
    ///
    /// ## Why is this bad?
    /// ECS validates the image string when the task definition is registered and refuses it;
    /// no task can be started from it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx: 1.27", "memory": 512}
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
    /// - BOTO:ContainerDefinition.image (botocore 1.44.5 ECS model: "Up to 255 letters (uppercase and lowercase), numbers, hyphens, underscores, colons, periods, forward slashes, and number signs are allowed")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image
    pub struct ImageInvalidCharacters {
        code: "TD-SHAPE-031",
        name: "image-invalid-characters",
        severity: Error,
        scope: Containers,
        summary: "Container image with characters ECS does not accept, or longer than 255 characters",
    }
}

impl Rule for ImageInvalidCharacters {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (_, node, image) in images(cx) {
            let finding = match ecs_image_problem(image) {
                Some(EcsImageProblem::Characters(bad)) => {
                    let listed: Vec<String> = bad.chars().map(describe_char).collect();
                    let cleaned: String = image.chars().filter(|c| !c.is_whitespace()).collect();
                    let help = if bad.chars().all(char::is_whitespace) {
                        format!("remove the whitespace: \"{cleaned}\"")
                    } else if bad.chars().any(|c| "{}$<>".contains(c)) {
                        "substitute the template placeholder with the real image before registering (repository URL and tag, for example \"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2\")".to_owned()
                    } else {
                        "use only letters, digits, - _ : . / and # (registry/repository:tag), or @sha256:<digest>".to_owned()
                    };
                    Finding::at(
                        node,
                        format!(
                            "image \"{}\" contains characters ECS does not accept: {}",
                            image.escape_debug(),
                            listed.join(", ")
                        ),
                    )
                    .help(help)
                }
                Some(EcsImageProblem::TooLong(length)) => Finding::at(
                    node,
                    format!("image is {length} characters long; ECS accepts at most {MAX_IMAGE_CHARS}"),
                )
                .help("shorten the repository path or the tag; a digest (@sha256:…) does not count towards the limit"),
                _ => continue,
            };
            out.push(finding);
        }
    }
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "' ' (space)".to_owned(),
        '\t' => "a tab".to_owned(),
        '\n' | '\r' => "a line break".to_owned(),
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::with_image as td;
    use super::ImageInvalidCharacters as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn whitespace_fails_with_the_cleaned_image() {
        let text = td("nginx: 1.27 ");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/image");
        assert_eq!(spanned(&text, &d[0]), "\"nginx: 1.27 \"");
        assert_eq!(
            d[0].message,
            "image \"nginx: 1.27 \" contains characters ECS does not accept: ' ' (space)"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("remove the whitespace: \"nginx:1.27\"")
        );
        assert_fails(&Rule::META, &td("nginx:1.27\\n"));
    }

    #[test]
    fn placeholders_fail() {
        for image in ["{{image}}", "${REPO}:latest", "<IMAGE_URI>", "app:v1+build"] {
            assert_fails(&Rule::META, &td(image));
        }
        let d = assert_fails(&Rule::META, &td("{{image}}"));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap_or("")
            .starts_with("substitute the template placeholder"));
        // Bad characters before a digest are this rule's too.
        assert_fails(
            &Rule::META,
            &td(&format!("my app@sha256:{}", "a".repeat(64))),
        );
    }

    #[test]
    fn length_boundary_in_tag_form() {
        assert_passes(&Rule::META, &td(&format!("r/{}", "a".repeat(253))));
        let d = assert_fails(&Rule::META, &td(&format!("r/{}", "a".repeat(254))));
        assert_eq!(
            d[0].message,
            "image is 256 characters long; ECS accepts at most 255"
        );
        // The digest does not count (TD-SHAPE-032 checks the part before @).
        assert_passes(
            &Rule::META,
            &td(&format!("r/{}@sha256:{}", "a".repeat(253), "b".repeat(64))),
        );
    }

    #[test]
    fn terraform_and_cloudformation() {
        let d = assert_fails(&Rule::META, r#"[{"name": "a", "image": "nginx latest"}]"#);
        assert_eq!(d[0].pointer, "/0/image");
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: !Sub '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:${Tag}'\n");
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: 'nginx :1'\n");
    }

    #[test]
    fn valid_images_pass() {
        for image in [
            "nginx",
            "nginx:1.27",
            "public.ecr.aws/nginx/nginx:1.27-alpine",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.4.2",
            "localhost:5000/app:v1",
            "Registry.Example.com/App#1",
            "",
        ] {
            assert_passes(&Rule::META, &td(image));
        }
    }
}
