use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The highest `nofile` limit Fargate accepts.
const MAX_NOFILE: i64 = 1_048_576;

declare_rule! {
    /// ## What it does
    /// Reports a `nofile` ulimit of a Fargate container whose `softLimit` or `hardLimit` is above
    /// 1048576.
    ///
    /// ## Why is this bad?
    /// Fargate sets `nofile` itself (soft and hard 65535 by default) and lets a task raise both
    /// limits "up to 1048576"; a higher limit is refused, so the task does not start. Other
    /// ulimits keep the operating system defaults. On Windows, ulimits are not supported at all
    /// (TD-RES-027).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "proxy",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [
    ///     {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.4.0-prod", "ulimits": [{"name": "nofile", "softLimit": 2097152, "hardLimit": 2097152}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "proxy",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "2048",
    ///   "containerDefinitions": [
    ///     {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.4.0-prod", "ulimits": [{"name": "nofile", "softLimit": 1048576, "hardLimit": 1048576}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:AWS_Fargate.md (Task resource limits: "You can set the values of both limits up to 1048576")
    /// - BOTO:ContainerDefinition.ulimits (botocore 1.44.5 ECS model: Fargate's nofile default of 65535)
    pub struct FargateNofileUlimitTooHigh {
        code: "TD-FG-033",
        name: "fargate-nofile-ulimit-too-high",
        severity: Error,
        scope: Task,
        summary: "Fargate nofile ulimit above 1048576",
    }
}

impl Rule for FargateNofileUlimitTooHigh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.facts.fargate || cx.facts.windows {
            return;
        }
        for (i, container, ulimit) in super::nofile_ulimits(cx) {
            let over = |key: &str| {
                ulimit
                    .get(key)
                    .and_then(|n| cx.int_of(n).filter(|v| *v > MAX_NOFILE).map(|v| (n, v)))
            };
            // One finding per ulimit: at the hard limit, labelling the soft one when both are over.
            let (node, value, key, other) = match (over("hardLimit"), over("softLimit")) {
                (Some((h, hv)), soft) => (h, hv, "hardLimit", soft),
                (None, Some((s, sv))) => (s, sv, "softLimit", None),
                (None, None) => continue,
            };
            let mut finding = Finding::at(
                node,
                format!(
                    "container {} sets the nofile {key} to {value}; Fargate allows at most {MAX_NOFILE}",
                    container_label(container, i)
                ),
            )
            .help(format!("lower the nofile softLimit and hardLimit to {MAX_NOFILE} or less"));
            if let Some((soft, sv)) = other {
                finding =
                    finding.label(soft, format!("the softLimit {sv} is over {MAX_NOFILE} too"));
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn, fargate_windows};
    use super::FargateNofileUlimitTooHigh as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn nofile(soft: &str, hard: &str) -> String {
        format!(r#""ulimits": [{{"name": "nofile", "softLimit": {soft}, "hardLimit": {hard}}}]"#)
    }

    #[test]
    fn above_the_cap_fails_once_per_ulimit() {
        let text = fargate("", &nofile("1048577", "2000000"));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/ulimits/0/hardLimit");
        assert_eq!(spanned(&text, &d[0]), "2000000");
        assert_eq!(
            d[0].message,
            "container 'app' sets the nofile hardLimit to 2000000; Fargate allows at most 1048576"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/ulimits/0/softLimit"
        );
        let text = fargate("", &nofile("1048577", "1048576"));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), "1048577");
        assert!(d[0].labels.is_empty());
        assert_fails(
            &Rule::META,
            &fargate_cfn("      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          Ulimits:\n            - Name: nofile\n              SoftLimit: 4096\n              HardLimit: '2000000'\n"),
        );
    }

    #[test]
    fn at_the_cap_other_ulimits_windows_or_ec2_pass() {
        assert_passes(&Rule::META, &fargate("", &nofile("1048576", "1048576")));
        assert_passes(
            &Rule::META,
            &fargate(
                "",
                r#""ulimits": [{"name": "memlock", "softLimit": -1, "hardLimit": 99999999}]"#,
            ),
        );
        assert_passes(
            &Rule::META,
            &fargate_windows("", &nofile("2000000", "2000000")),
        );
        assert_passes(&Rule::META, &ec2("", &nofile("2000000", "2000000")));
    }
}
