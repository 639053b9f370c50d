use super::{containers_with, report_missing_role};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition in which a container has `environmentFiles` while the task
    /// names no `executionRoleArn`. Any launch type.
    ///
    /// ## Why is this bad?
    /// The ECS agent downloads the `.env` files from Amazon S3 with the task execution role
    /// (`s3:GetObject` on the file, `s3:GetBucketLocation` on the bucket) before the container
    /// starts; without the role it cannot fetch them and the task fails to start. The catalogue
    /// notes that RegisterTaskDefinition was not observed rejecting this, so the definition may
    /// register, but the feature cannot work: reported as an error because the task cannot
    /// start.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "api",
    ///       "image": "public.ecr.aws/docker/library/node:22",
    ///       "memory": 512,
    ///       "environmentFiles": [{"value": "arn:aws:s3:::config-bucket/api/prod.env", "type": "s3"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "api",
    ///       "image": "public.ecr.aws/docker/library/node:22",
    ///       "memory": 512,
    ///       "environmentFiles": [{"value": "arn:aws:s3:::config-bucket/api/prod.env", "type": "s3"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:taskdef-envfiles.md (archived ECS developer guide: the execution role is a requirement of environment files)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
    pub struct EnvironmentFilesWithoutExecutionRole {
        code: "TD-IAM-005",
        name: "environment-files-without-execution-role",
        severity: Error,
        scope: Task,
        summary: "environmentFiles without an execution role to read them from S3",
    }
}

impl Rule for EnvironmentFilesWithoutExecutionRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let causes = containers_with(cx, "environmentFiles", "has environmentFiles");
        report_missing_role(
            cx,
            out,
            "executionRoleArn",
            &causes,
            "environment files are downloaded from S3 with the task execution role, and there is no executionRoleArn".to_owned(),
            "a role allowed s3:GetObject on the files and s3:GetBucketLocation on their bucket",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::EnvironmentFilesWithoutExecutionRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const FILES: &str = r#""environmentFiles": [{"value": "arn:aws:s3:::b/a.env", "type": "s3"}]"#;

    #[test]
    fn environment_files_without_role_fail() {
        let text = format!(
            r#"{{"family": "a", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{{"name": "a", "image": "b", {FILES}}}]}}"#
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "");
        assert!(d[0].message.contains("there is no executionRoleArn"));
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/environmentFiles"
        );
        let text = format!(
            r#"{{"family": "a", "executionRoleArn": "", "containerDefinitions": [{{"name": "a", "image": "b", {FILES}}}]}}"#
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), r#""""#);
    }

    #[test]
    fn role_given_empty_lists_and_terraform_pass() {
        assert_passes(
            &Rule::META,
            &format!(
                r#"{{"family": "a", "executionRoleArn": "exec", "containerDefinitions": [{{"name": "a", "image": "b", {FILES}}}]}}"#
            ),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "environmentFiles": []}]}"#,
        );
        assert_passes(
            &Rule::META,
            &format!(r#"[{{"name": "a", "image": "b", {FILES}}}]"#),
        );
    }
}
