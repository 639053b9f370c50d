use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a `dockerSecurityOptions` entry that is not one of the forms ECS documents:
    /// `no-new-privileges`, `apparmor:<profile>`, `label:<value>` (SELinux) or
    /// `credentialspec:<path>` (Windows gMSA). Docker's own `=` spelling
    /// (`apparmor=unconfined`), `seccomp` profiles and an empty profile are reported. Entries
    /// using AppArmor or SELinux get an info finding as well: the container instance's agent
    /// must be registered with `ECS_APPARMOR_CAPABLE=true` or `ECS_SELINUX_CAPABLE=true`, or
    /// no instance can place the task. On Fargate the whole member is refused (TD-FG-008), so
    /// this rule says nothing there.
    ///
    /// ## Why is this bad?
    /// ECS passes the options to Docker when it creates the container; an option it does not
    /// know makes the container fail to start, and the task stops.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "dockerSecurityOptions": ["no-new-privileges:true", "seccomp=unconfined"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "dockerSecurityOptions": ["no-new-privileges"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.dockerSecurityOptions (botocore 1.44.5 ECS model: the four forms; ECS_APPARMOR_CAPABLE / ECS_SELINUX_CAPABLE)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
    pub struct DockerSecurityOptionInvalid {
        code: "TD-SEC-011",
        name: "docker-security-option-invalid",
        severity: Error,
        scope: Containers,
        summary: "Docker security option that is not one of the forms ECS accepts",
    }
}

/// The agent setting an option needs, when it is an AppArmor or SELinux option.
fn needs_agent_capability(option: &str) -> Option<&'static str> {
    if option.starts_with("apparmor:") {
        Some("ECS_APPARMOR_CAPABLE")
    } else if option.starts_with("label:") {
        Some("ECS_SELINUX_CAPABLE")
    } else {
        None
    }
}

/// Whether an option is one of the four documented forms.
fn is_valid(option: &str) -> bool {
    option == "no-new-privileges"
        || ["apparmor:", "label:", "credentialspec:"].iter().any(|p| {
            option
                .strip_prefix(p)
                .is_some_and(|rest| !rest.trim().is_empty())
        })
}

impl Rule for DockerSecurityOptionInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate {
            return;
        }
        for (i, c, options) in cx.container_members("dockerSecurityOptions") {
            let label = container_label(c, i);
            for node in options.items() {
                let Some(option) = node.as_str() else {
                    continue;
                };
                if !is_valid(option) {
                    out.push(
                        Finding::at(
                            node,
                            format!("security option \"{option}\" of container {label} is not one ECS accepts"),
                        )
                        .help("use no-new-privileges, apparmor:<profile>, label:<value> or credentialspec:<path>, written with a colon"),
                    );
                } else if let Some(setting) = needs_agent_capability(option) {
                    out.push(
                        Finding::at(
                            node,
                            format!("security option \"{option}\" of container {label} needs container instances whose agent sets {setting}=true"),
                        )
                        .help(format!("set {setting}=true in /etc/ecs/ecs.config of the instances that should run this task"))
                        .severity(Severity::Info),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::DockerSecurityOptionInvalid as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn options(list: &str) -> String {
        task("", &format!(r#""dockerSecurityOptions": {list}"#))
    }

    #[test]
    fn unknown_options_fail() {
        let text = options(r#"["no-new-privileges", "seccomp=unconfined"]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/dockerSecurityOptions/1"
        );
        assert_eq!(spanned(&text, &d[0]), r#""seccomp=unconfined""#);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            d[0].message,
            "security option \"seccomp=unconfined\" of container 'app' is not one ECS accepts"
        );
        for bad in [
            "apparmor=unconfined",
            "apparmor:",
            "no-new-privileges:true",
            "label",
        ] {
            assert_fails(&Rule::META, &options(&format!(r#"["{bad}"]"#)));
        }
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "dockerSecurityOptions": ["privileged"]}]"#,
        );
    }

    #[test]
    fn apparmor_and_selinux_need_the_agent() {
        let d = assert_fails(
            &Rule::META,
            &options(r#"["apparmor:docker-default", "label:type:svirt_apache_t"]"#),
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].severity, Severity::Info);
        assert!(d[1].message.ends_with("ECS_SELINUX_CAPABLE=true"));
    }

    #[test]
    fn documented_forms_and_fargate_pass() {
        assert_passes(
            &Rule::META,
            &options(r#"["no-new-privileges", "credentialspec:file://gmsa.json"]"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["FARGATE"], "#,
                r#""dockerSecurityOptions": ["seccomp=x"]"#,
            ),
        );
    }
}
