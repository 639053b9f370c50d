use super::linux_off_fargate;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Warns about each host device a container maps in (`linuxParameters.devices`), on Linux
    /// tasks meant for EC2 or ECS Anywhere. Fargate refuses devices (TD-FG-012) and Windows has
    /// no `linuxParameters` (TD-WIN-001). A device without `hostPath` is TD-MISC-011's.
    ///
    /// ## Why is this bad?
    /// A device node is a direct line to the host's kernel driver: a disk (`/dev/sda`) can be
    /// read or rewritten block by block, bypassing every file permission, and a buggy driver
    /// is reachable from the container. Devices are sometimes needed (FUSE, a GPU through
    /// `resourceRequirements`, a serial port); map only those, read-only where the driver
    /// allows (`permissions: ["read"]`).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "backup",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "backup",
    ///       "image": "public.ecr.aws/docker/library/alpine:3.20",
    ///       "memory": 256,
    ///       "linuxParameters": {"devices": [{"hostPath": "/dev/xvda", "permissions": ["read", "write"]}]}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "backup",
    ///   "volumes": [{"name": "data", "host": {"sourcePath": "/srv/data"}}],
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "backup",
    ///       "image": "public.ecr.aws/docker/library/alpine:3.20",
    ///       "memory": 256,
    ///       "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": true}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LinuxParameters.devices (botocore 1.44.5 ECS model)
    /// - DOC: https://docs.docker.com/reference/cli/docker/container/run/#device
    pub struct HostDevicesExposed {
        code: "TD-SEC-009",
        name: "host-devices-exposed",
        severity: Warning,
        scope: Task,
        summary: "container that maps in host devices",
    }
}

impl Rule for HostDevicesExposed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !linux_off_fargate(cx) {
            return;
        }
        for (i, c, linux) in cx.container_members("linuxParameters") {
            let devices = linux.get("devices").map(Node::items).unwrap_or_default();
            for device in devices {
                let Some(path_node) = device.get("hostPath") else {
                    continue;
                };
                let Some(path) = path_node.as_str() else {
                    continue;
                };
                out.push(
                    Finding::at(
                        path_node,
                        format!(
                            "container {} maps in the host device {path}",
                            container_label(c, i)
                        ),
                    )
                    .help("map in only the devices the container cannot work without, with the fewest permissions (\"read\")"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::HostDevicesExposed as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn each_device_warns() {
        let text = task(
            "",
            r#""linuxParameters": {"devices": [{"hostPath": "/dev/fuse"}, {"hostPath": "/dev/sda", "containerPath": "/dev/sda"}]}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[1].pointer,
            "/containerDefinitions/0/linuxParameters/devices/1/hostPath"
        );
        assert_eq!(spanned(&text, &d[1]), r#""/dev/sda""#);
        assert_eq!(
            d[0].message,
            "container 'app' maps in the host device /dev/fuse"
        );
    }

    #[test]
    fn no_devices_and_other_platforms_pass() {
        assert_passes(
            &Rule::META,
            &task("", r#""linuxParameters": {"devices": []}"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "#,
                r#""linuxParameters": {"devices": [{"hostPath": "/dev/fuse"}]}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "linuxParameters": {"devices": [{"hostPath": "/dev/fuse"}]}}]"#,
        );
    }
}
