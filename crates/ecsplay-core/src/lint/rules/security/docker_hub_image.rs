use super::images;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

/// The host names of Docker Hub's registry.
const DOCKER_HUB_HOSTS: [&str; 3] = ["docker.io", "index.docker.io", "registry-1.docker.io"];

declare_rule! {
    /// ## What it does
    /// Points out an image pulled from Docker Hub: one without a registry host (`nginx:1.27`,
    /// `bitnami/redis:7.2`, where the first path component has no `.` or `:` and is not
    /// `localhost`), or one naming Docker Hub's host (`docker.io/…`). The catalogue's condition
    /// is "without a registry host"; the explicit `docker.io` hosts are included because the
    /// same limits apply to them.
    ///
    /// ## Why is this bad?
    /// Docker Hub limits anonymous pulls per source IP address. Tasks behind one NAT gateway,
    /// or Fargate tasks sharing AWS addresses, can hit the limit and fail to start with
    /// `CannotPullContainerError: toomanyrequests`, typically during a scale-out, when you need
    /// them most. Each pull also depends on a registry outside AWS, and an unpinned public
    /// image can change under you. Official images are mirrored on Amazon ECR Public
    /// (`public.ecr.aws/docker/library/<name>`); an ECR pull-through cache rule or your own
    /// ECR repository removes the dependency entirely.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "public.ecr.aws/docker/library/nginx:1.27", "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.image (botocore 1.44.5 ECS model: images in Docker Hub need no registry host)
    /// - DOC: https://docs.docker.com/docker-hub/usage/
    /// - DOC: https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html
    pub struct DockerHubImage {
        code: "TD-SEC-020",
        name: "docker-hub-image",
        severity: Info,
        scope: Containers,
        summary: "image pulled from Docker Hub",
    }
}

impl Rule for DockerHubImage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (label, _, node, image, parts) in images(cx) {
            let hub = match parts.registry {
                None => true,
                Some(host) => DOCKER_HUB_HOSTS.contains(&host),
            };
            if !hub {
                continue;
            }
            // Official images (`nginx`, `library/nginx`) have a mirror on ECR Public.
            let official = parts
                .repository
                .strip_prefix("library/")
                .unwrap_or(parts.repository);
            let help = if official.contains('/') {
                "pull it through an ECR pull-through cache rule or from your own ECR repository, or look for the image on ECR Public (public.ecr.aws)".to_owned()
            } else {
                let rest = image
                    .get(image.find(official).unwrap_or(0)..)
                    .unwrap_or(official);
                format!("use the ECR Public mirror of the official image, \"public.ecr.aws/docker/library/{rest}\", or an ECR pull-through cache")
            };
            out.push(
                Finding::at(
                    node,
                    format!("image \"{image}\" of container {label} comes from Docker Hub, whose pull rate limits can stop tasks from starting"),
                )
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DockerHubImage as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn image(image: &str) -> String {
        format!(r#"[{{"name": "app", "image": "{image}"}}]"#)
    }

    #[test]
    fn docker_hub_images_are_pointed_out() {
        let text = image("nginx:1.27");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), r#""nginx:1.27""#);
        assert_eq!(
            d[0].help.as_deref(),
            Some("use the ECR Public mirror of the official image, \"public.ecr.aws/docker/library/nginx:1.27\", or an ECR pull-through cache")
        );
        let d = assert_fails(&Rule::META, &image("docker.io/library/redis:7"));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("public.ecr.aws/docker/library/redis:7"));
        let d = assert_fails(&Rule::META, &image("bitnami/redis:7.2"));
        assert!(d[0].help.as_deref().unwrap().starts_with("pull it through"));
        assert_fails(&Rule::META, &image("amazon/aws-xray-daemon"));
    }

    #[test]
    fn other_registries_pass() {
        for ok in [
            "public.ecr.aws/nginx/nginx:1.27",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1",
            "ghcr.io/org/app:1",
            "localhost/app:1",
            "registry.example.com:5000/app",
            "${IMAGE}",
        ] {
            assert_passes(&Rule::META, &image(ok));
        }
    }
}
