use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::rules::windows::image_words;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// Words of an image reference that name the 64-bit Arm architecture.
const ARM_WORDS: [&str; 3] = ["arm64", "aarch64", "arm64v8"];
/// Words of an image reference that name the x86-64 architecture (`x86_64` splits at `_`).
const X86_WORDS: [&str; 3] = ["amd64", "x86", "x64"];

/// The architecture an image reference names, if it names exactly one.
fn image_arch(image: &str) -> Option<(&'static str, &'static str)> {
    let words: Vec<String> = image_words(image)
        .into_iter()
        .map(str::to_ascii_lowercase)
        .collect();
    let has = |list: &[&'static str]| list.iter().copied().find(|w| words.iter().any(|x| x == w));
    match (has(&ARM_WORDS), has(&X86_WORDS)) {
        (Some(w), None) => Some(("ARM64", w)),
        (None, Some(w)) => Some(("X86_64", w)),
        _ => None,
    }
}

declare_rule! {
    /// ## What it does
    /// Points out a container image whose reference names one CPU architecture (a tag or
    /// repository word such as `arm64`, `aarch64`, `arm64v8`, `amd64` or `x86_64`) while the
    /// task runs on the other: `runtimePlatform.cpuArchitecture` `ARM64` with an amd64 image,
    /// or `X86_64` with an arm64 image. On Fargate an absent `cpuArchitecture` means `X86_64`;
    /// on EC2 an absent one means whatever instance the task lands on, so it is not judged.
    ///
    /// Most images are multi-architecture and name no architecture: they are never judged.
    /// Windows tasks are left out (Windows runs on X86_64 only: TD-WIN-005, TD-FG-023).
    ///
    /// ## Why is this bad?
    /// An image built for one architecture cannot run on the other: the container exits at
    /// once with `exec format error`, or the pull finds no matching image. ARM64 tasks (Graviton)
    /// need an arm64 or multi-architecture image; they also need Linux and, on Fargate, platform
    /// version 1.4.0 (the default).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "runtimePlatform": {"operatingSystemFamily": "LINUX", "cpuArchitecture": "ARM64"},
    ///   "containerDefinitions": [{"name": "worker", "image": "example/worker:2.4-amd64"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "runtimePlatform": {"operatingSystemFamily": "LINUX", "cpuArchitecture": "ARM64"},
    ///   "containerDefinitions": [{"name": "worker", "image": "example/worker:2.4-arm64"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RuntimePlatform.cpuArchitecture (botocore 1.44.5 ECS model)
    /// - DG23:ecs-arm64.md (ARM64 needs Linux, an arm64 image, Fargate platform version 1.4.0)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-arm64.html
    pub struct ImageArchitectureMismatch {
        code: "TD-MISC-020",
        name: "image-architecture-mismatch",
        severity: Info,
        scope: Task,
        summary: "Container image named for one CPU architecture in a task for the other",
    }
}

impl Rule for ImageArchitectureMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.windows || cx.facts.platform_unknown {
            return;
        }
        let Some(task) = cx.task() else { return };
        let written = task.at_path(["runtimePlatform", "cpuArchitecture"]);
        let arch = match written {
            Some(node) => match node.as_str() {
                Some(a @ ("ARM64" | "X86_64")) => a,
                _ => return,
            },
            None if cx.facts.fargate => "X86_64",
            None => return,
        };
        let default = if written.is_none() {
            " (the Fargate default)"
        } else {
            ""
        };
        for (i, c, image) in cx.container_members("image") {
            let Some(reference) = image.as_str() else {
                continue;
            };
            let Some((named, word)) = image_arch(reference).filter(|(a, _)| *a != arch) else {
                continue;
            };
            let mut f = Finding::at(
                image,
                format!(
                    "image of container {} names the {word} architecture, but the task runs on {arch}{default}",
                    container_label(c, i)
                ),
            )
            .help(format!(
                "use an image built for {arch} (or a multi-architecture image), or set {} to \"{named}\"",
                field(cx, "cpuArchitecture")
            ));
            if let Some(node) = written {
                f = f.label(node, "the task's CPU architecture");
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ImageArchitectureMismatch as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str, arch: &str, image: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["{compat}"]{arch}, "containerDefinitions": [{{"name": "w", "image": "{image}", "memory": 64}}]}}"#
        )
    }

    fn arch(a: &str) -> String {
        format!(r#", "runtimePlatform": {{"cpuArchitecture": "{a}"}}"#)
    }

    #[test]
    fn named_architecture_mismatch_is_pointed_out() {
        let text = td("EC2", &arch("ARM64"), "example/worker:2.4-amd64");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/image");
        assert_eq!(spanned(&text, &d[0]), "\"example/worker:2.4-amd64\"");
        assert_eq!(
            d[0].message,
            "image of container 'w' names the amd64 architecture, but the task runs on ARM64"
        );
        assert_eq!(d[0].labels[0].pointer, "/runtimePlatform/cpuArchitecture");
        assert_eq!(
            d[0].help.as_deref(),
            Some("use an image built for ARM64 (or a multi-architecture image), or set cpuArchitecture to \"X86_64\"")
        );
        let d = assert_fails(&Rule::META, &td("FARGATE", "", "arm64v8/nginx:1.27"));
        assert_eq!(d[0].message, "image of container 'w' names the arm64v8 architecture, but the task runs on X86_64 (the Fargate default)");
        assert_fails(
            &Rule::META,
            &td(
                "EC2",
                &arch("X86_64"),
                "ghcr.io/example/app:1.0-linux-aarch64",
            ),
        );
        assert_fails(
            &Rule::META,
            &td("EC2", &arch("ARM64"), "example/app:1.0-linux-x86_64"),
        );
    }

    #[test]
    fn matching_unnamed_or_unknown_architecture_passes() {
        assert_passes(
            &Rule::META,
            &td("EC2", &arch("ARM64"), "example/worker:2.4-arm64"),
        );
        assert_passes(&Rule::META, &td("EC2", &arch("ARM64"), "nginx:1.27"));
        // EC2 without cpuArchitecture may land on either architecture.
        assert_passes(&Rule::META, &td("EC2", "", "example/worker:arm64"));
        assert_passes(&Rule::META, &td("FARGATE", "", "example/worker:amd64"));
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "arm64v8/nginx"}]"#);
    }
}
