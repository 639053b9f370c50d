use super::{volume_name, volumes};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an EFS volume in a task definition that lists `EXTERNAL` (ECS Anywhere) in
    /// `requiresCompatibilities`.
    ///
    /// ## Why is this bad?
    /// ECS mounts EFS volumes with the EFS mount helper and the VPC's mount targets, which
    /// external instances (on premises or in other clouds) do not have: the developer guide
    /// says EFS volumes are not supported on external instances. The EFS clause for Windows
    /// containers on Fargate is TD-FG-022's.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app",
    ///   "requiresCompatibilities": ["EXTERNAL"],
    ///   "volumes": [{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "shared", "containerPath": "/mnt/shared"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "app",
    ///   "requiresCompatibilities": ["EXTERNAL"],
    ///   "volumes": [{"name": "shared", "host": {"sourcePath": "/srv/shared"}}],
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "mountPoints": [{"sourceVolume": "shared", "containerPath": "/mnt/shared"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:efs-volumes.md ("Using Amazon EFS volumes or specifying an EFSVolumeConfiguration isn't supported on external instances.")
    /// - rules.md TD-MISC-021 (ECS Anywhere: no EFS volumes)
    pub struct EfsVolumeOnExternal {
        code: "TD-VOL-019",
        name: "efs-volume-on-external",
        severity: Error,
        scope: Task,
        summary: "An EFS volume in a task definition for ECS Anywhere (EXTERNAL)",
    }
}

impl Rule for EfsVolumeOnExternal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.external || cx.facts.platform_unknown {
            return;
        }
        for volume in volumes(cx) {
            let Some(member) = volume.member("efsVolumeConfiguration") else {
                continue;
            };
            if member.value.is_null() {
                continue;
            }
            let name = volume_name(volume).map_or_else(String::new, |(_, n)| format!(" '{n}'"));
            out.push(
                Finding::at_key(member, format!("volume{name} is an Amazon EFS volume, which external instances (ECS Anywhere) do not support"))
                    .help("mount storage the external instance has, for example a host bind mount ({\"host\": {\"sourcePath\": \"/srv/data\"}}), or run the task on EC2 or Fargate"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EfsVolumeOnExternal as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(compat: &str) -> String {
        format!(
            r#"{{"family": "t", "requiresCompatibilities": {compat}, "volumes": [{{"name": "v", "efsVolumeConfiguration": {{"fileSystemId": "fs-12345678"}}}}], "containerDefinitions": [{{"name": "a", "image": "i", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn efs_on_external_fails() {
        let text = task(r#"["EXTERNAL"]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/volumes/0/efsVolumeConfiguration");
        assert_eq!(spanned(&text, &d[0]), "\"efsVolumeConfiguration\"");
        assert_eq!(d[0].message, "volume 'v' is an Amazon EFS volume, which external instances (ECS Anywhere) do not support");
        assert_fails(&Rule::META, &task(r#"["EC2", "EXTERNAL"]"#));
    }

    #[test]
    fn ec2_and_fargate_pass() {
        assert_passes(&Rule::META, &task(r#"["EC2"]"#));
        assert_passes(&Rule::META, &task(r#"["FARGATE"]"#));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: !Ref Compat\n      Volumes: [{Name: v, EFSVolumeConfiguration: {FilesystemId: fs-12345678}}]\n");
    }
}
