use super::linux_known;
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns about a Linux container whose root filesystem is writable: `readonlyRootFilesystem`
    /// is absent, `null` or `false`. A missing member points at the container, `false` at the
    /// value. Windows containers cannot set it (TD-WIN-001) and are skipped, as are definitions
    /// whose platform or value is only known at deploy time and Terraform container arrays (no
    /// platform to read).
    ///
    /// This fires on most real definitions: a read-only root filesystem is a hardening step, not
    /// a default, and many images write to their own filesystem. Treat the warning as a
    /// question: does this container need to write outside a few known directories?
    ///
    /// ## Why is this bad?
    /// A writable root filesystem lets a compromised process change the container's own
    /// binaries, drop tools and persist until the task stops. With a read-only one, writes fail
    /// except on volumes you mount for them. The trade-off: the app must only write where you
    /// mount a volume (`/tmp`, a cache or upload directory); find those paths before you turn it
    /// on, or the app fails with "read-only file system" errors. AWS Config's
    /// `ecs-containers-readonly-access` and checkov's CKV_AWS_336 check the same.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{"name": "tmp"}],
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "readonlyRootFilesystem": true,
    ///       "mountPoints": [{"sourceVolume": "tmp", "containerPath": "/tmp"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CKV:ECSContainerReadOnlyRoot.py (checkov 3.3.30, CKV_AWS_336)
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-containers-readonly-access.html
    /// - BOTO:ContainerDefinition.readonlyRootFilesystem (botocore 1.44.5 ECS model: not for Windows)
    pub struct RootFilesystemWritable {
        code: "TD-SEC-002",
        name: "root-filesystem-writable",
        severity: Warning,
        scope: Task,
        summary: "Linux container whose root filesystem is writable",
    }
}

impl Rule for RootFilesystemWritable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !linux_known(cx) {
            return;
        }
        let key = field(cx, "readonlyRootFilesystem");
        for (i, c) in cx.containers() {
            let label = container_label(c, i);
            let (at, message) = match c.get("readonlyRootFilesystem") {
                None => (
                    c,
                    format!(
                        "container {label} can write to its root filesystem ({key} is not set)"
                    ),
                ),
                Some(n) if n.is_null() => (
                    n,
                    format!(
                        "container {label} can write to its root filesystem ({key} is not set)"
                    ),
                ),
                Some(n) => match cx.bool_of(n) {
                    Some(false) => (
                        n,
                        format!(
                            "container {label} can write to its root filesystem ({key} is false)"
                        ),
                    ),
                    _ => continue,
                },
            };
            out.push(Finding::at(at, message).help(format!(
                "if the app only writes to a few directories, set \"{key}\": true and mount a volume at each of them (for example /tmp)"
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::RootFilesystemWritable as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn writable_root_filesystems_warn() {
        let d = assert_fails(&Rule::META, &task("", r#""memory": 64"#));
        assert_eq!(d[0].pointer, "/containerDefinitions/0");
        assert_eq!(
            d[0].message,
            "container 'app' can write to its root filesystem (readonlyRootFilesystem is not set)"
        );
        let text = task(
            r#""requiresCompatibilities": ["FARGATE"], "#,
            r#""readonlyRootFilesystem": false"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "false");
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          ReadonlyRootFilesystem: 'false'\n");
        // CloudFormation's own spelling of the property.
        assert!(
            d[0].message.ends_with("(ReadonlyRootFilesystem is false)"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn read_only_windows_and_unknown_pass() {
        assert_passes(&Rule::META, &task("", r#""readonlyRootFilesystem": true"#));
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "#,
                r#""memory": 64"#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          ReadonlyRootFilesystem: !Ref ReadOnly\n");
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform: {OperatingSystemFamily: !Ref Os}\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n");
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
