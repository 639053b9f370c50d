use super::{on_windows, with_os_label};
use crate::declare_rule;
use crate::lint::rules::fargate::set_now;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// Container members that configure Linux-only features, with why they cannot apply. Each is
/// reported when it holds a value (a non-empty list, object or string).
const MEMBERS: [(&str, &str); 7] = [
    (
        "linuxParameters",
        "capabilities, devices, the init process, shared memory, tmpfs mounts and swap are Linux kernel features",
    ),
    (
        "user",
        "a Windows container runs as the user its image sets (ContainerUser or ContainerAdministrator)",
    ),
    (
        "links",
        "Docker links do not exist for Windows containers; reach the other container through its mapped port or service discovery",
    ),
    (
        "dnsServers",
        "Windows containers use the DNS servers of the container instance (in awsvpc mode, of the VPC)",
    ),
    (
        "dnsSearchDomains",
        "Windows containers use the DNS search domains of the container instance (in awsvpc mode, of the VPC)",
    ),
    (
        "extraHosts",
        "resolve these names through DNS instead, for example with a Route 53 private hosted zone",
    ),
    (
        "systemControls",
        "sysctls are Linux kernel parameters",
    ),
];

/// Boolean container members that Windows refuses when true.
const FLAGS: [(&str, &str); 3] = [
    (
        "privileged",
        "Windows containers cannot run privileged",
    ),
    (
        "readonlyRootFilesystem",
        "a Windows container's root file system cannot be made read-only",
    ),
    (
        "disableNetworking",
        "networking cannot be disabled for Windows containers; restrict traffic with security groups instead",
    ),
];

declare_rule! {
    /// ## What it does
    /// Reports a container of a Windows task definition (`runtimePlatform.operatingSystemFamily`
    /// is a `WINDOWS_SERVER_*` value) that sets a parameter ECS supports only for Linux
    /// containers: `linuxParameters`, `user`, `links`, `dnsServers`, `dnsSearchDomains`,
    /// `extraHosts` or `systemControls` (with a value), or `privileged`,
    /// `readonlyRootFilesystem` or `disableNetworking` set to `true`.
    ///
    /// `false`, `null` and empty lists set nothing and are not reported (describe output and
    /// generated templates often carry `"systemControls": []`). On every launch type, Fargate
    /// included: the Fargate rules leave these members of a Windows task to this one.
    ///
    /// ## Why is this bad?
    /// These members configure Linux kernel features (capabilities, sysctls, a read-only root
    /// file system, a user id) or Docker networking features that Windows containers do not
    /// have. The API reference says of each of them "This parameter is not supported for Windows
    /// containers": the definition is refused, or the container cannot be created on the
    /// Windows container instance.
    ///
    /// To say each problem once, related cases are left to the rules that name them: `ulimits`
    /// on Windows is TD-RES-027, `dockerSecurityOptions` on Windows Fargate TD-FG-008, a GPU on
    /// Windows TD-RES-016, FireLens TD-LOG-020, `environmentFiles` TD-ENV-018, and the
    /// task-level `pidMode`, `ipcMode` and `proxyConfiguration` TD-WIN-002 (and TD-FG-009/011 on
    /// Fargate). `user` on Windows is also a clause of TD-SEC-004; it is reported here, once.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "iis",
    ///       "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    ///       "cpu": 1024,
    ///       "memory": 2048,
    ///       "readonlyRootFilesystem": true,
    ///       "linuxParameters": {"initProcessEnabled": true},
    ///       "portMappings": [{"containerPort": 80, "hostPort": 8080}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "iis",
    ///       "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    ///       "cpu": 1024,
    ///       "memory": 2048,
    ///       "portMappings": [{"containerPort": 80, "hostPort": 8080}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.linuxParameters, .user, .links, .dnsServers, .dnsSearchDomains, .extraHosts, .privileged, .readonlyRootFilesystem, .disableNetworking, .systemControls (botocore 1.44.5 ECS model: "This parameter is not supported for Windows containers")
    /// - DG23:windows_task_definitions.md (Windows task definition parameters)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows_task_definitions.html
    pub struct WindowsLinuxOnlyParameter {
        code: "TD-WIN-001",
        name: "windows-linux-only-parameter",
        severity: Error,
        scope: Task,
        summary: "Windows container that sets a parameter only Linux containers support",
    }
}

impl Rule for WindowsLinuxOnlyParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !on_windows(cx) {
            return;
        }
        for (i, container) in cx.containers() {
            let who = container_label(container, i);
            let mut found: Vec<Finding> = Vec::new();
            for (key, help) in MEMBERS {
                let Some(m) = container.member(key).filter(|m| set_now(&m.value)) else {
                    continue;
                };
                let name = field(cx, key);
                found.push(
                    Finding::at_key(
                        m,
                        format!("container {who} sets {name}, which is not supported for Windows containers"),
                    )
                    .help(format!("remove \"{name}\": {help}")),
                );
            }
            for (key, help) in FLAGS {
                let Some(v) = container.get(key).filter(|v| cx.bool_of(v) == Some(true)) else {
                    continue;
                };
                let name = field(cx, key);
                found.push(
                    Finding::at(
                        v,
                        format!("container {who} sets {name}: true, which is not supported for Windows containers"),
                    )
                    .help(format!("remove \"{name}\": {help}")),
                );
            }
            found.sort_by_key(|f| f.span);
            out.extend(found.into_iter().map(|f| with_os_label(f, cx)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsLinuxOnlyParameter as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str, os: &str, container: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["{compat}"], "runtimePlatform": {{"operatingSystemFamily": "{os}"}}, "containerDefinitions": [{{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis", "memory": 512, {container}}}]}}"#
        )
    }

    #[test]
    fn each_linux_only_member_fails() {
        for (member, shown) in [
            (
                r#""linuxParameters": {"initProcessEnabled": true}"#,
                "\"linuxParameters\"",
            ),
            (r#""user": "ContainerAdministrator""#, "\"user\""),
            (r#""links": ["db"]"#, "\"links\""),
            (r#""dnsServers": ["10.0.0.2"]"#, "\"dnsServers\""),
            (
                r#""dnsSearchDomains": ["corp.example.com"]"#,
                "\"dnsSearchDomains\"",
            ),
            (
                r#""extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.9"}]"#,
                "\"extraHosts\"",
            ),
            (
                r#""systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]"#,
                "\"systemControls\"",
            ),
            (r#""privileged": true"#, "true"),
            (r#""readonlyRootFilesystem": true"#, "true"),
            (r#""disableNetworking": true"#, "true"),
        ] {
            let text = td("EC2", "WINDOWS_SERVER_2019_FULL", member);
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d.len(), 1, "{member}");
            assert_eq!(spanned(&text, &d[0]), shown, "{member}");
        }
    }

    #[test]
    fn message_pointer_and_label() {
        let text = td(
            "FARGATE",
            "WINDOWS_SERVER_2022_CORE",
            r#""privileged": true"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/privileged");
        assert_eq!(
            d[0].message,
            "container 'iis' sets privileged: true, which is not supported for Windows containers"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("remove \"privileged\": Windows containers cannot run privileged")
        );
        assert_eq!(
            d[0].labels[0].message,
            "the task runs WINDOWS_SERVER_2022_CORE"
        );
    }

    #[test]
    fn cloudformation_names_and_coercions() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform:\n        OperatingSystemFamily: WINDOWS_SERVER_2019_CORE\n      ContainerDefinitions:\n        - Name: iis\n          Image: mcr.microsoft.com/windows/servercore/iis\n          Memory: 512\n          ReadonlyRootFilesystem: 'true'\n          Privileged: 'false'\n          User: !Ref User\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(spanned(text, &d[0]), "'true'");
        assert!(d[0].message.contains("ReadonlyRootFilesystem: true"));
    }

    #[test]
    fn false_empty_linux_or_unknown_platform_passes() {
        assert_passes(
            &Rule::META,
            &td(
                "EC2",
                "WINDOWS_SERVER_2019_FULL",
                r#""privileged": false, "readonlyRootFilesystem": false, "systemControls": [], "links": null, "dnsServers": [], "ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 1}]"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &td("EC2", "LINUX", r#""privileged": true, "user": "1000""#),
        );
        // Without runtimePlatform the task is not known to be Windows.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64, "user": "1000"}]}"#,
        );
        assert_passes(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform:\n        OperatingSystemFamily: !Ref Os\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Privileged: true\n",
        );
        // Terraform arrays have no task level.
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "privileged": true}]"#,
        );
    }
}
