use crate::declare_rule;
use crate::lint::rules::iam::is_private_ecr_image;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns about `repositoryCredentials` on a container whose image is in a private Amazon
    /// ECR registry (`<account-id>.dkr.ecr.<region>.amazonaws.com/...`).
    ///
    /// ## Why is this bad?
    /// Private registry authentication is for registries outside AWS (Docker Hub, GitHub,
    /// GitLab, a self-hosted registry). ECS pulls ECR images with the task execution role's
    /// `ecr:GetAuthorizationToken` and `ecr:BatchGetImage` permissions; registry credentials
    /// stored in a secret are not the way to reach ECR, and keeping them around only adds a
    /// secret to rotate and a permission to grant. Remove them and make sure the execution role
    /// has the ECR permissions (the managed policy `AmazonECSTaskExecutionRolePolicy` has them).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2",
    ///       "memory": 512,
    ///       "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-AbCdEf"}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2",
    ///       "memory": 512
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23: private-auth.md (private registry authentication is for registries other than Amazon ECR)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
    pub struct RepositoryCredentialsOnEcr {
        code: "TD-ENV-021",
        name: "repository-credentials-on-ecr",
        severity: Warning,
        scope: Containers,
        summary: "repositoryCredentials on an image from a private Amazon ECR registry",
    }
}

impl Rule for RepositoryCredentialsOnEcr {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            let Some(creds) = c.get("repositoryCredentials").filter(|r| r.is_set()) else {
                continue;
            };
            let Some(image) = c.get("image") else {
                continue;
            };
            if !image.as_str().is_some_and(is_private_ecr_image) {
                continue;
            }
            out.push(
                Finding::at(
                    creds,
                    format!(
                        "container {} sets repositoryCredentials for an Amazon ECR image; ECS pulls from ECR with the task execution role",
                        container_label(c, i)
                    ),
                )
                .label(image, "a private ECR image")
                .help("remove repositoryCredentials and give the execution role the ECR pull permissions (AmazonECSTaskExecutionRolePolicy)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::with_container;
    use super::RepositoryCredentialsOnEcr as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(image: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "app", "image": "{image}", "repositoryCredentials": {{"credentialsParameter": "registry"}}}}]}}"#
        )
    }

    #[test]
    fn credentials_on_ecr_images_warn() {
        let text = task("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/repositoryCredentials"
        );
        assert_eq!(
            spanned(&text, &d[0]),
            r#"{"credentialsParameter": "registry"}"#
        );
        assert_eq!(d[0].labels[0].pointer, "/containerDefinitions/0/image");
        assert_fails(
            &Rule::META,
            &task("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web"),
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x", "repositoryCredentials": {"credentialsParameter": "r"}}]"#,
        );
    }

    #[test]
    fn other_registries_pass() {
        for image in [
            "registry.example.com/web:1",
            "nginx:1.27",
            "public.ecr.aws/nginx/nginx:1.27",
        ] {
            assert_passes(&Rule::META, &task(image));
        }
        assert_passes(
            &Rule::META,
            &with_container(r#""repositoryCredentials": null"#),
        );
    }
}
