use super::{ecs_image_problem, images};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it does
    /// Reports a container `image` that ECS accepts but that is not a valid image reference in
    /// the Docker/OCI grammar, so that the pull fails when a task starts:
    /// - a repository path with upper-case letters (`MyTeam/WebApp`), or with path components
    ///   not made of `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-` (`web..app`, `web-`,
    ///   `a//b`);
    /// - a tag not matching `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (an empty tag after `:`, a tag
    ///   starting with `.` or `-`, more than 128 characters, or a `#`);
    /// - a registry host that is not a host name or address with an optional `:port`.
    ///
    /// Images ECS itself rejects (characters, length, digest) are TD-SHAPE-031 and
    /// TD-SHAPE-032, not reported again here. The registry host may contain upper-case letters
    /// (host names are case-insensitive).
    ///
    /// ## Why is this bad?
    /// RegisterTaskDefinition only checks the characters, so the definition registers, but the
    /// container runtime parses the reference before pulling and fails (`invalid reference
    /// format: repository name must be lowercase`): tasks stop in PROVISIONING/PENDING with
    /// `CannotPullContainerError`. This is a warning because the failure is at run time and
    /// depends on the runtime's parser.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/MyTeam/WebApp:1.4.2", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ECR repository names are lower-case; so is every repository path Docker accepts.
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/myteam/webapp:1.4.2", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - OCI distribution-spec: repository name regex `[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*`, tag `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}` (https://github.com/opencontainers/distribution-spec/blob/main/spec.md)
    /// - docker/distribution `reference/reference.go` grammar (separator `[_.]|__|[-]+`, domain with optional port)
    /// - BOTO:ContainerDefinition.image (botocore 1.44.5 ECS model: what ECS itself checks)
    pub struct ImageReferenceInvalid {
        code: "TD-SHAPE-033",
        name: "image-reference-invalid",
        severity: Warning,
        scope: Containers,
        summary: "Container image that is not a valid Docker/OCI image reference",
    }
}

impl Rule for ImageReferenceInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (_, node, image) in images(cx) {
            if ecs_image_problem(image).is_some() {
                continue;
            }
            if let Some((message, help)) = reference_problem(image) {
                out.push(Finding::at(node, message).help(help));
            }
        }
    }
}

struct Grammar {
    path_component: Regex,
    domain: Regex,
    tag: Regex,
}

