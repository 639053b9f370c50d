use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports an empty string given for a member that only takes one of a fixed set of values
    /// (`"networkMode": ""`, `"pidMode": ""`, `"ipcMode": ""`, `"logDriver": ""`, …) or a
    /// formatted value, as a `--generate-cli-skeleton` template leaves them. Found by the JSON
    /// Schema layer (`enum`, `pattern` and `minLength` failing on `""`).
    ///
    /// Empty strings in members with a rule of their own are reported there: `family`
    /// (TD-SHAPE-001), container `name` and `image` (TD-SHAPE-020, TD-SHAPE-030), tags
    /// (TD-SHAPE-040); an empty task `cpu` or `memory` is an invalid size (TD-RES-001,
    /// TD-RES-002), where ECS answers `Invalid 'cpu' setting for task.`.
    ///
    /// ## Why is this bad?
    /// ECS does not read `""` as "not set": it is a value, and not an allowed one, so the
    /// registration fails. Leaving the member out gives ECS's default.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "networkMode": "",
    ///   "pidMode": "",
    ///   "ipcMode": "",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - ERR: https://github.com/oranmoshai/ecsServiceRestart/issues/2 (skeleton leftovers; `Invalid 'cpu' setting for task.`)
    /// - BOTO:NetworkMode, BOTO:PidMode, BOTO:IpcMode, … (botocore 1.44.5 ECS model: enum shapes)
    /// - DOC: https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-skeleton.html
    pub struct EmptyStringValue {
        code: "TD-SHAPE-015",
        name: "empty-string-value",
        severity: Error,
        scope: Engine,
        summary: "Empty string for a member that takes one of a fixed set of values",
    }
}

#[cfg(test)]
mod tests {
    use super::EmptyStringValue as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn skeleton_leftovers_fail() {
        let text = r#"{"family": "a", "networkMode": "", "containerDefinitions": [{"name": "a", "image": "b", "logConfiguration": {"logDriver": ""}, "versionConsistency": ""}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].pointer, "/networkMode");
        assert_eq!(spanned(text, &d[0]), "\"\"");
        assert_eq!(
            d[0].message,
            "networkMode is an empty string; it must be one of: bridge, host, awsvpc, none"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("remove \"networkMode\" to get ECS's default, or set one of: bridge, host, awsvpc, none")
        );
        assert_eq!(
            d[1].pointer,
            "/containerDefinitions/0/logConfiguration/logDriver"
        );
    }

    #[test]
    fn cloudformation_and_terraform() {
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      IpcMode: ''\n      ContainerDefinitions: [{Name: a, Image: b}]\n");
        assert_eq!(
            d[0].help.as_deref(),
            Some("remove \"IpcMode\" to get ECS's default, or set one of: host, task, none")
        );
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "dependsOn": [{"containerName": "x", "condition": ""}]}]"#,
        );
        assert_eq!(d[0].pointer, "/0/dependsOn/0/condition");
    }

    #[test]
    fn values_and_other_empty_members_pass() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "networkMode": "awsvpc", "containerDefinitions": [{"name": "a", "image": "b"}]}"#,
        );
        // Empty family, name, image and free-text strings are other rules' (or allowed).
        assert_passes(
            &Rule::META,
            r#"{"family": "", "containerDefinitions": [{"name": "", "image": "", "hostname": "", "user": ""}], "tags": [{"key": "", "value": ""}]}"#,
        );
    }
}
