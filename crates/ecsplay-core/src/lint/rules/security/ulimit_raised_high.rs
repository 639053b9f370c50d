use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

/// The limits this hint looks at.
const WATCHED: [&str; 4] = ["memlock", "nproc", "core", "nofile"];

/// Above this many open files the value is "very high": the Linux default ceiling
/// (`fs.nr_open`), which is also the most Fargate allows.
const HIGH_NOFILE: i64 = 1_048_576;

declare_rule! {
    /// ## What it does
    /// Points out a `memlock`, `nproc`, `core` or `nofile` ulimit whose soft or hard limit is
    /// `-1` (unlimited), and a `nofile` limit above 1,048,576 (the kernel's default ceiling
    /// `fs.nr_open`, and the most Fargate allows; TD-FG reports it as an error there). The
    /// catalogue leaves "very high" open; these are this project's thresholds. One finding per
    /// ulimit, at the hard limit when both are high. Windows containers cannot set ulimits
    /// (TD-RES-027).
    ///
    /// ## Why is this bad?
    /// Limits contain a misbehaving process: unlimited `nproc` lets a fork bomb exhaust the
    /// host's process table for every task on it, unlimited `memlock` lets a process pin memory
    /// the kernel can never reclaim, unlimited `core` writes multi-gigabyte core dumps to the
    /// instance's disk. Some workloads do need them (Elasticsearch wants `memlock` unlimited,
    /// databases want many open files); keep them for those containers and size them to the
    /// need.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "worker",
    ///       "image": "public.ecr.aws/docker/library/python:3.12-slim",
    ///       "memory": 512,
    ///       "ulimits": [{"name": "nproc", "softLimit": -1, "hardLimit": -1}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "worker",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "worker",
    ///       "image": "public.ecr.aws/docker/library/python:3.12-slim",
    ///       "memory": 512,
    ///       "ulimits": [{"name": "nproc", "softLimit": 4096, "hardLimit": 8192}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:Ulimit (botocore 1.44.5 ECS model: values per type)
    /// - DOC: https://man7.org/linux/man-pages/man2/getrlimit.2.html
    pub struct UlimitRaisedHigh {
        code: "TD-SEC-022",
        name: "ulimit-raised-high",
        severity: Info,
        scope: Containers,
        summary: "ulimit lifted to unlimited or very high for memlock, nproc, core or nofile",
    }
}

/// Whether a limit value is high for `name`.
fn high(name: &str, value: i64, fargate: bool) -> bool {
    value == -1 || (name == "nofile" && value > HIGH_NOFILE && !fargate)
}

impl Rule for UlimitRaisedHigh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.windows {
            return;
        }
        for (i, c, ulimits) in cx.container_members("ulimits") {
            for ulimit in ulimits.items() {
                let Some(name) = ulimit.get("name").and_then(Node::as_str) else {
                    continue;
                };
                if !WATCHED.contains(&name) {
                    continue;
                }
                let value = |key: &str| {
                    let node = ulimit.get(key)?;
                    let v = cx.int_of(node)?;
                    high(name, v, cx.facts.fargate).then_some((node, v))
                };
                let Some((node, v)) = value("hardLimit").or_else(|| value("softLimit")) else {
                    continue;
                };
                let shown = if v == -1 {
                    "unlimited (-1)".to_owned()
                } else {
                    v.to_string()
                };
                out.push(
                    Finding::at(
                        node,
                        format!(
                            "container {} raises the {name} ulimit to {shown}",
                            container_label(c, i)
                        ),
                    )
                    .help(format!("keep {name} this high only if the workload needs it, and prefer a finite value sized to it")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UlimitRaisedHigh as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn ulimit(name: &str, soft: i64, hard: i64) -> String {
        format!(
            r#"[{{"name": "app", "image": "b", "ulimits": [{{"name": "{name}", "softLimit": {soft}, "hardLimit": {hard}}}]}}]"#
        )
    }

    #[test]
    fn unlimited_and_very_high_limits_are_pointed_out() {
        for name in ["memlock", "nproc", "core", "nofile"] {
            let text = ulimit(name, -1, -1);
            let d = assert_fails(&Rule::META, &text);
            assert_eq!(d.len(), 1);
            assert_eq!(d[0].pointer, "/0/ulimits/0/hardLimit");
            assert_eq!(spanned(&text, &d[0]), "-1");
        }
        assert_eq!(
            assert_fails(&Rule::META, &ulimit("memlock", -1, -1))[0].message,
            "container 'app' raises the memlock ulimit to unlimited (-1)"
        );
        let d = assert_fails(&Rule::META, &ulimit("nofile", 1024, 2_000_000));
        assert!(d[0].message.ends_with("to 2000000"));
        let d = assert_fails(&Rule::META, &ulimit("core", -1, 0));
        assert_eq!(d[0].pointer, "/0/ulimits/0/softLimit");
    }

    #[test]
    fn ordinary_limits_and_other_names_pass() {
        assert_passes(&Rule::META, &ulimit("nofile", 65536, 1_048_576));
        assert_passes(&Rule::META, &ulimit("stack", -1, -1));
        assert_passes(&Rule::META, &ulimit("nproc", 4096, 8192));
        // On Fargate a nofile above the ceiling is an error of the fargate group.
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "app", "image": "b", "ulimits": [{"name": "nofile", "softLimit": 2000000, "hardLimit": 2000000}]}]}"#,
        );
    }
}
