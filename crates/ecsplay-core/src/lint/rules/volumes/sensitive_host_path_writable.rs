use super::{mount_points, volume_name, volumes};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

/// Host paths whose write access lets a container take over or damage the instance: the root,
/// system configuration, kernel interfaces, root's home, the boot partition and the Docker
/// socket (or the directory holding it).
const SENSITIVE: [&str; 7] = [
    "/",
    "/etc",
    "/proc",
    "/sys",
    "/root",
    "/boot",
    "/var/run/docker.sock",
];
/// Directories whose whole subtree is sensitive too.
const SENSITIVE_TREES: [&str; 5] = ["/etc", "/proc", "/sys", "/root", "/boot"];
/// Further paths that expose the Docker socket.
const DOCKER_SOCKET: [&str; 3] = ["/run/docker.sock", "/var/run", "/run"];

declare_rule! {
    /// ## What it does
    /// Warns about a container that mounts a sensitive host path (`/`, `/etc`, `/proc`,
    /// `/sys`, `/root`, `/boot`, anything below the last five, or the Docker socket and the
    /// directories holding it) without `readOnly: true`. One finding per mount point, with a
    /// label on the volume's `sourcePath`.
    ///
    /// ## Why is this bad?
    /// A bind mount of such a path gives the container the instance's own files: with write
    /// access it can change the instance's configuration, users or kernel settings, and
    /// through the Docker socket start privileged containers, which is full control of the
    /// instance and of every other task on it. Monitoring agents usually need these paths only
    /// to read. Mount points are writable unless `readOnly` is true. Host volumes do not exist
    /// on Fargate (TD-FG-015).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "agent",
    ///   "volumes": [{"name": "docker_sock", "host": {"sourcePath": "/var/run/docker.sock"}}],
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "example/monitoring-agent:7", "memory": 256,
    ///      "mountPoints": [{"sourceVolume": "docker_sock", "containerPath": "/var/run/docker.sock"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "agent",
    ///   "volumes": [{"name": "docker_sock", "host": {"sourcePath": "/var/run/docker.sock"}}],
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "example/monitoring-agent:7", "memory": 256,
    ///      "mountPoints": [{"sourceVolume": "docker_sock", "containerPath": "/var/run/docker.sock", "readOnly": true}]}
    ///   ]
    /// }
    /// ```
    ///
    /// (`readOnly` keeps the container from changing the socket file, not from talking to the
    /// Docker API through it; mount the socket only into containers that need it.)
    ///
    /// ## References
    /// - BOTO:HostVolumeProperties.sourcePath (botocore 1.44.5 ECS model: the host path presented to the container)
    /// - BOTO:MountPoint.readOnly (botocore 1.44.5 ECS model: read-write unless true)
    /// - rules.md TD-VOL-024 (general container-security practice: host path exposure)
    pub struct SensitiveHostPathWritable {
        code: "TD-VOL-024",
        name: "sensitive-host-path-writable",
        severity: Warning,
        scope: Task,
        summary: "A container mounts a sensitive host path, such as /etc or the Docker socket, writable",
    }
}

/// Whether a host path is sensitive (see [`SENSITIVE`]), after dropping trailing slashes.
fn sensitive(path: &str) -> bool {
    let trimmed = path.trim_end_matches('/');
    let path = if trimmed.is_empty() { "/" } else { trimmed };
    SENSITIVE.contains(&path)
        || DOCKER_SOCKET.contains(&path)
        || SENSITIVE_TREES.iter().any(|tree| {
            path.strip_prefix(tree)
                .is_some_and(|rest| rest.starts_with('/'))
        })
}

impl Rule for SensitiveHostPathWritable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.windows {
            return;
        }
        let exposed: Vec<(&str, &Node, &str)> = volumes(cx)
            .filter_map(|v| {
                let (_, name) = volume_name(v)?;
                let source = v.at_path(["host", "sourcePath"])?;
                let path = source.as_str().filter(|p| sensitive(p))?;
                Some((name, source, path))
            })
            .collect();
        if exposed.is_empty() {
            return;
        }
        for (i, container, mount) in mount_points(cx) {
            let Some(name) = mount.get("sourceVolume").and_then(Node::as_str) else {
                continue;
            };
            let Some((_, source, path)) = exposed.iter().find(|(n, _, _)| *n == name) else {
                continue;
            };
            let read_only = mount.get("readOnly");
            if read_only.and_then(|r| cx.bool_of(r)) == Some(true)
                || read_only.is_some_and(Node::is_unknown)
            {
                continue;
            }
            let at = read_only.filter(|r| !r.is_null()).unwrap_or(mount);
            out.push(
                Finding::at(at, format!("container {} mounts the host path {path} writable: it can change the instance itself", container_label(container, i)))
                    .label(source, "the host path")
                    .help("set \"readOnly\": true on the mount point, or mount a narrower path that the container needs"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{sensitive, SensitiveHostPathWritable as Rule};
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, source: &str, mount: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"volumes": [{{"name": "h", "host": {{"sourcePath": "{source}"}}}}], "containerDefinitions": [{{"name": "agent", "image": "i", "memory": 64, "mountPoints": [{{"sourceVolume": "h", "containerPath": "/host"{mount}}}]}}]}}"#
        )
    }

    #[test]
    fn paths() {
        for yes in [
            "/",
            "/etc",
            "/etc/",
            "/etc/ssh",
            "/proc",
            "/sys/fs/cgroup",
            "/root/.ssh",
            "/boot",
            "/var/run/docker.sock",
            "/run/docker.sock",
            "/var/run",
            "//",
        ] {
            assert!(sensitive(yes), "{yes}");
        }
        for no in [
            "/data",
            "/var/log",
            "/etcd",
            "/srv/etc",
            "/var/lib/app",
            "/tmp",
        ] {
            assert!(!sensitive(no), "{no}");
        }
    }

    #[test]
    fn writable_sensitive_mounts_warn() {
        let text = task("", "/var/run/docker.sock", "");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/mountPoints/0");
        assert_eq!(d[0].labels[0].pointer, "/volumes/0/host/sourcePath");
        assert_eq!(d[0].message, "container 'agent' mounts the host path /var/run/docker.sock writable: it can change the instance itself");
        let text = task("", "/etc", r#", "readOnly": false"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "false");
    }

    #[test]
    fn read_only_other_paths_and_fargate_pass() {
        assert_passes(&Rule::META, &task("", "/proc", r#", "readOnly": true"#));
        assert_passes(&Rule::META, &task("", "/data", ""));
        assert_passes(
            &Rule::META,
            &task(r#""requiresCompatibilities": ["FARGATE"], "#, "/etc", ""),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes: [{Name: h, Host: {SourcePath: /etc}}]\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          MountPoints: [{SourceVolume: h, ContainerPath: /h, ReadOnly: 'true'}]\n");
    }
}
