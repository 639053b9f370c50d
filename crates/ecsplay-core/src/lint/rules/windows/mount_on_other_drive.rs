use super::{on_windows, with_os_label};
use crate::declare_rule;
use crate::lint::rules::volumes::mount_points;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The drive letter of a Windows path such as `D:\data` or `d:/data`, upper-cased.
fn drive(path: &str) -> Option<char> {
    let mut chars = path.chars();
    let letter = chars.next().filter(char::is_ascii_alphabetic)?;
    (chars.next() == Some(':')).then(|| letter.to_ascii_uppercase())
}

declare_rule! {
    /// ## What it does
    /// Warns about a mount point of a Windows task definition whose `containerPath` is on a
    /// drive other than `C:`, such as `D:\data`.
    ///
    /// ## Why is this bad?
    /// The API reference says that Windows containers can mount whole directories only on the
    /// same drive as `$env:ProgramData`, that they cannot mount directories on a different
    /// drive, and that a mount point cannot be across drives. A Windows container has a single
    /// system drive, `C:` (where `$env:ProgramData` is on every ECS-optimized Windows AMI), so
    /// a mount on another drive fails when the container is created.
    ///
    /// The drive of `$env:ProgramData` cannot be read from a task definition; this rule assumes
    /// `C:`, which is why it warns rather than errs. A path without a drive is TD-VOL-003's.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "volumes": [{"name": "logs"}],
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048,
    ///      "mountPoints": [{"sourceVolume": "logs", "containerPath": "D:\\logs"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "volumes": [{"name": "logs"}],
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048,
    ///      "mountPoints": [{"sourceVolume": "logs", "containerPath": "C:\\logs"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.mountPoints (botocore 1.44.5 ECS model: "Windows containers can mount whole directories on the same drive as $env:ProgramData. Windows containers can't mount directories on a different drive, and mount point can't be across drives.")
    pub struct WindowsMountOnOtherDrive {
        code: "TD-WIN-006",
        name: "windows-mount-on-other-drive",
        severity: Warning,
        scope: Task,
        summary: "Windows mount point on a drive other than C:",
    }
}

impl Rule for WindowsMountOnOtherDrive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !on_windows(cx) {
            return;
        }
        for (i, c, mp) in mount_points(cx) {
            let Some(node) = mp.get("containerPath") else {
                continue;
            };
            let Some(path) = node.as_str() else { continue };
            let Some(letter) = drive(path).filter(|d| *d != 'C') else {
                continue;
            };
            let rest = path.get(2..).unwrap_or("");
            out.push(with_os_label(
                Finding::at(
                    node,
                    format!(
                        "containerPath \"{path}\" of container {} is on drive {letter}:; Windows containers can only mount on the drive of $env:ProgramData (C:)",
                        container_label(c, i)
                    ),
                )
                .help(format!("mount it on drive C:, for example \"C:{rest}\"")),
                cx,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsMountOnOtherDrive as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(os: &str, path: &str) -> String {
        format!(
            r#"{{"family": "a", "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, "volumes": [{{"name": "v"}}], "containerDefinitions": [{{"name": "iis", "image": "b", "memory": 512, "mountPoints": [{{"sourceVolume": "v", "containerPath": "{path}"}}]}}]}}"#
        )
    }

    #[test]
    fn other_drives_warn() {
        let text = td("WINDOWS_SERVER_2019_CORE", r"D:\\data");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/mountPoints/0/containerPath"
        );
        assert_eq!(spanned(&text, &d[0]), r#""D:\\data""#);
        assert_eq!(
            d[0].message,
            r#"containerPath "D:\data" of container 'iis' is on drive D:; Windows containers can only mount on the drive of $env:ProgramData (C:)"#
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some(r#"mount it on drive C:, for example "C:\data""#)
        );
        assert_fails(&Rule::META, &td("WINDOWS_SERVER_2022_FULL", "e:/logs"));
    }

    #[test]
    fn c_drive_linux_or_relative_passes() {
        assert_passes(&Rule::META, &td("WINDOWS_SERVER_2019_CORE", r"C:\\data"));
        assert_passes(&Rule::META, &td("WINDOWS_SERVER_2019_CORE", r"c:\\data"));
        assert_passes(&Rule::META, &td("WINDOWS_SERVER_2019_CORE", "data"));
        assert_passes(&Rule::META, &td("LINUX", r"D:\\data"));
    }
}
