//! Rules of the `fargate` group (rules.md §3).

mod cpu_missing;

use crate::lint::Rule;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[&cpu_missing::FargateCpuMissing];
