use crate::declare_rule;
use crate::lint::rules::fargate::set_now;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition with a `trustedExecutionConfiguration` whose
    /// `requiresCompatibilities` does not list `MANAGED_INSTANCES`.
    ///
    /// In CloudFormation the member does not exist at all (the `AWS::ECS::TaskDefinition`
    /// schema has no such property): TD-SHAPE-008 reports it there, so this rule does not.
    ///
    /// ## Why is this bad?
    /// Trusted execution isolates a task from the other tasks on its instance (a sandbox, or a
    /// confidential-computing enclave); only Amazon ECS Managed Instances offer it. A definition
    /// for EC2, Fargate or external instances cannot honour it, so ECS refuses the combination.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "payments",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "networkMode": "awsvpc",
    ///   "trustedExecutionConfiguration": {"isolationMode": "ISOLATED_SANDBOX"},
    ///   "containerDefinitions": [{"name": "app", "image": "example/payments:3.2", "memory": 1024}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "payments",
    ///   "requiresCompatibilities": ["MANAGED_INSTANCES"],
    ///   "networkMode": "awsvpc",
    ///   "trustedExecutionConfiguration": {"isolationMode": "ISOLATED_SANDBOX"},
    ///   "containerDefinitions": [{"name": "app", "image": "example/payments:3.2", "memory": 1024}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:TrustedExecutionConfiguration (botocore 1.44.5 ECS model: supported only on Amazon ECS Managed Instances)
    /// - BOTO:RegisterTaskDefinitionRequest.trustedExecutionConfiguration (botocore 1.44.5 ECS model)
    pub struct TrustedExecutionOutsideManagedInstances {
        code: "TD-MISC-005",
        name: "trusted-execution-outside-managed-instances",
        severity: Error,
        scope: Task,
        summary: "trustedExecutionConfiguration in a task definition that does not list MANAGED_INSTANCES",
    }
}

impl Rule for TrustedExecutionOutsideManagedInstances {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // CloudFormation has no such property: TD-SHAPE-008 reports it.
        if cx.is_cloudformation() || cx.facts.platform_unknown || cx.facts.managed_instances {
            return;
        }
        let Some(task) = cx.task() else { return };
        let Some(m) = task
            .member("trustedExecutionConfiguration")
            .filter(|m| set_now(&m.value))
        else {
            return;
        };
        let mut f = Finding::at_key(
            m,
            "trustedExecutionConfiguration is only supported on Amazon ECS Managed Instances, but requiresCompatibilities does not list MANAGED_INSTANCES",
        )
        .help("add \"MANAGED_INSTANCES\" to requiresCompatibilities (and run the task on a Managed Instances capacity provider), or remove trustedExecutionConfiguration");
        if let Some(compat) = task.get("requiresCompatibilities") {
            f = f.label(compat, "the launch types of this task definition");
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::TrustedExecutionOutsideManagedInstances as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(compat: &str) -> String {
        format!(
            r#"{{"family": "a"{compat}, "trustedExecutionConfiguration": {{"isolationMode": "ISOLATED_SANDBOX"}}, "containerDefinitions": [{{"name": "a", "image": "b", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn outside_managed_instances_fails() {
        let text = td(r#", "requiresCompatibilities": ["FARGATE"]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/trustedExecutionConfiguration");
        assert_eq!(spanned(&text, &d[0]), "\"trustedExecutionConfiguration\"");
        assert_eq!(
            d[0].labels[0].message,
            "the launch types of this task definition"
        );
        // Absent requiresCompatibilities means EC2.
        let d = assert_fails(&Rule::META, &td(""));
        assert!(d[0].labels.is_empty());
    }

    #[test]
    fn managed_instances_or_cloudformation_passes() {
        assert_passes(
            &Rule::META,
            &td(r#", "requiresCompatibilities": ["MANAGED_INSTANCES"]"#),
        );
        assert_passes(
            &Rule::META,
            &td(r#", "requiresCompatibilities": ["EC2", "MANAGED_INSTANCES"]"#),
        );
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "trustedExecutionConfiguration": null, "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        // TD-SHAPE-008 reports the unknown CloudFormation property.
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      TrustedExecutionConfiguration:\n        IsolationMode: SHARED\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n");
    }
}
