//! Rules of the `security` group (TD-SEC, rules.md §12).

use crate::lint::Rule;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[];
