use super::repeated_names;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports two entries of one container's `secrets` with the same `name`. The second is
    /// reported, with a label on the first.
    ///
    /// ## Why is this bad?
    /// Each secret becomes the environment variable `name`, so two secrets with one name
    /// collide: the container gets one of the two values, and the task execution role must
    /// still be able to read both, or the task fails to start. It is usually a copy-paste
    /// slip where the second entry was meant to get a new name.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "secrets": [
    ///         {"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db-password"},
    ///         {"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/api-key"}
    ///       ]
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
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "secrets": [
    ///         {"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db-password"},
    ///         {"name": "API_KEY", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/api-key"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.secrets (botocore 1.44.5 ECS model: each secret is exposed as the environment variable `name`)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Secret.html
    pub struct DuplicateSecretName {
        code: "TD-ENV-015",
        name: "duplicate-secret-name",
        severity: Error,
        scope: Containers,
        summary: "two secrets with the same name in one container",
    }
}

impl Rule for DuplicateSecretName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in cx.container_members("secrets") {
            for (node, name, first) in repeated_names(list) {
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "secret {name} is defined twice in container {}",
                            container_label(c, i)
                        ),
                    )
                    .label(first, "first defined here")
                    .help("give one of the two secrets another name, or remove the one you do not need"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cfn_container, with_container};
    use super::DuplicateSecretName as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn the_second_secret_is_reported() {
        let text = with_container(
            r#""secrets": [{"name": "A", "valueFrom": "/a"}, {"name": "A", "valueFrom": "/b"}]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/secrets/1/name");
        assert_eq!(spanned(&text, &d[0]), r#""A""#);
        assert_eq!(d[0].message, "secret A is defined twice in container 'app'");
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/secrets/0/name"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "secrets": [{"name": "X", "valueFrom": "/x"}, {"name": "X", "valueFrom": "/x"}]}]"#,
        );
        assert_fails(
            &Rule::META,
            &cfn_container("          Secrets:\n            - {Name: A, ValueFrom: /a}\n            - {Name: A, ValueFrom: /b}\n"),
        );
    }

    #[test]
    fn distinct_names_pass() {
        assert_passes(
            &Rule::META,
            &with_container(
                r#""secrets": [{"name": "A", "valueFrom": "/a"}, {"name": "B", "valueFrom": "/a"}]"#,
            ),
        );
        // Log secretOptions are another list.
        assert_passes(
            &Rule::META,
            &with_container(
                r#""secrets": [{"name": "T", "valueFrom": "/a"}], "logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "T", "valueFrom": "/a"}]}"#,
            ),
        );
    }
}
