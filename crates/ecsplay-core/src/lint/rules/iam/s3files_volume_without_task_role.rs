use super::{report_missing_role, volumes_with};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports a task definition with an Amazon S3 Files volume
    /// (`s3filesVolumeConfiguration`) while the task names no `taskRoleArn`.
    ///
    /// ## Why is this bad?
    /// An S3 Files file system is always mounted with the task role's credentials: the ECS API
    /// model makes a task IAM role mandatory for this volume type. Without one the volume cannot
    /// be mounted and the task cannot start.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "reports",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "volumes": [
    ///     {"name": "lake", "s3filesVolumeConfiguration": {"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "report", "image": "public.ecr.aws/docker/library/python:3.12", "mountPoints": [{"sourceVolume": "lake", "containerPath": "/data"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "reports",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "taskRoleArn": "arn:aws:iam::123456789012:role/reports-task",
    ///   "volumes": [
    ///     {"name": "lake", "s3filesVolumeConfiguration": {"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0"}}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "report", "image": "public.ecr.aws/docker/library/python:3.12", "mountPoints": [{"sourceVolume": "lake", "containerPath": "/data"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:S3FilesVolumeConfiguration (botocore 1.44.5 ECS model: a task IAM role is required for this volume type)
    pub struct S3filesVolumeWithoutTaskRole {
        code: "TD-IAM-011",
        name: "s3files-volume-without-task-role",
        severity: Error,
        scope: Task,
        summary: "S3 Files volume without a task role",
    }
}

impl Rule for S3filesVolumeWithoutTaskRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        let causes = volumes_with(
            task,
            &["s3filesVolumeConfiguration"],
            Node::is_object,
            "is an S3 Files volume",
        );
        report_missing_role(
            cx,
            out,
            "taskRoleArn",
            &causes,
            "an S3 Files volume is mounted with the task role, and there is no taskRoleArn"
                .to_owned(),
            "a role allowed to mount the S3 Files file system",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::S3filesVolumeWithoutTaskRole as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    const VOLUME: &str = r#""volumes": [{"name": "lake", "s3filesVolumeConfiguration": {"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-1"}}]"#;

    #[test]
    fn s3files_without_task_role_fails() {
        let text = format!(
            r#"{{"family": "a", {VOLUME}, "containerDefinitions": [{{"name": "a", "image": "b"}}]}}"#
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "");
        assert_eq!(
            d[0].message,
            "an S3 Files volume is mounted with the task role, and there is no taskRoleArn"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/volumes/0/s3filesVolumeConfiguration"
        );
        let text = format!(
            r#"{{"family": "a", "taskRoleArn": "", {VOLUME}, "containerDefinitions": []}}"#
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/taskRoleArn");
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: lake\n          S3FilesVolumeConfiguration: {FileSystemArn: !Ref Fs}\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
    }

    #[test]
    fn task_role_or_other_volumes_pass() {
        assert_passes(
            &Rule::META,
            &format!(
                r#"{{"family": "a", "taskRoleArn": "reports-task", {VOLUME}, "containerDefinitions": []}}"#
            ),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "volumes": [{"name": "v", "host": {"sourcePath": "/d"}}], "containerDefinitions": []}"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      TaskRoleArn: !GetAtt R.Arn\n      Volumes:\n        - Name: lake\n          S3FilesVolumeConfiguration: {FileSystemArn: !Ref Fs}\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
    }
}
