use super::{images_with_os, mixed_images, os_family, ImageOs};
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The `WINDOWS_SERVER_*` family a Windows image's words suggest, when its release is named.
fn suggested_family(image: &str) -> Option<String> {
    let lower = image.to_ascii_lowercase();
    let year = ["2016", "2019", "2022", "2025"]
        .into_iter()
        .find(|y| lower.contains(&format!("ltsc{y}")))?;
    let edition =
        if year != "2016" && (lower.contains("servercore") || lower.contains("nanoserver")) {
            "CORE"
        } else {
            "FULL"
        };
    Some(format!("WINDOWS_SERVER_{year}_{edition}"))
}

declare_rule! {
    /// ## What it does
    /// Points out a container image that names one operating system while the task definition
    /// declares (or defaults to) the other:
    ///
    /// - a Windows image (`mcr.microsoft.com/windows/…`, `servercore`, `nanoserver`, an
    ///   `ltsc20xx` tag) in a task whose `operatingSystemFamily` is `LINUX`, or that declares no
    ///   operating system family at all;
    /// - a Linux-distribution image (`alpine`, `debian`, `bookworm`, `ubuntu`, `amazonlinux`, …)
    ///   in a task whose `operatingSystemFamily` is a `WINDOWS_SERVER_*` value.
    ///
    /// Images whose reference names no system are never guessed about. Left to other rules: a
    /// task mixing Windows and Linux images is TD-WIN-008; a Windows image in a Fargate task
    /// without `runtimePlatform` is TD-FG-025's case.
    ///
    /// ## Why is this bad?
    /// Windows images only run on Windows hosts and Linux images only on Linux hosts: the pull
    /// fails with "no matching manifest" or the container does not start. With `LINUX` (the
    /// default when `runtimePlatform` is absent) ECS places the task on Linux capacity. On EC2 a
    /// Windows task definition may leave the family out and still run on Windows container
    /// instances, which is why this is a hint; declaring it states what the task needs and lets
    /// the Windows-specific checks apply.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "LINUX"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:task_definition_parameters.md (runtimePlatform: defaults LINUX / X86_64)
    /// - BOTO:RuntimePlatform.operatingSystemFamily (botocore 1.44.5 ECS model)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-windows.html
    pub struct OsImageMismatch {
        code: "TD-WIN-009",
        name: "os-image-mismatch",
        severity: Info,
        scope: Task,
        summary: "Container image for one operating system in a task definition for the other",
    }
}

impl Rule for OsImageMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.platform_unknown || !cx.facts.task_level {
            return;
        }
        let images = images_with_os(cx);
        if mixed_images(&images) {
            return;
        }
        let os = os_family(cx);
        let declared = os.and_then(|n| n.as_str());
        let key = field(cx, "operatingSystemFamily");
        for (i, c, image, image_os) in images {
            let who = container_label(c, i);
            let text = image.as_str().unwrap_or("");
            let finding = match (image_os, declared) {
                (ImageOs::Windows(word), Some("LINUX")) => Finding::at(
                    image,
                    format!("container {who} runs a Windows image ({word}), but the task's {key} is LINUX"),
                )
                .help(format!(
                    "set {key} to the Windows Server release of the image, {}",
                    suggested_family(text).map_or_else(|| "a WINDOWS_SERVER_* value".to_owned(), |f| format!("\"{f}\""))
                )),
                // On Fargate this is TD-FG-025's case.
                (ImageOs::Windows(word), None) if !cx.facts.fargate => Finding::at(
                    image,
                    format!("container {who} runs a Windows image ({word}), but the task definition declares no Windows {key}"),
                )
                .help(format!(
                    "declare the platform: \"runtimePlatform\": {{\"operatingSystemFamily\": {}}}",
                    suggested_family(text).map_or_else(|| "\"WINDOWS_SERVER_2022_CORE\" (the release of the image)".to_owned(), |f| format!("\"{f}\""))
                )),
                (ImageOs::Linux(word), Some(family)) if family.starts_with("WINDOWS_") => Finding::at(
                    image,
                    format!("container {who} runs a Linux image ({word}), but the task runs {family}"),
                )
                .help("use a Windows image for this container, or run it in a separate Linux task definition"),
                _ => continue,
            };
            out.push(match os {
                Some(node) => finding.label(node, "the task's operating system family"),
                None => finding,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OsImageMismatch as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(platform: &str, image: &str) -> String {
        format!(
            r#"{{"family": "a"{platform}, "containerDefinitions": [{{"name": "app", "image": "{image}", "memory": 512}}]}}"#
        )
    }

    fn os(family: &str) -> String {
        format!(r#", "runtimePlatform": {{"operatingSystemFamily": "{family}"}}"#)
    }

    const IIS: &str = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019";

    #[test]
    fn windows_image_on_linux_fails() {
        let text = td(&os("LINUX"), IIS);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/image");
        assert_eq!(spanned(&text, &d[0]), format!("\"{IIS}\""));
        assert_eq!(
            d[0].message,
            "container 'app' runs a Windows image (mcr.microsoft.com/windows), but the task's operatingSystemFamily is LINUX"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("set operatingSystemFamily to the Windows Server release of the image, \"WINDOWS_SERVER_2019_CORE\"")
        );
        assert_eq!(d[0].labels[0].message, "the task's operating system family");
    }

    #[test]
    fn windows_image_without_platform_on_ec2() {
        let d = assert_fails(
            &Rule::META,
            &td("", "mcr.microsoft.com/windows/server:ltsc2022"),
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("declare the platform: \"runtimePlatform\": {\"operatingSystemFamily\": \"WINDOWS_SERVER_2022_FULL\"}")
        );
        // Fargate without runtimePlatform is TD-FG-025's case.
        assert_passes(
            &Rule::META,
            &td(r#", "requiresCompatibilities": ["FARGATE"]"#, IIS),
        );
    }

    #[test]
    fn linux_image_on_windows_fails() {
        let d = assert_fails(
            &Rule::META,
            &td(&os("WINDOWS_SERVER_2022_CORE"), "python:3.12-bookworm"),
        );
        assert_eq!(
            d[0].message,
            "container 'app' runs a Linux image (bookworm), but the task runs WINDOWS_SERVER_2022_CORE"
        );
    }

    #[test]
    fn matching_unknown_or_mixed_passes() {
        assert_passes(&Rule::META, &td(&os("WINDOWS_SERVER_2019_CORE"), IIS));
        assert_passes(&Rule::META, &td(&os("LINUX"), "alpine:3.20"));
        assert_passes(&Rule::META, &td("", "nginx:1.27"));
        assert_passes(
            &Rule::META,
            &td(&os("WINDOWS_SERVER_2019_CORE"), "nginx:1.27"),
        );
        // Mixed images are TD-WIN-008's.
        assert_passes(
            &Rule::META,
            &format!(
                r#"{{"family": "a", "runtimePlatform": {{"operatingSystemFamily": "LINUX"}}, "containerDefinitions": [{{"name": "a", "image": "{IIS}"}}, {{"name": "b", "image": "alpine"}}]}}"#
            ),
        );
        assert_passes(
            &Rule::META,
            &format!(r#"[{{"name": "a", "image": "{IIS}"}}]"#),
        );
    }
}
