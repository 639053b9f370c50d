use super::{health_check_commands, json_list};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a health check that needs a tool the container's image is known not to have:
    /// `curl`, `wget` or (for `CMD-SHELL`) a shell, in a distroless image
    /// (`gcr.io/distroless/...`, or any image whose repository path has a `distroless`
    /// component). The `:debug` variants of distroless images carry BusyBox, which provides a
    /// shell and `wget` but not `curl`.
    ///
    /// ## Why is this bad?
    /// ECS runs the health-check command inside the container. When the program is not in the
    /// image, every check fails ("executable file not found"), the container is marked
    /// UNHEALTHY after `retries` checks, and a service replaces the task again and again,
    /// although the application is fine. `CMD-SHELL` runs the command with `/bin/sh -c`, which
    /// distroless images do not have either.
    ///
    /// rules.md words this as a general hint for every `curl`/`wget` check; as most images that
    /// such checks run in do have the tool, this rule only speaks where the image is known to
    /// lack it. Other minimal images (scratch-based, Alpine without `curl`) cannot be
    /// recognised from the image name and are not judged.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "gcr.io/distroless/static-debian12:nonroot", "memory": 256,
    ///      "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "gcr.io/distroless/static-debian12:nonroot", "memory": 256,
    ///      "healthCheck": {"command": ["CMD", "/app/api", "healthcheck"]}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:HealthCheck.command (botocore 1.44.5 ECS model: CMD runs the command directly, CMD-SHELL with the container's default shell)
    /// - https://github.com/GoogleContainerTools/distroless (distroless images contain no shell or package manager; `:debug` images add a BusyBox shell)
    pub struct HealthCheckToolMissing {
        code: "TD-HC-010",
        name: "health-check-tool-missing-from-image",
        severity: Info,
        scope: Containers,
        summary: "A health check runs curl, wget or a shell that the container's image does not have",
    }
}

/// What a distroless image provides to a health check: `None` when the image is not
/// distroless, else whether it is a `:debug` variant (BusyBox: `sh` and `wget`, no `curl`).
fn distroless(image: &str) -> Option<bool> {
    let name = image.split('@').next().unwrap_or(image);
    // The tag follows the last ':' after the last '/' (a registry port comes before a '/').
    let (repository, tag) = match name.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo, tag),
        _ => (name, ""),
    };
    repository
        .split('/')
        .any(|part| part == "distroless")
        .then(|| tag.starts_with("debug"))
}

/// The program a word of a command line runs: its last path component (`/usr/bin/curl`).
fn program(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

impl Rule for HealthCheckToolMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (label, command, words, container) in health_check_commands(cx) {
            let Some(image) = container.get("image").and_then(Node::as_str) else {
                continue;
            };
            let Some(debug) = distroless(image) else {
                continue;
            };
            let missing: Option<String> = match words.as_slice() {
                ["CMD-SHELL", ..] if !debug => {
                    Some("a shell (CMD-SHELL runs /bin/sh -c)".to_owned())
                }
                ["CMD-SHELL", script, ..] => script
                    .split(|c: char| c.is_whitespace() || ";|&()`$".contains(c))
                    .find(|w| program(w) == "curl")
                    .map(|_| "curl".to_owned()),
                ["CMD", first, ..] => match program(first) {
                    "curl" => Some("curl".to_owned()),
                    "wget" | "sh" | "bash" if !debug => Some(program(first).to_owned()),
                    _ => None,
                },
                _ => None,
            };
            let Some(missing) = missing else { continue };
            let what = if debug {
                "a distroless :debug image, which has BusyBox (sh, wget) but no curl"
            } else {
                "a distroless image, which has no shell, curl or wget"
            };
            out.push(
                Finding::at(
                    command,
                    format!("the health check of container {label} needs {missing}, but \"{image}\" is {what}: every check fails and the container is marked UNHEALTHY"),
                )
                .help(format!(
                    "check with a program the image has, for example the application's own health-check mode ({}), or add a small static health-check binary to the image",
                    json_list(&["CMD", "/app/server", "healthcheck"])
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{distroless, HealthCheckToolMissing as Rule};
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(image: &str, command: &str) -> String {
        format!(
            r#"[{{"name": "api", "image": "{image}", "healthCheck": {{"command": {command}}}}}]"#
        )
    }

    #[test]
    fn images() {
        assert_eq!(
            distroless("gcr.io/distroless/static-debian12:nonroot"),
            Some(false)
        );
        assert_eq!(
            distroless("gcr.io/distroless/base:debug-nonroot"),
            Some(true)
        );
        assert_eq!(
            distroless("localhost:5000/distroless/java21@sha256:abc"),
            Some(false)
        );
        assert_eq!(distroless("nginx:1.27"), None);
        assert_eq!(distroless("example/distroless-like:1"), None);
    }

    #[test]
    fn missing_tools_are_reported() {
        let text = task(
            "gcr.io/distroless/static-debian12",
            r#"["CMD-SHELL", "curl -f http://localhost/ || exit 1"]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/healthCheck/command");
        assert!(spanned(&text, &d[0]).starts_with("[\"CMD-SHELL\""));
        assert_eq!(d[0].message, "the health check of container 'api' needs a shell (CMD-SHELL runs /bin/sh -c), but \"gcr.io/distroless/static-debian12\" is a distroless image, which has no shell, curl or wget: every check fails and the container is marked UNHEALTHY");
        assert_fails(
            &Rule::META,
            &task(
                "gcr.io/distroless/base",
                r#"["CMD", "/usr/bin/wget", "-q", "http://localhost/"]"#,
            ),
        );
        let d = assert_fails(
            &Rule::META,
            &task(
                "gcr.io/distroless/base:debug",
                r#"["CMD-SHELL", "curl -f http://localhost/"]"#,
            ),
        );
        assert!(d[0].message.contains("needs curl"));
    }

    #[test]
    fn tools_the_image_has_pass() {
        assert_passes(
            &Rule::META,
            &task(
                "nginx:1.27",
                r#"["CMD-SHELL", "curl -f http://localhost/"]"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                "gcr.io/distroless/base",
                r#"["CMD", "/app/server", "healthcheck"]"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                "gcr.io/distroless/base:debug",
                r#"["CMD-SHELL", "wget -q -O- http://localhost/"]"#,
            ),
        );
    }
}
