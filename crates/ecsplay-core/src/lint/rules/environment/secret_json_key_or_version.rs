use super::{parse_value_from, secret_refs, ValueFrom};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Points out a Secrets Manager `valueFrom` (of a container secret or a log secret) that
    /// selects a JSON key, a version stage or a version id
    /// (`arn:…:secret:<name>:<json-key>:<version-stage>:<version-id>`). A `valueFrom` naming
    /// both a stage and an id is TD-ENV-013 instead.
    ///
    /// ## Why is this bad?
    /// It is a good way to inject one field of a JSON secret, but it needs a newer platform
    /// than injecting the whole secret: Fargate platform version 1.4.0 or later on Linux (1.0.0
    /// on Windows), or ECS container agent 1.37.0 or later on EC2. On older ones the task fails
    /// to start. In private subnets the task also needs a route to Secrets Manager (a NAT
    /// gateway or an interface VPC endpoint).
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password::"}]
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-password-AbCdEf"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23: specifying-sensitive-data-secrets.md (JSON keys and versions: Fargate 1.4.0, agent 1.37.0)
    /// - BOTO:Secret.valueFrom (botocore 1.44.5 ECS model)
    pub struct SecretJsonKeyOrVersion {
        code: "TD-ENV-014",
        name: "secret-json-key-or-version",
        severity: Info,
        scope: Containers,
        summary: "Secrets Manager valueFrom with a JSON key or version, which needs a newer platform",
    }
}

impl Rule for SecretJsonKeyOrVersion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in secret_refs(cx) {
            let Ok(ValueFrom::SecretsManager(arn)) = parse_value_from(s.value) else {
                continue;
            };
            let what = match (arn.json_key, arn.version_stage, arn.version_id) {
                (_, Some(_), Some(_)) | (None, None, None) => continue,
                (Some(key), None, None) => format!("JSON key \"{key}\""),
                (Some(key), _, _) => format!("JSON key \"{key}\" and a version"),
                (None, _, _) => "a version".to_owned(),
            };
            out.push(
                Finding::at(
                    s.node,
                    format!(
                        "valueFrom of a {} of container {} selects {what} of the secret, which needs Fargate platform version 1.4.0 or ECS agent 1.37.0",
                        s.kind, s.label
                    ),
                )
                .help("run the task on Fargate platform version 1.4.0 or LATEST, or on container instances with agent 1.37.0 or later"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{with_container, with_secret_arn};
    use super::SecretJsonKeyOrVersion as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn json_keys_and_versions_are_pointed_out() {
        let d = assert_fails(&Rule::META, &with_secret_arn(":password::"));
        assert_eq!(d[0].pointer, "/containerDefinitions/0/secrets/0/valueFrom");
        assert_eq!(
            d[0].message,
            "valueFrom of a secret of container 'app' selects JSON key \"password\" of the secret, which needs Fargate platform version 1.4.0 or ECS agent 1.37.0"
        );
        let d = assert_fails(&Rule::META, &with_secret_arn("::AWSPREVIOUS:"));
        assert!(d[0].message.contains("selects a version"));
        assert_fails(&Rule::META, &with_secret_arn(":k::v1"));
    }

    #[test]
    fn whole_secrets_and_other_references_pass() {
        for suffix in ["", "::::", ":k:AWSCURRENT:v1"] {
            assert_passes(&Rule::META, &with_secret_arn(suffix));
        }
        assert_passes(
            &Rule::META,
            &with_container(r#""secrets": [{"name": "S", "valueFrom": "/prod/db"}]"#),
        );
    }
}
