//! Rules of the `iam` group (rules.md §5): the task execution role and the task role.
//!
//! Shared here: the one private-ECR image test (TD-IAM-001, TD-IAM-006), where a missing role is
//! reported, and the role-reference grammar of `executionRoleArn` / `taskRoleArn` (TD-IAM-007,
//! TD-IAM-008).

mod awslogs_create_group_permission;
mod awslogs_without_execution_role;
mod ec2_without_execution_role;
mod ecr_image_without_execution_role;
mod efs_iam_without_task_role;
mod environment_files_without_execution_role;
mod firelens_aws_destination_without_task_role;
mod firelens_s3_config_without_execution_role;
mod invalid_execution_role_arn;
mod invalid_task_role_arn;
mod repository_credentials_without_execution_role;
mod s3files_volume_without_task_role;
mod secrets_permissions;
mod secrets_without_execution_role;
mod shared_task_and_execution_role;
mod windows_task_role_agent_setting;

use crate::lint::{Context, Finding, Rule};
use crate::model::{container_label, TaskFacts};
use crate::source::Node;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &ecr_image_without_execution_role::EcrImageWithoutExecutionRole,
    &awslogs_without_execution_role::AwslogsWithoutExecutionRole,
    &secrets_without_execution_role::SecretsWithoutExecutionRole,
    &repository_credentials_without_execution_role::RepositoryCredentialsWithoutExecutionRole,
    &environment_files_without_execution_role::EnvironmentFilesWithoutExecutionRole,
    &ec2_without_execution_role::Ec2WithoutExecutionRole,
    &invalid_execution_role_arn::InvalidExecutionRoleArn,
    &invalid_task_role_arn::InvalidTaskRoleArn,
    &shared_task_and_execution_role::SharedTaskAndExecutionRole,
    &efs_iam_without_task_role::EfsIamWithoutTaskRole,
    &s3files_volume_without_task_role::S3filesVolumeWithoutTaskRole,
    &firelens_aws_destination_without_task_role::FirelensAwsDestinationWithoutTaskRole,
    &awslogs_create_group_permission::AwslogsCreateGroupPermission,
    &secrets_permissions::SecretsPermissions,
    &windows_task_role_agent_setting::WindowsTaskRoleAgentSetting,
    &firelens_s3_config_without_execution_role::FirelensS3ConfigWithoutExecutionRole,
];

/// Whether `image` is pulled from a private Amazon ECR registry, which needs the execution role
/// on Fargate, ECS Anywhere and Managed Instances (TD-IAM-001) and is recommended on EC2
/// (TD-IAM-006).
///
/// The registry host is the one of rules.md TD-IAM-001,
/// `^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/`: a registry id, `dkr`,
/// `ecr` or `ecr-fips`, a Region, then `amazonaws.com` (`amazonaws.com.cn` in China). The
/// registry id and the Region may also be placeholders (`XXXXXXXXXXXX`, `${AWS_REGION}`,
/// `{{account}}`): such an image is still a private ECR image once the template is filled in, so
/// the role it needs is just as missing. `public.ecr.aws/...` (ECR Public) is not private and
/// needs no role.
pub(crate) fn is_private_ecr_image(image: &str) -> bool {
    let Some((host, path)) = image.split_once('/') else {
        return false;
    };
    if path.is_empty() {
        return false;
    }
    let Some(rest) = host
        .strip_suffix(".amazonaws.com")
        .or_else(|| host.strip_suffix(".amazonaws.com.cn"))
    else {
        return false;
    };
    let Some((registry, region)) = rest
        .split_once(".dkr.ecr.")
        .or_else(|| rest.split_once(".dkr.ecr-fips."))
    else {
        return false;
    };
    !registry.is_empty() && !region.is_empty() && !region.contains('.')
}

/// The launch types on which the execution role is mandatory for ECR pulls and `awslogs`, as
/// they are named in messages; `None` for EC2-only definitions and when the platform is only
/// known at deploy time.
pub(super) fn role_required_platform(facts: &TaskFacts) -> Option<&'static str> {
    if facts.platform_unknown {
        None
    } else if facts.fargate {
        Some("Fargate")
    } else if facts.external {
        Some("ECS Anywhere (EXTERNAL)")
    } else if facts.managed_instances {
        Some("Managed Instances")
    } else {
        None
    }
}

