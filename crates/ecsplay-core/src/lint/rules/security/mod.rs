//! Rules of the `security` group (TD-SEC, rules.md §12): hardening hints for containers.
//!
//! Shared here: when a Linux-only setting can be judged (the platform is known and not
//! Windows), the root-user test, the image reference reader (tag, digest, registry) and the
//! host-namespace check of TD-SEC-005/006.
//!
//! Several security hints are the same condition as a rule of another group and are reported
//! under that rule's code (rules.md §0.4): TD-SEC-015 is TD-ENV-006 (and TD-ENV-007),
//! TD-SEC-016 is TD-LOG-024, TD-SEC-017 is TD-HC-009, TD-SEC-018 is TD-IAM-009 and TD-SEC-019
//! is TD-VOL-018.

mod capabilities_not_dropped;
mod container_runs_as_root;
mod dangerous_capability_added;
mod docker_hub_image;
mod docker_security_option_invalid;
mod host_devices_exposed;
mod image_not_pinned_by_digest;
mod image_tag_latest;
mod interactive_or_tty;
mod ipc_mode_host;
mod no_new_privileges_missing;
mod pid_mode_host;
mod privileged_container;
mod role_least_privilege;
mod root_filesystem_writable;
mod ulimit_raised_high;
mod user_invalid;
mod version_consistency_disabled;

use crate::lint::{Context, Finding, Rule};
use crate::model::container_label;
use crate::source::Node;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &privileged_container::PrivilegedContainer,
    &root_filesystem_writable::RootFilesystemWritable,
    &container_runs_as_root::ContainerRunsAsRoot,
    &user_invalid::UserInvalid,
    &pid_mode_host::PidModeHost,
    &ipc_mode_host::IpcModeHost,
    &dangerous_capability_added::DangerousCapabilityAdded,
    &capabilities_not_dropped::CapabilitiesNotDropped,
    &host_devices_exposed::HostDevicesExposed,
    &no_new_privileges_missing::NoNewPrivilegesMissing,
    &docker_security_option_invalid::DockerSecurityOptionInvalid,
    &image_tag_latest::ImageTagLatest,
    &image_not_pinned_by_digest::ImageNotPinnedByDigest,
    &version_consistency_disabled::VersionConsistencyDisabled,
    &docker_hub_image::DockerHubImage,
    &interactive_or_tty::InteractiveOrTty,
    &ulimit_raised_high::UlimitRaisedHigh,
    &role_least_privilege::RoleLeastPrivilege,
];

/// Whether the task is known to run Linux containers: task-level context, a platform known now
/// (not a deploy-time value) and not Windows. Linux-only settings are only judged then.
pub(super) fn linux_known(cx: &Context<'_>) -> bool {
    cx.facts.task_level && !cx.facts.platform_unknown && !cx.facts.windows
}

/// Whether a Linux-only setting that Fargate refuses (TD-FG-008 to TD-FG-013 report it there)
/// can be judged here as a hint: Linux known and Fargate not listed.
pub(super) fn linux_off_fargate(cx: &Context<'_>) -> bool {
    linux_known(cx) && !cx.facts.fargate
}

/// Whether a `user` value is root: `root`, `0`, `root:<group>`, `0:<gid>`.
pub(super) fn is_root_user(user: &str) -> bool {
    let name = user.trim().split(':').next().unwrap_or_default();
    name == "root" || name == "0"
}

/// An image reference split into its parts.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ImageRef<'a> {
    /// The registry host (`public.ecr.aws`, `123456789012.dkr.ecr.us-east-1.amazonaws.com`),
    /// `None` when the first path component is not a host (Docker Hub).
    pub registry: Option<&'a str>,
    /// The repository path after the registry (`nginx/nginx`, `library/nginx`, `nginx`).
    pub repository: &'a str,
    /// The tag, if written.
    pub tag: Option<&'a str>,
    /// The digest after `@`, if written.
    pub digest: Option<&'a str>,
}

impl ImageRef<'_> {
    /// Whether the image is pinned by a `sha256` digest.
    pub fn pinned(&self) -> bool {
        self.digest.is_some_and(|d| d.starts_with("sha256:"))
    }
}

