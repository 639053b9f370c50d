//! The Fargate task sizes: every task-level `cpu` / `memory` pair Fargate accepts (rules.md §3.1,
//! source key `FARGATE-SIZES`), as plain data shared by the lint rules TD-FG-001..006 and the
//! placement simulator.
//!
//! | cpu (units) | vCPU | memory (MiB) | OS | notes |
//! | --- | --- | --- | --- | --- |
//! | 256 | .25 | 512, 1024, 2048 | Linux | |
//! | 512 | .5 | 1024 to 4096, steps of 1024 | Linux | |
//! | 1024 | 1 | 2048 to 8192, steps of 1024 | Linux, Windows | |
//! | 2048 | 2 | 4096 to 16384, steps of 1024 | Linux, Windows | |
//! | 4096 | 4 | 8192 to 30720, steps of 1024 | Linux, Windows | |
//! | 8192 | 8 | 16384 to 61440, steps of 4096 | Linux | Linux platform version 1.4.0 or later |
//! | 16384 | 16 | 32768 to 122880, steps of 8192 | Linux | Linux platform version 1.4.0 or later |
//! | 32768 | 32 | 61440, 122880, 249856 | Linux | new (2026); not yet in every source |
//!
//! Sources:
//! - botocore 1.44.5 ECS model, `RegisterTaskDefinitionRequest.memory` (rows 256 to 16384, the
//!   "1.4.0 or later" notes, "cannot be less than 1 vCPU" for Windows on Fargate);
//! - DOC: <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html>
//!   (which rows Windows supports);
//! - cfn-lint 1.58.0 `cfnlint/data/schemas/extensions/aws_ecs_taskdefinition/fargate_cpu_memory.json`
//!   (E3047; the only machine-readable copy, it includes the 32 vCPU row) and
//!   <https://github.com/aws-cloudformation/cfn-lint/pull/4668>;
//! - <https://github.com/pulumi/pulumi-awsx/pull/2053> (the 32 vCPU row).
//!
//! The 32 vCPU row is accepted as valid but marked [`FargateSize::recent`]: it is in cfn-lint and
//! pulumi-awsx but not yet in the botocore documentation, so it may not be offered in every
//! Region. Its minimum platform version is not documented anywhere we read; it is recorded as
//! Linux 1.4.0, the only platform version with the 8 and 16 vCPU sizes (an inference).

/// The memory values one Fargate cpu size allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemoryChoices {
    /// Exactly these values, in MiB, ascending.
    Exactly(&'static [u64]),
    /// From `min` to `max` MiB inclusive, in steps of `step` MiB.
    Steps {
        /// The smallest value, MiB.
        min: u64,
        /// The largest value, MiB.
        max: u64,
        /// The increment, MiB.
        step: u64,
    },
}

impl MemoryChoices {
    /// Whether `mib` is one of the values.
    pub fn contains(&self, mib: u64) -> bool {
        match *self {
            MemoryChoices::Exactly(values) => values.contains(&mib),
            MemoryChoices::Steps { min, max, step } => {
                (min..=max).contains(&mib) && (mib - min) % step.max(1) == 0
            }
        }
    }

    /// Every value, ascending, in MiB.
    pub fn values(&self) -> Vec<u64> {
        match *self {
            MemoryChoices::Exactly(values) => values.to_vec(),
            MemoryChoices::Steps { min, max, step } => (min..=max)
                .step_by(usize::try_from(step.max(1)).unwrap_or(usize::MAX))
                .collect(),
        }
    }

    /// The smallest value, MiB.
    pub fn min(&self) -> u64 {
        self.values().first().copied().unwrap_or(0)
    }

    /// The largest value, MiB.
    pub fn max(&self) -> u64 {
        self.values().last().copied().unwrap_or(0)
    }

    /// The value closest to `mib` (the larger one on a tie: less risk of running out of memory).
    pub fn nearest(&self, mib: u64) -> u64 {
        self.values()
            .into_iter()
            .min_by_key(|v| (v.abs_diff(mib), u64::MAX - v))
            .unwrap_or(0)
    }

