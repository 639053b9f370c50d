use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Points out an `ephemeralStorage` in a task definition whose `requiresCompatibilities`
    /// does not list `FARGATE`.
    ///
    /// ## Why is this bad?
    /// It is a hint, not an error. `ephemeralStorage` sizes the storage of a task hosted on
    /// Fargate: Linux platform version 1.4.0 gives every task 20 GiB, and `sizeInGiB` (21 to 200)
    /// only raises that; the pulled and unpacked image layers count against it. On EC2 container
    /// instances a task uses the instance's Docker storage instead, so the member does nothing
    /// there. If the definition is meant for Fargate, list `FARGATE` so that ECS checks it
    /// against Fargate's rules (TD-FG-035); if it is meant for EC2, remove `ephemeralStorage` and
    /// size the instances' volumes.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "etl",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "cpu": "1024",
    ///   "memory": "4096",
    ///   "ephemeralStorage": {"sizeInGiB": 100},
    ///   "containerDefinitions": [{"name": "etl", "image": "public.ecr.aws/example/etl:7"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "etl",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "4096",
    ///   "ephemeralStorage": {"sizeInGiB": 100},
    ///   "containerDefinitions": [{"name": "etl", "image": "public.ecr.aws/example/etl:7"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html (20 GiB default, up to 200 GiB, image layers included)
    /// - BOTO:RegisterTaskDefinitionRequest.ephemeralStorage (botocore 1.44.5 ECS model: "for tasks hosted on Fargate")
    pub struct EphemeralStorageOutsideFargate {
        code: "TD-FG-027",
        name: "ephemeral-storage-outside-fargate",
        severity: Info,
        scope: Task,
        summary: "ephemeralStorage in a task definition that does not list FARGATE",
    }
}

impl Rule for EphemeralStorageOutsideFargate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.platform_unknown {
            return;
        }
        let Some(m) = cx.task().and_then(|t| t.member("ephemeralStorage")) else {
            return;
        };
        if !m.value.is_object() {
            return;
        }
        // ECS may have found it Fargate-compatible already.
        if super::maybe_fargate_compatible(cx) {
            return;
        }
        let listed = cx
            .task()
            .and_then(|t| t.get("requiresCompatibilities"))
            .map(|n| {
                n.items()
                    .iter()
                    .filter_map(Node::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .filter(|s| !s.is_empty());
        let message = match listed {
            Some(list) => format!("ephemeralStorage only sizes the storage of tasks on Fargate; requiresCompatibilities lists {list}, where it has no effect"),
            None => "ephemeralStorage only sizes the storage of tasks on Fargate, and requiresCompatibilities does not list FARGATE".to_owned(),
        };
        out.push(Finding::at_key(m, message).help(
            "for Fargate add \"FARGATE\" to requiresCompatibilities; for EC2 remove ephemeralStorage and size the container instances' volumes instead",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, td};
    use super::EphemeralStorageOutsideFargate as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    const STORAGE: &str = r#""ephemeralStorage": {"sizeInGiB": 100}"#;

    #[test]
    fn ephemeral_storage_without_fargate_gets_the_hint() {
        let text = ec2(STORAGE, "");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/ephemeralStorage");
        assert_eq!(spanned(&text, &d[0]), "\"ephemeralStorage\"");
        assert_eq!(
            d[0].message,
            "ephemeralStorage only sizes the storage of tasks on Fargate; requiresCompatibilities lists EC2, where it has no effect"
        );
        let d = assert_fails(&Rule::META, &td("[]", STORAGE, ""));
        assert!(d[0]
            .message
            .ends_with("requiresCompatibilities does not list FARGATE"));
    }

    #[test]
    fn fargate_or_unknown_passes() {
        assert_passes(&Rule::META, &fargate(STORAGE, ""));
        assert_passes(&Rule::META, &td(r#"["EC2", "FARGATE"]"#, STORAGE, ""));
        assert_passes(&Rule::META, &ec2("", ""));
        assert_passes(
            &Rule::META,
            "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: !Ref Compat\n      EphemeralStorage: {SizeInGiB: 30}\n",
        );
        assert_passes(
            &Rule::META,
            r#"{"taskDefinition": {"family": "a", "compatibilities": ["EC2", "FARGATE"], "ephemeralStorage": {"sizeInGiB": 30}, "containerDefinitions": []}}"#,
        );
    }
}
