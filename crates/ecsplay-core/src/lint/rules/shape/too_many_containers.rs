use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a task definition with more than 10 container definitions. Found by the JSON
    /// Schema layer (`maxItems: 10`).
    ///
    /// ## Why is this bad?
    /// Ten containers per task definition is a service quota that cannot be raised. ECS answers
    /// `ClientException: Too many containers.`
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "sidecars",
    ///   "containerDefinitions": [
    ///     {"name": "c1", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c2", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c3", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c4", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c5", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c6", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c7", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c8", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c9", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c10", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c11", "image": "busybox:1.36", "memory": 32}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Split the containers over two task definitions (and services).
    /// ```json
    /// {
    ///   "family": "sidecars",
    ///   "containerDefinitions": [
    ///     {"name": "c1", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c2", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c3", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c4", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c5", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c6", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c7", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c8", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c9", "image": "busybox:1.36", "memory": 32},
    ///     {"name": "c10", "image": "busybox:1.36", "memory": 32}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html (containers per task definition: 10, not adjustable)
    /// - ERR: https://github.com/aws/amazon-ecs-cli/issues/184 (`Too many containers.`)
    pub struct TooManyContainers {
        code: "TD-SHAPE-005",
        name: "too-many-containers",
        severity: Error,
        scope: Engine,
        summary: "More than 10 container definitions in one task definition",
    }
}

#[cfg(test)]
mod tests {
    use super::TooManyContainers as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn containers(n: usize) -> String {
        (0..n)
            .map(|i| format!(r#"{{"name": "c{i}", "image": "b"}}"#))
            .collect::<Vec<_>>()
            .join(", ")
    }

    #[test]
    fn eleven_containers_fail() {
        let text = format!(
            r#"{{"family": "a", "containerDefinitions": [{}]}}"#,
            containers(11)
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions");
        assert!(d[0].message.contains("11 containers"), "{}", d[0].message);
        assert!(d[0].message.contains("Too many containers."));
    }

    #[test]
    fn cloudformation_counts_too() {
        let items: String = (0..12)
            .map(|i| format!("        - {{Name: c{i}, Image: b}}\n"))
            .collect();
        let text = format!("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n{items}");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/Resources/T/Properties/ContainerDefinitions");
    }

    #[test]
    fn ten_or_fewer_pass() {
        let text = format!(
            r#"{{"family": "a", "containerDefinitions": [{}]}}"#,
            containers(10)
        );
        assert_passes(&Rule::META, &text);
        assert_passes(&Rule::META, &format!("[{}]", containers(3)));
        assert_passes(&Rule::META, &format!("[{}]", containers(10)));
    }

    #[test]
    fn terraform_array_is_the_container_list() {
        let d = assert_fails(&Rule::META, &format!("[{}]", containers(11)));
        assert_eq!(d[0].pointer, "");
        assert!(d[0]
            .message
            .starts_with("container_definitions has 11 containers"));
    }
}