    /// The values in words: `512, 1024 or 2048 MiB`, `8192 to 30720 MiB in steps of 1024`.
    pub fn describe(&self) -> String {
        match *self {
            MemoryChoices::Exactly(values) => {
                let shown: Vec<String> = values.iter().map(u64::to_string).collect();
                match shown.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} or {last} MiB", rest.join(", "))
                    }
                    Some((last, _)) => format!("{last} MiB"),
                    None => "no memory value".to_owned(),
                }
            }
            MemoryChoices::Steps { min, max, step } => {
                format!("{min} to {max} MiB in steps of {step}")
            }
        }
    }
}

/// One Fargate task size: a cpu value and the memory values it allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FargateSize {
    /// Task cpu in CPU units (1024 units = 1 vCPU).
    pub cpu: u64,
    /// The vCPU amount as AWS writes it (`".25"`, `"1"`).
    pub vcpu: &'static str,
    /// The task memory values this cpu allows.
    pub memory: MemoryChoices,
    /// Whether Windows containers on Fargate may use this size (Linux always may).
    pub windows: bool,
    /// The oldest Linux platform version that offers this size; `None` for every version.
    pub min_linux_platform_version: Option<&'static str>,
    /// A size so new that some sources (the botocore documentation) do not list it yet.
    pub recent: bool,
}

impl FargateSize {
    /// `"256 (.25 vCPU)"`.
    pub fn label(&self) -> String {
        format!("{} ({} vCPU)", self.cpu, self.vcpu)
    }

    /// Whether this size can run a task of `mib` memory.
    pub fn allows(&self, mib: u64) -> bool {
        self.memory.contains(mib)
    }

    /// Whether this size is offered for the given operating system.
    pub fn offered(&self, windows: bool) -> bool {
        !windows || self.windows
    }
}

/// The Fargate task sizes, by ascending cpu (rules.md §3.1).
pub const FARGATE_SIZES: [FargateSize; 8] = [
    FargateSize {
        cpu: 256,
        vcpu: ".25",
        memory: MemoryChoices::Exactly(&[512, 1024, 2048]),
        windows: false,
        min_linux_platform_version: None,
        recent: false,
    },
    FargateSize {
        cpu: 512,
        vcpu: ".5",
        memory: MemoryChoices::Steps {
            min: 1024,
            max: 4096,
            step: 1024,
        },
        windows: false,
        min_linux_platform_version: None,
        recent: false,
    },
    FargateSize {
        cpu: 1024,
        vcpu: "1",
        memory: MemoryChoices::Steps {
            min: 2048,
            max: 8192,
            step: 1024,
        },
        windows: true,
        min_linux_platform_version: None,
        recent: false,
    },
    FargateSize {
        cpu: 2048,
        vcpu: "2",
        memory: MemoryChoices::Steps {
            min: 4096,
            max: 16384,
            step: 1024,
        },
        windows: true,
        min_linux_platform_version: None,
        recent: false,
    },
    FargateSize {
        cpu: 4096,
        vcpu: "4",
        memory: MemoryChoices::Steps {
            min: 8192,
            max: 30720,
            step: 1024,
        },
        windows: true,
        min_linux_platform_version: None,
        recent: false,
    },
    FargateSize {
        cpu: 8192,
        vcpu: "8",
        memory: MemoryChoices::Steps {
            min: 16384,
            max: 61440,
            step: 4096,
        },
        windows: false,
        min_linux_platform_version: Some("1.4.0"),
        recent: false,
    },
    FargateSize {
        cpu: 16384,
        vcpu: "16",
        memory: MemoryChoices::Steps {
            min: 32768,
            max: 122880,
            step: 8192,
        },
        windows: false,
        min_linux_platform_version: Some("1.4.0"),
        recent: false,
    },
    FargateSize {
        cpu: 32768,
        vcpu: "32",
        memory: MemoryChoices::Exactly(&[61440, 122880, 249856]),
        windows: false,
        min_linux_platform_version: Some("1.4.0"),
        recent: true,
    },
];