/// Reads an image reference. `None` for what is not a plain reference: empty, or with
/// characters no reference has (a template placeholder such as `{{ image }}` or `${IMAGE}`,
/// whitespace); TD-SHAPE-031/033 report those.
pub(super) fn parse_image(image: &str) -> Option<ImageRef<'_>> {
    if image.is_empty()
        || !image
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_:./#@".contains(c))
    {
        return None;
    }
    let (name_tag, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    // A tag follows the last ':' after the last '/'.
    let slash = name_tag.rfind('/').map_or(0, |i| i.saturating_add(1));
    let (name, tag) = match name_tag.get(slash..).and_then(|last| last.rfind(':')) {
        Some(colon) => {
            let at = slash.saturating_add(colon);
            (
                name_tag.get(..at).unwrap_or(name_tag),
                name_tag.get(at.saturating_add(1)..),
            )
        }
        None => (name_tag, None),
    };
    let (registry, repository) = match name.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    };
    Some(ImageRef {
        registry,
        repository,
        tag,
        digest,
    })
}

/// Every container's `image` that reads as a reference: (label, container, image node, image,
/// its parts). Deploy-time values and placeholders are skipped.
pub(super) fn images<'a>(
    cx: &'a Context<'a>,
) -> impl Iterator<Item = (String, &'a Node, &'a Node, &'a str, ImageRef<'a>)> + 'a {
    cx.containers().filter_map(|(i, c)| {
        let node = c.get("image")?;
        let image = node.as_str()?;
        Some((container_label(c, i), c, node, image, parse_image(image)?))
    })
}

/// TD-SEC-005 and TD-SEC-006: the task-level `key` (`pidMode`, `ipcMode`) set to `host`, on a
/// Linux task not meant for Fargate (Fargate and Windows refuse these settings outright, and
/// TD-FG-009/010/011 and TD-WIN-002 report them there). `shares` completes the message: what
/// the containers then share with the host.
pub(super) fn report_host_namespace(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    key: &str,
    shares: &str,
) {
    if !linux_off_fargate(cx) {
        return;
    }
    let Some(node) = cx.task().and_then(|t| t.get(key)) else {
        return;
    };
    if node.as_str() != Some("host") {
        return;
    }
    out.push(
        Finding::at(
            node,
            format!("{key} host: the containers share {shares} with the container instance"),
        )
        .help(format!(
            "remove {key} (or set it to \"task\") unless a container really needs the host's namespace"
        )),
    );
}

/// Task definitions for the tests of this group: one container `app` with these members added
/// (as written) and these task members (as written, each followed by a comma).
#[cfg(test)]
pub(super) fn task(task: &str, container: &str) -> String {
    format!(
        r#"{{"family": "web", {task}"containerDefinitions": [{{"name": "app", "image": "nginx:1.27", {container}}}]}}"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        let r = parse_image("nginx").unwrap();
        assert_eq!(
            (r.registry, r.repository, r.tag, r.digest),
            (None, "nginx", None, None)
        );
        let r = parse_image("public.ecr.aws/nginx/nginx:1.27").unwrap();
        assert_eq!(
            (r.registry, r.repository, r.tag),
            (Some("public.ecr.aws"), "nginx/nginx", Some("1.27"))
        );
        let r = parse_image("localhost:5000/app").unwrap();
        assert_eq!(
            (r.registry, r.repository, r.tag),
            (Some("localhost:5000"), "app", None)
        );
        let r = parse_image("bitnami/redis:7.2@sha256:0123").unwrap();
        assert_eq!(
            (r.registry, r.tag, r.digest),
            (None, Some("7.2"), Some("sha256:0123"))
        );
        assert!(r.pinned());
        assert_eq!(parse_image("{{ must_env `IMAGE` }}"), None);
        assert_eq!(parse_image("${IMAGE}"), None);
        assert_eq!(parse_image(""), None);
    }

    #[test]
    fn root_users() {
        for root in ["root", "0", "0:0", "root:wheel", " root "] {
            assert!(is_root_user(root), "{root}");
        }
        for other in ["1000", "nginx", "1000:0", "rooter"] {
            assert!(!is_root_user(other), "{other}");
        }
    }
}
