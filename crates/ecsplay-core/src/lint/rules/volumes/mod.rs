//! Rules of the `volumes` group (rules.md §11): task volumes, mount points, EFS settings and
//! `volumesFrom`.

mod container_path_not_absolute;
mod duplicate_container_path;
mod duplicate_volume_name;
mod efs_access_point_root_directory;
mod efs_access_point_without_transit_encryption;
mod efs_iam_without_transit_encryption;
mod efs_id_invalid;
mod efs_transit_encryption_disabled;
mod efs_volume_on_external;
mod fargate_bind_mount_storage;
mod fsx_volume_on_linux;
mod mount_point_incomplete;
mod mount_unknown_volume;
mod multiple_configured_at_launch;
mod read_only_root_without_writable_mount;
mod s3files_access_point_root_directory;
mod sensitive_host_path_writable;
mod task_scoped_volume_autoprovision;
mod tmpfs_invalid;
mod transit_encryption_port_invalid;
mod unused_volume;
mod volume_multiple_types;
mod volume_name_invalid;
mod volumes_from_unknown_container;
mod windows_docker_volume_driver;

use crate::lint::{Context, Finding, Rule};
use crate::source::Node;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &mount_unknown_volume::MountUnknownVolume,
    &mount_point_incomplete::MountPointIncomplete,
    &container_path_not_absolute::ContainerPathNotAbsolute,
    &duplicate_container_path::DuplicateContainerPath,
    &volume_name_invalid::VolumeNameInvalid,
    &duplicate_volume_name::DuplicateVolumeName,
    &volume_multiple_types::VolumeMultipleTypes,
    &unused_volume::UnusedVolume,
    &multiple_configured_at_launch::MultipleConfiguredAtLaunch,
    &task_scoped_volume_autoprovision::TaskScopedVolumeAutoprovision,
    &windows_docker_volume_driver::WindowsDockerVolumeDriver,
    &efs_iam_without_transit_encryption::EfsIamWithoutTransitEncryption,
    &efs_access_point_without_transit_encryption::EfsAccessPointWithoutTransitEncryption,
    &efs_access_point_root_directory::EfsAccessPointRootDirectory,
    &transit_encryption_port_invalid::TransitEncryptionPortInvalid,
    &efs_id_invalid::EfsIdInvalid,
    &efs_transit_encryption_disabled::EfsTransitEncryptionDisabled,
    &efs_volume_on_external::EfsVolumeOnExternal,
    &s3files_access_point_root_directory::S3filesAccessPointRootDirectory,
    &fsx_volume_on_linux::FsxVolumeOnLinux,
    &tmpfs_invalid::TmpfsInvalid,
    &volumes_from_unknown_container::VolumesFromUnknownContainer,
    &sensitive_host_path_writable::SensitiveHostPathWritable,
    &read_only_root_without_writable_mount::ReadOnlyRootWithoutWritableMount,
    &fargate_bind_mount_storage::FargateBindMountStorage,
];

/// The task's volumes that are objects (none for a Terraform container array).
pub(crate) fn volumes<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a Node> + 'a {
    cx.task()
        .and_then(|t| t.get("volumes"))
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter(|v| v.is_object())
}

/// The volume's `name` value and the name, when it is a string.
pub(crate) fn volume_name(volume: &Node) -> Option<(&Node, &str)> {
    let node = volume.get("name")?;
    node.as_str().map(|s| (node, s))
}

/// Every mount point that is an object, with its container and the container's index.
pub(crate) fn mount_points<'a>(
    cx: &'a Context<'a>,
) -> impl Iterator<Item = (usize, &'a Node, &'a Node)> + 'a {
    cx.container_members("mountPoints")
        .flat_map(|(i, c, list)| list.items().iter().map(move |m| (i, c, m)))
        .filter(|(_, _, m)| m.is_object())
}

/// The EFS settings of a volume that has them, with what rules about transit encryption need.
pub(crate) struct Efs<'a> {
    /// The `efsVolumeConfiguration` object.
    pub config: &'a Node,
    /// The `transitEncryption` value, when written.
    pub transit: Option<&'a Node>,
    /// Whether transit encryption is on: `None` when it is a deploy-time value.
    pub encrypted: Option<bool>,
    /// `authorizationConfig.iam`, when it is `ENABLED`.
    pub iam_enabled: Option<&'a Node>,
    /// `authorizationConfig.accessPointId`, when set.
    pub access_point: Option<&'a Node>,
}

/// Every EFS volume of the task.
pub(crate) fn efs_volumes<'a>(cx: &Context<'a>) -> impl Iterator<Item = Efs<'a>> + 'a {
    volumes(cx).filter_map(|v| {
        let config = v.get("efsVolumeConfiguration").filter(|c| c.is_object())?;
        let transit = config.get("transitEncryption").filter(|t| !t.is_null());
        let encrypted = match transit {
            None => Some(false),
            Some(t) => match t.as_str() {
                Some("ENABLED") => Some(true),
                Some("DISABLED") => Some(false),
                // A deploy-time value, or one the schema layer reports.
                _ => None,
            },
        };
        let auth = config.get("authorizationConfig");
        let iam_enabled = auth
            .and_then(|a| a.get("iam"))
            .filter(|n| n.as_str() == Some("ENABLED"));
        let access_point = auth
            .and_then(|a| a.get("accessPointId"))
            .filter(|n| n.is_set());
        Some(Efs {
            config,
            transit,
            encrypted,
            iam_enabled,
            access_point,
        })
    })
}

impl Efs<'_> {
    /// A finding that transit encryption is off: at the written `DISABLED`, or at the
    /// configuration object that leaves it to its default (rules.md §0.5). The message is the
    /// state followed by `consequence`.
    pub fn unencrypted(&self, consequence: &str) -> Finding {
        let state = match self.transit {
            Some(_) => "transitEncryption is DISABLED",
            None => "transitEncryption defaults to DISABLED",
        };
        Finding::at(
            self.transit.unwrap_or(self.config),
            format!("{state}{consequence}"),
        )
        .help("set \"transitEncryption\": \"ENABLED\" in efsVolumeConfiguration")
    }
}

/// A task definition with one EFS volume `v` whose configuration is `efs`, for tests.
#[cfg(test)]
pub(crate) fn efs_task(efs: &str) -> String {
    format!(
        r#"{{"family": "f", "volumes": [{{"name": "v", "efsVolumeConfiguration": {efs}}}], "containerDefinitions": [{{"name": "a", "image": "i"}}]}}"#
    )
}
