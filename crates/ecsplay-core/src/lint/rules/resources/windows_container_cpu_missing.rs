use super::container_int;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns about a Windows container for EC2 that sets no `cpu`, or 0.
    ///
    /// ## Why is this bad?
    /// On Windows container instances `cpu` is an absolute limit, a quota: the container gets
    /// exactly the CPU units written, and no more. A missing or zero value is passed to Docker
    /// as 0, which Windows reads as 1% of one CPU, so the container runs very slowly or times
    /// out while starting. The task-level `cpu` does not help: ECS ignores task-level sizes for
    /// Windows containers (TD-RES-013). (On Linux the same omission is harmless: cpu is a
    /// relative share there.)
    ///
    /// Only definitions whose `runtimePlatform` names a Windows family are judged; Fargate,
    /// where the task size applies, is not.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.cpu (botocore 1.44.5 ECS model: "A null or zero CPU value is passed to Docker as 0, which Windows interprets as 1% of one CPU")
    /// - BOTO:RegisterTaskDefinitionRequest.cpu (botocore 1.44.5 ECS model: task-level CPU and memory are ignored for Windows containers)
    pub struct WindowsContainerCpuMissing {
        code: "TD-RES-012",
        name: "windows-container-cpu-missing",
        severity: Warning,
        scope: Task,
        summary: "A Windows container on EC2 without cpu gets 1% of one CPU",
    }
}

impl Rule for WindowsContainerCpuMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if !facts.windows || !facts.ec2 || facts.platform_unknown {
            return;
        }
        for (i, container) in cx.containers() {
            let at = match container.get("cpu").filter(|n| !n.is_null()) {
                None => container,
                Some(_) => match container_int(cx, container, "cpu") {
                    Some((node, 0)) => node,
                    _ => continue,
                },
            };
            out.push(
                Finding::at(
                    at,
                    format!(
                        "Windows container {} sets no cpu: on Windows cpu is a hard quota, and none (or 0) limits the container to 1% of one CPU",
                        container_label(container, i)
                    ),
                )
                .help("set cpu to the CPU units the container needs (1024 is one vCPU); the task-level cpu does not apply to Windows containers"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsContainerCpuMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str, container: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "iis", "image": "i", "memory": 2048{container}}}]}}"#
        )
    }

    const WINDOWS: &str =
        r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "#;

    #[test]
    fn windows_containers_without_cpu_warn() {
        let d = assert_fails(&Rule::META, &task(WINDOWS, ""));
        assert_eq!(d[0].pointer, "/containerDefinitions/0");
        assert_eq!(d[0].message, "Windows container 'iis' sets no cpu: on Windows cpu is a hard quota, and none (or 0) limits the container to 1% of one CPU");
        let text = task(WINDOWS, r#", "cpu": 0"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "0");
        // The task-level cpu is ignored for Windows containers.
        assert_fails(
            &Rule::META,
            &task(&format!(r#"{WINDOWS}"cpu": "1024", "#), ""),
        );
    }

    #[test]
    fn linux_fargate_and_set_cpu_pass() {
        assert_passes(&Rule::META, &task("", ""));
        assert_passes(&Rule::META, &task(WINDOWS, r#", "cpu": 512"#));
        assert_passes(
            &Rule::META,
            &task(
                &format!(r#"{WINDOWS}"requiresCompatibilities": ["FARGATE"], "#),
                "",
            ),
        );
        assert_passes(&Rule::META, &task(WINDOWS, r#", "cpu": "512""#));
    }
}
