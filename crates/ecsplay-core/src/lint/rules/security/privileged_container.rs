use super::linux_off_fargate;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns about a container with `privileged: true` in a Linux task definition meant for
    /// EC2 or ECS Anywhere. On Fargate and on Windows the setting is refused outright, which
    /// TD-FG-008 and TD-WIN-001 report as errors; this rule says nothing there, nor when the
    /// platform is a deploy-time value.
    ///
    /// ## Why is this bad?
    /// A privileged container gets every Linux capability, every device of the host and no
    /// seccomp or AppArmor confinement: it is root on the container instance. Whoever takes
    /// over the process (through a vulnerability in the app or one of its dependencies) takes
    /// over the instance and every other task on it, and can read their secrets and
    /// credentials. AWS Config's `ecs-containers-nonprivileged` flags it. Most workloads that
    /// ask for it need one capability (`linuxParameters.capabilities.add`) or one device
    /// (`linuxParameters.devices`).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "agent",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "agent", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 256, "privileged": true}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "agent",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "agent",
    ///       "image": "public.ecr.aws/docker/library/alpine:3.20",
    ///       "memory": 256,
    ///       "linuxParameters": {"capabilities": {"add": ["NET_ADMIN"], "drop": ["ALL"]}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CKV:ECSContainerPrivilege.py (checkov 3.3.30, CKV_AWS_334; it reads a key named `privilege`, so it never fires on correct JSON)
    /// - CONFIG: https://docs.aws.amazon.com/config/latest/developerguide/ecs-containers-nonprivileged.html
    /// - DG23: task_definition_parameters.md (privileged: not recommended)
    pub struct PrivilegedContainer {
        code: "TD-SEC-001",
        name: "privileged-container",
        severity: Warning,
        scope: Task,
        summary: "container that runs privileged on EC2 or ECS Anywhere",
    }
}

impl Rule for PrivilegedContainer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !linux_off_fargate(cx) {
            return;
        }
        for (i, c, node) in cx.container_members("privileged") {
            if cx.bool_of(node) != Some(true) {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!(
                        "container {} is privileged: it has every capability and device of the container instance",
                        container_label(c, i)
                    ),
                )
                .help("remove privileged and add only the capabilities (linuxParameters.capabilities.add) or devices the container needs"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::PrivilegedContainer as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn privileged_containers_on_ec2_warn() {
        let text = task("", r#""privileged": true"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/privileged");
        assert_eq!(spanned(&text, &d[0]), "true");
        assert_eq!(
            d[0].message,
            "container 'app' is privileged: it has every capability and device of the container instance"
        );
        assert_fails(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["EXTERNAL"], "#,
                r#""privileged": true"#,
            ),
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Privileged: 'true'\n");
    }

    #[test]
    fn fargate_windows_and_unknown_platforms_are_other_rules() {
        assert_passes(&Rule::META, &task("", r#""privileged": false"#));
        assert_passes(
            &Rule::META,
            &task(
                r#""requiresCompatibilities": ["EC2", "FARGATE"], "#,
                r#""privileged": true"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#,
                r#""privileged": true"#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: !Ref Compat\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Privileged: true\n");
        // No task level in a Terraform array: the platform is not known.
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "privileged": true}]"#,
        );
    }
}
