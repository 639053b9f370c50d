use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Explains a container with `readonlyRootFilesystem: true` that has nowhere to write: no
    /// writable mount point, no writable `volumesFrom` and no tmpfs mount.
    ///
    /// ## Why is this bad?
    /// A read-only root file system is good hardening (checkov CKV_AWS_336, AWS Config
    /// `ecs-containers-readonly-access`), but many programs write somewhere without saying so:
    /// temporary files in `/tmp` (Python's `tempfile`, JVM and Node.js caches), PID files in
    /// `/var/run`, caches in `/var/cache` or the home directory. With no writable path they
    /// fail at start or on first use (`Read-only file system`, `No usable temporary directory
    /// found`). Give the container scratch space where it writes: a task volume mounted there
    /// (on Fargate a bind mount from the task's ephemeral storage), or a tmpfs mount on EC2.
    /// When the program writes nowhere, there is nothing to change. Windows containers do not
    /// support the setting (TD-WIN-001).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/python:3.12-slim", "readonlyRootFilesystem": true}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "volumes": [{"name": "tmp"}],
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/python:3.12-slim", "readonlyRootFilesystem": true,
    ///      "mountPoints": [{"sourceVolume": "tmp", "containerPath": "/tmp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.readonlyRootFilesystem (botocore 1.44.5 ECS model: read-only access to the root file system)
    /// - BOTO:LinuxParameters.tmpfs (botocore 1.44.5 ECS model)
    /// - https://github.com/HHS/simpler-grants-gov/pull/7844 (a read-only root without /tmp: "No usable temporary directory found")
    pub struct ReadOnlyRootWithoutWritableMount {
        code: "TD-VOL-025",
        name: "read-only-root-without-writable-mount",
        severity: Info,
        scope: Containers,
        summary: "A container with a read-only root file system has no writable mount for scratch files",
    }
}

/// Whether a list of mount points or `volumesFrom` entries has one that is writable, or one
/// that cannot be read (so it may be). A deploy-time list counts as writable.
fn has_writable(cx: &Context<'_>, list: Option<&Node>) -> bool {
    let Some(list) = list else { return false };
    list.is_unknown()
        || list.items().iter().any(|m| {
            m.is_unknown() || m.get("readOnly").map_or(Some(false), |r| cx.bool_of(r)) != Some(true)
        })
}

impl Rule for ReadOnlyRootWithoutWritableMount {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.windows {
            return;
        }
        for (i, container) in cx.containers() {
            let Some(flag) = container.get("readonlyRootFilesystem") else {
                continue;
            };
            if cx.bool_of(flag) != Some(true) {
                continue;
            }
            let tmpfs = container.at_path(["linuxParameters", "tmpfs"]);
            if has_writable(cx, container.get("mountPoints"))
                || has_writable(cx, container.get("volumesFrom"))
                || tmpfs.is_some_and(|t| t.is_unknown() || !t.items().is_empty())
                || container
                    .get("linuxParameters")
                    .is_some_and(Node::is_unknown)
            {
                continue;
            }
            out.push(
                Finding::at(flag, format!("container {} has a read-only root file system and no writable mount: if it writes temporary files (/tmp, /var/run, caches), it fails", container_label(container, i)))
                    .help("mount a task volume where the container writes, for example a volume \"tmp\" at /tmp (on EC2 a tmpfs mount works too); nothing to change if it writes nowhere"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReadOnlyRootWithoutWritableMount as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(container: &str) -> String {
        format!(r#"[{{"name": "api", "image": "i", "readonlyRootFilesystem": true{container}}}]"#)
    }

    #[test]
    fn read_only_root_without_scratch_space_is_explained() {
        let text = task("");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/readonlyRootFilesystem");
        assert_eq!(spanned(&text, &d[0]), "true");
        assert!(d[0]
            .message
            .starts_with("container 'api' has a read-only root file system and no writable mount"));
        // Only read-only mounts.
        assert_fails(
            &Rule::META,
            &task(
                r#", "mountPoints": [{"sourceVolume": "cfg", "containerPath": "/etc/app", "readOnly": true}]"#,
            ),
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          ReadonlyRootFilesystem: 'true'\n");
    }

    #[test]
    fn writable_mounts_tmpfs_and_writable_roots_pass() {
        assert_passes(
            &Rule::META,
            &task(r#", "mountPoints": [{"sourceVolume": "tmp", "containerPath": "/tmp"}]"#),
        );
        assert_passes(
            &Rule::META,
            &task(r#", "volumesFrom": [{"sourceContainer": "side"}]"#),
        );
        assert_passes(
            &Rule::META,
            &task(r#", "linuxParameters": {"tmpfs": [{"containerPath": "/tmp", "size": 64}]}"#),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "api", "image": "i", "readonlyRootFilesystem": false}]"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "containerDefinitions": [{"name": "w", "image": "i", "readonlyRootFilesystem": true}]}"#,
        );
    }
}
