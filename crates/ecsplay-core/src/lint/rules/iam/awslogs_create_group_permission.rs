use super::missing_role;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::{Node, Value};

/// The strings Go's `strconv.ParseBool` (Docker's parser) reads as true.
const TRUE: [&str; 6] = ["1", "t", "T", "TRUE", "true", "True"];

declare_rule! {
    /// ## What it does
    /// Explains an `awslogs` log configuration with `awslogs-create-group` set to true: the role
    /// that sends the logs must also be allowed `logs:CreateLogGroup`. One finding per task, at
    /// the first such option, with a label on each other one.
    ///
    /// ## Why is this bad?
    /// With `awslogs-create-group` the log driver creates the log group when the container
    /// starts. It does so with the task execution role (or, on EC2 without one, the container
    /// instance role), and the managed policy `AmazonECSTaskExecutionRolePolicy` grants only
    /// `logs:CreateLogStream` and `logs:PutLogEvents`. Without `logs:CreateLogGroup` the
    /// container fails to start with an AccessDenied error from CloudWatch Logs. Creating the
    /// group beforehand (in the same template or module) avoids the extra permission, and lets
    /// you set its retention.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27",
    ///      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web", "awslogs-create-group": "true"}}}
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
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27",
    ///      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}}
    ///   ]
    /// }
    /// ```
    ///
    /// (with the log group `/ecs/web` created beforehand; or keep the option and allow
    /// `logs:CreateLogGroup` in the execution role's policy.)
    ///
    /// ## References
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: awslogs-create-group needs the logs:CreateLogGroup permission)
    /// - DG23:using_awslogs.md (the IAM policy must include logs:CreateLogGroup to use awslogs-create-group)
    /// - DG23:task_execution_IAM_role.md (AmazonECSTaskExecutionRolePolicy: logs:CreateLogStream, logs:PutLogEvents)
    pub struct AwslogsCreateGroupPermission {
        code: "TD-IAM-013",
        name: "awslogs-create-group-permission",
        severity: Info,
        scope: Containers,
        summary: "awslogs-create-group needs logs:CreateLogGroup, which the managed execution role policy lacks",
    }
}

/// Whether an option value turns the option on, as Docker reads it (or as CloudFormation turns
/// a YAML boolean into a string).
fn is_true(value: &Node) -> bool {
    match &value.value {
        Value::String(s) => TRUE.contains(&s.as_str()),
        Value::Bool(b) => *b,
        _ => false,
    }
}

impl Rule for AwslogsCreateGroupPermission {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let role = match cx.task() {
            None => "the task execution role (on EC2 without one, the container instance role)",
            Some(task) if missing_role(task, "executionRoleArn").is_none() => {
                "the task execution role"
            }
            Some(_) if cx.facts.fargate || cx.facts.external || cx.facts.managed_instances => {
                "the task execution role"
            }
            Some(_) => "the container instance role (the task has no execution role)",
        };
        let mut found: Vec<(String, &Node, String)> = Vec::new();
        for (i, container) in cx.containers() {
            let Some(config) = container.get("logConfiguration") else {
                continue;
            };
            if config.get("logDriver").and_then(Node::as_str) != Some("awslogs") {
                continue;
            }
            let Some(create) = config.at_path(["options", "awslogs-create-group"]) else {
                continue;
            };
            if !is_true(create) {
                continue;
            }
            let group = config
                .at_path(["options", "awslogs-group"])
                .and_then(Node::as_str)
                .map_or_else(String::new, |g| format!(" {g}"));
            found.push((container_label(container, i), create, group));
        }
        let Some(((label, create, group), others)) = found.split_first() else {
            return;
        };
        let mut finding = Finding::at(
            create,
            format!("awslogs-create-group of container {label}: the log driver creates the log group{group} when the container starts, which needs logs:CreateLogGroup on {role}; AmazonECSTaskExecutionRolePolicy does not grant it"),
        )
        .help("allow logs:CreateLogGroup on the log group in the role's policy, or create the log group beforehand (AWS::Logs::LogGroup, aws_cloudwatch_log_group) and remove awslogs-create-group");
        for (label, node, group) in others {
            finding = finding.label(node, format!("container {label} creates{group} too"));
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::AwslogsCreateGroupPermission as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, create: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "app", "image": "i", "memory": 64, "logConfiguration": {{"logDriver": "awslogs", "options": {{"awslogs-group": "/ecs/t", "awslogs-region": "us-east-1", "awslogs-create-group": {create}}}}}}}]}}"#
        )
    }

    const ROLE: &str = r#""executionRoleArn": "ecsTaskExecutionRole", "#;

    #[test]
    fn create_group_is_explained_with_the_role_that_needs_it() {
        let text = task(ROLE, r#""true""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/awslogs-create-group"
        );
        assert_eq!(spanned(&text, &d[0]), "\"true\"");
        assert_eq!(d[0].message, "awslogs-create-group of container 'app': the log driver creates the log group /ecs/t when the container starts, which needs logs:CreateLogGroup on the task execution role; AmazonECSTaskExecutionRolePolicy does not grant it");
        // One finding per task.
        let two = text.replace(r#"]}"#, r#", {"name": "b", "image": "i", "memory": 64, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-create-group": "true"}}}]}"#);
        let d = assert_fails(&Rule::META, &two);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].labels[0].message, "container 'b' creates too");
        let d = assert_fails(&Rule::META, &task("", r#""True""#));
        assert!(d[0].message.contains("the container instance role"));
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-create-group": "1"}}}]"#,
        );
        assert!(d[0]
            .message
            .contains("(on EC2 without one, the container instance role)"));
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration:\n            LogDriver: awslogs\n            Options: {awslogs-group: g, awslogs-create-group: true}\n");
    }

    #[test]
    fn false_absent_and_other_drivers_pass() {
        assert_passes(&Rule::META, &task(ROLE, r#""false""#));
        assert_passes(&Rule::META, &task(ROLE, r#""yes""#));
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "logConfiguration": {"logDriver": "awsfirelens", "options": {"awslogs-create-group": "true"}}}]"#,
        );
    }
}
