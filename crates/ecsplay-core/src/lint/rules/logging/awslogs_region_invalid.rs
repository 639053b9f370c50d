use super::awslogs_configs;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an `awslogs-region` that is not an AWS Region code
    /// (`^[a-z]{2,4}(-[a-z]+)+-\d+$`: `us-east-1`, `eu-central-2`, `us-gov-west-1`,
    /// `eusc-de-east-1`). Typical hits are placeholders left in (`${AWS_REGION}`,
    /// `{{region}}`), display names (`US East (N. Virginia)`) and Availability Zones
    /// (`us-east-1a`).
    ///
    /// ## Why is this bad?
    /// The driver builds the CloudWatch Logs endpoint from the Region; a value that is not one
    /// leaves it without an endpoint, and the container fails to start with a log driver error.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1a"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:LogConfiguration.options (botocore 1.44.5 ECS model: awslogs-region is a Region)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    pub struct AwslogsRegionInvalid {
        code: "TD-LOG-011",
        name: "awslogs-region-invalid",
        severity: Error,
        scope: Containers,
        summary: "awslogs-region is not an AWS Region code",
    }
}

/// Whether `value` has the shape of a Region code: 2-4 letters, one or more `-word`, `-digits`.
fn is_region_code(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let lower = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
    match parts.as_slice() {
        [first, middle @ .., last] if !middle.is_empty() => {
            (2..=4).contains(&first.len())
                && lower(first)
                && middle.iter().all(lower)
                && !last.is_empty()
                && last.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

impl Rule for AwslogsRegionInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for log in awslogs_configs(cx) {
            let Some((node, region)) = log.option_str("awslogs-region") else {
                continue;
            };
            if is_region_code(region) {
                continue;
            }
            let help = match region.trim_end_matches(|c: char| c.is_ascii_lowercase()) {
                zone if zone != region && is_region_code(zone) => {
                    format!("\"{region}\" is an Availability Zone; write its Region, \"{zone}\"")
                }
                _ => "write the Region of the log group, such as \"us-east-1\"".to_owned(),
            };
            out.push(
                Finding::at(
                    node,
                    format!(
                        "awslogs-region \"{region}\" of container {} is not an AWS Region code",
                        log.label
                    ),
                )
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AwslogsRegionInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(region: &str) -> String {
        format!(
            r#"{{"family": "web", "containerDefinitions": [{{"name": "app", "image": "b", "logConfiguration": {{"logDriver": "awslogs", "options": {{"awslogs-group": "g", "awslogs-region": {region}}}}}}}]}}"#
        )
    }

    #[test]
    fn zones_placeholders_and_names_fail() {
        let text = task(r#""us-east-1a""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/0/logConfiguration/options/awslogs-region"
        );
        assert_eq!(spanned(&text, &d[0]), r#""us-east-1a""#);
        assert_eq!(
            d[0].message,
            "awslogs-region \"us-east-1a\" of container 'app' is not an AWS Region code"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("\"us-east-1a\" is an Availability Zone; write its Region, \"us-east-1\"")
        );
        for bad in [
            r#""{{region}}""#,
            r#""${AWS_REGION}""#,
            r#""US-EAST-1""#,
            r#""""#,
            r#""us-east""#,
            r#""useast1""#,
        ] {
            assert_fails(&Rule::META, &task(bad));
        }
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-region": "Ireland"}}}]"#,
        );
    }

    #[test]
    fn region_codes_and_deploy_time_values_pass() {
        for ok in [
            "us-east-1",
            "ap-southeast-4",
            "us-gov-west-1",
            "cn-northwest-1",
            "eusc-de-east-1",
            "me-central-1",
        ] {
            assert_passes(&Rule::META, &task(&format!("\"{ok}\"")));
        }
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: g, awslogs-region: !Ref AWS::Region}}\n");
    }
}
