//! The facts the placement simulator and the linter take as given: EC2 instance types as an ECS
//! container instance sees them, the host ports the ECS agent reserves, and the Fargate task
//! sizes. Plain data: no I/O, nothing computed at run time except through the documented
//! formula below.
//!
//! Every fact carries a source key (`"CNI-ENI"`, `"ECS-ENI"`, ...). The keys are resolved in
//! [`SOURCES`] (and in the table below); [`source`] looks one up.
//!
//! # Instance types ([`instance_types`](mod@instance_types))
//!
//! For each type: vCPUs and memory as EC2 advertises them, CPU architecture, GPUs or Inferentia
//! devices, the maximum number of network interfaces (ENIs), the `awsvpc` task limit without
//! ENI trunking (ENIs − 1, because the primary interface counts) and with trunking (the value
//! of ECS's supported-instance table, or `None` when the type is not on it), and the memory the
//! ECS agent registers.
//!
//! ## Registered memory: one method
//!
//! The agent registers `MEMORY = MemTotal (in MiB, from /proc/meminfo) − ECS_RESERVED_MEMORY`
//! and `CPU = vCPUs × 1024` (`AGENT-RES`); `ECS_RESERVED_MEMORY` defaults to 0. `MemTotal` is
//! below the advertised size because firmware and the kernel keep part of the memory (`DG-MEM`:
//! an m4.large, 8 GiB advertised, reports 8373026816 bytes, 7985 MiB). The catalogue stores the
//! registered value for `ECS_RESERVED_MEMORY = 0`; a scenario's own reservation is subtracted
//! with [`InstanceType::registered_memory_mib`].
//!
//! * **Measured** values are published `registeredResources` figures for that exact type
//!   (`SENTIA-2018`, `TF-OBS`). They depend on the AMI and kernel of whoever measured them: a
//!   current kernel may differ by tens of MiB on small types and by about 1 % on the largest
//!   (m5.24xlarge: 378665 MiB in 2018, Bottlerocket `MemTotal` 382643 MiB in 2023, `KARP-BR`).
//! * **Computed** values (every other type) come from one formula, fitted by least squares
//!   (absolute error) on the sixteen published Nitro points in
//!   [`instance_types::CALIBRATION_POINTS`]:
//!
//!   `registered = advertised − (150 + ⌊29 × advertised / 1000⌋ + 31 × vCPUs)` MiB
//!
//!   (see [`instance_types::estimate_registered_memory`]). Its residual on the calibration
//!   points is at most 125 MiB (t3.small). The per-vCPU term is real in the data: both with
//!   16 GiB, a c5.2xlarge (8 vCPUs) registers 113 MiB less than an m5.xlarge (4 vCPUs).
//! * **Cross-check** (`KARP-BR`, not used in the fit because it measures Bottlerocket's kubelet,
//!   not the ECS agent): for the computed Nitro types up to 64 GiB the formula is within
//!   −309…+17 MiB of those `MemTotal` measurements; on the 1 GiB types (t3.micro, t4g.micro)
//!   −138 MiB is 13 %, so their real registration is probably nearer 920 MiB than the 783 MiB
//!   computed here. On the biggest and the Xen types it is conservative by 0.9–2.0 %
//!   (m5.metal −7.7 GiB, p3.8xlarge −4.0 GiB, p3.2xlarge −1.0 GiB).
//!   No published ECS figure for an arm64 (Graviton) type was found: their values are computed.
//!
//! ## What was read, entry by entry
//!
//! ENI limits (`CNI-ENI`) and trunking limits (`ECS-ENI`) were read for every type. vCPUs and
//! memory (`KARP-TYPES`) were read entry by entry for t3, t4g.micro–medium, c5.large, c6i, m5
//! (12xlarge and up, metal), m6i, r5, g4dn, g5, p3 and inf1, and for m6gd.medium–16xlarge in
//! place of m6g; the other sizes (m5.large–4xlarge, m6g, m7g, c6g, c7g, r6i, t4g.large) follow
//! the same published size ladder but their entries were not re-read one by one (m5.large–
//! 4xlarge and c5 are also confirmed by the registered CPU in `SENTIA-2018`).
//!
//! ## ENI trunking
//!
//! The "with trunking" numbers come from the ECS developer guide's supported-instance table as
//! archived in June 2023 (`ECS-ENI`). That page excludes the `g4dn` and `inf1` families and the
//! `*.metal` sizes listed there, and does not list `t3`/`t4g` at all; such types get `None`.
//! Trunking needs the `awsvpcTrunking` account setting before launch, Linux, and agent ≥ 1.28.1.
//! AWS may have added types since the snapshot.
//!
//! # Sources
//!
//! | key | what it is |
//! | --- | --- |
//! | `KARP-TYPES` | aws/karpenter-provider-aws `website/content/en/docs/reference/instance-types.md` @0c5e7d8, generated from EC2 DescribeInstanceTypes: labels `instance-cpu`, `instance-memory` (MiB), `kubernetes.io/arch`, `instance-gpu-count`/`-name`, `instance-accelerator-count`/`-name`, resource `aws.amazon.com/neuroncore` |
//! | `CNI-ENI` | aws/amazon-vpc-cni-k8s `pkg/vpc/vpc_ip_resource_limit.go` @01c4ad5, `ENILimit` (generated from DescribeInstanceTypes; also gives the hypervisor) |
//! | `ECS-ENI` | ECS developer guide "Elastic network interface trunking", awsdocs/amazon-ecs-developer-guide `doc_source/container-instance-eni.md` @021abe8 (2023 archive): supported-type table, excluded families and sizes |
//! | `AGENT-RES` | aws/amazon-ecs-agent `ecs-agent/api/ecs/client/ecs_client.go` (`getResources`, `getHostMemoryInMiB`: CPU = cores × 1024, MEMORY = MemTotal MiB − reserved) and `README.md` @00b1977 (`ECS_RESERVED_MEMORY` default 0), as cited in placement.md §1.3 |
//! | `DG-MEM` | ECS developer guide "Container instance memory management" (memory-management.html): m4.large `free -b` total 8373026816 bytes, 7985 MiB available |
//! | `SENTIA-2018` | sentialabs/sentialabs.com `_posts/2018-05-25-ecs-calculator.md`: registered CPU and memory per type, ECS-optimized Amazon Linux AMI of 2018 |
//! | `TF-OBS` | public Terraform `locals` (`instances_specs`, comment citing describe-container-instances) with `memory_available` for t3.small, t3.medium, g4dn.xlarge, inf1.xlarge; found by code search, repository not named by the index (file id 13519703982), date and AMI unknown |
//! | `AGENT-3331` | aws/amazon-ecs-agent issue #3331 (2022): `free -m` on an inf1.xlarge reports 7679 MiB total |
//! | `KARP-BR` | aws/karpenter-provider-aws `pkg/providers/instancetype/zz_generated.memory_overhead.go` @15e8769: EC2 size minus Bottlerocket node capacity (= `MemTotal`) per type, 2023; cross-check only |
//! | `FORMULA` | the registered-memory formula above |
//! | `AGENT-PORTS` | aws/amazon-ecs-agent `agent/config/config.go` (ports 22, 2375, 2376, 51678, 51679, 51680), `config_unix.go` (51680 only with `ECS_ENABLE_PROMETHEUS_METRICS`), `config_windows.go` @023ffef (Windows list; 80 only with task IAM roles), `README.md` @00b1977 (`ECS_RESERVED_PORTS`, `ECS_RESERVED_PORTS_UDP` defaults) |
//! | `API-HOSTPORT` | ECS API `PortMapping.hostPort` (botocore 1.44.5): 100 reserved ports per instance, dynamic ports excluded; ephemeral range from `/proc/sys/net/ipv4/ip_local_port_range`, else 49153–65535 (Linux) / 49152–65535 (Windows); placement.md §1.3, rules.md §6 |
//! | `AGENT-2331` | aws/amazon-ecs-agent issue #2331 (2020): the ECS-optimized AMI sets `net.ipv4.ip_local_port_range = 32768 60999` |
//! | `FARGATE-SIZES` | rules.md §3.1: BOTO `RegisterTaskDefinitionRequest.memory`, DOC task-cpu-memory-error.html (operating-system column), cfn-lint 1.58.0 E3047 and pulumi-awsx PR #2053 (the 32 vCPU row) |

