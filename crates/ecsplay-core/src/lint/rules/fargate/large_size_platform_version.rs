use super::sizes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Points out that a Fargate task size of 8 vCPU or more (cpu 8192, 16384 or 32768) needs
    /// Linux platform version 1.4.0 or later, and that the 32 vCPU size is new.
    ///
    /// ## Why is this bad?
    /// It is not: this is a hint. The 8 and 16 vCPU sizes only exist on platform version 1.4.0
    /// (the current `LATEST`); a service or RunTask call pinned to `1.3.0` cannot place the task.
    /// The 32 vCPU size (61440, 122880 or 249856 MiB) is valid but new (2026): it is in cfn-lint
    /// and pulumi-awsx, not yet in the botocore documentation, so it may not be offered in every
    /// Region yet. The table gives 1.4.0 for it as for 8 and 16 vCPU (no source states its
    /// platform version).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "batch",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "8192",
    ///   "memory": "16384",
    ///   "containerDefinitions": [{"name": "job", "image": "public.ecr.aws/example/job:5"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "batch",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "4096",
    ///   "memory": "16384",
    ///   "containerDefinitions": [{"name": "job", "image": "public.ecr.aws/example/job:5"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.memory (botocore 1.44.5 ECS model: 8 and 16 vCPU "require Linux platform 1.4.0 or later")
    /// - CFN-EXT:fargate_cpu_memory.json (cfn-lint 1.58.0: the 32 vCPU row)
    /// - https://github.com/pulumi/pulumi-awsx/pull/2053 (32 vCPU)
    pub struct FargateLargeSizePlatformVersion {
        code: "TD-FG-006",
        name: "fargate-large-size-platform-version",
        severity: Info,
        scope: Task,
        summary: "Fargate task size of 8 vCPU or more, which needs Linux platform version 1.4.0",
    }
}

impl Rule for FargateLargeSizePlatformVersion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Windows tasks cannot use these sizes at all (TD-FG-005).
        if !cx.facts.fargate || cx.facts.windows {
            return;
        }
        let Some(cpu) = super::task_cpu(cx) else {
            return;
        };
        let Some(size) = sizes::size(cpu.value) else {
            return;
        };
        let Some(version) = size.min_linux_platform_version else {
            return;
        };
        let message = if size.recent {
            format!(
                "cpu {} is a new Fargate size (2026) that may not be offered in every Region yet; it needs Linux platform version {version} or later",
                size.label()
            )
        } else {
            format!(
                "cpu {} needs Linux platform version {version} or later",
                size.label()
            )
        };
        out.push(Finding::at(cpu.node, message).help(format!(
            "run the service or task on platform version LATEST or {version} (nothing to change if it already does)"
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::FargateLargeSizePlatformVersion as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(cpu: &str, memory: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "{cpu}", "memory": "{memory}", "containerDefinitions": []}}"#
        )
    }

    #[test]
    fn large_sizes_get_the_hint_at_the_cpu() {
        let text = td("16 vCPU", "32 GB");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/cpu");
        assert_eq!(spanned(&text, &d[0]), "\"16 vCPU\"");
        assert_eq!(
            d[0].message,
            "cpu 16384 (16 vCPU) needs Linux platform version 1.4.0 or later"
        );
        let d = assert_fails(&Rule::META, &td("32768", "249856"));
        assert!(d[0]
            .message
            .starts_with("cpu 32768 (32 vCPU) is a new Fargate size (2026)"));
    }

    #[test]
    fn small_sizes_non_sizes_windows_and_ec2_pass() {
        assert_passes(&Rule::META, &td("4096", "8192"));
        assert_passes(&Rule::META, &td("9000", "16384"));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "cpu": "8192", "memory": "16384", "containerDefinitions": []}"#,
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "cpu": "8192", "memory": "16384", "containerDefinitions": []}"#,
        );
    }
}
