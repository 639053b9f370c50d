//! The examples gallery: curated task definitions from `examples/`, each teaching one ECS idea.
//!
//! A broken example names the codes it is about; `tests::every_example_reports_what_it_teaches`
//! checks that linting it reports them (and that a working example reports no error).

/// One curated example.
#[derive(Debug, PartialEq, Eq)]
pub struct Example {
    /// Stable id, used in permalinks (`examples/<id>.json` or `.yaml` is its file).
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// The one ECS idea it teaches, in one line.
    pub description: &'static str,
    /// The codes it demonstrates; empty for a working example.
    pub expects: &'static [&'static str],
    /// The document.
    pub text: &'static str,
}

impl Example {
    /// Whether the example is meant to be clean of errors.
    pub fn works(&self) -> bool {
        self.expects.is_empty()
    }
}

macro_rules! example {
    ($id:literal, $file:literal, $title:literal, $description:literal, [$($code:literal),*]) => {
        Example {
            id: $id,
            title: $title,
            description: $description,
            expects: &[$($code),*],
            text: include_str!(concat!("../../examples/", $file)),
        }
    };
}

/// The id of the example the playground opens with.
pub const DEFAULT_ID: &str = "fargate-web";

/// Every example, in the order the gallery shows them.
pub const EXAMPLES: &[Example] = &[
    example!(
        "fargate-web",
        "fargate-web.json",
        "A first Fargate web task",
        "Three classic mistakes at once: an illegal size, a host port under awsvpc, logs without a stream prefix.",
        ["TD-FG-004", "TD-NET-007", "TD-FG-017"]
    ),
    example!(
        "fargate-good",
        "fargate-good.json",
        "Fargate, done right",
        "A legal cpu/memory pair, awsvpc without hostPort, an execution role for awslogs, ARM64.",
        []
    ),
    example!(
        "fargate-sizes",
        "fargate-sizes.json",
        "Fargate task sizes",
        "Fargate only runs fixed cpu/memory pairs: 0.5 vCPU allows 1 to 4 GB, not 8 GB.",
        ["TD-FG-004"]
    ),
    example!(
        "fargate-bridge-mode",
        "fargate-bridge-mode.json",
        "awsvpc vs bridge",
        "Fargate tasks always get their own network interface: bridge mode is refused.",
        ["TD-NET-002"]
    ),
    example!(
        "bridge-dynamic-ports",
        "bridge-dynamic-ports.json",
        "Dynamic host ports behind a load balancer",
        "In bridge mode hostPort 0 lets ECS pick a free port, so many copies share one instance.",
        []
    ),
    example!(
        "static-host-port-conflict",
        "static-host-port-conflict.json",
        "A host port the agent owns",
        "Port 51678 is reserved by the ECS agent on every instance: the task can never be placed.",
        ["TD-PORT-008"]
    ),
    example!(
        "execution-role-missing",
        "execution-role-missing.json",
        "Execution role vs task role",
        "The execution role lets ECS pull a private image and ship logs; the task role is for your code.",
        ["TD-IAM-001", "TD-IAM-002"]
    ),
    example!(
        "secrets-without-execution-role",
        "secrets-without-execution-role.json",
        "Secrets need an execution role",
        "ECS fetches Secrets Manager and SSM values before the container starts, with the execution role.",
        ["TD-IAM-003"]
    ),
    example!(
        "sidecar-health-checks",
        "sidecar-health-checks.json",
        "Sidecar with dependsOn and health checks",
        "The app starts only once the Envoy sidecar reports HEALTHY through its own health check.",
        []
    ),
    example!(
        "sidecar-healthy-without-check",
        "sidecar-healthy-without-check.json",
        "HEALTHY needs a health check",
        "Waiting for HEALTHY on a container without a healthCheck: the task never starts.",
        ["TD-DEP-005"]
    ),
    example!(
        "gpu-training",
        "gpu-training.json",
        "GPU on EC2",
        "GPUs are reserved per container with resourceRequirements, on GPU instances of an EC2 cluster.",
        []
    ),
    example!(
        "windows-fargate-arm",
        "windows-fargate-arm.json",
        "Windows on Fargate",
        "Windows containers run on Fargate with X86_64 only; ARM64 is for Linux.",
        ["TD-FG-023"]
    ),
    example!(
        "firelens",
        "firelens.json",
        "FireLens log routing",
        "A Fluent Bit router container with firelensConfiguration; the app logs through awsfirelens.",
        []
    ),
    example!(
        "firelens-missing-router",
        "firelens-missing-router.json",
        "awsfirelens without a router",
        "The awsfirelens log driver needs a container in the task that carries firelensConfiguration.",
        ["TD-LOG-018"]
    ),
    example!(
        "efs-access-point",
        "efs-access-point.json",
        "EFS with IAM authorization",
        "EFS access through the task role (iam ENABLED) works only over TLS: transitEncryption ENABLED.",
        ["TD-VOL-013"]
    ),
    example!(
        "cloudformation",
        "cloudformation.yaml",
        "CloudFormation (YAML)",
        "A template with !Ref and !Sub is read as CloudFormation; Fargate still needs a task Memory.",
        ["TD-FG-002"]
    ),
    example!(
        "terraform-container-definitions",
        "terraform-container-definitions.json",
        "Terraform container_definitions",
        "A bare container array is linted as Terraform; a soft limit above the hard limit is refused.",
        ["TD-RES-005"]
    ),
    example!(
        "syntax-error",
        "syntax-error.json",
        "A trailing comma",
        "JSON allows no trailing comma; nothing else is checked until the document parses.",
        ["TD-SYNTAX-001"]
    ),
];

/// The example with this id.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// The example the playground opens with.
pub fn default_example() -> &'static Example {
    find(DEFAULT_ID).unwrap_or(&EXAMPLES[0])
}

/// The sample fleet and scenario that the placement view starts from.
pub const SAMPLE_SCENARIO: &str = include_str!("../../examples/placement-demo.json");

#[cfg(test)]
mod tests {
    use super::*;
    use ecsplay_core::{lint, Severity};
    use std::collections::HashSet;

    #[test]
    fn every_example_reports_what_it_teaches() {
        for example in EXAMPLES {
            let result = lint(example.text, &Default::default());
            let codes: HashSet<&str> = result.diagnostics.iter().map(|d| d.code).collect();
            for code in example.expects {
                assert!(
                    codes.contains(code),
                    "{}: expected {code}, got {codes:?}",
                    example.id
                );
            }
            if example.works() {
                let errors: Vec<_> = result
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| (d.code, &d.message))
                    .collect();
                assert!(errors.is_empty(), "{}: {errors:?}", example.id);
            }
        }
    }

    #[test]
    fn ids_are_unique_and_at_least_twelve() {
        let ids: HashSet<&str> = EXAMPLES.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), EXAMPLES.len());
        assert!(EXAMPLES.len() >= 12);
        assert_eq!(default_example().id, DEFAULT_ID);
    }

    #[test]
    fn the_sample_scenario_runs() {
        let result = ecsplay_core::simulate(SAMPLE_SCENARIO, &Default::default());
        assert!(result.is_ok(), "{:?}", result.err());
    }
}
