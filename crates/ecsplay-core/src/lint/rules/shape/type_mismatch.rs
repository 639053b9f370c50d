use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a value whose JSON type is not the one the ECS API model gives the member: task
    /// `cpu`/`memory` as numbers (they are strings), container `cpu`, `memory`,
    /// `memoryReservation`, ports, timeouts, health-check numbers, ulimit limits or `sizeInGiB`
    /// as strings (they are integers), `"true"` for a boolean, an object where a list is
    /// expected. Found by the JSON Schema layer (`type`). Environment values that are not
    /// strings are TD-ENV-001, a string where a list is expected TD-MISC-014, and a
    /// `containerDefinitions` that is not a list TD-SHAPE-004.
    ///
    /// ## Why is this bad?
    /// The AWS CLI and SDKs validate types before sending the request and stop with
    /// `Invalid type for parameter containerDefinitions[0].memory, value: 512, type: <class
    /// 'str'>, valid types: <class 'int'>` (or `Invalid type for parameter cpu, value: 256,
    /// type: <class 'int'>, valid types: <class 'str'>`).
    ///
    /// Choices made where ECS is lenient:
    /// - CloudFormation converts scalars itself (`Cpu: 256`, `Memory: "512"`,
    ///   `Essential: "false"`), so those are not reported for templates (rules.md TD-SHAPE-011).
    /// - `null` is read by the ECS service and by most SDKs as "not set", but the AWS CLI
    ///   (botocore) rejects it: a `null` is a warning, not an error. On a required member
    ///   (`name`, `image`, `family`, …) it is reported as that member missing. Terraform's
    ///   provider drops `null`s, so they are not reported in a `container_definitions` array.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": 256,
    ///   "memory": "512",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "essential": "true",
    ///       "portMappings": [{"containerPort": "80"}]
    ///     }
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
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "essential": true,
    ///       "portMappings": [{"containerPort": 80}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest, BOTO:ContainerDefinition, … (botocore 1.44.5 ECS model: member types)
    /// - botocore ParamValidator run (rules.md Appendix A: `Invalid type for parameter cpu, value: 256, type: <class 'int'>, valid types: <class 'str'>`)
    /// - CFN-EXT:fargate_cpu_memory.json, containerdefinitions_essential.json (cfn-lint 1.58.0: CloudFormation coerces scalars)
    pub struct TypeMismatch {
        code: "TD-SHAPE-010",
        name: "type-mismatch",
        severity: Error,
        scope: Engine,
        summary: "Value of the wrong JSON type for its member",
    }
}

#[cfg(test)]
mod tests {
    use super::TypeMismatch as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn number_for_a_string_and_string_for_an_integer() {
        let text = r#"{"family": "a", "cpu": 256, "containerDefinitions": [{"name": "a", "image": "b", "memory": "512"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pointer, "/cpu");
        assert_eq!(spanned(text, &d[0]), "256");
        assert_eq!(d[0].message, "cpu must be a string, not an integer (256)");
        assert_eq!(
            d[0].help.as_deref(),
            Some("write it as a JSON string: \"256\"")
        );
        assert_eq!(d[1].pointer, "/containerDefinitions/0/memory");
        assert_eq!(d[1].help.as_deref(), Some("write it as a JSON number: 512"));
    }

    #[test]
    fn booleans_and_lists() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "essential": "false", "command": "npm start", "portMappings": {"containerPort": 80}}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 2);
        assert!(d
            .iter()
            .any(|d| d.help.as_deref() == Some("write it as a JSON boolean: false")));
        // A string for a list is TD-MISC-014.
        assert!(d
            .iter()
            .all(|d| d.pointer != "/containerDefinitions/0/command"));
        let map = d
            .iter()
            .find(|d| d.pointer == "/containerDefinitions/0/portMappings")
            .unwrap();
        assert_eq!(
            map.help.as_deref(),
            Some("wrap it in [ ]: this member is a list")
        );
    }

    #[test]
    fn null_is_a_warning_and_terraform_drops_it() {
        let text = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "b", "ulimits": null}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/ulimits");
        assert!(
            d[0].message
                .starts_with("containerDefinitions[0].ulimits is null"),
            "{}",
            d[0].message
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "ulimits": null, "memory": null}]"#,
        );
        // A null required member is that member missing (TD-SHAPE-020), not a type error.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": null, "image": "b"}]}"#,
        );
    }

    #[test]
    fn cloudformation_coercions_pass_but_real_mismatches_fail() {
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      Memory: 512\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Essential: 'false'\n          Memory: '512'\n          Cpu: !Ref Cpu\n");
        let text = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Memory: lots\n";
        let d = assert_fails(&Rule::META, text);
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/Memory"
        );
        assert_eq!(
            d[0].message,
            "ContainerDefinitions[0].Memory must be an integer, not a string (\"lots\")"
        );
    }

    #[test]
    fn terraform_types_are_api_types() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "portMappings": [{"containerPort": "80"}]}]"#,
        );
        assert_eq!(d[0].pointer, "/0/portMappings/0/containerPort");
    }

    #[test]
    fn right_types_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "cpu": "1 vCPU", "memory": "2 GB", "containerDefinitions": [{"name": "a", "image": "b", "cpu": 0, "essential": false, "environment": [{"name": "PORT", "value": 80}]}]}"#,
        );
    }
}
