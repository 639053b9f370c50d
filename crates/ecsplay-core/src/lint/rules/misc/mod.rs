//! Rules of the `misc` group (rules.md §13.3).

mod dns_search_domain_invalid;
mod string_instead_of_list;

use crate::lint::Rule;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &string_instead_of_list::StringInsteadOfList,
    &dns_search_domain_invalid::DnsSearchDomainInvalid,
];
