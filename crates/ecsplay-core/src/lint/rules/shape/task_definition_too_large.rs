use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a task definition whose minified JSON is larger than 65,536 bytes (an error), or
    /// larger than 58,000 bytes (a warning: close to the limit). Measured by the schema layer on
    /// the task definition in API shape, UTF-8, without whitespace.
    ///
    /// ## Why is this bad?
    /// ECS stores at most 64 KiB per task definition and refuses a bigger one with
    /// `Actual length: '66420'. Max allowed length is '65536' bytes.` Large definitions usually
    /// carry configuration files or long lists of environment variables inline.
    ///
    /// AWS measures its own serialisation of the stored definition (with the defaults it fills
    /// in), so the count here is an estimate: that is why the rule already warns from 58,000
    /// bytes, and why the finding says "about".
    ///
    /// ## Example
    /// A configuration file inlined, base64-encoded, in an environment variable (the value is
    /// 60,000 characters long):
    /// ```json
    #[doc = include_str!("task_definition_too_large.example.json")]
    /// ```
    ///
    /// ## Use instead
    /// Keep the configuration in the image, in an `environmentFiles` S3 object or in a secret.
    /// ```json
    /// {
    ///   "family": "big",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "environmentFiles": [
    ///         {"type": "s3", "value": "arn:aws:s3:::my-config-bucket/web/nginx.env"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - ERR: https://github.com/awsdocs/amazon-ecs-developer-guide/pull/149 (`Actual length: '66420'. Max allowed length is '65536' bytes.`)
    /// - ERR: https://github.com/aws/containers-roadmap/issues/172 (the limit was 32 KiB before ~2020)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html
    pub struct TaskDefinitionTooLarge {
        code: "TD-SHAPE-006",
        name: "task-definition-too-large",
        severity: Error,
        scope: Engine,
        summary: "Task definition larger than the 64 KiB ECS accepts",
    }
}

#[cfg(test)]
mod tests {
    use super::TaskDefinitionTooLarge as Rule;
    use crate::diagnostic::Severity;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn td(value_len: usize) -> String {
        format!(
            r#"{{"family": "big", "containerDefinitions": [{{"name": "app", "image": "nginx", "environment": [{{"name": "V", "value": "{}"}}]}}]}}"#,
            "x".repeat(value_len)
        )
    }

    #[test]
    fn over_the_limit_is_an_error_at_the_root() {
        let d = assert_fails(&Rule::META, &td(70_000));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].pointer, "");
        assert!(
            d[0].message
                .contains("Max allowed length is '65536' bytes."),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn near_the_limit_is_a_warning() {
        let d = assert_fails(&Rule::META, &td(60_000));
        assert_eq!(d[0].severity, Severity::Warning);
        // Whitespace does not count: the size is measured minified.
        let padded = td(50_000).replace(", ", &format!(",{}", " ".repeat(20_000)));
        assert_passes(&Rule::META, &padded);
    }

    #[test]
    fn small_definitions_pass() {
        assert_passes(&Rule::META, &td(1000));
        assert_passes(&Rule::META, &td(57_000));
        // A Terraform array has no task definition around it to measure.
        assert_passes(
            &Rule::META,
            &format!(
                r#"[{{"name": "a", "image": "b", "command": ["{}"]}}]"#,
                "x".repeat(70_000)
            ),
        );
    }
}