/// Where to report that the role `key` is missing: the task definition object when the member
/// is absent (rules.md §0.5), the written value when it is empty (`""`, `null`). `None` when a
/// role is given, including a deploy-time value (`!GetAtt Role.Arn`).
pub(super) fn missing_role<'a>(task: &'a Node, key: &str) -> Option<&'a Node> {
    match task.get(key) {
        None => Some(task),
        Some(value) if value.is_set() => None,
        Some(value) => Some(value),
    }
}

/// What to write for a missing role, in the input's own spelling.
fn add_role_help(cx: &Context<'_>, key: &str) -> String {
    let example = if key == "taskRoleArn" {
        "TaskRole"
    } else {
        "ecsTaskExecutionRole"
    };
    if cx.is_cloudformation() {
        let mut cfn = key.to_owned();
        if let Some(first) = cfn.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        format!("add {cfn}, for example `{cfn}: !GetAtt {example}.Arn`")
    } else {
        format!("add \"{key}\": \"arn:aws:iam::<account-id>:role/{example}\"")
    }
}

/// Reports that the role `key` is missing while `causes` (label, node) need it: one finding at
/// the task definition (or at the empty value), with a label on each cause. Nothing when no
/// cause needs the role, when the role is given, or for a Terraform container array.
/// `role_does` completes the help: what the role must be allowed to do.
pub(super) fn report_missing_role(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    key: &str,
    causes: &[(String, &Node)],
    message: String,
    role_does: &str,
) {
    let Some(task) = cx.task() else { return };
    if causes.is_empty() {
        return;
    }
    let Some(at) = missing_role(task, key) else {
        return;
    };
    let help = format!("{}, {role_does}", add_role_help(cx, key));
    let mut finding = Finding::at(at, message).help(help);
    for (label, node) in causes {
        finding = finding.label(node, label.clone());
    }
    out.push(finding);
}

/// The containers with a non-empty list or object `key` (a deploy-time value is not judged),
/// each as a label `container 'x' <what>` on that member.
pub(super) fn containers_with<'a>(
    cx: &'a Context<'a>,
    key: &'a str,
    what: &str,
) -> Vec<(String, &'a Node)> {
    cx.container_members(key)
        .filter(|(_, _, v)| (v.is_array() || v.is_object()) && v.is_set())
        .map(|(i, c, v)| (format!("container {} {what}", container_label(c, i)), v))
        .collect()
}

/// The `image` of every container that pulls from a private ECR registry, as labels.
pub(super) fn private_ecr_images<'a>(cx: &'a Context<'a>) -> Vec<(String, &'a Node)> {
    cx.container_members("image")
        .filter(|(_, _, image)| image.as_str().is_some_and(is_private_ecr_image))
        .map(|(i, c, image)| {
            let label = container_label(c, i);
            (
                format!("container {label} pulls this private ECR image"),
                image,
            )
        })
        .collect()
}

/// The volumes of a task definition whose `path` (below the volume) satisfies `keep`, as labels
/// `volume 'x' <what>` on the node at `path`.
pub(super) fn volumes_with<'a>(
    task: &'a Node,
    path: &[&str],
    keep: impl Fn(&Node) -> bool,
    what: &str,
) -> Vec<(String, &'a Node)> {
    let Some(volumes) = task.get("volumes") else {
        return Vec::new();
    };
    volumes
        .items()
        .iter()
        .enumerate()
        .filter_map(|(i, volume)| {
            let node = volume.at_path(path.iter().copied())?;
            keep(node).then(|| {
                (
                    format!("volume {} {what}", container_label(volume, i)),
                    node,
                )
            })
        })
        .collect()
}

/// The `logDriver` of every container that logs with `awslogs`, as labels.
pub(super) fn awslogs_drivers<'a>(cx: &'a Context<'a>) -> Vec<(String, &'a Node)> {
    cx.containers()
        .filter_map(|(i, c)| {
            let driver = c.at_path(["logConfiguration", "logDriver"])?;
            (driver.as_str() == Some("awslogs")).then(|| {
                let label = container_label(c, i);
                (format!("container {label} logs with awslogs"), driver)
            })
        })
        .collect()
}

