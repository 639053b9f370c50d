use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a value outside the fixed set the ECS API allows for the member:
    /// `requiresCompatibilities`, `pidMode`, `ipcMode`, `runtimePlatform.cpuArchitecture` and
    /// `operatingSystemFamily`, ulimit names, `dependsOn` conditions, `environmentFiles` and
    /// `resourceRequirements` types, Docker volume `scope`, EFS `transitEncryption` and `iam`,
    /// placement constraint, proxy and FireLens types, `appProtocol`, device permissions,
    /// `versionConsistency`, `isolationMode`. Found by the JSON Schema layer (`enum`, with the
    /// closest allowed value as a suggestion).
    ///
    /// Not here: `networkMode` (TD-NET-001), `logDriver` (TD-LOG-001), an empty string
    /// (TD-SHAPE-015) and the port mapping `protocol` (TD-PORT-005: the API treats unknown
    /// protocols as tcp).
    ///
    /// ## Why is this bad?
    /// The values are case-sensitive enumerations of the API: the AWS CLI, the SDKs and ECS
    /// reject anything else, and so does CloudFormation (cfn-lint E3030). A lower-case
    /// `fargate` or an invented `ARM` fails the registration.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["fargate"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "runtimePlatform": {"cpuArchitecture": "ARM", "operatingSystemFamily": "LINUX"},
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Compatibility, BOTO:CPUArchitecture, BOTO:OSFamily, BOTO:UlimitName, … (botocore 1.44.5 ECS model: enum shapes)
    /// - CFN-SCHEMA: AWS::ECS::TaskDefinition enums (cfn-lint E3030)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
    pub struct InvalidEnumValue {
        code: "TD-SHAPE-012",
        name: "invalid-enum-value",
        severity: Error,
        scope: Engine,
        summary: "Value outside the set the ECS API allows for this member",
    }
}

#[cfg(test)]
mod tests {
    use super::InvalidEnumValue as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn lower_case_launch_type_is_reported_with_a_suggestion() {
        let text = r#"{"family": "a", "requiresCompatibilities": ["EC2", "fargate"], "containerDefinitions": [{"name": "a", "image": "b"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/requiresCompatibilities/1");
        assert_eq!(spanned(text, &d[0]), "\"fargate\"");
        assert_eq!(
            d[0].message,
            "\"fargate\" is not a valid value of requiresCompatibilities; expected one of: EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES"
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean \"FARGATE\"?"));
    }

    #[test]
    fn nested_enums() {
        let text = r#"{"family": "a", "pidMode": "container", "containerDefinitions": [{"name": "a", "image": "b", "ulimits": [{"name": "NOFILE", "softLimit": 1, "hardLimit": 2}], "dependsOn": [{"containerName": "x", "condition": "RUNNING"}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        let pointers: Vec<&str> = d.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/pidMode",
                "/containerDefinitions/0/ulimits/0/name",
                "/containerDefinitions/0/dependsOn/0/condition"
            ]
        );
        assert_eq!(
            d[0].message,
            "\"container\" is not a valid pidMode; expected one of: host, task"
        );
        assert_eq!(d[1].help.as_deref(), Some("did you mean \"nofile\"?"));
    }

    #[test]
    fn cloudformation_enums() {
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RuntimePlatform: {OperatingSystemFamily: WINDOWS_SERVER_2022}\n      ContainerDefinitions: [{Name: a, Image: b}]\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/RuntimePlatform/OperatingSystemFamily"
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [!Ref LaunchType]\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
    }

    #[test]
    fn valid_values_and_values_of_other_rules_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"], "ipcMode": "none", "runtimePlatform": {"cpuArchitecture": "X86_64", "operatingSystemFamily": "WINDOWS_SERVER_2025_CORE"}, "containerDefinitions": [{"name": "a", "image": "b", "versionConsistency": "disabled"}]}"#,
        );
        // networkMode, logDriver, protocol and empty strings belong to other rules.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "networkMode": "default", "pidMode": "", "containerDefinitions": [{"name": "a", "image": "b", "portMappings": [{"containerPort": 80, "protocol": "TCP"}], "logConfiguration": {"logDriver": "cloudwatch"}}]}"#,
        );
    }
}
