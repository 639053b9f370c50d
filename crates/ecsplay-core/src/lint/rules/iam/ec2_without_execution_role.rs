use super::{awslogs_drivers, private_ecr_images, report_missing_role};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an EC2 task definition (no `FARGATE`, `EXTERNAL` or `MANAGED_INSTANCES` in
    /// `requiresCompatibilities`) that pulls a private Amazon ECR image or logs with `awslogs`
    /// while it names no `executionRoleArn`.
    ///
    /// ## Why is this bad?
    /// On EC2 the ECS agent falls back on the container instance's own IAM role for these
    /// calls, so the task works only as long as every instance it may land on has a role that
    /// allows the ECR pulls and `logs:CreateLogStream` / `logs:PutLogEvents`. An execution role
    /// makes the task carry its own permissions, keeps the instance role small, and lets the
    /// same definition run on Fargate later. On Fargate, ECS Anywhere and Managed Instances the
    /// role is mandatory (TD-IAM-001, TD-IAM-002).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4",
    ///       "memory": 512,
    ///       "logConfiguration": {
    ///         "logDriver": "awslogs",
    ///         "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}
    ///       }
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
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4",
    ///       "memory": 512,
    ///       "logConfiguration": {
    ///         "logDriver": "awslogs",
    ///         "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}
    ///       }
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:using_awslogs.md (archived ECS developer guide: on EC2 the instance role may send the logs)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
    pub struct Ec2WithoutExecutionRole {
        code: "TD-IAM-006",
        name: "ec2-without-execution-role",
        severity: Warning,
        scope: Task,
        summary: "EC2 task pulls from private ECR or logs with awslogs on the instance role alone",
    }
}

impl Rule for Ec2WithoutExecutionRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let f = &cx.facts;
        if f.platform_unknown || f.fargate || f.external || f.managed_instances {
            return;
        }
        let mut causes = private_ecr_images(cx);
        causes.extend(awslogs_drivers(cx));
        causes.sort_by_key(|(_, n)| n.span);
        report_missing_role(
            cx,
            out,
            "executionRoleArn",
            &causes,
            "there is no executionRoleArn, so pulling from private ECR and sending awslogs logs rely on the container instance's IAM role".to_owned(),
            "or make sure every container instance's role allows the ECR pulls and CloudWatch Logs calls",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::Ec2WithoutExecutionRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    const ECR: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app";

    #[test]
    fn ec2_ecr_or_awslogs_without_role_warn() {
        let text = format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "a", "image": "{ECR}", "logConfiguration": {{"logDriver": "awslogs"}}}}]}}"#
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "");
        let labels: Vec<&str> = d[0].labels.iter().map(|l| l.pointer.as_str()).collect();
        assert_eq!(
            labels,
            [
                "/containerDefinitions/0/image",
                "/containerDefinitions/0/logConfiguration/logDriver"
            ]
        );
        assert_fails(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EC2"], "containerDefinitions": [{"name": "a", "image": "nginx", "logConfiguration": {"logDriver": "awslogs"}}]}"#,
        );
    }

    #[test]
    fn fargate_roles_and_plain_images_pass() {
        // Fargate, EXTERNAL and Managed Instances are TD-IAM-001/002 (errors), not this warning.
        for compat in ["FARGATE", "EXTERNAL", "MANAGED_INSTANCES"] {
            assert_passes(
                &Rule::META,
                &format!(
                    r#"{{"family": "a", "requiresCompatibilities": ["EC2", "{compat}"], "containerDefinitions": [{{"name": "a", "image": "{ECR}"}}]}}"#
                ),
            );
        }
        assert_passes(
            &Rule::META,
            &format!(
                r#"{{"family": "a", "executionRoleArn": "arn:aws:iam::123456789012:role/e", "containerDefinitions": [{{"name": "a", "image": "{ECR}"}}]}}"#
            ),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "nginx", "logConfiguration": {"logDriver": "json-file"}}]}"#,
        );
        assert_passes(
            &Rule::META,
            &format!(r#"[{{"name": "a", "image": "{ECR}"}}]"#),
        );
    }
}
