//! The EC2 instance-type table: what each type gives an ECS container instance.
//!
//! Methods and sources are described in the [catalog module](super) documentation.

use super::{AGENT_3331, CNI_ENI, DG_MEM, ECS_ENI, FORMULA, KARP_TYPES, SENTIA_2018, TF_OBS};

/// The CPU architecture, as ECS writes it in the `ecs.cpu-architecture` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CpuArchitecture {
    /// Intel or AMD (`x86_64`).
    X86_64,
    /// AWS Graviton (`arm64`).
    Arm64,
}

impl CpuArchitecture {
    /// The attribute value: `x86_64` or `arm64`.
    pub fn as_str(self) -> &'static str {
        match self {
            CpuArchitecture::X86_64 => "x86_64",
            CpuArchitecture::Arm64 => "arm64",
        }
    }
}

/// The memory the ECS agent registers for a type (with `ECS_RESERVED_MEMORY = 0`), and how the
/// catalogue knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegisteredMemory {
    /// A published `registeredResources` value for this exact type.
    Measured {
        /// MiB.
        mib: u64,
        /// Where it was published (a [`super::SOURCES`] key).
        source: &'static str,
    },
    /// [`estimate_registered_memory`] applied to the advertised memory and vCPUs.
    Computed {
        /// MiB.
        mib: u64,
    },
}

impl RegisteredMemory {
    /// The registered MiB.
    pub fn mib(self) -> u64 {
        match self {
            RegisteredMemory::Measured { mib, .. } | RegisteredMemory::Computed { mib } => mib,
        }
    }

    /// Whether the value is a published measurement rather than the formula.
    pub fn is_measured(self) -> bool {
        matches!(self, RegisteredMemory::Measured { .. })
    }

    /// The source key of the value (`FORMULA` for computed ones).
    pub fn source(self) -> &'static str {
        match self {
            RegisteredMemory::Measured { source, .. } => source,
            RegisteredMemory::Computed { .. } => FORMULA,
        }
    }
}

/// GPUs of a type, as ECS registers them (one `GPU` resource per physical GPU).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gpus {
    /// Number of physical GPUs.
    pub count: u32,
    /// The GPU model (`"NVIDIA T4"`).
    pub model: &'static str,
}

/// AWS Inferentia (Neuron) devices of an `inf1` type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NeuronDevices {
    /// Number of Inferentia chips (`/dev/neuron*` devices).
    pub count: u32,
    /// NeuronCores across all chips.
    pub cores: u32,
    /// The accelerator model.
    pub model: &'static str,
}

/// Which source each group of facts of one type comes from ([`super::SOURCES`] keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FactSources {
    /// vCPUs, memory, architecture, GPUs and accelerators.
    pub spec: &'static str,
    /// Maximum ENIs.
    pub enis: &'static str,
    /// The `awsvpc` task limits (with and without trunking).
    pub trunking: &'static str,
}

/// One EC2 instance type as an ECS container instance sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstanceType {
    /// The API name (`"m5.large"`).
    pub name: &'static str,
    /// The family, the part before the dot (`"m5"`).
    pub family: &'static str,
    /// The CPU architecture.
    pub architecture: CpuArchitecture,
    /// vCPUs as EC2 advertises them.
    pub vcpus: u32,
    /// Memory as EC2 advertises it, in MiB.
    pub memory_mib: u64,
    /// The memory the ECS agent registers with `ECS_RESERVED_MEMORY = 0`.
    pub registered_memory: RegisteredMemory,
    /// Maximum network interfaces, primary included.
    pub max_enis: u32,
    /// `awsvpc` tasks without ENI trunking: ENIs − 1 (the primary interface counts).
    pub awsvpc_tasks: u32,
    /// `awsvpc` tasks with ENI trunking (ECS's table value, already net of the primary and
    /// trunk interfaces); `None` when ECS does not support trunking on the type.
    pub awsvpc_tasks_trunking: Option<u32>,
    /// GPUs, for GPU types.
    pub gpus: Option<Gpus>,
    /// Inferentia devices, for `inf1`.
    pub neuron: Option<NeuronDevices>,
    /// Where the facts come from.
    pub sources: FactSources,
    /// What the type teaches, or a caveat about one of its numbers.
    pub note: Option<&'static str>,
}

