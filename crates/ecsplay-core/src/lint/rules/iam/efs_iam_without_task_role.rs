use super::{report_missing_role, volumes_with};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition with an Amazon EFS volume whose
    /// `authorizationConfig.iam` is `ENABLED` while the task names no `taskRoleArn`.
    ///
    /// ## Why is this bad?
    /// With IAM authorization the EFS mount helper presents the task role's credentials to the
    /// file system, and the file system policy decides what that role may do. Without a task
    /// role there is no identity to present: the mount is refused (or, with a permissive file
    /// system policy, IAM authorization silently grants nothing specific), and the task fails to
    /// start with a mount error.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "cms",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "volumes": [
    ///     {
    ///       "name": "content",
    ///       "efsVolumeConfiguration": {
    ///         "fileSystemId": "fs-0123456789abcdef0",
    ///         "transitEncryption": "ENABLED",
    ///         "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0", "iam": "ENABLED"}
    ///       }
    ///     }
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "cms", "image": "public.ecr.aws/docker/library/wordpress:6", "mountPoints": [{"sourceVolume": "content", "containerPath": "/var/www/html"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "cms",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/cms-task",
    ///   "volumes": [
    ///     {
    ///       "name": "content",
    ///       "efsVolumeConfiguration": {
    ///         "fileSystemId": "fs-0123456789abcdef0",
    ///         "transitEncryption": "ENABLED",
    ///         "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0", "iam": "ENABLED"}
    ///       }
    ///     }
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "cms", "image": "public.ecr.aws/docker/library/wordpress:6", "mountPoints": [{"sourceVolume": "content", "containerPath": "/var/www/html"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:EFSAuthorizationConfig.iam (botocore 1.44.5 ECS model: the task IAM role is used when mounting)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html
    pub struct EfsIamWithoutTaskRole {
        code: "TD-IAM-010",
        name: "efs-iam-without-task-role",
        severity: Warning,
        scope: Task,
        summary: "EFS volume with IAM authorization but no task role",
    }
}

impl Rule for EfsIamWithoutTaskRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        let causes = volumes_with(
            task,
            &["efsVolumeConfiguration", "authorizationConfig", "iam"],
            |iam| iam.as_str() == Some("ENABLED"),
            "mounts EFS with IAM authorization",
        );
        report_missing_role(
            cx,
            out,
            "taskRoleArn",
            &causes,
            "EFS IAM authorization mounts the file system with the task role, and there is no taskRoleArn".to_owned(),
            "a role the file system policy allows (elasticfilesystem:ClientMount, and ClientWrite for writes)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::EfsIamWithoutTaskRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(extra: &str, iam: &str) -> String {
        format!(
            r#"{{"family": "a"{extra}, "volumes": [{{"name": "plain"}}, {{"name": "data", "efsVolumeConfiguration": {{"fileSystemId": "fs-1", "transitEncryption": "ENABLED", "authorizationConfig": {{"iam": "{iam}"}}}}}}], "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        )
    }

    #[test]
    fn iam_enabled_without_task_role_warns() {
        let d = assert_fails(&Rule::META, &task("", "ENABLED"));
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].labels[0].pointer,
            "/volumes/1/efsVolumeConfiguration/authorizationConfig/iam"
        );
        assert_eq!(
            d[0].labels[0].message,
            "volume 'data' mounts EFS with IAM authorization"
        );
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: data\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n            AuthorizationConfig: {IAM: ENABLED}\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
        assert_eq!(
            d[0].labels[0].pointer,
            "/Resources/T/Properties/Volumes/0/EFSVolumeConfiguration/AuthorizationConfig/IAM"
        );
    }

    #[test]
    fn task_role_disabled_iam_and_terraform_pass() {
        assert_passes(
            &Rule::META,
            &task(
                r#", "taskRoleArn": "arn:aws:iam::123456789012:role/t""#,
                "ENABLED",
            ),
        );
        assert_passes(&Rule::META, &task("", "DISABLED"));
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
