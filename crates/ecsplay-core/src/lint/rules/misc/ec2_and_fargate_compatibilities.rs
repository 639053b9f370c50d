use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Explains what it means for `requiresCompatibilities` to list both `EC2` and `FARGATE`:
    /// the definition is checked against the Fargate requirements as well as the EC2 ones.
    ///
    /// ## Why is this bad?
    /// It is a valid choice — the same definition can then run on either — but a stricter one
    /// than it looks. ECS applies the Fargate rules whenever `FARGATE` is listed, even next to
    /// `EC2`: the `awsvpc` network mode, a task-level `cpu` and `memory` of a Fargate size, only
    /// the `awslogs`, `splunk` and `awsfirelens` log drivers, no host or Docker volumes, no
    /// placement constraints, no privileged containers. If the tasks only ever run on EC2,
    /// listing `EC2` alone lifts those limits; if they run on Fargate, each of them applies.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "requiresCompatibilities": ["EC2", "FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "256",
    ///   "memory": "512",
    ///   "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}]
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
    ///   "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html (Fargate rules apply whenever FARGATE is listed)
    /// - BOTO:RegisterTaskDefinitionRequest.requiresCompatibilities (botocore 1.44.5 ECS model)
    pub struct Ec2AndFargateCompatibilities {
        code: "TD-MISC-018",
        name: "ec2-and-fargate-compatibilities",
        severity: Info,
        scope: Task,
        summary: "requiresCompatibilities lists both EC2 and FARGATE, so the Fargate rules apply too",
    }
}

impl Rule for Ec2AndFargateCompatibilities {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(list) = cx.task().and_then(|t| t.get("requiresCompatibilities")) else {
            return;
        };
        let find = |v: &str| list.items().iter().find(|i| i.as_str() == Some(v));
        let (Some(ec2), Some(fargate)) = (find("EC2"), find("FARGATE")) else {
            return;
        };
        let key = field(cx, "requiresCompatibilities");
        out.push(
            Finding::at(
                fargate,
                format!("{key} lists both EC2 and FARGATE: the definition must meet the Fargate requirements too (awsvpc, a Fargate task size, Fargate log drivers and volumes)"),
            )
            .label(ec2, "EC2 is listed too")
            .help("keep both only if the tasks must be able to run on either; list the one launch type they use otherwise"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::Ec2AndFargateCompatibilities as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn both_launch_types_are_explained() {
        let text = r#"{"family": "a", "requiresCompatibilities": ["EC2", "FARGATE"], "containerDefinitions": []}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].pointer, "/requiresCompatibilities/1");
        assert_eq!(spanned(text, &d[0]), "\"FARGATE\"");
        assert_eq!(d[0].labels[0].pointer, "/requiresCompatibilities/0");
        let cfn = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE, EC2]\n";
        assert!(assert_fails(&Rule::META, cfn)[0]
            .message
            .starts_with("RequiresCompatibilities lists both"));
    }

    #[test]
    fn one_launch_type_passes() {
        for list in [
            r#"["FARGATE"]"#,
            r#"["EC2"]"#,
            "[]",
            r#"["EC2", "EXTERNAL"]"#,
        ] {
            assert_passes(
                &Rule::META,
                &format!(
                    r#"{{"family": "a", "requiresCompatibilities": {list}, "containerDefinitions": []}}"#
                ),
            );
        }
    }
}
