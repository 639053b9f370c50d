use super::{log_configs, LOG_DRIVERS};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a container of a Managed Instances task definition (`MANAGED_INSTANCES` in
    /// `requiresCompatibilities`) whose `logDriver` is not one of `awslogs`, `splunk`,
    /// `awsfirelens` or `json-file`.
    ///
    /// ## Why is this bad?
    /// Amazon ECS Managed Instances supports only those four drivers; `fluentd`, `gelf`,
    /// `journald` and `syslog` need a Docker daemon configured by you, which a managed instance
    /// does not offer. ECS checks a definition against every launch type its
    /// `requiresCompatibilities` lists, as it does for Fargate, so such a driver is refused at
    /// registration or, at the latest, leaves the task unable to start. (The list comes from
    /// the API reference text; no Managed Instances page was read in full.)
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["MANAGED_INSTANCES"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "logConfiguration": {"logDriver": "fluentd", "options": {"fluentd-address": "localhost:24224"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["MANAGED_INSTANCES"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "logConfiguration": {"logDriver": "json-file"}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.logDriver (botocore 1.44.5 ECS model: drivers supported on Managed Instances)
    pub struct ManagedInstancesLogDriverUnsupported {
        code: "TD-LOG-003",
        name: "managed-instances-log-driver-unsupported",
        severity: Error,
        scope: Task,
        summary: "log driver not supported on Managed Instances",
    }
}

/// The drivers Managed Instances supports.
const MANAGED_INSTANCES_DRIVERS: [&str; 4] = ["awslogs", "splunk", "awsfirelens", "json-file"];

impl Rule for ManagedInstancesLogDriverUnsupported {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.managed_instances || cx.facts.platform_unknown {
            return;
        }
        for log in log_configs(cx) {
            if MANAGED_INSTANCES_DRIVERS.contains(&log.driver) || !LOG_DRIVERS.contains(&log.driver)
            {
                continue;
            }
            out.push(
                Finding::at(
                    log.driver_node,
                    format!(
                        "log driver \"{}\" of container {} is not supported on Managed Instances; use awslogs, splunk, awsfirelens or json-file",
                        log.driver, log.label
                    ),
                )
                .help("send the logs with awslogs, splunk or awsfirelens (FireLens can forward to Fluentd), or keep json-file"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ManagedInstancesLogDriverUnsupported as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(compat: &str, driver: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": [{compat}], "containerDefinitions": [{{"name": "ok", "image": "b", "logConfiguration": {{"logDriver": "awslogs"}}}}, {{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "{driver}"}}}}]}}"#
        )
    }

    #[test]
    fn docker_daemon_drivers_fail_on_managed_instances() {
        let text = task(r#""MANAGED_INSTANCES""#, "syslog");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/1/logConfiguration/logDriver"
        );
        assert_eq!(spanned(&text, &d[0]), r#""syslog""#);
        assert_eq!(
            d[0].message,
            "log driver \"syslog\" of container 'app' is not supported on Managed Instances; use awslogs, splunk, awsfirelens or json-file"
        );
        for driver in ["fluentd", "gelf", "journald"] {
            assert_fails(&Rule::META, &task(r#""EC2", "MANAGED_INSTANCES""#, driver));
        }
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [MANAGED_INSTANCES]\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: gelf}\n");
    }

    #[test]
    fn supported_drivers_other_launch_types_and_unknown_values_pass() {
        for driver in ["awslogs", "splunk", "awsfirelens", "json-file"] {
            assert_passes(&Rule::META, &task(r#""MANAGED_INSTANCES""#, driver));
        }
        assert_passes(&Rule::META, &task(r#""EC2""#, "fluentd"));
        // An unknown driver is TD-LOG-001's.
        assert_passes(&Rule::META, &task(r#""MANAGED_INSTANCES""#, "firelens"));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: !Ref Compat\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: gelf}\n");
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "gelf"}}]"#,
        );
    }
}