/// The Fargate size with this cpu, if it is one.
pub fn size(cpu: u64) -> Option<&'static FargateSize> {
    FARGATE_SIZES.iter().find(|s| s.cpu == cpu)
}

/// Whether (`cpu`, `memory`) is a valid Fargate task size for the operating system.
pub fn is_valid(cpu: u64, memory: u64, windows: bool) -> bool {
    size(cpu).is_some_and(|s| s.offered(windows) && s.allows(memory))
}

/// The sizes offered for the operating system, by ascending cpu.
pub fn offered(windows: bool) -> impl Iterator<Item = &'static FargateSize> {
    FARGATE_SIZES.iter().filter(move |s| s.offered(windows))
}

/// The offered size whose cpu is closest to `cpu` among those `keep` accepts (the larger one on a
/// tie).
pub fn nearest_cpu(
    cpu: u64,
    windows: bool,
    keep: impl Fn(&FargateSize) -> bool,
) -> Option<&'static FargateSize> {
    offered(windows)
        .filter(|s| keep(s))
        .min_by_key(|s| (s.cpu.abs_diff(cpu), u64::MAX - s.cpu))
}

/// The Fargate size for a task `cpu` value, if Fargate offers one.
pub fn fargate_size(cpu: u64) -> Option<&'static FargateSize> {
    size(cpu)
}

/// The task `memory` values (MiB) Fargate allows with this `cpu`; empty when Fargate has no
/// such `cpu` value.
pub fn memory_options(cpu: u64) -> Vec<u64> {
    size(cpu).map_or_else(Vec::new, |s| s.memory.values())
}

/// Whether (`cpu`, `memory`) is a Fargate task size, for a Windows task when `windows`.
pub fn is_valid_size(cpu: u64, memory: u64, windows: bool) -> bool {
    is_valid(cpu, memory, windows)
}

