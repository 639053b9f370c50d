use super::repeated_names;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports an environment variable defined twice in one container's `environment`. The
    /// second definition is reported, with a label on the first. It is an error in a
    /// CloudFormation template and a warning elsewhere.
    ///
    /// ## Why is this bad?
    /// A process has one value per variable, so one of the two definitions is silently lost,
    /// and which one is not something to rely on. Usually an old value was left behind when a
    /// new one was added further down the list. CloudFormation's schema refuses the list
    /// (cfn-lint E3002 `array items are not unique for keys ['Name']`); the ECS API accepts it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "environment": [
    ///         {"name": "LOG_LEVEL", "value": "info"},
    ///         {"name": "PORT", "value": "8080"},
    ///         {"name": "LOG_LEVEL", "value": "debug"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "environment": [
    ///         {"name": "LOG_LEVEL", "value": "debug"},
    ///         {"name": "PORT", "value": "8080"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-SCHEMA: ContainerDefinition.Environment (`uniqueKeys: ["Name"]`; cfn-lint 1.58.0 E3002)
    /// - BOTO:ContainerDefinition.environment (botocore 1.44.5 ECS model)
    pub struct DuplicateEnvironmentName {
        code: "TD-ENV-003",
        name: "duplicate-environment-name",
        severity: Warning,
        scope: Containers,
        summary: "environment variable defined twice in one container",
    }
}

impl Rule for DuplicateEnvironmentName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, list) in cx.container_members("environment") {
            for (node, name, first) in repeated_names(list) {
                let mut f = Finding::at(
                    node,
                    format!(
                        "environment variable {name} is defined twice in container {}",
                        container_label(c, i)
                    ),
                )
                .label(first, "first defined here")
                .help(format!(
                    "keep one definition of {name} and remove the other"
                ));
                if cx.is_cloudformation() {
                    f = f.severity(Severity::Error);
                }
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cfn_container, with_container};
    use super::DuplicateEnvironmentName as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn the_second_definition_is_reported() {
        let text = with_container(
            r#""environment": [{"name": "A", "value": "1"}, {"name": "B"}, {"name": "A", "value": "2"}, {"name": "A"}]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/environment/2/name");
        assert_eq!(spanned(&text, &d[0]), r#""A""#);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].message,
            "environment variable A is defined twice in container 'app'"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/environment/0/name"
        );
        assert_eq!(
            d[1].labels[0].pointer,
            "/containerDefinitions/0/environment/0/name"
        );
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environment": [{"name": "X"}, {"name": "X"}]}]"#,
        );
    }

    #[test]
    fn cloudformation_rejects_it() {
        let d = assert_fails(
            &Rule::META,
            &cfn_container("          Environment:\n            - {Name: A, Value: x}\n            - {Name: A, Value: !Ref P}\n"),
        );
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/Environment/1/Name"
        );
    }

    #[test]
    fn distinct_names_pass() {
        // Names are case-sensitive; two containers may share a variable.
        assert_passes(
            &Rule::META,
            &with_container(r#""environment": [{"name": "A"}, {"name": "a"}]"#),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environment": [{"name": "X"}]}, {"name": "c", "image": "b", "environment": [{"name": "X"}]}]"#,
        );
        assert_passes(
            &Rule::META,
            &cfn_container("          Environment:\n            - {Name: !Ref N, Value: x}\n            - {Name: !Ref N, Value: y}\n"),
        );
    }
}
