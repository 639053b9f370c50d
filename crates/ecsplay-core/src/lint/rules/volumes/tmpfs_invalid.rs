use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

/// The tmpfs mount options ECS accepts (BOTO:Tmpfs.mountOptions).
const MOUNT_OPTIONS: [&str; 39] = [
    "defaults",
    "ro",
    "rw",
    "suid",
    "nosuid",
    "dev",
    "nodev",
    "exec",
    "noexec",
    "sync",
    "async",
    "dirsync",
    "remount",
    "mand",
    "nomand",
    "atime",
    "noatime",
    "diratime",
    "nodiratime",
    "bind",
    "rbind",
    "unbindable",
    "runbindable",
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "relatime",
    "norelatime",
    "strictatime",
    "nostrictatime",
    "mode",
    "uid",
    "gid",
    "nr_inodes",
    "nr_blocks",
    "mpol",
];

/// The options of the list that take a value in Linux (`mode=1777`).
const VALUED: [&str; 6] = ["mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol"];

declare_rule! {
    /// ## What it does
    /// Reports a `linuxParameters.tmpfs` mount whose `size` is 0 or less, or whose
    /// `mountOptions` has an option ECS does not accept.
    ///
    /// ## Why is this bad?
    /// A tmpfs mount needs a positive size in MiB: ECS counts it against the instance's memory
    /// when it places the task, and rejects 0 ("The container has an invalid tmpfs size value
    /// specified. It must be a non-zero, non-negative integer."). The mount options must come
    /// from the list of the API (`rw`, `noexec`, `nosuid`, `mode`, ...); the size is its own
    /// member, not a `size=` option.
    ///
    /// The options that Linux writes with a value (`mode`, `uid`, `gid`, `nr_inodes`,
    /// `nr_blocks`, `mpol`) are accepted both bare and as `mode=1777`: whether ECS accepts the
    /// second form could not be verified, so it is not reported. A tmpfs without
    /// `containerPath` or `size` is TD-SHAPE-014's finding, tmpfs on Fargate TD-FG-012's.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "readonlyRootFilesystem": true,
    ///      "linuxParameters": {"tmpfs": [{"containerPath": "/tmp", "size": 0, "mountOptions": ["rw", "size=64m"]}]}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "readonlyRootFilesystem": true,
    ///      "linuxParameters": {"tmpfs": [{"containerPath": "/tmp", "size": 64, "mountOptions": ["rw", "noexec"]}]}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Tmpfs (botocore 1.44.5 ECS model: size in MiB; the valid mountOptions values)
    /// - ERR: https://github.com/aws/amazon-ecs-agent/issues/2226 (`ClientException: The container has an invalid tmpfs size value specified. It must be a non-zero, non-negative integer.`)
    /// - AGENT:proposals/shmsize-tmpfs.md (mount options: tmpfs options allowed by Docker except size)
    pub struct TmpfsInvalid {
        code: "TD-VOL-022",
        name: "tmpfs-invalid",
        severity: Error,
        scope: Containers,
        summary: "A tmpfs mount with a size of 0 or less, or a mount option ECS does not accept",
    }
}

/// Whether ECS accepts a tmpfs mount option (see the rule's documentation for `key=value`).
fn option_ok(option: &str) -> bool {
    match option.split_once('=') {
        Some((key, value)) => VALUED.contains(&key) && !value.is_empty(),
        None => MOUNT_OPTIONS.contains(&option),
    }
}

impl Rule for TmpfsInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // TD-FG-012 and TD-WIN-001 ask to remove the tmpfs mounts there.
        if !cx.facts.platform_unknown && (cx.facts.fargate || cx.facts.windows) {
            return;
        }
        for (i, container, linux) in cx.container_members("linuxParameters") {
            let label = container_label(container, i);
            for mount in linux.get("tmpfs").map(Node::items).unwrap_or_default() {
                let path = mount
                    .get("containerPath")
                    .and_then(Node::as_str)
                    .map_or_else(String::new, |p| format!(" at {p}"));
                if let Some(node) = mount.get("size") {
                    if let Some(size) = cx.int_of(node).filter(|s| *s <= 0) {
                        out.push(
                            Finding::at(node, format!("tmpfs size {size} of container {label}{path} is invalid: it must be a non-zero, non-negative integer (MiB)"))
                                .help("write the most memory, in MiB, the tmpfs may use, for example 64; ECS reserves it on the instance"),
                        );
                    }
                }
                for option in mount
                    .get("mountOptions")
                    .map(Node::items)
                    .unwrap_or_default()
                {
                    let Some(text) = option.as_str() else {
                        continue;
                    };
                    if option_ok(text) {
                        continue;
                    }
                    let help = if text.starts_with("size=") {
                        "remove the size= option: write the size in MiB in the tmpfs \"size\" member".to_owned()
                    } else {
                        "use options of the ECS list, such as rw, ro, noexec, nosuid, nodev, noatime or mode".to_owned()
                    };
                    out.push(
                        Finding::at(option, format!("tmpfs mount option \"{text}\" of container {label}{path} is not one ECS accepts"))
                            .help(help),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{option_ok, TmpfsInvalid as Rule};
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(tmpfs: &str) -> String {
        format!(r#"[{{"name": "web", "image": "i", "linuxParameters": {{"tmpfs": [{tmpfs}]}}}}]"#)
    }

    #[test]
    fn options() {
        for ok in [
            "rw",
            "noexec",
            "mode",
            "mode=1777",
            "uid=1000",
            "nr_inodes=4k",
        ] {
            assert!(option_ok(ok), "{ok}");
        }
        for bad in ["size=64m", "RW", "noexe", "", "mode=", "exec=1"] {
            assert!(!option_ok(bad), "{bad}");
        }
    }

    #[test]
    fn bad_sizes_and_options_fail() {
        let text = task(r#"{"containerPath": "/tmp", "size": 0}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/linuxParameters/tmpfs/0/size");
        assert_eq!(spanned(&text, &d[0]), "0");
        assert_eq!(d[0].message, "tmpfs size 0 of container 'web' at /tmp is invalid: it must be a non-zero, non-negative integer (MiB)");
        assert_fails(
            &Rule::META,
            &task(r#"{"containerPath": "/tmp", "size": -64}"#),
        );
        let text =
            task(r#"{"containerPath": "/run", "size": 16, "mountOptions": ["rw", "size=16m"]}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/linuxParameters/tmpfs/0/mountOptions/1");
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("remove the size= option"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: w\n          Image: b\n          LinuxParameters: {Tmpfs: [{ContainerPath: /tmp, Size: '0'}]}\n");
    }

    #[test]
    fn good_tmpfs_passes() {
        assert_passes(
            &Rule::META,
            &task(
                r#"{"containerPath": "/tmp", "size": 64, "mountOptions": ["rw", "noexec", "nosuid", "mode=1777"]}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(r#"{"containerPath": "/tmp", "size": 1}"#),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "w", "image": "i", "linuxParameters": {"tmpfs": [{"containerPath": "/tmp", "size": 0}]}}]}"#,
        );
    }
}
