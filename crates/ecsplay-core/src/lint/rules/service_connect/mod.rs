//! Rules of the `service-connect` group (TD-SC, rules.md §13.2).

use crate::lint::Rule;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[];