/// Where the table comes from (a key of the catalogue's source list).
pub const SOURCE: &str = super::FARGATE_SIZES_SRC;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_the_documented_value_counts() {
        let counts: Vec<usize> = FARGATE_SIZES
            .iter()
            .map(|s| s.memory.values().len())
            .collect();
        assert_eq!(counts, [3, 4, 7, 13, 23, 12, 12, 3]);
        assert!(FARGATE_SIZES.windows(2).all(|w| w[0].cpu < w[1].cpu));
    }

    #[test]
    fn membership() {
        assert!(is_valid(256, 512, false));
        assert!(!is_valid(256, 4096, false));
        assert!(is_valid(8192, 20480, false));
        assert!(!is_valid(8192, 18432, false));
        assert!(is_valid(32768, 249856, false));
        assert!(!is_valid(32768, 65536, false));
        assert!(!is_valid(16384, 123904, false));
        assert!(!is_valid(256, 512, true));
        assert!(is_valid(1024, 2048, true));
        assert!(!is_valid(8192, 16384, true));
        assert!(!is_valid(300, 512, false));
    }

    #[test]
    fn nearest_values_and_words() {
        let s = size(8192).unwrap();
        assert_eq!(s.memory.nearest(18000), 16384);
        assert_eq!(s.memory.nearest(18432), 20480);
        assert_eq!(s.memory.nearest(1), 16384);
        assert_eq!(s.memory.nearest(u64::MAX), 61440);
        assert_eq!(
            size(256).unwrap().memory.describe(),
            "512, 1024 or 2048 MiB"
        );
        assert_eq!(
            size(4096).unwrap().memory.describe(),
            "8192 to 30720 MiB in steps of 1024"
        );
        assert_eq!(size(256).unwrap().label(), "256 (.25 vCPU)");
        assert_eq!(nearest_cpu(768, false, |_| true).unwrap().cpu, 1024);
        assert_eq!(nearest_cpu(128, true, |_| true).unwrap().cpu, 1024);
        assert_eq!(
            nearest_cpu(100_000, false, |s| s.allows(61440))
                .unwrap()
                .cpu,
            32768
        );
    }

    /// rules.md §3.1, row by row: (cpu, the allowed memory values, Windows allowed).
    fn spec_rows() -> Vec<(u64, Vec<u64>, bool)> {
        let steps = |first: u64, last: u64, step: u64| -> Vec<u64> {
            (first..=last)
                .step_by(usize::try_from(step).unwrap_or(1))
                .collect()
        };
        vec![
            (256, vec![512, 1024, 2048], false),
            (512, vec![1024, 2048, 3072, 4096], false),
            (1024, vec![2048, 3072, 4096, 5120, 6144, 7168, 8192], true),
            (2048, steps(4096, 16384, 1024), true),
            (4096, steps(8192, 30720, 1024), true),
            (8192, steps(16384, 61440, 4096), false),
            (16384, steps(32768, 122880, 8192), false),
            (32768, vec![61440, 122880, 249856], false),
        ]
    }

    #[test]
    fn table_matches_every_row_of_the_spec() {
        let rows = spec_rows();
        assert_eq!(FARGATE_SIZES.len(), rows.len());
        for (size, (cpu, memory, windows)) in FARGATE_SIZES.iter().zip(&rows) {
            assert_eq!(size.cpu, *cpu);
            assert_eq!(size.memory.values(), *memory, "cpu {cpu}");
            assert_eq!(size.windows, *windows, "cpu {cpu}");
            assert_eq!(memory_options(*cpu), *memory);
        }
        // The counts rules.md states: 13, 23, 12 and 12 values.
        let counts: Vec<usize> = [2048, 4096, 8192, 16384]
            .iter()
            .map(|cpu| memory_options(*cpu).len())
            .collect();
        assert_eq!(counts, [13, 23, 12, 12]);
    }

    #[test]
    fn every_listed_combination_is_valid_and_nothing_else() {
        for (cpu, memory, windows) in spec_rows() {
            for m in &memory {
                assert!(is_valid_size(cpu, *m, false), "{cpu}/{m}");
                assert_eq!(is_valid_size(cpu, *m, true), windows, "{cpu}/{m} windows");
            }
            for m in [0, 256, 511, 1023, 3000, 4608, 250000, u64::MAX] {
                if !memory.contains(&m) {
                    assert!(!is_valid_size(cpu, m, false), "{cpu}/{m}");
                }
            }
        }
        for cpu in [0, 128, 257, 768, 3072, 65536, u64::MAX] {
            assert!(memory_options(cpu).is_empty(), "{cpu}");
            assert!(!is_valid_size(cpu, 2048, false), "{cpu}");
        }
    }

    #[test]
    fn examples() {
        assert!(is_valid_size(256, 512, false));
        assert!(
            !is_valid_size(256, 512, true),
            "Windows needs at least 1 vCPU"
        );
        assert!(
            !is_valid_size(512, 512, false),
            "the error in rules.md §3.1"
        );
        assert!(is_valid_size(4096, 30720, true));
        assert!(!is_valid_size(4096, 32768, false));
        assert!(!is_valid_size(8192, 16384, true), "8 vCPU is Linux-only");
        assert!(is_valid_size(8192, 61440, false));
        assert!(!is_valid_size(8192, 18432, false), "4 GB steps");
        assert!(is_valid_size(32768, 249856, false));
        assert!(!is_valid_size(32768, 65536, false));
    }

    #[test]
    fn platform_versions_and_new_rows() {
        for s in FARGATE_SIZES {
            // 32 vCPU: recorded as 1.4.0 by inference (see the module documentation).
            let needs_14 = matches!(s.cpu, 8192 | 16384 | 32768);
            assert_eq!(
                s.min_linux_platform_version == Some("1.4.0"),
                needs_14,
                "{}",
                s.cpu
            );
            assert_eq!(s.recent, s.cpu == 32768, "{}", s.cpu);
            assert!(
                s.memory.values().windows(2).all(|w| w.first() < w.last()),
                "{}",
                s.cpu
            );
        }
        assert!(FARGATE_SIZES
            .windows(2)
            .all(|w| w.first().map(|s| s.cpu) < w.last().map(|s| s.cpu)));
    }
}
