//! The one hand-written list of rules, group by group.

use super::rules;
use super::Rule;
use std::collections::HashMap;
use std::sync::OnceLock;

fn groups() -> [&'static [&'static dyn Rule]; 16] {
    [
        rules::syntax::RULES,
        rules::shape::RULES,
        rules::network::RULES,
        rules::fargate::RULES,
        rules::resources::RULES,
        rules::iam::RULES,
        rules::ports::RULES,
        rules::dependencies::RULES,
        rules::health::RULES,
        rules::logging::RULES,
        rules::volumes::RULES,
        rules::environment::RULES,
        rules::security::RULES,
        rules::windows::RULES,
        rules::service_connect::RULES,
        rules::misc::RULES,
    ]
}

/// Every rule, in catalogue order.
pub fn all_rules() -> &'static [&'static dyn Rule] {
    static ALL: OnceLock<Vec<&'static dyn Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static dyn Rule> =
            groups().iter().flat_map(|g| g.iter().copied()).collect();
        all.sort_by(|a, b| natural_key(a.meta().code).cmp(&natural_key(b.meta().code)));
        all
    })
}

fn natural_key(code: &str) -> (usize, &str, u32) {
    let (prefix, number) = code.rsplit_once('-').unwrap_or((code, "0"));
    let group = super::GROUPS
        .iter()
        .position(|(p, _)| *p == prefix)
        .unwrap_or(usize::MAX);
    (group, prefix, number.parse().unwrap_or(0))
}

/// The rule with this code, or whose aliases include it.
pub fn find_rule(code: &str) -> Option<&'static dyn Rule> {
    static BY_CODE: OnceLock<HashMap<&'static str, &'static dyn Rule>> = OnceLock::new();
    let map = BY_CODE.get_or_init(|| {
        let mut map = HashMap::new();
        for rule in all_rules() {
            let meta = rule.meta();
            for alias in meta.aliases {
                map.insert(*alias, *rule);
            }
            map.insert(meta.code, *rule);
        }
        map
    });
    map.get(code).copied()
}
