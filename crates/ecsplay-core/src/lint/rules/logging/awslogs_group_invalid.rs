use super::awslogs_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an `awslogs-group` that is not a valid CloudWatch Logs log group name: 1 to 512
    /// characters of letters, digits, `.`, `-`, `_`, `/` and `#` (cfn-lint's E1155 pattern
    /// `^[\.\-_\/#A-Za-z0-9]{1,512}$`). Spaces, `:` and template placeholders such as
    /// `{{log-group}}` or `${LOG_GROUP}` are the usual hits.
    ///
    /// ## Why is this bad?
    /// CloudWatch Logs refuses such a name, so the driver can neither create nor find the
    /// group and the container does not start (with `awslogs-create-group` the
    /// `CreateLogGroup` call itself fails).
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
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web app", "awslogs-region": "us-east-1"}}
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
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web-app", "awslogs-region": "us-east-1"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-RULE:E1155 (cfn-lint 1.58.0 formats/LogGroupName.py)
    /// - CFN-RULE:E3046 (cfn-lint 1.58.0 ecs/LogConfiguration.py)
    /// - DOC: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
    pub struct AwslogsGroupInvalid {
        code: "TD-LOG-010",
        name: "awslogs-group-invalid",
        severity: Error,
        scope: Containers,
        summary: "awslogs-group is not a valid CloudWatch Logs log group name",
    }
}

/// Why `name` is not a log group name, or `None` when it is one.
fn log_group_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("is empty".to_owned());
    }
    if name.len() > 512 {
        return Some(format!(
            "is {} characters long; at most 512 are allowed",
            name.len()
        ));
    }
    name.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || ".-_/#".contains(*c)))
        .map(|c| format!("contains {c:?}, which a log group name cannot hold"))
}

impl Rule for AwslogsGroupInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in awslogs_configs(cx) {
            let Some((node, name)) = log.option_str("awslogs-group") else {
                continue;
            };
            if let Some(problem) = log_group_problem(name) {
                out.push(
                    Finding::at(node, format!("awslogs-group \"{name}\" of container {} {problem}", log.label))
                        .help("name the log group with 1 to 512 letters, digits and . - _ / #, for example \"/ecs/web\""),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AwslogsGroupInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(group: &str) -> String {
        format!(
            r#"{{"family": "web", "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "awslogs", "options": {{"awslogs-group": {group}, "awslogs-region": "us-east-1"}}}}}}]}}"#
        )
    }

    #[test]
    fn invalid_names_fail_at_the_value() {
        let text = task(r#""/ecs/web app""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/awslogs-group"
        );
        assert_eq!(spanned(&text, &d[0]), r#""/ecs/web app""#);
        assert_eq!(
            d[0].message,
            "awslogs-group \"/ecs/web app\" of container 'app' contains ' ', which a log group name cannot hold"
        );
        assert_fails(&Rule::META, &task(r#""""#));
        assert_fails(&Rule::META, &task(r#""{{log-group}}""#));
        assert_fails(
            &Rule::META,
            &task(r#""arn:aws:logs:us-east-1:123456789012:log-group:g""#),
        );
        assert_fails(&Rule::META, &task(&format!("\"{}\"", "a".repeat(513))));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: '${AWS::StackName}-logs', awslogs-region: r}}\n");
    }

    #[test]
    fn valid_names_deploy_time_values_and_other_drivers_pass() {
        assert_passes(&Rule::META, &task(r#""/ecs/web_app-1.prod#blue""#));
        assert_passes(&Rule::META, &task(&format!("\"{}\"", "a".repeat(512))));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: !Sub '${AWS::StackName}-logs', awslogs-region: r}}\n");
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "splunk", "options": {"awslogs-group": "a b"}}}]"#,
        );
    }
}
