use super::{containers_setting, field, network_mode};
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::{container_label, NetworkMode};

declare_rule! {
    /// ## What it does
    /// Reports containers that set `links` in a task whose network mode is not `bridge`
    /// (`awsvpc`, `host` or `none`).
    ///
    /// On Fargate and on Windows, `links` is not supported in any mode; TD-FG-008 and TD-WIN-001
    /// report it there, so this rule does not repeat it.
    ///
    /// ## Why is this bad?
    /// `links` is a feature of Docker's default bridge network: it lets one container reach
    /// another by name. In the other modes there is nothing to link. RegisterTaskDefinition
    /// rejects the definition; for awsvpc the error reads `Links are not supported when
    /// networkMode=awsvpc.` In awsvpc and host mode the containers of a task share one network
    /// namespace and reach each other on `localhost`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "app",
    ///   "networkMode": "awsvpc",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "links": ["api"], "portMappings": [{"containerPort": 80}]},
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "app",
    ///   "networkMode": "awsvpc",
    ///   "requiresCompatibilities": ["EC2"],
    ///   "containerDefinitions": [
    ///     {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80}]},
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:22-alpine", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// `web` now reaches `api` on `localhost` (for example `http://localhost:3000`).
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.links (botocore 1.44.5 ECS model: only with the bridge network mode)
    /// - ERR: https://github.com/aws-observability/aws-otel-collector/issues/1359
    pub struct LinksOutsideBridgeMode {
        code: "TD-NET-010",
        name: "links-outside-bridge-mode",
        severity: Error,
        scope: Task,
        summary: "Container links in a task whose network mode is not bridge",
    }
}

impl Rule for LinksOutsideBridgeMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.fargate || cx.facts.windows {
            return;
        }
        let Some(mode) = network_mode(cx) else { return };
        let why = match mode {
            NetworkMode::Awsvpc | NetworkMode::Host => {
                "the containers of a task share one network namespace and reach each other on localhost"
            }
            NetworkMode::None => "the containers have no network",
            _ => return,
        };
        let key = field(cx, "links");
        for (i, container, links) in containers_setting(cx, "links") {
            out.push(
                Finding::at(
                    links,
                    format!(
                        "Links are not supported when networkMode={} (container {})",
                        mode.as_str(),
                        container_label(container, i)
                    ),
                )
                .help(format!("remove \"{key}\": in {} mode {why}", mode.as_str())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LinksOutsideBridgeMode as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn task(head: &str) -> String {
        format!(
            r#"{{"family": "a", {head}"containerDefinitions": [{{"name": "web", "image": "b", "memory": 64, "links": ["api:backend"]}}, {{"name": "api", "image": "b", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn links_outside_bridge_fail() {
        let text = task(r#""networkMode": "awsvpc", "#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/links");
        assert_eq!(spanned(&text, &d[0]), r#"["api:backend"]"#);
        assert_eq!(
            d[0].message,
            "Links are not supported when networkMode=awsvpc (container 'web')"
        );
        assert_fails(&Rule::META, &task(r#""networkMode": "host", "#));
        let d = assert_fails(&Rule::META, &task(r#""networkMode": "none", "#));
        assert!(d[0].help.as_deref().unwrap_or("").contains("no network"));
        // Managed Instances default to awsvpc.
        assert_fails(
            &Rule::META,
            &task(r#""requiresCompatibilities": ["MANAGED_INSTANCES"], "#),
        );
    }

    #[test]
    fn bridge_empty_and_covered_cases_pass() {
        assert_passes(&Rule::META, &task(r#""networkMode": "bridge", "#));
        // bridge by default on Linux EC2.
        assert_passes(&Rule::META, &task(""));
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "networkMode": "awsvpc", "containerDefinitions": [{"name": "web", "image": "b", "memory": 64, "links": []}]}"#,
        );
        // Fargate and Windows: TD-FG-008 and TD-WIN-001 report links in every mode.
        assert_passes(
            &Rule::META,
            &task(r#""requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "#),
        );
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "networkMode": "awsvpc", "#,
            ),
        );
        assert_passes(
            &Rule::META,
            r#"[{"name": "web", "image": "b", "links": ["api"]}]"#,
        );
    }
}