impl InstanceType {
    /// CPU units the agent registers: vCPUs × 1024.
    pub fn cpu_units(&self) -> u64 {
        u64::from(self.vcpus).saturating_mul(1024)
    }

    /// Registered memory after a non-default `ECS_RESERVED_MEMORY` (MiB).
    pub fn registered_memory_mib(&self, ecs_reserved_memory_mib: u64) -> u64 {
        self.registered_memory
            .mib()
            .saturating_sub(ecs_reserved_memory_mib)
    }

    /// How many `awsvpc` tasks fit at once, with or without ENI trunking on the instance (an
    /// instance only gets trunking when the type supports it).
    pub fn awsvpc_task_limit(&self, trunking: bool) -> u32 {
        match (trunking, self.awsvpc_tasks_trunking) {
            (true, Some(limit)) => limit,
            _ => self.awsvpc_tasks,
        }
    }

    /// Number of GPUs (0 for types without GPUs).
    pub fn gpu_count(&self) -> u32 {
        self.gpus.map_or(0, |g| g.count)
    }

    /// A type absent from ECS's trunking table: `awsvpc` limit ENIs − 1, registered memory
    /// computed, facts from the default sources.
    const fn new(
        name: &'static str,
        family: &'static str,
        architecture: CpuArchitecture,
        vcpus: u32,
        memory_mib: u64,
        max_enis: u32,
    ) -> Self {
        InstanceType {
            name,
            family,
            architecture,
            vcpus,
            memory_mib,
            registered_memory: RegisteredMemory::Computed {
                mib: estimate_registered_memory(memory_mib, vcpus),
            },
            max_enis,
            awsvpc_tasks: max_enis.saturating_sub(1),
            awsvpc_tasks_trunking: None,
            gpus: None,
            neuron: None,
            sources: FactSources {
                spec: KARP_TYPES,
                enis: CNI_ENI,
                trunking: ECS_ENI,
            },
            note: None,
        }
    }

    /// The two task limits as ECS's trunking table lists them (the first is checked against
    /// ENIs − 1 in the tests).
    const fn trunking(mut self, without: u32, with: u32) -> Self {
        self.awsvpc_tasks = without;
        self.awsvpc_tasks_trunking = Some(with);
        self
    }

    const fn measured(mut self, mib: u64, source: &'static str) -> Self {
        self.registered_memory = RegisteredMemory::Measured { mib, source };
        self
    }

    const fn gpus(mut self, count: u32, model: &'static str) -> Self {
        self.gpus = Some(Gpus { count, model });
        self
    }

    const fn inferentia(mut self, count: u32, cores: u32) -> Self {
        self.neuron = Some(NeuronDevices {
            count,
            cores,
            model: "AWS Inferentia",
        });
        self
    }

    const fn note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }
}

/// Fixed part of the memory the kernel and firmware keep, in MiB (fitted).
pub const OVERHEAD_FIXED_MIB: u64 = 150;
/// Part proportional to memory, in MiB per 1000 MiB (fitted; 2.9 %).
pub const OVERHEAD_PER_MILLE: u64 = 29;
/// Part proportional to vCPUs, in MiB per vCPU (fitted).
pub const OVERHEAD_PER_VCPU_MIB: u64 = 31;

/// The registered-memory formula (`FORMULA`): advertised − (150 + ⌊29 × advertised / 1000⌋ +
/// 31 × vCPUs), in MiB, for `ECS_RESERVED_MEMORY = 0`. Least-squares fit on
/// [`CALIBRATION_POINTS`]; see the [catalog module](super) documentation for its accuracy.
pub const fn estimate_registered_memory(advertised_mib: u64, vcpus: u32) -> u64 {
    let proportional = advertised_mib.saturating_mul(OVERHEAD_PER_MILLE) / 1000;
    let per_vcpu = (vcpus as u64).saturating_mul(OVERHEAD_PER_VCPU_MIB);
    let overhead = OVERHEAD_FIXED_MIB
        .saturating_add(proportional)
        .saturating_add(per_vcpu);
    advertised_mib.saturating_sub(overhead)
}

