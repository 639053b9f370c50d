//! Rules of the `windows` group (TD-WIN, rules.md §13.1).

use crate::lint::Rule;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[];
