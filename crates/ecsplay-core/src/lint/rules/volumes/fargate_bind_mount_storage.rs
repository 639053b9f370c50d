use super::{mount_points, volume_name, volumes};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

/// The members that make a volume something other than a bind mount.
const TYPED: [&str; 5] = [
    "dockerVolumeConfiguration",
    "efsVolumeConfiguration",
    "s3filesVolumeConfiguration",
    "fsxWindowsFileServerVolumeConfiguration",
    "configuredAtLaunch",
];

declare_rule! {
    /// ## What it does
    /// Explains, once per task, where the bind-mount volumes of a Fargate task (volumes with
    /// only a name) keep their files: in the task's ephemeral storage. The finding is on the
    /// first such volume that a container mounts, with a label on each other one.
    ///
    /// ## Why is this bad?
    /// On Fargate a volume without a volume type is a bind mount backed by the task's
    /// ephemeral storage: 20 GiB by default on Linux platform version 1.4.0 and later, or the
    /// `ephemeralStorage.sizeInGiB` of the task (21 to 200), shared with the container image
    /// layers and the containers' writable layers. Its files are lost when the task stops, so
    /// it suits scratch space and files shared between the containers of one task, not data
    /// that must persist (use an EFS volume for that); and a task that writes more than the
    /// space fills its storage and fails. Windows tasks on Fargate, which have a fixed
    /// storage, are not judged.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "volumes": [{"name": "uploads"}],
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "example/web:2.1", "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/srv/uploads"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "volumes": [{"name": "uploads", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}],
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "example/web:2.1", "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/srv/uploads"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// (For scratch space the bind mount is right; this hint then has nothing more to say.)
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html (bind mounts use the task's ephemeral storage: 20 GiB by default, up to 200 GiB)
    /// - BOTO:EphemeralStorage (botocore 1.44.5 ECS model: sizeInGiB 21-200)
    /// - BOTO:Volume.host (botocore 1.44.5 ECS model: with an empty host the data is not guaranteed to persist)
    pub struct FargateBindMountStorage {
        code: "TD-VOL-026",
        name: "fargate-bind-mount-ephemeral-storage",
        severity: Info,
        scope: Task,
        summary: "Bind mounts on Fargate live in the task's ephemeral storage and are lost when it stops",
    }
}

/// Whether a volume is a bind mount whose host path Fargate chooses: no volume type, and no
/// `host.sourcePath` (TD-FG-015 reports that one).
fn is_bind_mount(volume: &Node) -> bool {
    TYPED
        .iter()
        .all(|key| volume.get(key).is_none_or(Node::is_null))
        && volume
            .at_path(["host", "sourcePath"])
            .is_none_or(|p| !p.is_set())
        && !volume.get("host").is_some_and(Node::is_unknown)
}

impl Rule for FargateBindMountStorage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if !facts.fargate || facts.windows || facts.platform_unknown {
            return;
        }
        let mounted: Vec<&str> = mount_points(cx)
            .filter_map(|(_, _, m)| m.get("sourceVolume").and_then(Node::as_str))
            .collect();
        let binds: Vec<(&Node, &str)> = volumes(cx)
            .filter(|v| is_bind_mount(v))
            .filter_map(volume_name)
            .filter(|(_, name)| mounted.contains(name))
            .collect();
        let Some(((first, name), others)) = binds.split_first() else {
            return;
        };
        let size = cx
            .task()
            .and_then(|t| t.at_path(["ephemeralStorage", "sizeInGiB"]))
            .and_then(|n| cx.int_of(n))
            .map_or_else(
                || "20 GiB by default".to_owned(),
                |gib| format!("{gib} GiB, set by ephemeralStorage"),
            );
        let mut finding = Finding::at(
            first,
            format!("volume '{name}' is a bind mount: on Fargate its files live in the task's ephemeral storage ({size}, shared with the image layers) and are lost when the task stops"),
        )
        .help("for data that must outlive the task use an EFS volume; for more scratch space raise ephemeralStorage.sizeInGiB (up to 200)");
        for (node, other) in others {
            finding = finding.label(node, format!("volume '{other}' is a bind mount too"));
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::FargateBindMountStorage as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, volumes: &str, mounts: &str) -> String {
        format!(
            r#"{{"family": "t", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512", {head}"volumes": [{volumes}], "containerDefinitions": [{{"name": "a", "image": "i", "mountPoints": [{mounts}]}}]}}"#
        )
    }

    const MOUNTS: &str = r#"{"sourceVolume": "data", "containerPath": "/data"}, {"sourceVolume": "cache", "containerPath": "/cache"}"#;

    #[test]
    fn mounted_bind_mounts_are_explained_once() {
        let text = task(
            "",
            r#"{"name": "data"}, {"name": "cache", "host": {}}"#,
            MOUNTS,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/volumes/0/name");
        assert_eq!(spanned(&text, &d[0]), "\"data\"");
        assert_eq!(d[0].labels[0].pointer, "/volumes/1/name");
        assert_eq!(d[0].message, "volume 'data' is a bind mount: on Fargate its files live in the task's ephemeral storage (20 GiB by default, shared with the image layers) and are lost when the task stops");
        let d = assert_fails(
            &Rule::META,
            &task(
                r#""ephemeralStorage": {"sizeInGiB": 50}, "#,
                r#"{"name": "data"}"#,
                MOUNTS,
            ),
        );
        assert!(d[0].message.contains("(50 GiB, set by ephemeralStorage,"));
    }

    #[test]
    fn typed_unmounted_and_ec2_volumes_pass() {
        assert_passes(
            &Rule::META,
            &task(
                "",
                r#"{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678"}}"#,
                MOUNTS,
            ),
        );
        // TD-VOL-008 reports an unused volume.
        assert_passes(&Rule::META, &task("", r#"{"name": "spare"}"#, MOUNTS));
        assert_passes(
            &Rule::META,
            &task(
                "",
                r#"{"name": "data", "host": {"sourcePath": "/data"}}"#,
                MOUNTS,
            ),
        );
        assert_passes(
            &Rule::META,
            &task("", r#"{"name": "data"}"#, MOUNTS).replace(r#"["FARGATE"]"#, r#"["EC2"]"#),
        );
    }
}
