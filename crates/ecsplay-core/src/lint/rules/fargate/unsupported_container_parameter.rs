use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

/// Container members Fargate refuses when they hold a value, with what to do instead.
const MEMBERS: [(&str, &str); 5] = [
    (
        "dnsServers",
        "remove dnsServers; Fargate tasks use the DNS resolver of their VPC (set it with the VPC's DHCP option set)",
    ),
    (
        "dnsSearchDomains",
        "remove dnsSearchDomains; Fargate tasks use the search domains of their VPC's DHCP option set",
    ),
    (
        "dockerSecurityOptions",
        "remove dockerSecurityOptions; for Active Directory (gMSA) on Fargate use credentialSpecs instead",
    ),
    (
        "extraHosts",
        "remove extraHosts; resolve those names through DNS, for example a Route 53 private hosted zone",
    ),
    (
        "links",
        "remove links; the containers of a Fargate task share one network namespace and reach each other on localhost",
    ),
];

/// Boolean container members Fargate refuses when true.
const FLAGS: [(&str, &str); 2] = [
    (
        "privileged",
        "remove privileged; Fargate only lets a container add the SYS_PTRACE capability (linuxParameters.capabilities.add)",
    ),
    (
        "disableNetworking",
        "remove disableNetworking; restrict the task's traffic with its security groups instead",
    ),
];

/// `linuxParameters` members Fargate refuses.
const LINUX: [(&str, &str); 2] = [
    (
        "maxSwap",
        "remove maxSwap; Fargate tasks have no swap space",
    ),
    (
        "swappiness",
        "remove swappiness; Fargate tasks have no swap space",
    ),
];

declare_rule! {
    /// ## What it does
    /// Reports a container of a Fargate task definition that sets a parameter Fargate does not
    /// support: `dnsServers`, `dnsSearchDomains`, `dockerSecurityOptions`, `extraHosts` or
    /// `links` (non-empty), `privileged` or `disableNetworking` (true), or
    /// `linuxParameters.maxSwap` / `linuxParameters.swappiness` (any value).
    ///
    /// ## Why is this bad?
    /// These parameters configure the Docker host, which a Fargate task does not have: the task
    /// runs alone in a micro-VM whose network is its elastic network interface. ECS refuses a
    /// definition that lists `FARGATE` in `requiresCompatibilities` with any of them.
    ///
    /// To say each problem once, some cases are left to the rule that names them more exactly:
    /// `links` and `extraHosts` in `awsvpc` mode are TD-NET-010 and TD-NET-012 (ECS answers
    /// `Links are not supported when networkMode=awsvpc.`); on Windows every one of these except
    /// `dockerSecurityOptions` is a Linux-only parameter (TD-WIN-001); a `GPU` resource
    /// requirement on Fargate is TD-RES-016.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "nginx:1.27", "privileged": true, "dnsServers": ["10.0.0.2"]}
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
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "nginx:1.27", "privileged": false}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html (task definition parameters not valid in Fargate tasks)
    /// - BOTO:ContainerDefinition.privileged, ContainerDefinition.dockerSecurityOptions, LinuxParameters.maxSwap, LinuxParameters.swappiness (botocore 1.44.5 ECS model: not supported on Fargate)
    /// - DG23:AWS_Fargate.md (the same list)
    pub struct FargateUnsupportedContainerParameter {
        code: "TD-FG-008",
        name: "fargate-unsupported-container-parameter",
        severity: Error,
        scope: Task,
        summary: "container parameter that Fargate does not support",
    }
}

impl Rule for FargateUnsupportedContainerParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        let windows = cx.facts.windows;
        let awsvpc = cx.facts.network_mode_is(&NetworkMode::Awsvpc);
        for (i, container) in cx.containers() {
            let who = container_label(container, i);
            for (key, help) in MEMBERS {
                let reported_elsewhere = (windows && key != "dockerSecurityOptions")
                    || (awsvpc && matches!(key, "links" | "extraHosts"));
                if reported_elsewhere {
                    continue;
                }
                if let Some(m) = container.member(key) {
                    if super::set_now(&m.value) {
                        // gMSA, the usual reason for security options on Windows, needs EC2.
                        let help = if windows {
                            "remove dockerSecurityOptions; Windows containers on Fargate support no security options (gMSA needs EC2 container instances)"
                        } else {
                            help
                        };
                        out.push(
                            Finding::at_key(
                                m,
                                format!(
                                    "container {who} sets {key}, which Fargate does not support"
                                ),
                            )
                            .help(help),
                        );
                    }
                }
            }
            if windows {
                continue;
            }
            for (key, help) in FLAGS {
                if let Some(v) = container.get(key).filter(|v| cx.bool_of(v) == Some(true)) {
                    out.push(
                        Finding::at(
                            v,
                            format!(
                                "container {who} sets {key}: true, which Fargate does not support"
                            ),
                        )
                        .help(help),
                    );
                }
            }
            let Some(linux) = container.get("linuxParameters") else {
                continue;
            };
            for (key, help) in LINUX {
                if let Some(m) = linux.member(key) {
                    if super::present_now(&m.value) {
                        out.push(
                            Finding::at_key(
                                m,
                                format!("container {who} sets linuxParameters.{key}, which Fargate does not support"),
                            )
                            .help(help),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn, fargate_windows, td};
    use super::FargateUnsupportedContainerParameter as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn each_parameter_fails_at_its_key_or_value() {
        for (member, shown) in [
            (r#""dnsServers": ["10.0.0.2"]"#, "\"dnsServers\""),
            (
                r#""dnsSearchDomains": ["corp.example"]"#,
                "\"dnsSearchDomains\"",
            ),
            (
                r#""dockerSecurityOptions": ["no-new-privileges"]"#,
                "\"dockerSecurityOptions\"",
            ),
            (r#""privileged": true"#, "true"),
            (r#""disableNetworking": true"#, "true"),
            (r#""linuxParameters": {"maxSwap": 0}"#, "\"maxSwap\""),
            (
                r#""linuxParameters": {"maxSwap": 512, "swappiness": 60}"#,
                "\"maxSwap\"",
            ),
        ] {
            let text = fargate("", member);
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(spanned(&text, &d[0]), shown, "{member}");
        }
        let d = assert_fails(&Rule::META, &fargate("", r#""privileged": true"#));
        assert_eq!(d[0].pointer, "/containerDefinitions/0/privileged");
        assert_eq!(
            d[0].message,
            "container 'app' sets privileged: true, which Fargate does not support"
        );
    }

    #[test]
    fn links_and_extra_hosts_outside_awsvpc_are_reported_here() {
        let bridge = td(
            r#"["FARGATE"]"#,
            "",
            r#""links": ["db"], "extraHosts": [{"hostname": "a", "ipAddress": "10.0.0.1"}]"#,
        )
        .replace("\"awsvpc\"", "\"bridge\"");
        assert_eq!(assert_fails(&Rule::META, &bridge).len(), 2);
        // In awsvpc mode TD-NET-010 / TD-NET-012 report them.
        assert_passes(&Rule::META, &fargate("", r#""links": ["db"]"#));
    }

    #[test]
    fn cloudformation_strings_are_coerced() {
        let text = fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          Privileged: 'true'\n");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/Privileged"
        );
        assert_passes(
            &Rule::META,
            &fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          Privileged: 'false'\n          DnsServers: !Ref Dns\n"),
        );
    }

    #[test]
    fn windows_keeps_only_docker_security_options() {
        assert_passes(
            &Rule::META,
            &fargate_windows("", r#""privileged": true, "dnsServers": ["10.0.0.2"]"#),
        );
        let d = assert_fails(
            &Rule::META,
            &fargate_windows(
                "",
                r#""dockerSecurityOptions": ["credentialspec:arn:aws:s3:::b/k"]"#,
            ),
        );
        assert!(d[0].help.as_deref().unwrap().contains("gMSA needs EC2"));
    }

    #[test]
    fn false_empty_null_or_ec2_passes() {
        assert_passes(
            &Rule::META,
            &fargate(
                "",
                r#""privileged": false, "disableNetworking": false, "dnsServers": [], "links": null, "linuxParameters": {"maxSwap": null, "initProcessEnabled": true}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &ec2(
                "",
                r#""privileged": true, "dnsServers": ["10.0.0.2"], "linuxParameters": {"maxSwap": 0}"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "privileged": true}]"#,
        );
    }
}
