use super::{images_with_os, mixed_images, ImageOs};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Points out a task definition whose container images name both operating systems: one
    /// is recognisably a Windows image (`mcr.microsoft.com/windows/…`, `servercore`,
    /// `nanoserver`, an `ltsc20xx` tag) and another a Linux distribution (`alpine`, `debian`,
    /// `bookworm`, `ubuntu`, `amazonlinux`, …).
    ///
    /// Only images whose reference names the system are judged: most references (`nginx:1.27`,
    /// a private ECR repository) say nothing and are never guessed about. When the images are
    /// mixed, TD-WIN-009 (image versus `operatingSystemFamily`) stays silent: this is the one
    /// finding.
    ///
    /// ## Why is this bad?
    /// All containers of a task run on one host, with one operating system: a task definition
    /// has one `operatingSystemFamily`. Linux and Windows containers cannot share a task — the
    /// images of the other system fail to pull ("no matching manifest") or to start.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "shop",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048},
    ///     {"name": "cache", "image": "public.ecr.aws/docker/library/redis:7-alpine", "cpu": 256, "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "shop",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:AWS_Fargate.md (one operating system family per task definition)
    /// - BOTO:RuntimePlatform.operatingSystemFamily (botocore 1.44.5 ECS model)
    pub struct MixedOsImages {
        code: "TD-WIN-008",
        name: "mixed-os-images",
        severity: Info,
        scope: Containers,
        summary: "Container images of one task name both Windows and Linux",
    }
}

impl Rule for MixedOsImages {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let images = images_with_os(cx);
        if !mixed_images(&images) {
            return;
        }
        let Some(first) = images.first() else { return };
        let Some(other) = images
            .iter()
            .find(|(.., os)| std::mem::discriminant(os) != std::mem::discriminant(&first.3))
        else {
            return;
        };
        let describe = |os: &ImageOs| match os {
            ImageOs::Windows(word) => format!("a Windows image ({word})"),
            ImageOs::Linux(word) => format!("a Linux image ({word})"),
        };
        let (i, c, image, os) = other;
        let (j, d, first_image, first_os) = first;
        out.push(
            Finding::at(
                image,
                format!(
                    "container {} runs {}, but container {} runs {}: all containers of a task run on one operating system",
                    container_label(c, *i),
                    describe(os),
                    container_label(d, *j),
                    describe(first_os)
                ),
            )
            .label(first_image, describe(first_os))
            .help("put the Linux and the Windows containers in separate task definitions (and services)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::MixedOsImages as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(a: &str, b: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "one", "image": "{a}", "memory": 512}}, {{"name": "two", "image": "{b}", "memory": 512}}]}}"#
        )
    }

    #[test]
    fn windows_and_linux_images_are_pointed_out() {
        let text = td(
            "mcr.microsoft.com/windows/nanoserver:ltsc2022",
            "redis:7-alpine",
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/1/image");
        assert_eq!(spanned(&text, &d[0]), "\"redis:7-alpine\"");
        assert_eq!(
            d[0].message,
            "container 'two' runs a Linux image (alpine), but container 'one' runs a Windows image (mcr.microsoft.com/windows): all containers of a task run on one operating system"
        );
        // Terraform arrays too.
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "debian:bookworm"}, {"name": "b", "image": "mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022"}]"#,
        );
    }

    #[test]
    fn one_system_or_unknown_images_pass() {
        assert_passes(
            &Rule::META,
            &td(
                "mcr.microsoft.com/windows/servercore:ltsc2019",
                "nginx:1.27",
            ),
        );
        assert_passes(&Rule::META, &td("alpine:3.20", "ubuntu:24.04"));
        assert_passes(&Rule::META, &td("nginx", "redis"));
    }
}
