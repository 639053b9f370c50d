use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The most exit codes a restart policy may ignore (BOTO:ContainerRestartPolicy).
const MAX_IGNORED_EXIT_CODES: usize = 50;

declare_rule! {
    /// ## What it does
    /// Reports a `restartPolicy.ignoredExitCodes` list with more than 50 entries.
    ///
    /// ## Why is this bad?
    /// `ignoredExitCodes` lists the exit codes after which ECS does not restart the container
    /// (for example `0` for a clean exit). ECS accepts at most 50 of them and rejects a longer
    /// list.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512,
    ///      "restartPolicy": {"enabled": true, "ignoredExitCodes": [
    ///        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
    ///        25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46,
    ///        47, 48, 49, 50]}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {"name": "worker", "image": "example/worker:1.4", "memory": 512,
    ///      "restartPolicy": {"enabled": true, "ignoredExitCodes": [0, 143]}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerRestartPolicy.ignoredExitCodes (botocore 1.44.5 ECS model: up to 50)
    pub struct TooManyIgnoredExitCodes {
        code: "TD-DEP-018",
        name: "too-many-ignored-exit-codes",
        severity: Error,
        scope: Containers,
        summary: "A restartPolicy ignores more than 50 exit codes",
    }
}

impl Rule for TooManyIgnoredExitCodes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c, policy) in cx.container_members("restartPolicy") {
            let Some(codes) = policy.get("ignoredExitCodes") else {
                continue;
            };
            let n = codes.items().len();
            if n <= MAX_IGNORED_EXIT_CODES {
                continue;
            }
            out.push(
                Finding::at(
                    codes,
                    format!(
                        "ignoredExitCodes of container {} lists {n} exit codes; at most {MAX_IGNORED_EXIT_CODES} are allowed",
                        container_label(c, i)
                    ),
                )
                .help(format!(
                    "keep at most {MAX_IGNORED_EXIT_CODES} exit codes: the ones after which the container should stay stopped"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TooManyIgnoredExitCodes as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn with_codes(n: usize) -> String {
        let codes: Vec<String> = (0..n).map(|c| c.to_string()).collect();
        format!(
            r#"[{{"name": "a", "image": "i", "restartPolicy": {{"enabled": true, "ignoredExitCodes": [{}]}}}}]"#,
            codes.join(", ")
        )
    }

    #[test]
    fn fifty_one_codes_fail() {
        let d = assert_fails(&Rule::META, &with_codes(51));
        assert_eq!(d[0].pointer, "/0/restartPolicy/ignoredExitCodes");
        assert_eq!(
            d[0].message,
            "ignoredExitCodes of container 'a' lists 51 exit codes; at most 50 are allowed"
        );
    }

    #[test]
    fn fifty_codes_pass() {
        assert_passes(&Rule::META, &with_codes(50));
        assert_passes(&Rule::META, &with_codes(0));
    }
}
