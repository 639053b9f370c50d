use super::log_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

/// The log drivers the ECS-optimized Linux AMIs register by default (ecs-init's
/// `ECS_AVAILABLE_LOGGING_DRIVERS`), besides `awsfirelens`, which the agent provides itself.
const AMI_DEFAULT_DRIVERS: [&str; 5] = ["json-file", "syslog", "awslogs", "fluentd", "none"];

declare_rule! {
    /// ## What it does
    /// Reports a container on EC2 or external (ECS Anywhere) Linux instances that uses a log
    /// driver those instances do not offer unless configured: `gelf`, `journald` or `splunk`.
    ///
    /// ## Why is this bad?
    /// On EC2 and external instances the container agent registers one attribute per log
    /// driver it may use, from its `ECS_AVAILABLE_LOGGING_DRIVERS` setting, and ECS places a
    /// task only on instances that have the attributes of its log drivers. The agent's own
    /// default is `["json-file","none"]`; ecs-init, which runs the agent on the ECS-optimized
    /// AMIs and on ECS Anywhere, sets `["json-file","syslog","awslogs","fluentd","none"]`.
    /// A task that logs with another driver is not placed (its tasks stay PENDING or RunTask
    /// reports a missing attribute) until the driver is added to `/etc/ecs/ecs.config` on the
    /// instances. `awslogs` and `awsfirelens` need nothing on those AMIs, so they are not
    /// reported; Fargate and Managed Instances run AWS's own configuration.
    ///
    /// rules.md words this as every driver other than `json-file`; the rule keeps to the
    /// drivers the ECS-optimized AMIs do not enable, where the hint has something to say.
    /// Windows instances, whose defaults differ, are not judged.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "logConfiguration": {"logDriver": "gelf", "options": {"gelf-address": "udp://graylog.internal:12201"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
    ///      "logConfiguration": {"logDriver": "syslog", "options": {"syslog-address": "udp://logs.internal:514"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// (Or keep `gelf` and add it to `ECS_AVAILABLE_LOGGING_DRIVERS` on the instances.)
    ///
    /// ## References
    /// - BOTO:LogConfiguration (botocore 1.44.5 ECS model: on EC2 the agent must register the available logging drivers with ECS_AVAILABLE_LOGGING_DRIVERS)
    /// - AGENT:agent/config/config_unix.go (`AvailableLoggingDrivers` default: json-file, none)
    /// - AGENT:ecs-init/docker/docker.go (ECS-optimized AMI default: json-file, syslog, awslogs, fluentd, none)
    /// - DG23:using_awslogs.md (the ECS-optimized AMI enables awslogs)
    pub struct LogDriverNotEnabledByDefault {
        code: "TD-LOG-004",
        name: "log-driver-not-enabled-by-default",
        severity: Info,
        scope: Task,
        summary: "A log driver that EC2 instances offer only when ECS_AVAILABLE_LOGGING_DRIVERS lists it",
    }
}

impl Rule for LogDriverNotEnabledByDefault {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if facts.platform_unknown || facts.windows || !(facts.ec2 || facts.external) {
            return;
        }
        for log in log_configs(cx) {
            let driver = log.driver;
            if !matches!(driver, "gelf" | "journald" | "splunk") {
                continue;
            }
            let defaults = AMI_DEFAULT_DRIVERS.join(", ");
            out.push(
                Finding::at(
                    log.driver_node,
                    format!("log driver \"{driver}\" of container {}: ECS places the task only on instances whose agent lists {driver} in ECS_AVAILABLE_LOGGING_DRIVERS, and the ECS-optimized AMIs list only {defaults}", log.label),
                )
                .help(format!("add \"{driver}\" to ECS_AVAILABLE_LOGGING_DRIVERS in /etc/ecs/ecs.config on the instances, for example ECS_AVAILABLE_LOGGING_DRIVERS=[\"json-file\",\"awslogs\",\"{driver}\"], and restart the agent")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LogDriverNotEnabledByDefault as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, driver: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "app", "image": "i", "memory": 64, "logConfiguration": {{"logDriver": "{driver}"}}}}]}}"#
        )
    }

    #[test]
    fn drivers_outside_the_ami_defaults_are_explained() {
        let text = task("", "gelf");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/logDriver"
        );
        assert_eq!(spanned(&text, &d[0]), "\"gelf\"");
        assert_eq!(d[0].message, "log driver \"gelf\" of container 'app': ECS places the task only on instances whose agent lists gelf in ECS_AVAILABLE_LOGGING_DRIVERS, and the ECS-optimized AMIs list only json-file, syslog, awslogs, fluentd, none");
        assert_fails(
            &Rule::META,
            &task(r#""requiresCompatibilities": ["EXTERNAL"], "#, "journald"),
        );
        // EC2 listed beside Fargate: the task may still land on an instance.
        assert_fails(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["EC2", "FARGATE"], "#,
                "splunk",
            ),
        );
    }

    #[test]
    fn default_drivers_fargate_and_windows_pass() {
        for driver in ["awslogs", "json-file", "syslog", "fluentd", "awsfirelens"] {
            assert_passes(&Rule::META, &task("", driver));
        }
        assert_passes(
            &Rule::META,
            &task(r#""requiresCompatibilities": ["FARGATE"], "#, "splunk"),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#,
                "gelf",
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "logConfiguration": {"logDriver": "gelf"}}]"#,
        );
    }
}