pub mod fargate;
pub mod instance_types;
pub mod ports;

pub use fargate::{is_valid_size, memory_options, FargateSize, FARGATE_SIZES};
pub use instance_types::{
    estimate_registered_memory, instance_type, instance_types, CpuArchitecture, Gpus, InstanceType,
    NeuronDevices, RegisteredMemory,
};
pub use ports::{HostOs, ReservedPort, MAX_RESERVED_PORTS_PER_INSTANCE};

/// One source a catalogue fact cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The short key facts refer to (`"CNI-ENI"`).
    pub key: &'static str,
    /// What the source is and where it was read.
    pub description: &'static str,
}

/// Every source key used in the catalogue (the same table as in the module documentation).
pub static SOURCES: &[Source] = &[
    Source {
        key: KARP_TYPES,
        description: "aws/karpenter-provider-aws website/content/en/docs/reference/instance-types.md @0c5e7d8 (from EC2 DescribeInstanceTypes)",
    },
    Source {
        key: CNI_ENI,
        description: "aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go @01c4ad5, ENILimit",
    },
    Source {
        key: ECS_ENI,
        description: "ECS developer guide, container-instance-eni (awsdocs/amazon-ecs-developer-guide @021abe8, 2023): ENI trunking supported types",
    },
    Source {
        key: AGENT_RES,
        description: "aws/amazon-ecs-agent ecs_client.go: CPU = cores x 1024, MEMORY = MemTotal MiB - ECS_RESERVED_MEMORY (default 0)",
    },
    Source {
        key: DG_MEM,
        description: "ECS developer guide, memory-management: m4.large MemTotal 8373026816 bytes = 7985 MiB",
    },
    Source {
        key: SENTIA_2018,
        description: "sentialabs/sentialabs.com _posts/2018-05-25-ecs-calculator.md: registered memory per type (2018 ECS-optimized AMI)",
    },
    Source {
        key: TF_OBS,
        description: "public Terraform locals quoting describe-container-instances memory (repository not named by the code index; date and AMI unknown)",
    },
    Source {
        key: AGENT_3331,
        description: "aws/amazon-ecs-agent issue #3331: inf1.xlarge free -m total 7679 MiB",
    },
    Source {
        key: KARP_BR,
        description: "aws/karpenter-provider-aws zz_generated.memory_overhead.go @15e8769: Bottlerocket MemTotal per type (cross-check)",
    },
    Source {
        key: FORMULA,
        description: "registered = advertised - (150 + 29 x advertised / 1000 + 31 x vCPUs) MiB, fitted on CALIBRATION_POINTS",
    },
    Source {
        key: AGENT_PORTS,
        description: "aws/amazon-ecs-agent agent/config/config.go, config_unix.go, config_windows.go @023ffef, README.md @00b1977",
    },
    Source {
        key: API_HOSTPORT,
        description: "ECS API PortMapping.hostPort (botocore 1.44.5): 100 reserved ports, ephemeral fallback ranges (placement.md 1.3, rules.md 6)",
    },
    Source {
        key: AGENT_2331,
        description: "aws/amazon-ecs-agent issue #2331: ECS-optimized AMI ip_local_port_range 32768-60999",
    },
    Source {
        key: FARGATE_SIZES_SRC,
        description: "rules.md 3.1: BOTO RegisterTaskDefinitionRequest.memory, DOC task-cpu-memory-error, cfn-lint E3047 (32 vCPU)",
    },
];