fn grammar() -> Option<&'static Grammar> {
    static GRAMMAR: OnceLock<Option<Grammar>> = OnceLock::new();
    GRAMMAR
        .get_or_init(|| {
            Some(Grammar {
                path_component: Regex::new(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$").ok()?,
                domain: Regex::new(
                    r"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$",
                )
                .ok()?,
                tag: Regex::new(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$").ok()?,
            })
        })
        .as_ref()
}

/// What is wrong with an image reference in the Docker/OCI grammar: (message, help).
fn reference_problem(image: &str) -> Option<(String, String)> {
    let g = grammar()?;
    let name_tag = image.split_once('@').map_or(image, |(n, _)| n);
    // A tag follows the last ':' that comes after the last '/'.
    let slash = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_tag.get(slash..).and_then(|last| last.rfind(':')) {
        Some(colon) => {
            let at = slash + colon;
            (name_tag.get(..at)?, name_tag.get(at + 1..))
        }
        None => (name_tag, None),
    };
    let (domain, path) = match name.split_once('/') {
        // Docker reads the first component as a registry host when it has a '.' or ':', is
        // `localhost`, or has upper-case letters.
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.chars().any(|c| c.is_ascii_uppercase()) =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    };
    if let Some(domain) = domain {
        if !g.domain.is_match(domain) {
            return Some((
                format!("image \"{image}\": registry \"{domain}\" is not a host name with an optional :port"),
                "write the registry as host[:port], for example \"registry.example.com:5000\"".to_owned(),
            ));
        }
    }
    for component in path.split('/') {
        if g.path_component.is_match(component) {
            continue;
        }
        let lower = component.to_ascii_lowercase();
        if component != lower && g.path_component.is_match(&lower) {
            // The path ends the name, which starts the image.
            let start = name.len().saturating_sub(path.len());
            let fixed = format!(
                "{}{}{}",
                image.get(..start).unwrap_or(""),
                path.to_ascii_lowercase(),
                image.get(name.len()..).unwrap_or("")
            );
            return Some((
                format!("image \"{image}\": repository name \"{path}\" must be lowercase; the pull fails with \"invalid reference format: repository name must be lowercase\""),
                format!("use the lower-case repository name: \"{fixed}\""),
            ));
        }
        let shown = if component.is_empty() {
            "an empty path component".to_owned()
        } else {
            format!("path component \"{component}\"")
        };
        return Some((
            format!("image \"{image}\": {shown} is not lower-case letters and digits joined by '.', '_', '__' or '-'"),
            "repository path components are [a-z0-9]+ separated by '.', '_', '__' or '-', between '/'".to_owned(),
        ));
    }
    if let Some(tag) = tag {
        if !g.tag.is_match(tag) {
            let why = if tag.is_empty() {
                "is empty".to_owned()
            } else if tag.chars().count() > 128 {
                format!("is {} characters long (at most 128)", tag.chars().count())
            } else if tag.contains('#') {
                "contains '#'".to_owned()
            } else {
                "must start with a letter, digit or '_' and hold only letters, digits, '_', '.' and '-'".to_owned()
            };
            return Some((
                format!("image \"{image}\": tag \"{tag}\" {why}"),
                "use a tag of at most 128 letters, digits, '_', '.' and '-', not starting with '.' or '-' (or omit it for latest)".to_owned(),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::test_support::with_image as td;
    use super::ImageReferenceInvalid as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn upper_case_repository_is_a_warning_with_the_fix() {
        let text = td("123456789012.dkr.ecr.us-east-1.amazonaws.com/MyTeam/WebApp:1.4.2");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/image");
        assert!(spanned(&text, &d[0]).contains("MyTeam/WebApp"));
        assert!(
            d[0].message
                .contains("repository name \"MyTeam/WebApp\" must be lowercase"),
            "{}",
            d[0].message
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("use the lower-case repository name: \"123456789012.dkr.ecr.us-east-1.amazonaws.com/myteam/webapp:1.4.2\"")
        );
        // An upper-case first component is read as a registry host, which then has no path issue
        // only if the rest is lower case.
        assert_fails(&Rule::META, &td("Nginx"));
        assert_fails(&Rule::META, &td("MyOrg/App:1"));
    }

    #[test]
    fn bad_separators_and_tags() {
        for image in [
            "web..app",
            "web-:1",
            "a//b",
            "team/_web",
            "nginx:",
            "nginx:.hidden",
            "nginx:-1",
            "nginx:v1#2",
            "host:port:5000/app",
        ] {
            assert_fails(&Rule::META, &td(image));
        }
        let d = assert_fails(&Rule::META, &td(&format!("nginx:{}", "t".repeat(129))));
        assert!(
            d[0].message
                .ends_with("is 129 characters long (at most 128)"),
            "{}",
            d[0].message
        );
        assert_passes(&Rule::META, &td(&format!("nginx:{}", "t".repeat(128))));
    }

    #[test]
    fn images_ecs_rejects_are_left_to_other_rules() {
        assert_passes(&Rule::META, &td("My App:1"));
        assert_passes(&Rule::META, &td("{{image}}"));
        assert_passes(&Rule::META, &td("nginx@sha256:abc"));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: !Ref Image\n");
    }

    #[test]
    fn valid_references_pass() {
        let hex = "a".repeat(64);
        for image in [
            "nginx".to_owned(),
            "nginx:1.27-alpine".to_owned(),
            "library/nginx:latest".to_owned(),
            "public.ecr.aws/nginx/nginx:1.27".to_owned(),
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web-app__x:V1_2".to_owned(),
            "XXXXXXXXXXXX.dkr.ecr.us-east-1.amazonaws.com/web:latest".to_owned(),
            "localhost:5000/app".to_owned(),
            "registry.example.com:5000/a/b/c:tag".to_owned(),
            "ghcr.io/org/app---x:1".to_owned(),
            format!("nginx:1.27@sha256:{hex}"),
            format!("public.ecr.aws/nginx/nginx@sha256:{hex}"),
        ] {
            assert_passes(&Rule::META, &td(&image));
        }
        // Terraform arrays are checked too.
        assert_fails(&Rule::META, r#"[{"name": "a", "image": "Web"}]"#);
    }
}
