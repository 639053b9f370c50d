use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

/// The most placement constraints a task may have, task definition and run time together.
const MAX_CONSTRAINTS: usize = 10;

declare_rule! {
    /// ## What it does
    /// Reports a task definition with more than 10 `placementConstraints`.
    ///
    /// ## Why is this bad?
    /// ECS allows at most 10 placement constraints per task, counting those of the task
    /// definition and those given when the task is run together, and rejects more.
    ///
    /// The other clauses of this catalogue row are reported elsewhere: a constraint `type`
    /// other than `memberOf` (such as `distinctInstance`, which only services and RunTask
    /// accept) by the JSON Schema as TD-SHAPE-012, and constraints on Fargate by TD-FG-007.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "placementConstraints": [
    ///     {"type": "memberOf", "expression": "attribute:ecs.instance-type =~ m5.*"},
    ///     {"type": "memberOf", "expression": "attribute:ecs.os-type == linux"},
    ///     {"type": "memberOf", "expression": "attribute:ecs.cpu-architecture == x86_64"},
    ///     {"type": "memberOf", "expression": "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"},
    ///     {"type": "memberOf", "expression": "attribute:team == web"},
    ///     {"type": "memberOf", "expression": "attribute:env == prod"},
    ///     {"type": "memberOf", "expression": "attribute:tier == frontend"},
    ///     {"type": "memberOf", "expression": "attribute:pci == false"},
    ///     {"type": "memberOf", "expression": "attribute:ssd == true"},
    ///     {"type": "memberOf", "expression": "attribute:kernel =~ 6.*"},
    ///     {"type": "memberOf", "expression": "attribute:rack exists"}
    ///   ],
    ///   "containerDefinitions": [{"name": "app", "image": "example/app:2.1", "memory": 512}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "placementConstraints": [
    ///     {"type": "memberOf", "expression": "attribute:ecs.instance-type =~ m5.* and attribute:env == prod and attribute:team == web"}
    ///   ],
    ///   "containerDefinitions": [{"name": "app", "image": "example/app:2.1", "memory": 512}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:RegisterTaskDefinitionRequest.placementConstraints (botocore 1.44.5 ECS model: at most 10 per task, including run-time constraints)
    /// - hashicorp/terraform-provider-aws website/docs/r/ecs_task_definition.html.markdown (distinctInstance is not supported in task definitions)
    pub struct TooManyPlacementConstraints {
        code: "TD-RES-028",
        name: "too-many-placement-constraints",
        severity: Error,
        scope: Task,
        summary: "The task definition has more than 10 placement constraints",
    }
}

impl Rule for TooManyPlacementConstraints {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(list) = cx.task().and_then(|t| t.get("placementConstraints")) else {
            return;
        };
        let n = list.items().len();
        if n <= MAX_CONSTRAINTS {
            return;
        }
        out.push(
            Finding::at(
                list,
                format!("placementConstraints has {n} constraints; a task can have at most {MAX_CONSTRAINTS}, including those given at run time"),
            )
            .help("combine conditions into one memberOf expression with and/or, or move some to the service's placement constraints"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::TooManyPlacementConstraints as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(n: usize) -> String {
        let c = vec![r#"{"type": "memberOf", "expression": "attribute:a == b"}"#; n].join(", ");
        format!(
            r#"{{"family": "f", "placementConstraints": [{c}], "containerDefinitions": [{{"name": "a", "image": "i"}}]}}"#
        )
    }

    #[test]
    fn eleven_fail() {
        let d = assert_fails(&Rule::META, &task(11));
        assert_eq!(d[0].pointer, "/placementConstraints");
        assert!(d[0]
            .message
            .starts_with("placementConstraints has 11 constraints"));
    }

    #[test]
    fn ten_pass() {
        assert_passes(&Rule::META, &task(10));
        assert_passes(&Rule::META, &task(0));
    }
}
