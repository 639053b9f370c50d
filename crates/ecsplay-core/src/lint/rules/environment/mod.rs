//! Rules of the `environment` group (rules.md §10).

mod secret_missing_member;
mod value_not_string;

use crate::lint::Rule;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &value_not_string::EnvironmentValueNotString,
    &secret_missing_member::SecretMissingMember,
];
