use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a `logConfiguration` without a `logDriver`, or with a `logDriver` that is not one
    /// of the drivers ECS knows: `json-file`, `syslog`, `journald`, `gelf`, `fluentd`,
    /// `awslogs`, `splunk`, `awsfirelens`. Common mistakes are `firelens` (the driver is
    /// `awsfirelens`), `cloudwatch` or `awslog` (the driver is `awslogs`), and `logentries`,
    /// which older documentation listed and the API no longer accepts.
    ///
    /// This is checked by the JSON Schema layer (`logDriver` is required and an enum) and
    /// reported under this code. An empty string is TD-SHAPE-015, and a driver that exists but
    /// is not available on the chosen launch type is TD-FG-016 (Fargate) or TD-LOG-003
    /// (Managed Instances).
    ///
    /// ## Why is this bad?
    /// RegisterTaskDefinition validates the driver against its enumeration and refuses the
    /// definition; CloudFormation fails the stack with the same error. Without a driver ECS
    /// cannot tell where the container's output should go.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "firelens", "options": {"Name": "cloudwatch_logs"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.logDriver (botocore 1.44.5 ECS model: required; enum LogDriver)
    /// - CFN-RULE:E3046 (cfn-lint 1.58.0 ecs/LogConfiguration.py)
    /// - ERR: https://github.com/awsdocs/amazon-ecs-developer-guide/pull/205 (firelens renamed awsfirelens)
    pub struct LogDriverInvalid {
        code: "TD-LOG-001",
        name: "log-driver-invalid",
        severity: Error,
        scope: Engine,
        summary: "logConfiguration without a logDriver, or with a logDriver ECS does not know",
    }
}

#[cfg(test)]
mod tests {
    use super::super::{with_log_configuration, LOG_DRIVERS};
    use super::LogDriverInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn unknown_and_missing_drivers_fail() {
        let text = with_log_configuration(r#"{"logDriver": "firelens"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/logDriver"
        );
        assert_eq!(spanned(&text, &d[0]), r#""firelens""#);
        assert!(d[0]
            .message
            .starts_with(r#""firelens" is not a valid logDriver"#));
        for driver in ["logentries", "cloudwatch", "awslog", "AWSLOGS", "none"] {
            assert_fails(
                &Rule::META,
                &with_log_configuration(&format!(r#"{{"logDriver": "{driver}"}}"#)),
            );
        }
        let d = assert_fails(&Rule::META, &with_log_configuration(r#"{"options": {}}"#));
        assert_eq!(d[0].pointer, "/containerDefinitions/0/logConfiguration");
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "cloudwatch"}}]"#,
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: firelens}\n");
    }

    #[test]
    fn known_drivers_and_deploy_time_values_pass() {
        for driver in LOG_DRIVERS {
            assert_passes(
                &Rule::META,
                &with_log_configuration(&format!(r#"{{"logDriver": "{driver}"}}"#)),
            );
        }
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: !Ref Driver}\n");
    }
}
