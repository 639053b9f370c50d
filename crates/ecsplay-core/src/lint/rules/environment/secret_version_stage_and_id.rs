use super::{parse_value_from, secret_refs, ValueFrom};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Secrets Manager `valueFrom` (of a container secret or a log secret) that names
    /// both a version stage and a version id:
    /// `arn:…:secret:<name>:<json-key>:<version-stage>:<version-id>` with the last two parts
    /// both filled in.
    ///
    /// ## Why is this bad?
    /// The two select the same thing, the version of the secret to read, and Secrets Manager
    /// takes one or the other: the developer guide says they are mutually exclusive. The
    /// lookup fails when the container starts and the task stops with
    /// `ResourceInitializationError`.
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password:AWSCURRENT:9f5b1c2e-3d4a-4b6c-8e7f-0a1b2c3d4e5f"}]
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password:AWSCURRENT:"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23: specifying-sensitive-data-secrets.md (version-stage and version-id are mutually exclusive)
    /// - BOTO:Secret.valueFrom (botocore 1.44.5 ECS model)
    pub struct SecretVersionStageAndId {
        code: "TD-ENV-013",
        name: "secret-version-stage-and-id",
        severity: Error,
        scope: Containers,
        summary: "Secrets Manager valueFrom with both a version stage and a version id",
    }
}

impl Rule for SecretVersionStageAndId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in secret_refs(cx) {
            let Ok(ValueFrom::SecretsManager(arn)) = parse_value_from(s.value) else {
                continue;
            };
            let (Some(stage), Some(id)) = (arn.version_stage, arn.version_id) else {
                continue;
            };
            out.push(
                Finding::at(
                    s.node,
                    format!(
                        "valueFrom of a {} of container {} names both version stage {stage} and version id {id}; Secrets Manager takes one or the other",
                        s.kind, s.label
                    ),
                )
                .help(format!(
                    "keep one: end the ARN with \":{stage}:\" for the stage, or \"::{id}\" for that exact version"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{with_secret_arn, TEST_SECRET_ARN};
    use super::SecretVersionStageAndId as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn stage_and_id_together_fail() {
        let d = assert_fails(&Rule::META, &with_secret_arn(":password:AWSCURRENT:v1"));
        assert_eq!(d[0].pointer, "/containerDefinitions/0/secrets/0/valueFrom");
        assert_eq!(
            d[0].message,
            "valueFrom of a secret of container 'app' names both version stage AWSCURRENT and version id v1; Secrets Manager takes one or the other"
        );
        assert_fails(&Rule::META, &with_secret_arn("::AWSPREVIOUS:v1"));
        assert_fails(
            &Rule::META,
            &format!(
                r#"[{{"name": "a", "image": "b", "logConfiguration": {{"logDriver": "splunk", "secretOptions": [{{"name": "t", "valueFrom": "{TEST_SECRET_ARN}::AWSCURRENT:v1"}}]}}}}]"#
            ),
        );
    }

    #[test]
    fn one_or_neither_passes() {
        for suffix in ["", ":password::", ":password:AWSCURRENT:", "::::", ":::v1"] {
            assert_passes(&Rule::META, &with_secret_arn(suffix));
        }
    }
}
