use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Explains a task-level `cpu` or `memory` in a task definition for Windows containers on
    /// EC2 (not Fargate): ECS ignores both. One finding, at `cpu` (with a label on `memory`)
    /// or at `memory`.
    ///
    /// ## Why is this bad?
    /// For Windows containers only the container-level values count: `cpu` is each
    /// container's CPU quota and `memory` its memory limit. A task size written for them looks
    /// like a limit but limits nothing, and a container without its own `cpu` gets 1% of one
    /// CPU (TD-RES-012). On Fargate the task size is what AWS provisions, so the rule says
    /// nothing when `FARGATE` is listed.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "iis",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "cpu": "2048",
    ///   "memory": "4096",
    ///   "containerDefinitions": [
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}
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
    ///     {"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "cpu": 2048, "memory": 4096}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.cpu (botocore 1.44.5 ECS model: "Task-level CPU and memory parameters are ignored for Windows containers. We recommend specifying container-level resources for Windows containers.")
    /// - BOTO:RegisterTaskDefinitionRequest.memory (botocore 1.44.5 ECS model: the same note)
    pub struct WindowsTaskSizeIgnored {
        code: "TD-RES-013",
        name: "windows-task-size-ignored",
        severity: Info,
        scope: Task,
        summary: "Task-level cpu and memory are ignored for Windows containers on EC2",
    }
}

impl Rule for WindowsTaskSizeIgnored {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = &cx.facts;
        if !facts.windows || !facts.ec2 || facts.fargate || facts.platform_unknown {
            return;
        }
        let Some(task) = cx.task() else { return };
        let cpu = task.get("cpu").filter(|n| n.is_set());
        let memory = task.get("memory").filter(|n| n.is_set());
        let (at, other) = match (cpu, memory) {
            (Some(c), m) => (c, m),
            (None, Some(m)) => (m, None),
            (None, None) => return,
        };
        let what = match (cpu, memory) {
            (Some(_), Some(_)) => "task-level cpu and memory are",
            (Some(_), None) => "task-level cpu is",
            _ => "task-level memory is",
        };
        let mut finding = Finding::at(
            at,
            format!("{what} ignored for Windows containers on EC2: only each container's own cpu and memory limit it"),
        )
        .help("set cpu and memory on each container definition instead, and remove the task-level values");
        if let Some(m) = other {
            finding = finding.label(m, "ignored as well");
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::WindowsTaskSizeIgnored as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str) -> String {
        format!(
            r#"{{"family": "t", {head}"containerDefinitions": [{{"name": "iis", "image": "i", "cpu": 512, "memory": 2048}}]}}"#
        )
    }

    const WINDOWS: &str =
        r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_FULL"}, "#;

    #[test]
    fn windows_task_sizes_are_explained() {
        let text = task(&format!(r#"{WINDOWS}"cpu": "1024", "memory": "4 GB", "#));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/cpu");
        assert_eq!(spanned(&text, &d[0]), "\"1024\"");
        assert_eq!(d[0].labels[0].pointer, "/memory");
        assert_eq!(d[0].message, "task-level cpu and memory are ignored for Windows containers on EC2: only each container's own cpu and memory limit it");
        let d = assert_fails(
            &Rule::META,
            &task(&format!(r#"{WINDOWS}"memory": "4096", "#)),
        );
        assert_eq!(d[0].pointer, "/memory");
    }

    #[test]
    fn linux_fargate_and_no_task_size_pass() {
        assert_passes(&Rule::META, &task(r#""cpu": "1024", "#));
        assert_passes(&Rule::META, &task(WINDOWS));
        assert_passes(
            &Rule::META,
            &task(&format!(
                r#"{WINDOWS}"requiresCompatibilities": ["EC2", "FARGATE"], "cpu": "1024", "memory": "2048", "#
            )),
        );
    }
}
