use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports, in a task definition for Windows containers on Fargate (`FARGATE` and a
    /// `WINDOWS_SERVER_*` operating system family), the features Windows on Fargate does not
    /// offer: configurable ephemeral storage (`ephemeralStorage`), Amazon EFS volumes
    /// (`efsVolumeConfiguration`) and Active Directory through gMSA (`credentialSpecs`).
    ///
    /// ## Why is this bad?
    /// Windows tasks on Fargate get a fixed amount of storage, can mount only bind mounts, and
    /// cannot retrieve gMSA credentials ("This feature is not supported on Windows containers on
    /// Fargate"); EFS is a Linux-only volume type. A task definition using them is refused or its
    /// tasks cannot start. The 2023 developer guide lists more such features; those are reported
    /// by the rules that name them, so that each problem is said once: FSx volumes (TD-FG-015),
    /// App Mesh `proxyConfiguration` (TD-WIN-002), FireLens (TD-LOG-020), `maxSwap` /
    /// `swappiness` and `ulimits` (TD-WIN-001, TD-RES-027), `credentialspec:` in
    /// `dockerSecurityOptions` (TD-FG-008).
    ///
    /// AWS adds Windows features over time: the list follows the current pages cited below
    /// (storage options, gMSA) and the 2023 guide. If AWS has since lifted one of them, check the
    /// current Fargate Windows considerations.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "ephemeralStorage": {"sizeInGiB": 50},
    ///   "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html (ephemeral storage: "This isn't supported for Windows containers on AWS Fargate")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_data_volumes.html (Amazon EFS: Linux only)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows-gmsa.html ("This feature is not supported on Windows containers on Fargate")
    /// - DG23:AWS_Fargate.md (Windows containers on AWS Fargate considerations)
    pub struct FargateWindowsUnsupportedFeature {
        code: "TD-FG-022",
        name: "fargate-windows-unsupported-feature",
        severity: Error,
        scope: Task,
        summary: "Windows task on Fargate using ephemeral storage, EFS or gMSA",
    }
}

impl Rule for FargateWindowsUnsupportedFeature {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !super::windows_on_fargate(cx) {
            return;
        }
        let Some(task) = cx.task() else { return };
        if let Some(m) = task.member("ephemeralStorage") {
            if super::present_now(&m.value) {
                out.push(
                    Finding::at_key(m, "Windows containers on Fargate do not support configurable ephemeral storage (ephemeralStorage)")
                        .help("remove ephemeralStorage; Windows tasks on Fargate get a fixed amount of storage"),
                );
            }
        }
        for volume in task.get("volumes").map(|v| v.items()).unwrap_or_default() {
            if let Some(m) = volume.member("efsVolumeConfiguration") {
                if super::present_now(&m.value) {
                    out.push(
                        Finding::at_key(m, "Windows containers on Fargate do not support Amazon EFS volumes")
                            .help("remove the EFS volume: EFS volumes are for Linux tasks; keep only the volume name for a bind mount"),
                    );
                }
            }
        }
        for (i, container, specs) in cx.container_members("credentialSpecs") {
            if super::set_now(specs) {
                if let Some(m) = container.member("credentialSpecs") {
                    out.push(
                        Finding::at_key(
                            m,
                            format!(
                                "container {} uses gMSA (credentialSpecs), which Windows containers on Fargate do not support",
                                container_label(container, i)
                            ),
                        )
                        .help("remove credentialSpecs, or run the task on EC2 Windows container instances, where gMSA is supported"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fargate, fargate_windows};
    use super::FargateWindowsUnsupportedFeature as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const EFS: &str = r#""volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678"}}, {"name": "scratch"}]"#;
    const GMSA: &str =
        r#""credentialSpecs": ["credentialspecdomainless:arn:aws:s3:::bucket/spec.json"]"#;

    #[test]
    fn each_feature_fails_at_its_key() {
        let text = fargate_windows(r#""ephemeralStorage": {"sizeInGiB": 30}"#, "");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "\"ephemeralStorage\"");
        let text = fargate_windows(EFS, "");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/volumes/0/efsVolumeConfiguration");
        let text = fargate_windows("", GMSA);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "\"credentialSpecs\"");
        assert_eq!(
            d[0].message,
            "container 'app' uses gMSA (credentialSpecs), which Windows containers on Fargate do not support"
        );
    }

    #[test]
    fn linux_on_fargate_and_windows_on_ec2_pass() {
        let all = format!(r#""ephemeralStorage": {{"sizeInGiB": 30}}, {EFS}"#);
        assert_passes(&Rule::META, &fargate(&all, GMSA));
        assert_passes(
            &Rule::META,
            &format!(
                r#"{{"family": "a", "runtimePlatform": {{"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}}, {EFS}, "containerDefinitions": [{{"name": "a", "image": "b", {GMSA}}}]}}"#
            ),
        );
        assert_passes(
            &Rule::META,
            &fargate_windows(
                r#""volumes": [{"name": "scratch", "host": {}}]"#,
                r#""credentialSpecs": []"#,
            ),
        );
    }
}
