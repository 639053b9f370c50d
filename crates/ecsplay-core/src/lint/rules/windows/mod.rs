//! Rules of the `windows` group (TD-WIN, rules.md §13.1), and the helpers they share.

mod credential_specs_invalid;
mod linux_only_parameter;
mod memory_reservation;
mod mixed_os_images;
mod mount_on_other_drive;
mod os_image_mismatch;
mod unsupported_task_parameter;
mod windows_arm64;

use crate::lint::{Context, Finding, Rule};
use crate::source::Node;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &linux_only_parameter::WindowsLinuxOnlyParameter,
    &unsupported_task_parameter::WindowsUnsupportedTaskParameter,
    &memory_reservation::WindowsMemoryReservation,
    &windows_arm64::WindowsArm64,
    &mount_on_other_drive::WindowsMountOnOtherDrive,
    &credential_specs_invalid::CredentialSpecsInvalid,
    &mixed_os_images::MixedOsImages,
    &os_image_mismatch::OsImageMismatch,
];

/// Whether the task is for Windows containers, known from the literal values (a deploy-time
/// operating system family or compatibility list is never judged).
pub(crate) fn on_windows(cx: &Context<'_>) -> bool {
    cx.facts.windows && !cx.facts.platform_unknown
}

/// `runtimePlatform.operatingSystemFamily`, when written.
pub(crate) fn os_family<'a>(cx: &Context<'a>) -> Option<&'a Node> {
    cx.task()?
        .at_path(["runtimePlatform", "operatingSystemFamily"])
}

/// Adds a label on the operating system family that makes the task a Windows task.
pub(crate) fn with_os_label(finding: Finding, cx: &Context<'_>) -> Finding {
    match os_family(cx) {
        Some(os) => {
            let family = os.as_str().unwrap_or("Windows");
            finding.label(os, format!("the task runs {family}"))
        }
        None => finding,
    }
}

/// The operating system an image reference names, guessed from its words: a Windows base
/// image (`mcr.microsoft.com/windows/...`, `servercore`, `nanoserver`, an `ltsc20xx` tag) or a
/// Linux distribution (`alpine`, `debian`, `bookworm`, `ubuntu`, `amazonlinux`, ...). Most
/// references name neither (`nginx:1.27`, a private ECR repository): `None`, never a guess.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImageOs {
    /// A Windows image; the word that shows it.
    Windows(&'static str),
    /// A Linux image; the distribution word that shows it.
    Linux(&'static str),
}

/// Words of an image reference that name a Windows base image.
const WINDOWS_WORDS: [&str; 7] = [
    "servercore",
    "windowsservercore",
    "nanoserver",
    "ltsc2016",
    "ltsc2019",
    "ltsc2022",
    "ltsc2025",
];

/// Words of an image reference that name a Linux distribution.
const LINUX_WORDS: [&str; 20] = [
    "alpine",
    "debian",
    "bookworm",
    "bullseye",
    "buster",
    "trixie",
    "ubuntu",
    "jammy",
    "focal",
    "noble",
    "bionic",
    "amazonlinux",
    "al2023",
    "centos",
    "fedora",
    "rockylinux",
    "almalinux",
    "busybox",
    "distroless",
    "ubi9",
];

/// The operating system `image` names, if it names one (see [`ImageOs`]).
pub(crate) fn image_os(image: &str) -> Option<ImageOs> {
    let lower = image.to_ascii_lowercase();
    // The digest says nothing; the registry host only when it is Microsoft's.
    let reference = lower.split('@').next().unwrap_or("");
    if reference.starts_with("mcr.microsoft.com/windows") {
        return Some(ImageOs::Windows("mcr.microsoft.com/windows"));
    }
    let words = image_words(reference);
    if let Some(w) = WINDOWS_WORDS.iter().find(|w| words.contains(w)) {
        return Some(ImageOs::Windows(w));
    }
    LINUX_WORDS
        .iter()
        .find(|w| words.contains(w))
        .map(|w| ImageOs::Linux(w))
}

/// The words of an image reference without its digest, split at `/ : - _ .`
/// (`python:3.12-slim-bookworm` gives `python`, `3`, `12`, `slim`, `bookworm`), for guesses
/// from what the reference names.
pub(crate) fn image_words(image: &str) -> Vec<&str> {
    image
        .split('@')
        .next()
        .unwrap_or("")
        .split(['/', ':', '-', '_', '.'])
        .filter(|w| !w.is_empty())
        .collect()
}

/// Every container whose image names an operating system: (index, container, image, OS).
pub(crate) fn images_with_os<'a>(cx: &Context<'a>) -> Vec<(usize, &'a Node, &'a Node, ImageOs)> {
    cx.container_members("image")
        .filter_map(|(i, c, image)| image_os(image.as_str()?).map(|os| (i, c, image, os)))
        .collect()
}

/// Whether the containers' images name both Windows and Linux (TD-WIN-008's condition).
pub(crate) fn mixed_images(images: &[(usize, &Node, &Node, ImageOs)]) -> bool {
    images
        .iter()
        .any(|(.., os)| matches!(os, ImageOs::Windows(_)))
        && images
            .iter()
            .any(|(.., os)| matches!(os, ImageOs::Linux(_)))
}

#[cfg(test)]
mod tests {
    use super::{image_os, ImageOs};

    #[test]
    fn image_words() {
        assert_eq!(
            image_os("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"),
            Some(ImageOs::Windows("mcr.microsoft.com/windows"))
        );
        assert_eq!(
            image_os("mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022"),
            Some(ImageOs::Windows("nanoserver"))
        );
        assert_eq!(
            image_os(
                "public.ecr.aws/aws-observability/aws-for-fluent-bit:windowsservercore-stable"
            ),
            Some(ImageOs::Windows("windowsservercore"))
        );
        assert_eq!(
            image_os("python:3.12-slim-bookworm"),
            Some(ImageOs::Linux("bookworm"))
        );
        assert_eq!(
            image_os("public.ecr.aws/docker/library/alpine:3.20"),
            Some(ImageOs::Linux("alpine"))
        );
        for none in [
            "nginx:1.27",
            "mcr.microsoft.com/dotnet/aspnet:8.0",
            "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:latest",
            "example/alpineapp:1",
            "registry.example.com/app@sha256:alpine",
        ] {
            assert_eq!(image_os(none), None, "{none}");
        }
    }
}
