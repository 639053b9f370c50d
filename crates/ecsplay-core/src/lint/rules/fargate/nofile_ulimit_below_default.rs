use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The nofile soft and hard limits Fargate gives a container by default.
const FARGATE_NOFILE: i64 = 65535;

declare_rule! {
    /// ## What it does
    /// Explains a `nofile` ulimit on Fargate whose soft or hard limit is below Fargate's
    /// default of 65535 open files: it lowers the limit.
    ///
    /// ## Why is this bad?
    /// Fargate uses the operating system's default resource limits except `nofile`, which it
    /// sets to a soft and hard limit of 65535 (BOTO:Ulimit). Older documentation gave the
    /// defaults as 1024 (soft) and 4096 (hard), so definitions often carry a `nofile` entry
    /// meant to raise the limit, with values such as 4096 or 10000 that now lower it: a busy
    /// server then fails with "too many open files" sooner than without the entry. The limit
    /// can be raised up to 1048576 (above that: TD-FG-033). Windows tasks on Fargate support
    /// no ulimits (TD-FG-022).
    ///
    /// rules.md's row asks to explain the Fargate defaults for any `ulimits`; the rule speaks
    /// where the explanation changes something, a `nofile` below the default.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine",
    ///      "ulimits": [{"name": "nofile", "softLimit": 4096, "hardLimit": 8192}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "512",
    ///   "memory": "1024",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine",
    ///      "ulimits": [{"name": "nofile", "softLimit": 65535, "hardLimit": 65535}]}
    ///   ]
    /// }
    /// ```
    ///
    /// (Removing the entry keeps the same 65535 default.)
    ///
    /// ## References
    /// - BOTO:Ulimit (botocore 1.44.5 ECS model: "The default nofile soft limit is 65535 and the default hard limit is 65535" on Fargate)
    /// - DG23:AWS_Fargate.md (older text: nofile defaults 1024/4096, raisable to 1048576)
    pub struct FargateNofileUlimitBelowDefault {
        code: "TD-FG-032",
        name: "fargate-nofile-ulimit-below-default",
        severity: Info,
        scope: Task,
        summary: "A nofile ulimit on Fargate below the 65535 that Fargate gives by default",
    }
}

impl Rule for FargateNofileUlimitBelowDefault {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate || cx.facts.windows || cx.facts.platform_unknown {
            return;
        }
        for (i, container, ulimit) in super::nofile_ulimits(cx) {
            let limit = |key: &str| ulimit.get(key).and_then(|n| cx.int_of(n).map(|v| (n, v)));
            let (Some((soft_node, soft)), Some((hard_node, hard))) =
                (limit("softLimit"), limit("hardLimit"))
            else {
                continue;
            };
            // Negative or inverted values are other rules' findings.
            if soft < 0 || soft > hard || soft >= FARGATE_NOFILE {
                continue;
            }
            let mut finding = Finding::at(
                soft_node,
                format!(
                    "the nofile ulimit of container {} (soft {soft}, hard {hard}) lowers the open-file limit: Fargate gives {FARGATE_NOFILE} (soft and hard) by default",
                    container_label(container, i)
                ),
            )
            .help(format!("remove the nofile entry to keep {FARGATE_NOFILE}, or raise softLimit and hardLimit to what the container needs (up to 1048576)"));
            if hard < FARGATE_NOFILE {
                finding = finding.label(hard_node, "below the default too");
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_windows};
    use super::FargateNofileUlimitBelowDefault as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn nofile(soft: i64, hard: i64) -> String {
        format!(r#""ulimits": [{{"name": "nofile", "softLimit": {soft}, "hardLimit": {hard}}}]"#)
    }

    #[test]
    fn limits_below_the_default_are_explained() {
        let text = fargate("", &nofile(1024, 4096));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/ulimits/0/softLimit");
        assert_eq!(spanned(&text, &d[0]), "1024");
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/ulimits/0/hardLimit"
        );
        assert_eq!(d[0].message, "the nofile ulimit of container 'app' (soft 1024, hard 4096) lowers the open-file limit: Fargate gives 65535 (soft and hard) by default");
        let d = assert_fails(&Rule::META, &fargate("", &nofile(65534, 100000)));
        assert!(d[0].labels.is_empty());
    }

    #[test]
    fn default_or_higher_limits_ec2_and_windows_pass() {
        assert_passes(&Rule::META, &fargate("", &nofile(65535, 65535)));
        assert_passes(&Rule::META, &fargate("", &nofile(100000, 1048576)));
        assert_passes(&Rule::META, &ec2("", &nofile(1024, 4096)));
        assert_passes(&Rule::META, &fargate_windows("", &nofile(1024, 4096)));
        // Soft above hard: TD-RES-025.
        assert_passes(&Rule::META, &fargate("", &nofile(8192, 4096)));
        assert_passes(
            &Rule::META,
            &fargate(
                "",
                r#""ulimits": [{"name": "core", "softLimit": 0, "hardLimit": 0}]"#,
            ),
        );
    }
}
