use super::{private_ecr_images, report_missing_role, role_required_platform};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition for Fargate, ECS Anywhere (`EXTERNAL`) or Managed Instances
    /// whose containers pull an image from a private Amazon ECR registry
    /// (`<account>.dkr.ecr.<region>.amazonaws.com/...`) while it names no `executionRoleArn`.
    ///
    /// ## Why is this bad?
    /// On these launch types the image is pulled with the credentials of the task execution
    /// role, not with an instance role you control. RegisterTaskDefinition refuses the
    /// definition: `Fargate requires task definition to have execution role ARN to support ECR
    /// images.` Images from ECR Public (`public.ecr.aws/...`) or Docker Hub need no role.
    ///
    /// A registry id or Region left as a placeholder (`XXXXXXXXXXXX.dkr.ecr...`) still counts as
    /// a private ECR image: once the template is filled in, the role is just as missing.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4", "essential": true}
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
    ///     {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4", "essential": true}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
    /// - ERR: https://github.com/hashicorp/terraform-provider-aws/issues/3051
    pub struct EcrImageWithoutExecutionRole {
        code: "TD-IAM-001",
        name: "ecr-image-without-execution-role",
        severity: Error,
        scope: Task,
        summary: "Fargate, EXTERNAL or Managed Instances task pulls a private ECR image without an execution role",
    }
}

impl Rule for EcrImageWithoutExecutionRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(platform) = role_required_platform(&cx.facts) else {
            return;
        };
        let causes = private_ecr_images(cx);
        let message = format!(
            "{platform} requires task definition to have execution role ARN to support ECR images: there is no executionRoleArn"
        );
        report_missing_role(
            cx,
            out,
            "executionRoleArn",
            &causes,
            message,
            "a role with the AmazonECSTaskExecutionRolePolicy managed policy",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::EcrImageWithoutExecutionRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const ECR: &str = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1";

    fn task(compat: &str, extra: &str, image: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": [{compat}], "cpu": "256", "memory": "512"{extra}, "containerDefinitions": [{{"name": "side", "image": "nginx"}}, {{"name": "app", "image": "{image}"}}]}}"#
        )
    }

    #[test]
    fn fargate_ecr_without_role_points_at_the_task_with_a_label_on_the_image() {
        let text = task(r#""FARGATE""#, "", ECR);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].message,
            "Fargate requires task definition to have execution role ARN to support ECR images: there is no executionRoleArn"
        );
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(d[0].labels[0].pointer, "/containerDefinitions/1/image");
        assert!(d[0].labels[0].message.contains("'app'"));
    }

    #[test]
    fn external_managed_instances_and_empty_role_fail() {
        let d = assert_fails(&Rule::META, &task(r#""EXTERNAL""#, "", ECR));
        assert!(d[0].message.starts_with("ECS Anywhere (EXTERNAL) requires"));
        assert_fails(&Rule::META, &task(r#""MANAGED_INSTANCES""#, "", ECR));
        assert_fails(&Rule::META, &task(r#""EC2", "FARGATE""#, "", ECR));
        let text = task(r#""FARGATE""#, r#", "executionRoleArn": """#, ECR);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/executionRoleArn");
        assert_eq!(spanned(&text, &d[0]), r#""""#);
        // A placeholder registry id is still a private ECR registry.
        assert_fails(
            &Rule::META,
            &task(
                r#""FARGATE""#,
                "",
                "XXXXXXXXXXXX.dkr.ecr.us-east-1.amazonaws.com/app",
            ),
        );
    }

    #[test]
    fn cloudformation_without_role_fails_and_a_deploy_time_role_passes() {
        let base = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      ContainerDefinitions:\n        - Name: app\n          Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app\n";
        let d = assert_fails(&Rule::META, base);
        assert_eq!(d[0].pointer, "/Resources/T/Properties");
        assert!(d[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("ExecutionRoleArn: !GetAtt")));
        assert_passes(
            &Rule::META,
            &format!("{base}      ExecutionRoleArn: !GetAtt ExecRole.Arn\n"),
        );
        // An image only known at deploy time is not judged.
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      ContainerDefinitions:\n        - Name: app\n          Image: !Sub '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app'\n");
        // Nor a platform only known at deploy time.
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: !If [Fg, [FARGATE], [EC2]]\n      ContainerDefinitions:\n        - Name: app\n          Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app\n");
    }

    #[test]
    fn role_given_ec2_public_images_and_terraform_pass() {
        let role = r#", "executionRoleArn": "arn:aws:iam::123456789012:role/exec""#;
        assert_passes(&Rule::META, &task(r#""FARGATE""#, role, ECR));
        assert_passes(&Rule::META, &task(r#""EC2""#, "", ECR));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/a"}]}"#,
        );
        assert_passes(
            &Rule::META,
            &task(r#""FARGATE""#, "", "public.ecr.aws/nginx/nginx:1.27"),
        );
        assert_passes(
            &Rule::META,
            &format!(r#"[{{"name": "app", "image": "{ECR}"}}]"#),
        );
    }
}
