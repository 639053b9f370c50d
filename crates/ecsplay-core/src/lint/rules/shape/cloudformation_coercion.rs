use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// In a CloudFormation template, points out a scalar whose type is not the one the ECS API
    /// takes but that CloudFormation converts: `Cpu: 256` and `Memory: 512` (the API takes
    /// strings), `Memory: "512"` or `ContainerPort: "80"` in a container (the API takes
    /// integers), `Essential: "false"` (the API takes booleans; `"true"`/`"false"` in any
    /// letter case), an environment `Value: 8080`. Found by the JSON Schema layer, which does
    /// not report these as type errors (TD-SHAPE-010) in templates. Templates often write every
    /// number one way, so there is one hint per task definition, at the first such value, with
    /// labels on (up to ten of) the others.
    ///
    /// ## Why is this bad?
    /// It is not: CloudFormation accepts the template. It matters when the same definition is
    /// copied to a RegisterTaskDefinition body, the AWS CLI or Terraform, where the value is a
    /// type error (`Invalid type for parameter cpu, value: 256, type: <class 'int'>, valid
    /// types: <class 'str'>`). The hint says which spelling the API expects.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "Resources": {
    ///     "TaskDefinition": {
    ///       "Type": "AWS::ECS::TaskDefinition",
    ///       "Properties": {
    ///         "Family": "web",
    ///         "RequiresCompatibilities": ["FARGATE"],
    ///         "NetworkMode": "awsvpc",
    ///         "Cpu": 256,
    ///         "Memory": 512,
    ///         "ContainerDefinitions": [
    ///           {"Name": "app", "Image": "public.ecr.aws/nginx/nginx:1.27", "Essential": "true"}
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
    ///         "RequiresCompatibilities": ["FARGATE"],
    ///         "NetworkMode": "awsvpc",
    ///         "Cpu": "256",
    ///         "Memory": "512",
    ///         "ContainerDefinitions": [
    ///           {"Name": "app", "Image": "public.ecr.aws/nginx/nginx:1.27", "Essential": true}
    ///         ]
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-EXT:fargate_cpu_memory.json (cfn-lint 1.58.0: Cpu/Memory as strings or integers)
    /// - CFN-EXT:containerdefinitions_essential.json (cfn-lint 1.58.0: `false`, `"false"` and `"False"` treated alike)
    /// - BOTO:RegisterTaskDefinitionRequest.cpu, BOTO:ContainerDefinition.essential (botocore 1.44.5 ECS model: the API types)
    pub struct CloudFormationCoercion {
        code: "TD-SHAPE-011",
        name: "cloudformation-coerced-value",
        severity: Info,
        scope: Engine,
        summary: "CloudFormation value that CloudFormation converts to the type the ECS API takes",
    }
}

#[cfg(test)]
mod tests {
    use super::CloudFormationCoercion as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const TEMPLATE: &str = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Memory: '512'\n          Essential: 'False'\n          Environment: [{Name: PORT, Value: 8080}]\n";

    #[test]
    fn one_hint_per_task_definition_with_labels_on_the_others() {
        let d = assert_fails(&Rule::META, TEMPLATE);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].pointer, "/Resources/T/Properties/Cpu");
        assert_eq!(spanned(TEMPLATE, &d[0]), "256");
        assert_eq!(d[0].message, "Cpu is the number 256; CloudFormation converts it to the string \"256\" that the ECS API takes (3 other values of this task definition too)");
        assert_eq!(d[0].help.as_deref(), Some("nothing to change in the template; write \"256\" when you use this definition with the AWS CLI, an SDK or Terraform"));
        let labelled: Vec<&str> = d[0].labels.iter().map(|l| l.pointer.as_str()).collect();
        assert_eq!(
            labelled,
            [
                "/Resources/T/Properties/ContainerDefinitions/0/Memory",
                "/Resources/T/Properties/ContainerDefinitions/0/Essential",
                "/Resources/T/Properties/ContainerDefinitions/0/Environment/0/Value",
            ]
        );
    }

    #[test]
    fn booleans_in_any_case() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - {Name: a, Image: b, Essential: 'False'}\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].message, "ContainerDefinitions[0].Essential is the string \"False\"; CloudFormation converts it to the boolean false that the ECS API takes");
    }

    #[test]
    fn other_forms_and_api_types_pass() {
        // In the API form these are type errors (TD-SHAPE-010), not hints.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "cpu": 256, "containerDefinitions": [{"name": "a", "image": "b", "essential": "false"}]}"#,
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "memory": "512"}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: '256'\n      Memory: !Ref Memory\n      ContainerDefinitions:\n        - {Name: a, Image: b, Memory: 512, Essential: false}\n");
        // Values CloudFormation cannot convert are type errors.
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - {Name: a, Image: b, Memory: lots, Essential: 'yes'}\n");
    }
}
