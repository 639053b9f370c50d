use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a Fargate task definition with a non-empty `placementConstraints`. An empty list
    /// is fine (describe output and some tools write `"placementConstraints": []`).
    ///
    /// ## Why is this bad?
    /// Placement constraints choose among the container instances of a cluster
    /// (`memberOf` with a cluster query expression). Fargate tasks run on capacity AWS manages,
    /// with no container instances to choose from, so ECS does not accept constraints for them;
    /// cfn-lint reports `'PlacementConstraints' isn't supported for Fargate tasks` (E3048). This is
    /// also the Fargate clause of TD-RES-028, reported here once.
    ///
    /// cfn-lint flags the property even when it is an empty list; ECS accepts that, so this rule
    /// does not.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.availability-zone in [us-east-1a]"}],
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
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
    ///   "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - CFN-RULE:E3048 (cfn-lint 1.58.0 TaskFargateProperties.py: "'PlacementConstraints' isn't supported for Fargate tasks")
    /// - BOTO:TaskDefinitionPlacementConstraint (botocore 1.44.5 ECS model: "Task placement constraints aren't supported for tasks run on Fargate")
    /// - DG23:AWS_Fargate.md (placementConstraints among the parameters not valid in Fargate tasks)
    pub struct FargatePlacementConstraints {
        code: "TD-FG-007",
        name: "fargate-placement-constraints",
        severity: Error,
        scope: Task,
        summary: "Fargate task definition with placement constraints",
    }
}

impl Rule for FargatePlacementConstraints {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate {
            return;
        }
        let Some(member) = cx.task().and_then(|t| t.member("placementConstraints")) else {
            return;
        };
        // `!If [IsFargate, !Ref AWS::NoValue, …]` and similar are not judged.
        if !super::set_now(&member.value) {
            return;
        }
        out.push(
            Finding::at_key(member, "placementConstraints isn't supported for Fargate tasks").help(
                "remove placementConstraints; to keep Fargate tasks in some Availability Zones, give the service or RunTask only subnets in those zones",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn};
    use super::FargatePlacementConstraints as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const CONSTRAINT: &str = r#""placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}]"#;

    #[test]
    fn constraints_on_fargate_fail_at_the_key() {
        let text = fargate(CONSTRAINT, "");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/placementConstraints");
        assert_eq!(spanned(&text, &d[0]), "\"placementConstraints\"");
        assert_eq!(
            d[0].message,
            "placementConstraints isn't supported for Fargate tasks"
        );
    }

    #[test]
    fn cloudformation_and_wrong_types_fail() {
        let text = fargate_cfn("      PlacementConstraints:\n        - Type: memberOf\n          Expression: attribute:ecs.os-type == linux\n");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "PlacementConstraints");
        // cfn-lint's E3048 case: any value is refused, whatever its type.
        assert_fails(
            &Rule::META,
            &fargate_cfn("      PlacementConstraints: foo\n"),
        );
    }

    #[test]
    fn empty_unknown_or_not_fargate_passes() {
        assert_passes(&Rule::META, &fargate(r#""placementConstraints": []"#, ""));
        assert_passes(&Rule::META, &fargate(r#""placementConstraints": null"#, ""));
        assert_passes(&Rule::META, &fargate("", ""));
        assert_passes(
            &Rule::META,
            &fargate_cfn("      PlacementConstraints: !If [IsEc2, [{Type: memberOf, Expression: x}], !Ref AWS::NoValue]\n"),
        );
        assert_passes(&Rule::META, &ec2(CONSTRAINT, ""));
    }
}