/// One published registered-memory figure the formula was fitted on (or checked against).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalibrationPoint {
    /// The instance type.
    pub name: &'static str,
    /// Advertised memory, MiB.
    pub memory_mib: u64,
    /// vCPUs.
    pub vcpus: u32,
    /// The registered (or `MemTotal`) MiB that was published.
    pub registered_mib: u64,
    /// Where it was published.
    pub source: &'static str,
    /// Whether the point is one of the sixteen the formula was fitted on.
    pub fitted: bool,
}

const fn point(
    name: &'static str,
    memory_mib: u64,
    vcpus: u32,
    registered_mib: u64,
    source: &'static str,
) -> CalibrationPoint {
    CalibrationPoint {
        name,
        memory_mib,
        vcpus,
        registered_mib,
        source,
        fitted: true,
    }
}

const fn unfitted(point: CalibrationPoint) -> CalibrationPoint {
    CalibrationPoint {
        fitted: false,
        ..point
    }
}

/// Every published registered-memory figure found. The fitted ones are Nitro types on an
/// ECS-optimized Amazon Linux AMI; the others are kept to show the spread: an m4.large (Xen,
/// AWS's own example), an inf1.xlarge `MemTotal` that disagrees with `TF-OBS` by 12 MiB.
pub static CALIBRATION_POINTS: &[CalibrationPoint] = &[
    point("m5.large", 8192, 2, 7690, SENTIA_2018),
    point("m5.xlarge", 16384, 4, 15586, SENTIA_2018),
    point("m5.2xlarge", 32768, 8, 31377, SENTIA_2018),
    point("m5.4xlarge", 65536, 16, 62960, SENTIA_2018),
    point("m5.12xlarge", 196608, 48, 189294, SENTIA_2018),
    point("m5.24xlarge", 393216, 96, 378665, SENTIA_2018),
    point("c5.large", 4096, 2, 3714, SENTIA_2018),
    point("c5.xlarge", 8192, 4, 7634, SENTIA_2018),
    point("c5.2xlarge", 16384, 8, 15473, SENTIA_2018),
    point("c5.4xlarge", 32768, 16, 31152, SENTIA_2018),
    point("c5.9xlarge", 73728, 36, 70351, SENTIA_2018),
    point("c5.18xlarge", 147456, 72, 140780, SENTIA_2018),
    point("t3.small", 2048, 2, 1901, TF_OBS),
    point("t3.medium", 4096, 2, 3828, TF_OBS),
    point("g4dn.xlarge", 16384, 4, 15731, TF_OBS),
    point("inf1.xlarge", 8192, 4, 7667, TF_OBS),
    unfitted(point("m4.large", 8192, 2, 7985, DG_MEM)),
    unfitted(point("inf1.xlarge", 8192, 4, 7679, AGENT_3331)),
];

use CpuArchitecture::{Arm64, X86_64};

const NVIDIA_T4: &str = "NVIDIA T4";
const NVIDIA_A10G: &str = "NVIDIA A10G";
const NVIDIA_V100: &str = "NVIDIA V100";

const NOT_ON_TRUNKING_LIST: &str =
    "Not in ECS's ENI-trunking table (2023 snapshot): awsvpc tasks are limited to ENIs - 1.";
const G4DN_EXCLUDED: &str = "ECS excludes the g4dn family from ENI trunking.";
const INF1_EXCLUDED: &str = "ECS excludes the inf1 family from ENI trunking.";
const GRAVITON: &str = "Graviton (arm64): needs arm64 images; registered memory computed (no published ECS figure for arm64 types).";