pub(crate) const KARP_TYPES: &str = "KARP-TYPES";
pub(crate) const CNI_ENI: &str = "CNI-ENI";
pub(crate) const ECS_ENI: &str = "ECS-ENI";
pub(crate) const AGENT_RES: &str = "AGENT-RES";
pub(crate) const DG_MEM: &str = "DG-MEM";
pub(crate) const SENTIA_2018: &str = "SENTIA-2018";
pub(crate) const TF_OBS: &str = "TF-OBS";
pub(crate) const AGENT_3331: &str = "AGENT-3331";
pub(crate) const KARP_BR: &str = "KARP-BR";
pub(crate) const FORMULA: &str = "FORMULA";
pub(crate) const AGENT_PORTS: &str = "AGENT-PORTS";
pub(crate) const API_HOSTPORT: &str = "API-HOSTPORT";
pub(crate) const AGENT_2331: &str = "AGENT-2331";
pub(crate) const FARGATE_SIZES_SRC: &str = "FARGATE-SIZES";

/// Looks a source key up in [`SOURCES`].
pub fn source(key: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn source_keys_are_unique_and_documented() {
        let mut seen = HashSet::new();
        let doc = include_str!("mod.rs");
        for s in SOURCES {
            assert!(seen.insert(s.key), "duplicate source key {}", s.key);
            assert!(
                doc.contains(&format!("| `{}` |", s.key)),
                "{} is missing from the documentation table",
                s.key
            );
        }
    }

    #[test]
    fn every_cited_key_resolves() {
        let mut cited: Vec<&str> = Vec::new();
        for t in instance_types() {
            cited.extend([t.sources.spec, t.sources.enis, t.sources.trunking]);
            cited.push(t.registered_memory.source());
        }
        for p in instance_types::CALIBRATION_POINTS {
            cited.push(p.source);
        }
        for p in ports::LINUX_RESERVED_PORTS
            .iter()
            .chain(ports::WINDOWS_RESERVED_PORTS)
        {
            cited.push(p.source);
        }
        cited.extend([
            ports::LINUX_EPHEMERAL_FALLBACK.source,
            ports::WINDOWS_EPHEMERAL_RANGE.source,
            ports::ECS_AMI_LOCAL_PORT_RANGE.source,
            ports::RESERVED_PORTS_LIMIT_SOURCE,
        ]);
        cited.push(fargate::SOURCE);
        for key in cited {
            assert!(source(key).is_some(), "unresolved source key {key}");
        }
    }

    #[test]
    fn unknown_key_is_none() {
        assert!(source("NOPE").is_none());
    }
}
