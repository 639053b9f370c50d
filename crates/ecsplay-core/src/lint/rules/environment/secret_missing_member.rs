use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports an entry of a container's `secrets` without a `name` or without a `valueFrom`
    /// (or with `null` in either). Found by the JSON Schema layer (`required`), pointed at the
    /// entry. The same check on log `secretOptions` is TD-LOG-025.
    ///
    /// ## Why is this bad?
    /// A secret is injected as the environment variable `name`, with the value read from
    /// `valueFrom` (a Secrets Manager secret or SSM parameter). Both members are required by
    /// the API: the AWS CLI and SDKs refuse the request (`Missing required parameter in
    /// containerDefinitions[0].secrets[0]: "valueFrom"`) and CloudFormation rejects the
    /// template. A common slip is writing `value` (as in `environment`) instead of `valueFrom`.
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
    ///         {"name": "DB_PASSWORD"}
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
    ///         {"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Secret (botocore 1.44.5 ECS model: `required: [name, valueFrom]`)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Secret.html
    /// - DG23: specifying-sensitive-data-secrets.md
    pub struct SecretMissingMember {
        code: "TD-ENV-009",
        name: "secret-missing-name-or-value-from",
        severity: Error,
        scope: Engine,
        summary: "Container secret without a name or a valueFrom",
    }
}

#[cfg(test)]
mod tests {
    use super::SecretMissingMember as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn missing_value_from_points_at_the_entry() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "secrets": [{"name": "DB_PASSWORD", "value": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/secrets/0");
        assert!(spanned(text, &d[0]).starts_with("{\"name\": \"DB_PASSWORD\""));
        assert_eq!(
            d[0].message,
            "containerDefinitions[0].secrets[0] is missing the required member \"valueFrom\""
        );
    }

    #[test]
    fn missing_name_and_null_value_from() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "secrets": [{"valueFrom": "p"}, {"name": "X", "valueFrom": null}]}]"#,
        );
        let pointers: Vec<&str> = d.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/0/secrets/0", "/0/secrets/1"]);
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Secrets: [{Name: X}]\n");
        assert!(d[0].message.ends_with("\"ValueFrom\""), "{}", d[0].message);
    }

    #[test]
    fn complete_secrets_and_log_secret_options_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "secrets": [{"name": "X", "valueFrom": "/prod/x"}]}]}"#,
        );
        // secretOptions of a log configuration are TD-LOG-025.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "splunk-token"}]}}]}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Secrets: [{Name: X, ValueFrom: !Ref Param}]\n");
    }
}
