use super::{looks_like_secret_name, parse_value_from, secret_refs, ValueFrom};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Points out a `valueFrom` (of a container secret or a log secret) that names an SSM
    /// Parameter Store parameter instead of giving its ARN (`/prod/db/password`,
    /// `db-password`). Names that can only be Secrets Manager names are TD-ENV-011.
    ///
    /// ## Why is this bad?
    /// It works, within limits: ECS looks a bare name up in the Region the task runs in, in the
    /// task's own account. The same task definition registered in another Region, or a
    /// parameter shared from another account, needs the full ARN,
    /// `arn:aws:ssm:<region>:<account-id>:parameter/<name>`. The ARN also makes the execution
    /// role's policy easy to write, since the policy must name the parameter's ARN anyway.
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]
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
    ///       "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Secret.valueFrom (botocore 1.44.5 ECS model: a parameter name only in the same Region)
    /// - DG23: secrets-envvar-ssm-paramstore.md
    pub struct SsmParameterByName {
        code: "TD-ENV-012",
        name: "ssm-parameter-by-name",
        severity: Info,
        scope: Containers,
        summary: "secret valueFrom that names an SSM parameter instead of giving its ARN",
    }
}

impl Rule for SsmParameterByName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in secret_refs(cx) {
            if parse_value_from(s.value) != Ok(ValueFrom::ParameterName)
                || looks_like_secret_name(s.value)
            {
                continue;
            }
            let path = if s.value.starts_with('/') {
                s.value.to_owned()
            } else {
                format!("/{}", s.value)
            };
            out.push(
                Finding::at(
                    s.node,
                    format!(
                        "valueFrom \"{}\" of a {} of container {} is an SSM parameter name: ECS finds it only in the task's own Region and account",
                        s.value, s.kind, s.label
                    ),
                )
                .help(format!(
                    "to use it from another Region or account, write the ARN: arn:aws:ssm:<region>:<account-id>:parameter{path}"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::with_secret;
    use super::SsmParameterByName as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn parameter_names_are_pointed_out() {
        let text = with_secret("/prod/db");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), r#""/prod/db""#);
        assert_eq!(
            d[0].help.as_deref(),
            Some("to use it from another Region or account, write the ARN: arn:aws:ssm:<region>:<account-id>:parameter/prod/db")
        );
        let d = assert_fails(&Rule::META, &with_secret("db-password"));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .ends_with("parameter/db-password"));
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "t", "valueFrom": "splunk-token"}]}}]"#,
        );
    }

    #[test]
    fn arns_and_other_names_pass() {
        for ok in [
            "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
            // TD-ENV-011 and TD-ENV-010.
            "prod/db",
            "not a name",
        ] {
            assert_passes(&Rule::META, &with_secret(ok));
        }
    }
}