/// The catalogue, grouped by family.
pub static INSTANCE_TYPES: &[InstanceType] = &[
    // t3: burstable x86. Not on the trunking list; t3.micro leaves room for one awsvpc task.
    InstanceType::new("t3.micro", "t3", X86_64, 2, 1024, 2)
        .note("1 GiB advertised: a task asking for 1024 MiB never fits; one awsvpc task at most. Registered memory computed; Bottlerocket reports about 920 MiB MemTotal (KARP-BR)."),
    InstanceType::new("t3.small", "t3", X86_64, 2, 2048, 3)
        .measured(1901, TF_OBS)
        .note(NOT_ON_TRUNKING_LIST),
    InstanceType::new("t3.medium", "t3", X86_64, 2, 4096, 3)
        .measured(3828, TF_OBS)
        .note("Another public figure says 3884 MiB (misterfifi1/exo-lives-aws local.tf, unsourced there)."),
    InstanceType::new("t3.large", "t3", X86_64, 2, 8192, 3).note(NOT_ON_TRUNKING_LIST),
    InstanceType::new("t3.xlarge", "t3", X86_64, 4, 16384, 4).note(NOT_ON_TRUNKING_LIST),
    // t4g: burstable Graviton.
    InstanceType::new("t4g.micro", "t4g", Arm64, 2, 1024, 2).note(GRAVITON),
    InstanceType::new("t4g.small", "t4g", Arm64, 2, 2048, 3).note(GRAVITON),
    InstanceType::new("t4g.medium", "t4g", Arm64, 2, 4096, 3).note(GRAVITON),
    InstanceType::new("t4g.large", "t4g", Arm64, 2, 8192, 3).note(GRAVITON),
    // m5: general purpose; the registered memory of every size here is measured (2018).
    InstanceType::new("m5.large", "m5", X86_64, 2, 8192, 3)
        .trunking(2, 10)
        .measured(7690, SENTIA_2018),
    InstanceType::new("m5.xlarge", "m5", X86_64, 4, 16384, 4)
        .trunking(3, 20)
        .measured(15586, SENTIA_2018),
    InstanceType::new("m5.2xlarge", "m5", X86_64, 8, 32768, 4)
        .trunking(3, 40)
        .measured(31377, SENTIA_2018),
    InstanceType::new("m5.4xlarge", "m5", X86_64, 16, 65536, 8)
        .trunking(7, 60)
        .measured(62960, SENTIA_2018),
    InstanceType::new("m5.24xlarge", "m5", X86_64, 96, 393216, 15)
        .trunking(14, 120)
        .measured(378665, SENTIA_2018),
    InstanceType::new("m5.metal", "m5", X86_64, 96, 393216, 15)
        .note("Same size as m5.24xlarge, but ECS lists m5.metal as not supported for ENI trunking."),
    // m6i
    InstanceType::new("m6i.large", "m6i", X86_64, 2, 8192, 3).trunking(2, 10),
    InstanceType::new("m6i.xlarge", "m6i", X86_64, 4, 16384, 4).trunking(3, 20),
    InstanceType::new("m6i.2xlarge", "m6i", X86_64, 8, 32768, 4).trunking(3, 40),
    // m6g: Graviton2; the .medium has a single vCPU (1024 CPU units).
    InstanceType::new("m6g.medium", "m6g", Arm64, 1, 4096, 2)
        .trunking(1, 4)
        .note(GRAVITON),
    InstanceType::new("m6g.large", "m6g", Arm64, 2, 8192, 3)
        .trunking(2, 10)
        .note(GRAVITON),
    InstanceType::new("m6g.xlarge", "m6g", Arm64, 4, 16384, 4)
        .trunking(3, 20)
        .note(GRAVITON),
    // m7g: Graviton3.
    InstanceType::new("m7g.medium", "m7g", Arm64, 1, 4096, 2)
        .trunking(1, 4)
        .note(GRAVITON),
    InstanceType::new("m7g.large", "m7g", Arm64, 2, 8192, 3)
        .trunking(2, 10)
        .note(GRAVITON),
    InstanceType::new("m7g.xlarge", "m7g", Arm64, 4, 16384, 4)
        .trunking(3, 20)
        .note(GRAVITON),
    // c5: compute optimized; c5.large is AWS's own trunking example (2 tasks, 10 with trunking).
    InstanceType::new("c5.large", "c5", X86_64, 2, 4096, 3)
        .trunking(2, 10)
        .measured(3714, SENTIA_2018),
    InstanceType::new("c5.xlarge", "c5", X86_64, 4, 8192, 4)
        .trunking(3, 20)
        .measured(7634, SENTIA_2018),
    InstanceType::new("c5.2xlarge", "c5", X86_64, 8, 16384, 4)
        .trunking(3, 40)
        .measured(15473, SENTIA_2018),
    InstanceType::new("c5.4xlarge", "c5", X86_64, 16, 32768, 8)
        .trunking(7, 60)
        .measured(31152, SENTIA_2018),
    // c6i
    InstanceType::new("c6i.large", "c6i", X86_64, 2, 4096, 3).trunking(2, 10),
    InstanceType::new("c6i.xlarge", "c6i", X86_64, 4, 8192, 4).trunking(3, 20),
    // c6g, c7g: Graviton compute.
    InstanceType::new("c6g.large", "c6g", Arm64, 2, 4096, 3)
        .trunking(2, 10)
        .note(GRAVITON),
    InstanceType::new("c7g.medium", "c7g", Arm64, 1, 2048, 2)
        .trunking(1, 4)
        .note(GRAVITON),
    InstanceType::new("c7g.large", "c7g", Arm64, 2, 4096, 3)
        .trunking(2, 10)
        .note(GRAVITON),
    InstanceType::new("c7g.xlarge", "c7g", Arm64, 4, 8192, 4)
        .trunking(3, 20)
        .note(GRAVITON),
    // r5, r6i: memory optimized (8 GiB per vCPU).
    InstanceType::new("r5.large", "r5", X86_64, 2, 16384, 3).trunking(2, 10),
    InstanceType::new("r5.xlarge", "r5", X86_64, 4, 32768, 4).trunking(3, 20),
    InstanceType::new("r5.2xlarge", "r5", X86_64, 8, 65536, 4).trunking(3, 40),
    InstanceType::new("r6i.large", "r6i", X86_64, 2, 16384, 3).trunking(2, 10),
    InstanceType::new("r6i.xlarge", "r6i", X86_64, 4, 32768, 4).trunking(3, 20),
    // g4dn: NVIDIA T4; excluded from trunking, so a g4dn.xlarge runs only 2 awsvpc tasks.
    InstanceType::new("g4dn.xlarge", "g4dn", X86_64, 4, 16384, 3)
        .gpus(1, NVIDIA_T4)
        .measured(15731, TF_OBS)
        .note(G4DN_EXCLUDED),
    InstanceType::new("g4dn.2xlarge", "g4dn", X86_64, 8, 32768, 3)
        .gpus(1, NVIDIA_T4)
        .note(G4DN_EXCLUDED),
    InstanceType::new("g4dn.12xlarge", "g4dn", X86_64, 48, 196608, 8)
        .gpus(4, NVIDIA_T4)
        .note(G4DN_EXCLUDED),
    // g5: NVIDIA A10G; g5.xlarge gains little from trunking (3 -> 6).
    InstanceType::new("g5.xlarge", "g5", X86_64, 4, 16384, 4)
        .trunking(3, 6)
        .gpus(1, NVIDIA_A10G),
    InstanceType::new("g5.2xlarge", "g5", X86_64, 8, 32768, 4)
        .trunking(3, 19)
        .gpus(1, NVIDIA_A10G),
    InstanceType::new("g5.12xlarge", "g5", X86_64, 48, 196608, 15)
        .trunking(14, 120)
        .gpus(4, NVIDIA_A10G),
    // p3: NVIDIA V100 on the Xen hypervisor (the formula was fitted on Nitro types).
    InstanceType::new("p3.2xlarge", "p3", X86_64, 8, 62464, 4)
        .trunking(3, 40)
        .gpus(1, NVIDIA_V100)
        .note("Xen hypervisor; 61 GiB advertised. Registered memory computed from a Nitro fit: Bottlerocket reports about 1 GiB more (KARP-BR)."),
    InstanceType::new("p3.8xlarge", "p3", X86_64, 32, 249856, 8)
        .trunking(7, 60)
        .gpus(4, NVIDIA_V100)
        .note("Xen hypervisor; 244 GiB advertised. Registered memory computed from a Nitro fit: Bottlerocket reports about 4 GiB more (KARP-BR)."),
    // inf1: AWS Inferentia, 4 NeuronCores per chip.
    InstanceType::new("inf1.xlarge", "inf1", X86_64, 4, 8192, 4)
        .inferentia(1, 4)
        .measured(7667, TF_OBS)
        .note("Another report gives 7679 MiB MemTotal (AGENT-3331). ECS excludes inf1 from ENI trunking."),
    InstanceType::new("inf1.2xlarge", "inf1", X86_64, 8, 16384, 4)
        .inferentia(1, 4)
        .note(INF1_EXCLUDED),
    InstanceType::new("inf1.6xlarge", "inf1", X86_64, 24, 49152, 8)
        .inferentia(4, 16)
        .note(INF1_EXCLUDED),
];

