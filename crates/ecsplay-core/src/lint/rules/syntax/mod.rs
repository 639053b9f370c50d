//! Rules of the `syntax` group: the document itself (interfaces.md §2).

mod duplicate_key;
mod not_well_formed;
mod unknown_form;

use crate::lint::Rule;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &not_well_formed::NotWellFormed,
    &duplicate_key::DuplicateKey,
    &unknown_form::UnknownForm,
];
