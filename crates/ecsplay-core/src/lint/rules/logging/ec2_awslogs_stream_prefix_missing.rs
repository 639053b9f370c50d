use super::{awslogs_configs, family};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports `awslogs` options without `awslogs-stream-prefix` in a task definition that is
    /// not for Fargate (EC2, ECS Anywhere or Managed Instances). On Fargate the prefix is
    /// required and its absence is an error, TD-FG-017.
    ///
    /// ## Why is this bad?
    /// Without a prefix each log stream is named after the Docker container id, which changes
    /// with every task and tells you nothing about which service, container or task wrote it.
    /// With `awslogs-stream-prefix` the stream is `prefix/container-name/task-id`, and the
    /// ECS console's Logs tab can find it; without it the tab stays empty.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}}
    ///     }
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
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: awslogs-stream-prefix optional on EC2, required on Fargate)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    pub struct Ec2AwslogsStreamPrefixMissing {
        code: "TD-LOG-008",
        name: "ec2-awslogs-stream-prefix-missing",
        severity: Warning,
        scope: Task,
        summary: "awslogs without awslogs-stream-prefix outside Fargate: streams are named by container id",
    }
}

impl Rule for Ec2AwslogsStreamPrefixMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.platform_unknown {
            return;
        }
        let family = family(cx);
        for log in awslogs_configs(cx) {
            if !log.options.is_some_and(Node::is_object)
                || log.option("awslogs-stream-prefix").is_some()
            {
                continue;
            }
            out.push(
                Finding::at(
                    log.missing_option_at(),
                    format!("the awslogs options of container {} have no \"awslogs-stream-prefix\"; its log streams will be named by Docker container id", log.label),
                )
                .help(format!("add \"awslogs-stream-prefix\": \"{family}\" so streams are named {family}/<container>/<task-id>")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Ec2AwslogsStreamPrefixMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(compat: &str, options: &str) -> String {
        format!(
            r#"{{"family": "web", "requiresCompatibilities": [{compat}], "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "awslogs", "options": {options}}}}}]}}"#
        )
    }

    #[test]
    fn ec2_external_and_default_without_prefix_warn() {
        let d = assert_fails(
            &Rule::META,
            &task(
                r#""EC2""#,
                r#"{"awslogs-group": "g", "awslogs-region": "us-east-1"}"#,
            ),
        );
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("add \"awslogs-stream-prefix\": \"web\" so streams are named web/<container>/<task-id>")
        );
        assert_fails(&Rule::META, &task("", r#"{"awslogs-group": "g"}"#));
        assert_fails(&Rule::META, &task(r#""EXTERNAL""#, "{}"));
    }

    #[test]
    fn fargate_prefixed_missing_options_and_terraform_pass() {
        // Fargate is TD-FG-017 (an error).
        assert_passes(
            &Rule::META,
            &task(r#""EC2", "FARGATE""#, r#"{"awslogs-group": "g"}"#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""EC2""#,
                r#"{"awslogs-group": "g", "awslogs-stream-prefix": "web"}"#,
            ),
        );
        assert_passes(&Rule::META, &task(r#""EC2""#, "null"));
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs", "options": {}}}]"#,
        );
    }
}