/// What is wrong with a role reference, or `None` when it is valid. A valid reference is an IAM
/// role ARN, `arn:<partition>:iam::<12-digit account>:role/[<path>/]<name>` (rules.md
/// TD-IAM-007), or a role name with an optional path (`ecsTaskExecutionRole`,
/// `service-role/my-role`), which ECS completes to an ARN in the caller's account (TD-IAM-008).
/// Names are `[A-Za-z0-9+=,.@_-]`, 1 to 64 characters.
pub(super) fn role_reference_problem(value: &str) -> Option<String> {
    if !value.starts_with("arn:") {
        return if is_role_path_and_name(value) {
            None
        } else {
            Some("is neither an IAM role ARN nor a role name".to_owned())
        };
    }
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let [_, partition, service, region, account, resource] = parts.as_slice() else {
        return Some("is not a complete ARN (arn:aws:iam::<account-id>:role/<name>)".to_owned());
    };
    let partition_ok = partition
        .strip_prefix("aws")
        .is_some_and(|p| p.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-'));
    if !partition_ok {
        return Some(format!(
            "has the partition \"{partition}\"; IAM ARNs start with arn:aws (arn:aws-cn, arn:aws-us-gov)"
        ));
    }
    if *service != "iam" {
        return Some(format!(
            "is an ARN of the service \"{service}\", not an IAM role"
        ));
    }
    if !region.is_empty() {
        return Some(format!(
            "names the Region \"{region}\"; IAM ARNs have an empty Region field (arn:aws:iam::<account-id>:...)"
        ));
    }
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!(
            "has the account id \"{account}\", which is not a 12-digit AWS account id (a placeholder left in?)"
        ));
    }
    match resource.strip_prefix("role/") {
        Some(role) if is_role_path_and_name(role) => None,
        Some(_) => Some(
            "has a role name that is not 1-64 of the characters A-Z a-z 0-9 + = , . @ _ -"
                .to_owned(),
        ),
        None => Some(format!(
            "names \"{resource}\", not a role (arn:aws:iam::<account-id>:role/<name>)"
        )),
    }
}

/// A finding on a role reference `key` that is written as a string and is not valid; empty
/// strings are "no role" (reported, where a role is needed, by the rules that need it).
pub(super) fn invalid_role_reference(task: &Node, key: &str) -> Option<Finding> {
    let node = task.get(key)?;
    let value = node.as_str().filter(|v| !v.is_empty())?;
    let problem = role_reference_problem(value)?;
    Some(
        Finding::at(node, format!("{key} \"{value}\" {problem}")).help(
            "write the role's ARN, arn:aws:iam::<12-digit account id>:role/<role name>, or just the role name",
        ),
    )
}

/// `[path/]name`: segments of role-name characters, the last one (the name) at most 64 long.
fn is_role_path_and_name(value: &str) -> bool {
    let segment_ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b))
    };
    value.split('/').all(segment_ok) && value.rsplit('/').next().is_some_and(|n| n.len() <= 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ecr_hosts() {
        for image in [
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
            "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app",
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/app@sha256:abc",
            "XXXXXXXXXXXX.dkr.ecr.us-east-1.amazonaws.com/app:latest",
            "${AWS_ACCOUNT_ID}.dkr.ecr.${AWS_REGION}.amazonaws.com/app",
        ] {
            assert!(is_private_ecr_image(image), "{image}");
        }
        for image in [
            "public.ecr.aws/nginx/nginx:1.27",
            "nginx:1.27",
            "amazon/aws-for-fluent-bit:stable",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/",
            "docker.io/library/nginx",
            "example.com/123456789012.dkr.ecr.us-east-1.amazonaws.com/x",
            "registry.amazonaws.com/app",
        ] {
            assert!(!is_private_ecr_image(image), "{image}");
        }
    }

    #[test]
    fn role_references() {
        for ok in [
            "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "arn:aws-cn:iam::123456789012:role/service-role/my.role@x",
            "arn:aws-us-gov:iam::123456789012:role/a+b=c,d",
            "ecsTaskExecutionRole",
            "service-role/my-role",
        ] {
            assert_eq!(role_reference_problem(ok), None, "{ok}");
        }
        for bad in [
            "arn:aws:iam::XXXXXXXXXXXX:role/ecs_task_execution_role",
            "arn:aws:iam::aws_account_id:role/r",
            "arn:aws:iam::11111111111:role/r",
            "arn:aws:iam::{{account}}:role/r",
            "{{execution-role-arn}}",
            "<execution-role-arn>",
            "arn:aws:iam::123456789012:user/bob",
            "arn:aws:iam::123456789012:instance-profile/ecs",
            "arn:aws:sts::123456789012:assumed-role/r/s",
            "arn:aws:iam:us-east-1:123456789012:role/r",
            "arn:azure:iam::123456789012:role/r",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:role/has space",
            "arn:aws:iam::123456789012",
            "role name",
            &format!("arn:aws:iam::123456789012:role/{}", "r".repeat(65)),
        ] {
            assert!(role_reference_problem(bad).is_some(), "{bad}");
        }
    }
}
