use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

/// Operating system families ECS knows that Fargate does not offer (EC2 only), with the Fargate
/// family of the same edition to propose.
const EC2_ONLY: [(&str, &str); 3] = [
    ("WINDOWS_SERVER_2016_FULL", "WINDOWS_SERVER_2022_FULL"),
    ("WINDOWS_SERVER_2004_CORE", "WINDOWS_SERVER_2022_CORE"),
    ("WINDOWS_SERVER_20H2_CORE", "WINDOWS_SERVER_2022_CORE"),
];

declare_rule! {
    /// ## What it does
    /// Reports a Fargate task definition whose `runtimePlatform.operatingSystemFamily` is one
    /// that only EC2 offers: `WINDOWS_SERVER_2016_FULL`, `WINDOWS_SERVER_2004_CORE` or
    /// `WINDOWS_SERVER_20H2_CORE`.
    ///
    /// ## Why is this bad?
    /// Fargate runs `LINUX` and Windows Server 2019, 2022 and 2025 (`FULL` and `CORE`) tasks.
    /// The other families are in the API for EC2 container instances (the 2004 and 20H2 AMIs are
    /// deprecated), so a Fargate task definition naming one has no capacity to run on. Windows
    /// container images must match the host's Windows version, so rebuild the image on the
    /// base of the family you choose (for example `ltsc2022`).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2016_FULL"},
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2016"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_FULL"},
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html (operating system families for Fargate)
    /// - DG23:task_definition_parameters.md (runtimePlatform)
    /// - BOTO:RuntimePlatform.operatingSystemFamily (botocore 1.44.5 ECS model: the OSFamily enum)
    pub struct FargateUnsupportedOsFamily {
        code: "TD-FG-024",
        name: "fargate-unsupported-os-family",
        severity: Error,
        scope: Task,
        summary: "Fargate task definition with an EC2-only Windows Server family",
    }
}

impl Rule for FargateUnsupportedOsFamily {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        let Some(node) = cx
            .task()
            .and_then(|t| t.at_path(["runtimePlatform", "operatingSystemFamily"]))
        else {
            return;
        };
        let Some(family) = node.as_str() else { return };
        if let Some((_, instead)) = EC2_ONLY.iter().find(|(f, _)| *f == family) {
            out.push(
                Finding::at(node, format!("Fargate does not offer the operating system family {family}; it is for EC2 container instances only"))
                    .help(format!("use \"{instead}\" (Fargate offers LINUX and Windows Server 2019, 2022 and 2025), with an image built for it, or run the task on EC2")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FargateUnsupportedOsFamily as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str, os: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["{compat}"], "networkMode": "awsvpc", "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, "cpu": "1024", "memory": "2048", "containerDefinitions": []}}"#
        )
    }

    #[test]
    fn ec2_only_families_fail_at_the_family() {
        for os in [
            "WINDOWS_SERVER_2016_FULL",
            "WINDOWS_SERVER_2004_CORE",
            "WINDOWS_SERVER_20H2_CORE",
        ] {
            let text = td("FARGATE", os);
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d[0].pointer, "/runtimePlatform/operatingSystemFamily");
            assert_eq!(spanned(&text, &d[0]), format!("\"{os}\""));
        }
        let d = assert_fails(&Rule::META, &td("FARGATE", "WINDOWS_SERVER_20H2_CORE"));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("use \"WINDOWS_SERVER_2022_CORE\""));
    }

    #[test]
    fn fargate_families_or_ec2_pass() {
        for os in [
            "LINUX",
            "WINDOWS_SERVER_2019_FULL",
            "WINDOWS_SERVER_2019_CORE",
            "WINDOWS_SERVER_2022_FULL",
            "WINDOWS_SERVER_2022_CORE",
            "WINDOWS_SERVER_2025_FULL",
            "WINDOWS_SERVER_2025_CORE",
        ] {
            assert_passes(&Rule::META, &td("FARGATE", os));
        }
        assert_passes(&Rule::META, &td("EC2", "WINDOWS_SERVER_2016_FULL"));
    }
}
