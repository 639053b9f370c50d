use super::named_items;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a variable that one container defines both in `environment` and in `secrets`.
    /// The secret is reported, with a label on the plain definition.
    ///
    /// ## Why is this bad?
    /// Both lists become environment variables of the same process, so one of the two values
    /// is lost. Usually the variable was moved to `secrets` and its plain-text definition was
    /// left behind, which keeps the old value (often the secret itself) readable by anyone who
    /// can describe the task definition.
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
    ///       "environment": [{"name": "DB_HOST", "value": "db.internal"}, {"name": "DB_PASSWORD", "value": "changeme"}],
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db-password"}]
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
    ///       "environment": [{"name": "DB_HOST", "value": "db.internal"}],
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db-password"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.environment, ContainerDefinition.secrets (botocore 1.44.5 ECS model: both are exposed as environment variables)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar.html
    pub struct VariableInEnvironmentAndSecrets {
        code: "TD-ENV-004",
        name: "variable-in-environment-and-secrets",
        severity: Warning,
        scope: Containers,
        summary: "variable defined both in environment and in secrets of one container",
    }
}

impl Rule for VariableInEnvironmentAndSecrets {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            let (Some(env), Some(secrets)) = (c.get("environment"), c.get("secrets")) else {
                continue;
            };
            let plain = named_items(env);
            for (node, name) in named_items(secrets) {
                let Some((first, _)) = plain.iter().find(|(_, n)| *n == name) else {
                    continue;
                };
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "{name} of container {} is both a secret and a plain environment variable",
                            container_label(c, i)
                        ),
                    )
                    .label(first, "also defined in plain text here")
                    .help(format!("remove {name} from \"environment\" and keep the secret")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::with_container;
    use super::VariableInEnvironmentAndSecrets as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn a_variable_in_both_lists_warns_at_the_secret() {
        let text = with_container(
            r#""environment": [{"name": "P", "value": "x"}], "secrets": [{"name": "Q", "valueFrom": "/q"}, {"name": "P", "valueFrom": "/p"}]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/secrets/1/name");
        assert_eq!(spanned(&text, &d[0]), r#""P""#);
        assert_eq!(
            d[0].message,
            "P of container 'app' is both a secret and a plain environment variable"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/environment/0/name"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environment": [{"name": "P"}], "secrets": [{"name": "P", "valueFrom": "/p"}]}]"#,
        );
    }

    #[test]
    fn separate_names_or_containers_pass() {
        assert_passes(
            &Rule::META,
            &with_container(
                r#""environment": [{"name": "P"}], "secrets": [{"name": "p", "valueFrom": "/p"}]"#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environment": [{"name": "P"}]}, {"name": "c", "image": "b", "secrets": [{"name": "P", "valueFrom": "/p"}]}]"#,
        );
    }
}
