//! Fargate task sizes: the task-level `cpu` values Fargate accepts and the `memory` values each
//! allows (rules.md §3.1, source `FARGATE-SIZES`). Memory is in MiB (GB × 1024).

use super::FARGATE_SIZES_SRC;

/// One Fargate `cpu` value and what goes with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FargateSize {
    /// Task `cpu` in CPU units.
    pub cpu: u64,
    /// The allowed task `memory` values, MiB, ascending.
    pub memory_mib: &'static [u64],
    /// Whether Windows tasks may use this size (Linux always may).
    pub windows: bool,
    /// The oldest Linux platform version that offers it, when not every version does.
    pub min_linux_platform_version: Option<&'static str>,
    /// Whether the size is new and not yet in every AWS document or Region (the 32 vCPU row:
    /// in cfn-lint 1.58.0 and pulumi-awsx, not yet in the botocore 1.44.5 documentation).
    pub newly_added: bool,
    /// Where the row comes from.
    pub source: &'static str,
}

/// Every Fargate task size, by ascending `cpu`.
pub static FARGATE_SIZES: &[FargateSize] = &[
    FargateSize {
        cpu: 256,
        memory_mib: &[512, 1024, 2048],
        windows: false,
        min_linux_platform_version: None,
        newly_added: false,
        source: FARGATE_SIZES_SRC,
    },
    FargateSize {
        cpu: 512,
        memory_mib: &[1024, 2048, 3072, 4096],
        windows: false,
        min_linux_platform_version: None,
        newly_added: false,
        source: FARGATE_SIZES_SRC,
    },
    FargateSize {
        cpu: 1024,
        memory_mib: &[2048, 3072, 4096, 5120, 6144, 7168, 8192],
        windows: true,
        min_linux_platform_version: None,
        newly_added: false,
        source: FARGATE_SIZES_SRC,
    },
    FargateSize {
        cpu: 2048,
        // 4 to 16 GB in 1 GB steps.
        memory_mib: &[
            4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384,
        ],
        windows: true,
        min_linux_platform_version: None,
        newly_added: false,
        source: FARGATE_SIZES_SRC,
    },
    FargateSize {
        cpu: 4096,
        // 8 to 30 GB in 1 GB steps.
        memory_mib: &[
            8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456,
            20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720,
        ],
        windows: true,
        min_linux_platform_version: None,
        newly_added: false,
        source: FARGATE_SIZES_SRC,
    },
    FargateSize {
        cpu: 8192,
        // 16 to 60 GB in 4 GB steps.
        memory_mib: &[
            16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440,
        ],
        windows: false,
        min_linux_platform_version: Some("1.4.0"),
        newly_added: false,
        source: FARGATE_SIZES_SRC,
    },
    FargateSize {
        cpu: 16384,
        // 32 to 120 GB in 8 GB steps.
        memory_mib: &[
            32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880,
        ],
        windows: false,
        min_linux_platform_version: Some("1.4.0"),
        newly_added: false,
        source: FARGATE_SIZES_SRC,
    },
    FargateSize {
        cpu: 32768,
        // Exactly 60, 120 and 244 GB.
        memory_mib: &[61440, 122880, 249856],
        windows: false,
        min_linux_platform_version: None,
        newly_added: true,
        source: FARGATE_SIZES_SRC,
    },
];

/// The Fargate size for a task `cpu` value, if Fargate offers one.
pub fn fargate_size(cpu: u64) -> Option<&'static FargateSize> {
    FARGATE_SIZES.iter().find(|s| s.cpu == cpu)
}

/// The task `memory` values (MiB) Fargate allows with this `cpu`; empty when Fargate has no
/// such `cpu` value.
pub fn memory_options(cpu: u64) -> &'static [u64] {
    fargate_size(cpu).map_or(&[], |s| s.memory_mib)
}

/// Whether (`cpu`, `memory`) is a Fargate task size, for a Windows task when `windows`.
pub fn is_valid_size(cpu: u64, memory: u64, windows: bool) -> bool {
    fargate_size(cpu).is_some_and(|s| (s.windows || !windows) && s.memory_mib.contains(&memory))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(size.memory_mib, memory.as_slice(), "cpu {cpu}");
            assert_eq!(size.windows, *windows, "cpu {cpu}");
            assert_eq!(memory_options(*cpu), memory.as_slice());
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
            let needs_14 = matches!(s.cpu, 8192 | 16384);
            assert_eq!(
                s.min_linux_platform_version == Some("1.4.0"),
                needs_14,
                "{}",
                s.cpu
            );
            assert_eq!(s.newly_added, s.cpu == 32768, "{}", s.cpu);
            assert!(
                s.memory_mib.windows(2).all(|w| w.first() < w.last()),
                "{}",
                s.cpu
            );
        }
        assert!(FARGATE_SIZES
            .windows(2)
            .all(|w| w.first().map(|s| s.cpu) < w.last().map(|s| s.cpu)));
    }
}
