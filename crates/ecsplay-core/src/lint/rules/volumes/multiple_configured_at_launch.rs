use super::volumes;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a task definition with more than one volume that sets `configuredAtLaunch: true`.
    ///
    /// ## Why is this bad?
    /// `configuredAtLaunch` marks the volume for which an Amazon EBS volume is supplied when a
    /// task is run or a service is created. ECS allows one such volume per task definition
    /// revision and rejects more.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "db",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "volumes": [
    ///     {"name": "data", "configuredAtLaunch": true},
    ///     {"name": "wal", "configuredAtLaunch": true}
    ///   ],
    ///   "containerDefinitions": [
    ///     {"name": "postgres", "image": "postgres:16",
    ///      "mountPoints": [{"sourceVolume": "data", "containerPath": "/var/lib/postgresql/data"},
    ///                      {"sourceVolume": "wal", "containerPath": "/var/lib/postgresql/wal"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "db",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "volumes": [{"name": "data", "configuredAtLaunch": true}],
    ///   "containerDefinitions": [
    ///     {"name": "postgres", "image": "postgres:16",
    ///      "mountPoints": [{"sourceVolume": "data", "containerPath": "/var/lib/postgresql/data"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Volume.configuredAtLaunch (botocore 1.44.5 ECS model: one per task definition revision)
    pub struct MultipleConfiguredAtLaunch {
        code: "TD-VOL-009",
        name: "multiple-configured-at-launch",
        severity: Error,
        scope: Task,
        summary: "More than one volume is configured at launch",
    }
}

impl Rule for MultipleConfiguredAtLaunch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let flagged: Vec<_> = volumes(cx)
            .filter_map(|v| v.get("configuredAtLaunch"))
            .filter(|n| cx.bool_of(n) == Some(true))
            .collect();
        let Some((first, rest)) = flagged.split_first() else {
            return;
        };
        for node in rest {
            out.push(
                Finding::at(
                    node,
                    format!(
                        "{} volumes set configuredAtLaunch; a task definition can have only one",
                        flagged.len()
                    ),
                )
                .label(first, "the first volume configured at launch")
                .help("keep configuredAtLaunch on one volume; use another volume type (EFS, a bind mount) for the others"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MultipleConfiguredAtLaunch as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn two_fail() {
        let text = r#"{"family": "f", "volumes": [{"name": "a", "configuredAtLaunch": true}, {"name": "b", "configuredAtLaunch": false}, {"name": "c", "configuredAtLaunch": true}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/volumes/2/configuredAtLaunch");
        assert_eq!(spanned(text, &d[0]), "true");
        assert_eq!(d[0].labels[0].pointer, "/volumes/0/configuredAtLaunch");
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n        - Name: a\n          ConfiguredAtLaunch: true\n        - Name: b\n          ConfiguredAtLaunch: 'true'\n      ContainerDefinitions:\n        - Name: a\n");
    }

    #[test]
    fn one_passes() {
        assert_passes(
            &Rule::META,
            r#"{"family": "f", "volumes": [{"name": "a", "configuredAtLaunch": true}, {"name": "b", "configuredAtLaunch": false}, {"name": "c"}], "containerDefinitions": [{"name": "a", "image": "i"}]}"#,
        );
    }
}
