use crate::declare_rule;
use crate::lint::rules::network::{field, network_mode};
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};
use std::net::IpAddr;

/// Whether Docker accepts `value` as an address: an IPv4 or IPv6 address, or (for extra hosts)
/// Docker's `host-gateway`, which it replaces with the host's address.
fn is_address(value: &str, host_gateway: bool) -> bool {
    value.parse::<IpAddr>().is_ok() || (host_gateway && value == "host-gateway")
}

declare_rule! {
    /// ## What it does
    /// Warns about a `dnsServers` entry, or an `extraHosts[*].ipAddress`, that is not an IPv4
    /// or IPv6 address — typically a host name such as `dns.google` or an address with a port.
    /// For `extraHosts`, Docker's special value `host-gateway` is accepted.
    ///
    /// Where the member is not supported at all it is reported by the rule for that, not here:
    /// on Fargate (TD-FG-008), on Windows (TD-WIN-001), and `extraHosts` in awsvpc mode
    /// (TD-NET-012).
    ///
    /// ## Why is this bad?
    /// `dnsServers` become the `nameserver` lines of the container's `/etc/resolv.conf` and
    /// `extraHosts` lines of its `/etc/hosts`; both take addresses. Docker refuses a DNS server
    /// that is not an IP address (`… is not an ip address`) and an extra host whose address is
    /// invalid, so the container does not start. It is a warning because ECS itself does not
    /// document a check at registration.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "resolver",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128,
    ///      "dnsServers": ["dns.corp.example.com"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "resolver",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128,
    ///      "dnsServers": ["10.0.0.2"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.dnsServers (botocore 1.44.5 ECS model: maps to Dns of docker container create)
    /// - BOTO:HostEntry.ipAddress (botocore 1.44.5 ECS model: "The IP address to use in the /etc/hosts entry.")
    /// - DOC: https://docs.docker.com/reference/cli/docker/container/run/#add-host (host-gateway)
    pub struct DnsServerNotIp {
        code: "TD-MISC-015",
        name: "dns-server-not-ip",
        severity: Warning,
        scope: Containers,
        summary: "dnsServers entry or extraHosts ipAddress that is not an IP address",
    }
}

impl Rule for DnsServerNotIp {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Fargate and Windows refuse both members (TD-FG-008, TD-WIN-001).
        if cx.facts.fargate || cx.facts.windows {
            return;
        }
        let dns = field(cx, "dnsServers");
        for (i, c, list) in cx.container_members("dnsServers") {
            for item in list.items() {
                let Some(value) = item.as_str().filter(|v| !is_address(v.trim(), false)) else {
                    continue;
                };
                out.push(
                    Finding::at(
                        item,
                        format!(
                            "{dns} entry \"{value}\" of container {} is not an IP address",
                            container_label(c, i)
                        ),
                    )
                    .help(
                        "give the IPv4 or IPv6 address of the DNS server, for example \"10.0.0.2\"",
                    ),
                );
            }
        }
        // In awsvpc mode extraHosts is not supported at all (TD-NET-012).
        if network_mode(cx) == Some(NetworkMode::Awsvpc) {
            return;
        }
        let hosts = field(cx, "extraHosts");
        for (i, c, list) in cx.container_members("extraHosts") {
            for entry in list.items() {
                let Some(ip) = entry.get("ipAddress") else {
                    continue;
                };
                let Some(value) = ip.as_str().filter(|v| !is_address(v.trim(), true)) else {
                    continue;
                };
                let host = entry
                    .get("hostname")
                    .and_then(|h| h.as_str())
                    .map_or_else(String::new, |h| format!(" for \"{h}\""));
                out.push(
                    Finding::at(
                        ip,
                        format!("{hosts} ipAddress \"{value}\"{host} of container {} is not an IP address", container_label(c, i)),
                    )
                    .help("give the IPv4 or IPv6 address the host name should resolve to (or \"host-gateway\" for the container instance)"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DnsServerNotIp as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(mode: &str, container: &str) -> String {
        format!(
            r#"{{"family": "a", "networkMode": "{mode}", "containerDefinitions": [{{"name": "app", "image": "b", "memory": 64, {container}}}]}}"#
        )
    }

    #[test]
    fn names_and_ports_warn() {
        let text = td("bridge", r#""dnsServers": ["10.0.0.2", "dns.google"]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/dnsServers/1");
        assert_eq!(spanned(&text, &d[0]), "\"dns.google\"");
        assert_eq!(
            d[0].message,
            "dnsServers entry \"dns.google\" of container 'app' is not an IP address"
        );
        assert_fails(&Rule::META, &td("host", r#""dnsServers": ["10.0.0.2:53"]"#));
        let text = td(
            "bridge",
            r#""extraHosts": [{"hostname": "db", "ipAddress": "db.internal"}]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/extraHosts/0/ipAddress"
        );
        assert_eq!(d[0].message, "extraHosts ipAddress \"db.internal\" for \"db\" of container 'app' is not an IP address");
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "dnsServers": ["x"]}]"#,
        );
    }

    #[test]
    fn addresses_and_unsupported_places_pass() {
        assert_passes(
            &Rule::META,
            &td(
                "bridge",
                r#""dnsServers": ["10.0.0.2", "2001:db8::53"], "extraHosts": [{"hostname": "h", "ipAddress": "host-gateway"}, {"hostname": "v6", "ipAddress": "::1"}]"#,
            ),
        );
        // awsvpc extraHosts: TD-NET-012; Fargate: TD-FG-008.
        assert_passes(
            &Rule::META,
            &td(
                "awsvpc",
                r#""extraHosts": [{"hostname": "h", "ipAddress": "x"}]"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "a", "image": "b", "dnsServers": ["x"]}]}"#,
        );
    }
}
