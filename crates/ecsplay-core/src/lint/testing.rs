//! Test support: the harness every rule file uses ("each pass case is clean, each fail case
//! reports"), and the checks every rule's documentation must pass.

use super::{all_rules, lint, LintOptions, RuleMeta};
use crate::diagnostic::{render_text, Diagnostic};

/// Lints `text` with only the rule of `meta` enabled.
pub(crate) fn run(meta: &RuleMeta, text: &str) -> Vec<Diagnostic> {
    let options = LintOptions {
        select: vec![meta.code.to_owned()],
        ignore: Vec::new(),
    };
    lint(text, &options)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == meta.code)
        .collect()
}

/// Asserts the rule reports on `text`; returns its diagnostics.
#[track_caller]
pub(crate) fn assert_fails(meta: &RuleMeta, text: &str) -> Vec<Diagnostic> {
    let found = run(meta, text);
    assert!(!found.is_empty(), "{} should report on:\n{text}", meta.code);
    found
}

/// Asserts the rule says nothing on `text`.
#[track_caller]
pub(crate) fn assert_passes(meta: &RuleMeta, text: &str) {
    let found = run(meta, text);
    assert!(
        found.is_empty(),
        "{} should not report on:\n{text}\nbut said: {:#?}",
        meta.code,
        found.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

/// The text of the span a diagnostic points at.
pub(crate) fn spanned<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
    text.get(d.span.start as usize..d.span.end as usize)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in all_rules() {
            let m = rule.meta();
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            for alias in m.aliases {
                assert!(codes.insert(alias), "alias {alias} of {} is taken", m.code);
            }
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(
                m.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case",
                m.name
            );
            assert!(
                !m.summary.is_empty() && !m.summary.ends_with('.'),
                "{}: summary is one line without a full stop",
                m.code
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in all_rules() {
            let m = rule.meta();
            let doc = m.documentation();
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
                "## References",
            ] {
                assert!(
                    doc.contains(heading),
                    "{}: documentation lacks {heading:?}",
                    m.code
                );
            }
            let refs = doc.split("## References").nth(1).unwrap_or("");
            assert!(
                refs.lines().any(|l| l.trim_start().starts_with("- ")),
                "{}: no source listed under References",
                m.code
            );
        }
    }

    #[test]
    fn documented_examples_behave_as_documented() {
        for rule in all_rules() {
            let m = rule.meta();
            let bad = m
                .doc_example("Example")
                .unwrap_or_else(|| panic!("{}: no ```json block under ## Example", m.code));
            let good = m
                .doc_example("Use instead")
                .unwrap_or_else(|| panic!("{}: no ```json block under ## Use instead", m.code));
            assert!(
                !run(m, &bad).is_empty(),
                "{}: the documented bad example does not trigger the rule:\n{bad}",
                m.code
            );
            assert!(
                run(m, &good).is_empty(),
                "{}: the documented good example triggers the rule:\n{good}\n{:#?}",
                m.code,
                run(m, &good)
            );
        }
    }

    /// One snapshot per rule: how its documented bad example is shown to a user.
    #[test]
    fn rendered_examples() {
        for rule in all_rules() {
            let m = rule.meta();
            let bad = m.doc_example("Example").unwrap_or_default();
            let rendered = render_text("example.json", &bad, &run(m, &bad), false);
            insta::assert_snapshot!(m.code, rendered);
        }
    }

    /// Every code is an id of the catalogue (or one of the codes interfaces.md adds).
    #[test]
    fn codes_are_catalogue_ids() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/spec/rules.md");
        let Ok(catalogue) = std::fs::read_to_string(path) else {
            eprintln!("skipped: ../shared/spec/rules.md is not present beside the project");
            return;
        };
        for rule in all_rules() {
            let m = rule.meta();
            for code in std::iter::once(&m.code).chain(m.aliases) {
                let extra = code.starts_with("TD-SYNTAX-") || code.starts_with("TD-FORM-");
                assert!(
                    extra || catalogue.contains(&format!("| {code} |")),
                    "{code} is not an id in rules.md"
                );
            }
        }
    }
}