/// The type with exactly this API name (`"m5.large"`; no case folding, no aliases).
pub fn instance_type(name: &str) -> Option<&'static InstanceType> {
    INSTANCE_TYPES.iter().find(|t| t.name == name)
}

/// Every type in the catalogue, grouped by family.
pub fn instance_types() -> std::slice::Iter<'static, InstanceType> {
    INSTANCE_TYPES.iter()
}

/// `KARP-BR`: EC2 size minus Bottlerocket `MemTotal`, in bytes, for the computed types; kept
/// for the cross-check test only.
#[cfg(test)]
const BOTTLEROCKET_OVERHEAD_BYTES: &[(&str, u64)] = &[
    ("t3.micro", 108433408),
    ("t3.large", 382386176),
    ("t3.xlarge", 617746432),
    ("t4g.micro", 107393024),
    ("t4g.small", 206204928),
    ("t4g.medium", 268038144),
    ("t4g.large", 391708672),
    ("m5.metal", 6974574592),
    ("m6i.large", 424321024),
    ("m6i.xlarge", 703729664),
    ("m6i.2xlarge", 1262546944),
    ("m6g.medium", 309780480),
    ("m6g.large", 473333760),
    ("m6g.xlarge", 802529280),
    ("m7g.medium", 293036032),
    ("m7g.large", 439844864),
    ("m7g.xlarge", 735551488),
    ("c6i.large", 285917184),
    ("c6i.xlarge", 424804352),
    ("c6g.large", 293154816),
    ("c7g.medium", 218644480),
    ("c7g.large", 293154816),
    ("c7g.xlarge", 440082432),
    ("r5.large", 732602368),
    ("r5.xlarge", 1202855936),
    ("r5.2xlarge", 2143367168),
    ("r6i.large", 703246336),
    ("r6i.xlarge", 1261580288),
    ("g4dn.2xlarge", 1203826688),
    ("g4dn.12xlarge", 5808451584),
    ("g5.xlarge", 617742336),
    ("g5.2xlarge", 1088483328),
    ("g5.12xlarge", 5693108224),
    ("p3.2xlarge", 1255772160),
    ("p3.8xlarge", 4454129664),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn get(name: &str) -> &'static InstanceType {
        instance_type(name).unwrap_or_else(|| panic!("{name} is not in the catalogue"))
    }

    /// Graviton families are named `<letters><generation>g<options>` (t4g, m6g, c7g, m6gd).
    fn graviton_family(family: &str) -> bool {
        let rest = family.trim_start_matches(|c: char| c.is_ascii_lowercase());
        let options = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        rest.len() != options.len() && options.starts_with('g')
    }

    #[test]
    fn covers_the_required_families() {
        assert!(INSTANCE_TYPES.len() >= 40, "{} types", INSTANCE_TYPES.len());
        let families: HashSet<&str> = instance_types().map(|t| t.family).collect();
        for family in [
            "t3", "t4g", "m5", "m6i", "m6g", "m7g", "c5", "c6i", "c7g", "r5", "r6i", "g4dn", "g5",
            "p3", "inf1",
        ] {
            assert!(families.contains(family), "no {family} type");
        }
        for name in ["t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge"] {
            get(name);
        }
        assert!(instance_types().any(|t| t.name.ends_with(".metal")));
        assert!(instance_types().any(|t| t.name.ends_with(".24xlarge")));
        assert!(instance_types().any(|t| t.name.ends_with(".medium")));
    }

    #[test]
    fn names_are_unique_and_match_their_family() {
        let mut seen = HashSet::new();
        for t in instance_types() {
            assert!(seen.insert(t.name), "duplicate {}", t.name);
            assert_eq!(t.name.split_once('.').map(|(f, _)| f), Some(t.family));
            assert_eq!(instance_type(t.name), Some(t));
        }
    }

    #[test]
    fn cpu_units_are_vcpus_times_1024() {
        for t in instance_types() {
            assert_eq!(t.cpu_units(), u64::from(t.vcpus) * 1024, "{}", t.name);
        }
        assert_eq!(get("m6g.medium").cpu_units(), 1024);
        assert_eq!(get("m5.24xlarge").cpu_units(), 98304);
    }

    #[test]
    fn awsvpc_limit_is_enis_minus_one() {
        // For types on ECS's table this checks ECS's number against the EC2 ENI limit.
        for t in instance_types() {
            assert_eq!(t.awsvpc_tasks, t.max_enis - 1, "{}", t.name);
        }
    }

    #[test]
    fn trunking_never_lowers_the_limit() {
        for t in instance_types() {
            if let Some(with) = t.awsvpc_tasks_trunking {
                assert!(with >= t.awsvpc_tasks, "{}", t.name);
            }
            assert_eq!(t.awsvpc_task_limit(false), t.awsvpc_tasks, "{}", t.name);
        }
    }

    #[test]
    fn registered_memory_is_below_advertised() {
        for t in instance_types() {
            let registered = t.registered_memory.mib();
            assert!(registered < t.memory_mib, "{}", t.name);
            assert!(registered > t.memory_mib / 2, "{}", t.name);
        }
    }

    #[test]
    fn computed_memory_is_the_formula_and_measured_memory_is_near_it() {
        for t in instance_types() {
            let formula = estimate_registered_memory(t.memory_mib, t.vcpus);
            match t.registered_memory {
                RegisteredMemory::Computed { mib } => assert_eq!(mib, formula, "{}", t.name),
                RegisteredMemory::Measured { mib, .. } => {
                    assert!(
                        mib.abs_diff(formula) <= 130,
                        "{}: {mib} vs {formula}",
                        t.name
                    )
                }
            }
        }
    }

    #[test]
    fn measured_memory_matches_its_calibration_point() {
        for t in instance_types() {
            if let RegisteredMemory::Measured { mib, source } = t.registered_memory {
                assert!(
                    CALIBRATION_POINTS.iter().any(|p| p.fitted
                        && p.name == t.name
                        && p.registered_mib == mib
                        && p.source == source
                        && p.memory_mib == t.memory_mib
                        && p.vcpus == t.vcpus),
                    "{}",
                    t.name
                );
            }
        }
    }

    #[test]
    fn formula_residuals_on_the_calibration_points() {
        let fitted: Vec<_> = CALIBRATION_POINTS.iter().filter(|p| p.fitted).collect();
        assert_eq!(fitted.len(), 16);
        for p in fitted {
            let residual =
                estimate_registered_memory(p.memory_mib, p.vcpus).abs_diff(p.registered_mib);
            assert!(residual <= 125, "{}: off by {residual} MiB", p.name);
        }
        // AWS's own m4.large example (Xen, not fitted) is within 50 MiB too.
        assert_eq!(estimate_registered_memory(8192, 2), 7743);
    }

    #[test]
    fn formula_against_bottlerocket_memtotal() {
        // KARP-BR: the documented spread of the computed values (see the module docs).
        for (name, overhead_bytes) in BOTTLEROCKET_OVERHEAD_BYTES {
            let t = get(name);
            assert!(!t.registered_memory.is_measured(), "{name}");
            let memtotal = (t.memory_mib * 1024 * 1024 - overhead_bytes) / (1024 * 1024);
            let diff = i128::from(t.registered_memory.mib()) - i128::from(memtotal);
            if t.memory_mib <= 65536 && t.family != "p3" {
                assert!((-310..=20).contains(&diff), "{name}: {diff} MiB");
            } else {
                // The biggest and the Xen (p3) types: conservative, by at most 2.1 %.
                let limit = i128::from(t.memory_mib) * 21 / 1000;
                assert!(diff < 0 && diff.abs() <= limit, "{name}: {diff}");
            }
        }
    }

    #[test]
    fn formula_saturates_instead_of_overflowing() {
        assert_eq!(estimate_registered_memory(0, 0), 0);
        assert_eq!(estimate_registered_memory(100, 4), 0);
        assert!(estimate_registered_memory(u64::MAX, u32::MAX) < u64::MAX);
    }

    #[test]
    fn gpu_and_accelerator_types() {
        for t in instance_types() {
            let gpu_family = matches!(t.family, "g4dn" | "g5" | "p3");
            assert_eq!(t.gpus.is_some(), gpu_family, "{}", t.name);
            if let Some(g) = t.gpus {
                assert!(g.count > 0 && !g.model.is_empty(), "{}", t.name);
            }
            assert_eq!(t.neuron.is_some(), t.family == "inf1", "{}", t.name);
            if let Some(n) = t.neuron {
                assert_eq!(n.cores, n.count * 4, "{}", t.name);
            }
        }
        assert_eq!(get("m5.large").gpu_count(), 0);
    }

    #[test]
    fn arm64_families_are_graviton() {
        for t in instance_types() {
            assert_eq!(
                t.architecture == CpuArchitecture::Arm64,
                graviton_family(t.family),
                "{}",
                t.name
            );
        }
        assert!(graviton_family("m6gd") && !graviton_family("g4dn") && !graviton_family("g5"));
        assert_eq!(CpuArchitecture::Arm64.as_str(), "arm64");
        assert_eq!(CpuArchitecture::X86_64.as_str(), "x86_64");
    }

    #[test]
    fn excluded_from_trunking() {
        // ECS-ENI: families and sizes not supported, and t3/t4g absent from the table.
        for t in instance_types() {
            let excluded =
                matches!(t.family, "g4dn" | "inf1" | "t3" | "t4g") || t.name == "m5.metal";
            assert_eq!(t.awsvpc_tasks_trunking.is_none(), excluded, "{}", t.name);
        }
    }

    #[test]
    fn spot_checks_against_the_sources() {
        // ECS-ENI: c5.large, 3 ENIs, 2 tasks, 10 with trunking (the guide's own example).
        let c5 = get("c5.large");
        assert_eq!(
            (c5.max_enis, c5.awsvpc_tasks, c5.awsvpc_tasks_trunking),
            (3, 2, Some(10))
        );
        assert_eq!(c5.awsvpc_task_limit(true), 10);
        // CNI-ENI / ECS-ENI.
        assert_eq!(get("t3.micro").awsvpc_task_limit(true), 1);
        assert_eq!(get("m6g.medium").awsvpc_tasks_trunking, Some(4));
        assert_eq!(get("g5.xlarge").awsvpc_tasks_trunking, Some(6));
        assert_eq!(get("g5.12xlarge").max_enis, 15);
        assert_eq!(get("g4dn.xlarge").awsvpc_task_limit(true), 2);
        assert_eq!(get("m5.metal").awsvpc_task_limit(true), 14);
        assert_eq!(get("inf1.6xlarge").max_enis, 8);
        // KARP-TYPES.
        assert_eq!(get("p3.2xlarge").memory_mib, 62464);
        assert_eq!(get("c7g.medium").memory_mib, 2048);
        assert_eq!(
            get("g4dn.12xlarge").gpus,
            Some(Gpus {
                count: 4,
                model: "NVIDIA T4"
            })
        );
        assert_eq!(get("p3.8xlarge").gpu_count(), 4);
        assert_eq!(
            get("inf1.6xlarge").neuron.map(|n| (n.count, n.cores)),
            Some((4, 16))
        );
        assert_eq!(get("t4g.micro").architecture, CpuArchitecture::Arm64);
        // SENTIA-2018 / TF-OBS.
        assert_eq!(
            get("m5.large").registered_memory,
            RegisteredMemory::Measured {
                mib: 7690,
                source: SENTIA_2018
            }
        );
        assert_eq!(get("t3.small").registered_memory.mib(), 1901);
        assert_eq!(get("g4dn.xlarge").registered_memory.mib(), 15731);
        // FORMULA: a t3.micro cannot take a 1024 MiB task.
        assert_eq!(
            get("t3.micro").registered_memory,
            RegisteredMemory::Computed { mib: 783 }
        );
        assert_eq!(get("m5.large").registered_memory_mib(256), 7434);
        assert_eq!(get("t3.micro").registered_memory_mib(u64::MAX), 0);
    }

    #[test]
    fn lookup_is_exact() {
        assert!(instance_type("m5.large").is_some());
        assert!(instance_type("M5.LARGE").is_none());
        assert!(instance_type("m5.large ").is_none());
        assert!(instance_type("m4.large").is_none());
        assert!(instance_type("").is_none());
    }

    #[test]
    fn every_type_cites_its_sources() {
        for t in instance_types() {
            assert_eq!(t.sources.spec, KARP_TYPES, "{}", t.name);
            assert_eq!(t.sources.enis, CNI_ENI, "{}", t.name);
            assert_eq!(t.sources.trunking, ECS_ENI, "{}", t.name);
        }
        assert!(BOTTLEROCKET_OVERHEAD_BYTES
            .iter()
            .all(|(n, _)| instance_type(n).is_some()));
    }
}
