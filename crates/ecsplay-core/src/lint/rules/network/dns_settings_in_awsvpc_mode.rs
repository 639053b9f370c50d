use super::{containers_setting, field, network_mode};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Warns about `dnsServers`, `dnsSearchDomains` or `disableNetworking: true` on a container
    /// of a task that uses the `awsvpc` network mode on EC2 or Managed Instances.
    ///
    /// On Fargate and on Windows these parameters are not supported at all; TD-FG-008 and
    /// TD-WIN-001 report them there as errors, so this rule does not repeat them.
    ///
    /// ## Why is this bad?
    /// In awsvpc mode the containers of a task share the network namespace of the task's
    /// network interface, whose DNS settings come from the VPC (its DHCP options set). The 2023
    /// developer guide lists these three parameters as not supported with awsvpc; the current
    /// API reference only excludes Windows and Fargate. Whether ECS honours them in awsvpc mode
    /// could not be confirmed, so this is a warning: check that the setting takes effect, or
    /// configure DNS in the VPC instead.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "resolver-test",
    ///   "networkMode": "awsvpc",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128, "dnsServers": ["10.0.0.2"], "dnsSearchDomains": ["corp.example.com"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "resolver-test",
    ///   "networkMode": "awsvpc",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128}
    ///   ]
    /// }
    /// ```
    ///
    /// Set the DNS servers and search domains in the VPC's DHCP options set.
    ///
    /// ## References
    /// - DG23:task_definition_parameters.md (dnsServers, dnsSearchDomains, disableNetworking: not supported with awsvpc)
    /// - BOTO:ContainerDefinition.dnsServers, dnsSearchDomains, disableNetworking (botocore 1.44.5 ECS model: not supported for Windows containers or on Fargate)
    pub struct DnsSettingsInAwsvpcMode {
        code: "TD-NET-013",
        name: "dns-settings-in-awsvpc-mode",
        severity: Warning,
        scope: Task,
        summary: "dnsServers, dnsSearchDomains or disableNetworking in a task that uses the awsvpc network mode",
    }
}

impl Rule for DnsSettingsInAwsvpcMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.windows || network_mode(cx) != Some(NetworkMode::Awsvpc) {
            return;
        }
        let mut set = containers_setting(cx, "dnsServers");
        set.extend(containers_setting(cx, "dnsSearchDomains"));
        set.extend(
            cx.container_members("disableNetworking")
                .filter(|(_, _, v)| cx.bool_of(v) == Some(true)),
        );
        set.sort_by_key(|(_, _, v)| v.span);
        for (i, container, value) in set {
            let Some(key) = value.pointer.rsplit('/').next() else {
                continue;
            };
            out.push(
                Finding::at(
                    value,
                    format!(
                        "{key} on container {} may have no effect in awsvpc network mode",
                        container_label(container, i)
                    ),
                )
                .help(format!(
                    "check that it takes effect, or remove \"{key}\" and configure DNS in the VPC's DHCP options set{}",
                    if key == field(cx, "disableNetworking") { " (use the none network mode to run without a network)" } else { "" }
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DnsSettingsInAwsvpcMode as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, settings: &str) -> String {
        format!(
            r#"{{"family": "a", {head}"containerDefinitions": [{{"name": "app", "image": "b", "memory": 64{settings}}}]}}"#
        )
    }

    #[test]
    fn dns_settings_in_awsvpc_warn() {
        let text = task(
            r#""networkMode": "awsvpc", "#,
            r#", "dnsServers": ["10.0.0.2"], "disableNetworking": true, "dnsSearchDomains": ["corp"]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/dnsServers");
        assert_eq!(spanned(&text, &d[0]), r#"["10.0.0.2"]"#);
        assert_eq!(
            d[0].message,
            "dnsServers on container 'app' may have no effect in awsvpc network mode"
        );
        assert_eq!(d[1].pointer, "/containerDefinitions/0/disableNetworking");
        assert_eq!(d[2].pointer, "/containerDefinitions/0/dnsSearchDomains");
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      ContainerDefinitions:\n        - Name: app\n          Image: b\n          DnsServers: [10.0.0.2]\n");
        assert!(d[0].message.starts_with("DnsServers on container 'app'"));
    }

    #[test]
    fn other_modes_false_and_covered_platforms_pass() {
        let settings = r#", "dnsServers": ["10.0.0.2"]"#;
        assert_passes(&Rule::META, &task(r#""networkMode": "bridge", "#, settings));
        assert_passes(&Rule::META, &task("", settings));
        assert_passes(
            &Rule::META,
            &task(
                r#""networkMode": "awsvpc", "#,
                r#", "disableNetworking": false, "dnsServers": []"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "#,
                settings,
            ),
        );
    }
}
