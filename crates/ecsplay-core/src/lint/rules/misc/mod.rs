//! Rules of the `misc` group (rules.md §13.3).

mod dns_search_domain_invalid;

use crate::lint::Rule;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[&dns_search_domain_invalid::DnsSearchDomainInvalid];
