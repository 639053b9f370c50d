use super::{container_lists, environment_chars};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// From how many characters of environment variables (all containers together, as JSON) the
/// rule speaks: a quarter of the 65,536 bytes a whole task definition may take.
const THRESHOLD: usize = 16_384;

declare_rule! {
    /// ## What it does
    /// Points out a task definition whose environment variables take more than 16,384
    /// characters (all containers' `environment` lists together, as JSON): a quarter of the
    /// 64 KiB that ECS accepts for the whole task definition. The finding is on the largest
    /// list. The threshold is this project's choice (the catalogue gives none); TD-SHAPE-006
    /// reports the definition itself once it nears the cap.
    ///
    /// ## Why is this bad?
    /// Every variable is stored in the task definition, so large configuration carried this
    /// way (inlined files, certificate bundles, long JSON documents) pushes the definition
    /// toward the 64 KiB limit, after which RegisterTaskDefinition refuses it
    /// (`Max allowed length is '65536' bytes`). It also makes every revision heavy to read and
    /// diff. Keep configuration in `environmentFiles` (S3), in Secrets Manager or SSM
    /// parameters, or in the image.
    ///
    /// ## Example
    /// A certificate bundle inlined, base64-encoded, in an environment variable:
    /// ```json
    #[doc = include_str!("large_environment.example.json")]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "environment": [{"name": "APP_ENV", "value": "production"}],
    ///       "environmentFiles": [{"value": "arn:aws:s3:::my-config-bucket/web/app.env", "type": "s3"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23: taskdef-envfiles.md (no separate cap on environment variables; the definition's size bounds them)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html (task definition size)
    pub struct LargeEnvironment {
        code: "TD-ENV-022",
        name: "large-environment",
        severity: Info,
        scope: Containers,
        summary: "environment variables that take a large share of the 64 KiB task definition",
    }
}

impl Rule for LargeEnvironment {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let sizes: Vec<_> = container_lists(cx, "environment")
            .map(|(i, c, list)| (environment_chars(&list.value), i, c, list))
            .collect();
        let total: usize = sizes.iter().map(|(n, ..)| *n).sum();
        if total <= THRESHOLD {
            return;
        }
        let Some((largest, i, c, list)) = sizes.iter().max_by_key(|(n, ..)| *n) else {
            return;
        };
        let share = if sizes.len() > 1 {
            format!(" ({largest} in container {})", container_label(c, *i))
        } else {
            String::new()
        };
        out.push(
            Finding::at_key(
                list,
                format!(
                    "the environment variables take about {total} characters of the 65,536 a task definition may have{share}"
                ),
            )
            .help("move large values to an environmentFiles object in S3, a secret or the image"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::LargeEnvironment as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn task(sizes: &[usize]) -> String {
        let containers: Vec<String> = sizes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                format!(
                    r#"{{"name": "c{i}", "image": "b", "environment": [{{"name": "V", "value": "{}"}}]}}"#,
                    "x".repeat(*n)
                )
            })
            .collect();
        format!(
            r#"{{"family": "a", "containerDefinitions": [{}]}}"#,
            containers.join(", ")
        )
    }

    #[test]
    fn large_environments_are_pointed_out_once() {
        let d = assert_fails(&Rule::META, &task(&[9000, 8000]));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/environment");
        assert_eq!(
            d[0].message,
            "the environment variables take about 17050 characters of the 65,536 a task definition may have (9025 in container 'c0')"
        );
        assert_fails(
            &Rule::META,
            &format!(
                r#"[{{"name": "a", "image": "b", "environment": [{{"name": "V", "value": "{}"}}]}}]"#,
                "y".repeat(17000)
            ),
        );
    }

    #[test]
    fn small_environments_pass() {
        // 16,384 characters is the limit itself.
        assert_passes(&Rule::META, &task(&[16_384 - 25]));
        assert_passes(&Rule::META, &task(&[8000, 8000]));
    }
}
