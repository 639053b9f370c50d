use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a FireLens log router (a container with `firelensConfiguration`) marked
    /// `essential: false`.
    ///
    /// ## Why is this bad?
    /// Every container that logs with `awsfirelens` depends on the router. If a non-essential
    /// router crashes, the task keeps running while its applications' logs go nowhere (or, when
    /// the driver's buffer fills, the applications stall on writing them), and nothing replaces
    /// the task. AWS's FireLens examples mark the router essential so that losing it stops the
    /// task and the service starts a healthy one.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "essential": false,
    ///       "memory": 128,
    ///       "firelensConfiguration": {"type": "fluentbit"}
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
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
    ///       "name": "log_router",
    ///       "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    ///       "essential": true,
    ///       "memory": 128,
    ///       "firelensConfiguration": {"type": "fluentbit"}
    ///     },
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "stdout"}}
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23:firelens-taskdef.md (archived ECS developer guide: the log router is recommended to be essential)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html
    pub struct FirelensRouterNotEssential {
        code: "TD-LOG-022",
        name: "firelens-router-not-essential",
        severity: Warning,
        scope: Containers,
        summary: "FireLens log router container is not essential",
    }
}

impl Rule for FirelensRouterNotEssential {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.containers() {
            if c.get("firelensConfiguration")
                .is_none_or(|f| !f.is_object())
                || cx.is_essential(c) != Some(false)
            {
                continue;
            }
            let Some(essential) = c.get("essential") else {
                continue;
            };
            out.push(
                Finding::at(essential, format!("FireLens log router {} is not essential; if it stops, the task keeps running without its logs", container_label(c, i)))
                    .help("set \"essential\": true on the log router"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FirelensRouterNotEssential as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(essential: &str) -> String {
        format!(
            r#"[{{"name": "r", "image": "fb"{essential}, "firelensConfiguration": {{"type": "fluentbit"}}}}, {{"name": "app", "image": "b", "essential": false}}]"#
        )
    }

    #[test]
    fn a_non_essential_router_warns_at_essential() {
        let text = task(r#", "essential": false"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/0/essential");
        assert_eq!(spanned(&text, &d[0]), "false");
        assert_eq!(
            d[0].message,
            "FireLens log router 'r' is not essential; if it stops, the task keeps running without its logs"
        );
        assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: r\n          Image: fb\n          Essential: 'false'\n          FirelensConfiguration: {Type: fluentbit}\n");
    }

    #[test]
    fn essential_or_default_routers_pass() {
        assert_passes(&Rule::META, &task(r#", "essential": true"#));
        assert_passes(&Rule::META, &task(""));
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: r\n          Image: fb\n          Essential: !Ref RouterEssential\n          FirelensConfiguration: {Type: fluentbit}\n");
    }
}
