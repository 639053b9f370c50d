use super::{container_lists, known_items, MAX_ENVIRONMENT_FILES};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Warns when the containers of one task definition list more than 10 `environmentFiles`
    /// together although none lists more than 10 itself (that is TD-ENV-016, an error). The
    /// finding points at the list of the container that takes the count past 10, with a label
    /// on the lists before it.
    ///
    /// ## Why is this bad?
    /// The API reference allows ten files per container, but the 2023 developer guide words the
    /// limit as ten per task definition. Which one ECS enforces for a whole task is not
    /// confirmed, so this is a warning: a definition above ten files in total may be refused,
    /// and merging files is the safe side.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "environmentFiles": [
    ///         {"value": "arn:aws:s3:::cfg/app/1.env", "type": "s3"}, {"value": "arn:aws:s3:::cfg/app/2.env", "type": "s3"},
    ///         {"value": "arn:aws:s3:::cfg/app/3.env", "type": "s3"}, {"value": "arn:aws:s3:::cfg/app/4.env", "type": "s3"},
    ///         {"value": "arn:aws:s3:::cfg/app/5.env", "type": "s3"}, {"value": "arn:aws:s3:::cfg/app/6.env", "type": "s3"}
    ///       ]
    ///     },
    ///     {
    ///       "name": "worker",
    ///       "image": "public.ecr.aws/docker/library/python:3.12-slim",
    ///       "memory": 512,
    ///       "environmentFiles": [
    ///         {"value": "arn:aws:s3:::cfg/worker/1.env", "type": "s3"}, {"value": "arn:aws:s3:::cfg/worker/2.env", "type": "s3"},
    ///         {"value": "arn:aws:s3:::cfg/worker/3.env", "type": "s3"}, {"value": "arn:aws:s3:::cfg/worker/4.env", "type": "s3"},
    ///         {"value": "arn:aws:s3:::cfg/worker/5.env", "type": "s3"}
    ///       ]
    ///     }
    ///   ]
    /// }
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
    ///       "environmentFiles": [{"value": "arn:aws:s3:::cfg/app/app.env", "type": "s3"}]
    ///     },
    ///     {
    ///       "name": "worker",
    ///       "image": "public.ecr.aws/docker/library/python:3.12-slim",
    ///       "memory": 512,
    ///       "environmentFiles": [{"value": "arn:aws:s3:::cfg/worker/worker.env", "type": "s3"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23: taskdef-envfiles.md (a limit of ten files per task definition)
    /// - BOTO:ContainerDefinition.environmentFiles (botocore 1.44.5 ECS model: up to 10 per container)
    pub struct TooManyEnvironmentFilesInTask {
        code: "TD-ENV-019",
        name: "too-many-environment-files-in-task",
        severity: Warning,
        scope: Containers,
        summary: "more than 10 environment files in one task definition",
    }
}

impl Rule for TooManyEnvironmentFilesInTask {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let lists: Vec<_> = container_lists(cx, "environmentFiles")
            .filter(|(_, _, l)| known_items(&l.value) > 0)
            .collect();
        if lists
            .iter()
            .any(|(_, _, l)| known_items(&l.value) > MAX_ENVIRONMENT_FILES)
        {
            return;
        }
        let mut total = 0usize;
        for (at, (i, c, list)) in lists.iter().enumerate() {
            total = total.saturating_add(known_items(&list.value));
            if total <= MAX_ENVIRONMENT_FILES {
                continue;
            }
            let all: usize = lists.iter().map(|(_, _, l)| known_items(&l.value)).sum();
            let mut f = Finding::at_key(
                list,
                format!(
                    "the containers list {all} environment files together; the developer guide allows 10 per task definition (container {} takes the count past 10)",
                    container_label(c, *i)
                ),
            )
            .help("merge environment files so that the task lists at most 10");
            for (j, other, earlier) in lists.get(..at).unwrap_or_default() {
                f = f.label(
                    &earlier.value,
                    format!(
                        "{} files of container {}",
                        known_items(&earlier.value),
                        container_label(other, *j)
                    ),
                );
            }
            out.push(f);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TooManyEnvironmentFilesInTask as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn files(n: usize) -> String {
        format!(
            "[{}]",
            vec![r#"{"value": "arn:aws:s3:::b/a.env", "type": "s3"}"#; n].join(", ")
        )
    }

    fn task(counts: &[usize]) -> String {
        let containers: Vec<String> = counts
            .iter()
            .enumerate()
            .map(|(i, n)| {
                format!(
                    r#"{{"name": "c{i}", "image": "b", "environmentFiles": {}}}"#,
                    files(*n)
                )
            })
            .collect();
        format!(
            r#"{{"family": "a", "containerDefinitions": [{}]}}"#,
            containers.join(", ")
        )
    }

    #[test]
    fn more_than_ten_across_containers_warns_once() {
        let d = assert_fails(&Rule::META, &task(&[4, 4, 3, 2]));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/2/environmentFiles");
        assert_eq!(
            d[0].message,
            "the containers list 13 environment files together; the developer guide allows 10 per task definition (container 'c2' takes the count past 10)"
        );
        assert_eq!(d[0].labels.len(), 2);
        assert_fails(
            &Rule::META,
            &format!(
                r#"[{{"name": "a", "image": "b", "environmentFiles": {}}}, {{"name": "c", "image": "b", "environmentFiles": {}}}]"#,
                files(10),
                files(1)
            ),
        );
    }

    #[test]
    fn ten_or_fewer_and_one_oversized_container_pass() {
        assert_passes(&Rule::META, &task(&[5, 5]));
        assert_passes(&Rule::META, &task(&[10, 0]));
        // TD-ENV-016 reports a container above 10.
        assert_passes(&Rule::META, &task(&[11, 2]));
    }
}
