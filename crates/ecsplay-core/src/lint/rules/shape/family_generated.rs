use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// In a CloudFormation template, points out an `AWS::ECS::TaskDefinition` without a
    /// `Family`.
    ///
    /// ## Why is this bad?
    /// CloudFormation then generates the family name from the stack and logical id
    /// (`mystack-TaskDefinition-AbCdEf123`). Most task definition properties cannot be changed
    /// in place, so an update replaces the resource, and without a fixed `Family` the
    /// replacement is a **new family** rather than a new revision of the same one: revision
    /// history is split, and anything that refers to the family by name (`aws ecs run-task
    /// --task-definition web`, IAM conditions, dashboards) misses the new one. Setting `Family`
    /// keeps every update as the next revision of one family.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "Resources": {
    ///     "TaskDefinition": {
    ///       "Type": "AWS::ECS::TaskDefinition",
    ///       "Properties": {
    ///         "ContainerDefinitions": [
    ///           {"Name": "app", "Image": "public.ecr.aws/nginx/nginx:1.27", "Memory": 512}
    ///         ]
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "Resources": {
    ///     "TaskDefinition": {
    ///       "Type": "AWS::ECS::TaskDefinition",
    ///       "Properties": {
    ///         "Family": "web",
    ///         "ContainerDefinitions": [
    ///           {"Name": "app", "Image": "public.ecr.aws/nginx/nginx:1.27", "Memory": 512}
    ///         ]
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition Family (optional; "If you don't specify a family, CloudFormation generates one")
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition createOnlyProperties (updates replace the resource)
    /// - DOC: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-taskdefinition.html
    pub struct FamilyGenerated {
        code: "TD-SHAPE-003",
        name: "cloudformation-family-generated",
        severity: Info,
        scope: Task,
        summary: "CloudFormation task definition without a Family: the name is generated",
    }
}

impl Rule for FamilyGenerated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(task) = cx.task() else { return };
        if cx.is_cloudformation() && task.is_object() && task.get("family").is_none() {
            out.push(
                Finding::at(task, "no Family: CloudFormation generates the family name, and a replacement on update starts a new family")
                    .help("set \"Family\" to a fixed name, for example the service name, so that updates add revisions to one family"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FamilyGenerated as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes};

    #[test]
    fn template_without_family_gets_a_hint_at_the_properties() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].pointer, "/Resources/T/Properties");
        assert_eq!(d[0].range.start.line, 5);
    }

    #[test]
    fn each_resource_is_judged() {
        let d = assert_fails(&Rule::META, "Resources:\n  A:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: a\n  B:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: '256'\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/Resources/B/Properties");
    }

    #[test]
    fn a_family_or_another_form_passes() {
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: !Sub '${AWS::StackName}-web'\n");
        // In the API form a missing family is an error (TD-SHAPE-001).
        assert_passes(
            &Rule::META,
            r#"{"containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
