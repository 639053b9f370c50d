//! The lint view's state: the document, its lint result, the selected finding and rule.

use super::share::Snapshot;
use crate::{clock, examples};
use ecsplay_core::lint::find_rule;
use ecsplay_core::{lint, Diagnostic, LintOptions, LintResult, Severity};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The lint view's state.
#[derive(Clone, Debug)]
pub struct LintState {
    /// The document being edited.
    pub text: Rc<str>,
    /// The example the document came from (what Reset goes back to).
    pub example: Option<&'static str>,
    /// The lint result of `text`.
    pub result: Rc<LintResult>,
    /// How long linting `text` took, in milliseconds.
    pub lint_ms: f64,
    /// Counts lint runs: changes whenever `result` does.
    pub revision: u64,
    /// Bumps whenever `text` is replaced from outside the editor (an example, Reset, a link), so
    /// the editor knows to load it; typing in the editor does not bump it.
    pub doc_version: u64,
    /// The selected finding (an index into `result.diagnostics`).
    pub selected: Option<usize>,
    /// The rule whose documentation the rule panel shows, when one was picked.
    pub rule: Option<&'static str>,
    /// Bumps when the editor should move to the selected finding.
    pub jump: u64,
    /// Rule documentation pages fetched so far (the playground's wasm is built without them:
    /// ecsplay-core's `docs` feature), by code.
    pub docs: Rc<BTreeMap<&'static str, Rc<str>>>,
    /// A rule whose documented example replaces the document as soon as its page arrives (a
    /// `#rule=` link).
    pub pending_example: Option<&'static str>,
}

impl PartialEq for LintState {
    fn eq(&self, other: &Self) -> bool {
        // The result is derived from the text; comparing the pointer is enough and cheap.
        Rc::ptr_eq(&self.result, &other.result)
            && self.revision == other.revision
            && self.text == other.text
            && self.example == other.example
            && self.doc_version == other.doc_version
            && self.selected == other.selected
            && self.rule == other.rule
            && self.jump == other.jump
            && Rc::ptr_eq(&self.docs, &other.docs)
            && self.pending_example == other.pending_example
    }
}

/// What changes the lint view.
#[derive(Clone, Debug, PartialEq)]
pub enum LintAction {
    /// The editor's text changed.
    Edit(String),
    /// Selects a finding and moves the editor to it.
    Select(usize),
    /// Shows a rule's documentation.
    ShowRule(String),
    /// Loads the example of a rule's documentation into the editor (and shows the rule).
    TryRuleExample(&'static str),
    /// A rule's documentation page arrived.
    DocsLoaded(&'static str, Rc<str>),
    /// Goes back to the example the document came from (or the default one).
    Reset,
}

/// Finding counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Infos.
    pub info: usize,
}

impl Counts {
    /// Counts a list of findings.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut counts = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }

    /// All findings.
    pub fn total(self) -> usize {
        self.error + self.warning + self.info
    }
}

/// The editor language for a document: JSON unless it reads as YAML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// JSON (register, describe, Terraform, JSON CloudFormation).
    Json,
    /// YAML (CloudFormation).
    Yaml,
}

impl Language {
    /// Guesses from the first character that is not white space: JSON starts with `{` or `[`.
    pub fn of(text: &str) -> Self {
        match text.trim_start().chars().next() {
            None | Some('{') | Some('[') => Language::Json,
            _ => Language::Yaml,
        }
    }

    /// The name the editor bridge takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Json => "json",
            Language::Yaml => "yaml",
        }
    }
}

fn run(text: &str) -> (Rc<LintResult>, f64) {
    let start = clock::now_ms();
    let result = lint(text, &LintOptions::default());
    (Rc::new(result), clock::now_ms() - start)
}

impl LintState {
    /// The lint view a permalink describes.
    pub fn from_snapshot(snapshot: &Snapshot) -> Self {
        let example = snapshot.example.unwrap_or(examples::DEFAULT_ID);
        let text: Rc<str> = match &snapshot.text {
            Some(text) => text.clone(),
            None => examples::find(example)
                .unwrap_or_else(examples::default_example)
                .text
                .into(),
        };
        let (result, lint_ms) = run(&text);
        let mut state = LintState {
            text,
            example: Some(example),
            result,
            lint_ms,
            revision: 0,
            doc_version: 0,
            selected: None,
            rule: snapshot.rule,
            jump: 0,
            docs: Rc::default(),
            pending_example: None,
        };
        if snapshot.rule_example {
            if let Some(code) = snapshot.rule {
                state.pending_example = Some(code);
                state.try_pending_example();
            }
        }
        state
    }

    /// A rule's documentation page: compiled in (native builds), or fetched (the playground).
    pub fn documentation(&self, code: &str) -> Option<Rc<str>> {
        let meta = find_rule(code)?.meta();
        if meta.has_documentation() {
            return Some(Rc::from(meta.documentation()));
        }
        self.docs.get(meta.code).cloned()
    }

    /// A rule's documented example, when its page is at hand.
    pub fn rule_example(&self, code: &str) -> Option<String> {
        ecsplay_core::lint::doc_example(&self.documentation(code)?, "Example")
    }

    /// Loads the example a `#rule=` link asked for, once the rule's page is at hand.
    pub(crate) fn try_pending_example(&mut self) {
        if let Some(code) = self.pending_example {
            if self.load_rule_example(code) {
                self.pending_example = None;
            }
        }
    }

    /// Replaces the document by a rule's documented example; false when its page is not at hand.
    fn load_rule_example(&mut self, code: &str) -> bool {
        let Some(example) = self.rule_example(code) else {
            return false;
        };
        self.example = None;
        self.replace_text(example.into());
        self.doc_version += 1;
        true
    }

    /// The lint view's part of a permalink.
    pub fn snapshot(&self) -> Snapshot {
        let example_text = self.example.and_then(examples::find).map(|e| e.text);
        Snapshot {
            example: self.example.filter(|id| *id != examples::DEFAULT_ID),
            text: (example_text != Some(&*self.text)).then(|| self.text.clone()),
            rule: self.rule,
            ..Snapshot::default()
        }
    }

    /// The language of the document.
    pub fn language(&self) -> Language {
        Language::of(&self.text)
    }

    /// Finding counts by severity.
    pub fn counts(&self) -> Counts {
        Counts::of(&self.result.diagnostics)
    }

    /// The selected finding.
    pub fn selected_diagnostic(&self) -> Option<&Diagnostic> {
        self.result.diagnostics.get(self.selected?)
    }

    /// The rule the rule panel shows: the one picked, else the selected finding's, else the
    /// first finding's.
    pub fn shown_rule(&self) -> Option<&'static str> {
        self.rule
            .or_else(|| self.selected_diagnostic().map(|d| d.code))
            .or_else(|| self.result.diagnostics.first().map(|d| d.code))
    }

    fn replace_text(&mut self, text: Rc<str>) {
        let (result, lint_ms) = run(&text);
        self.text = text;
        self.result = result;
        self.lint_ms = lint_ms;
        self.revision += 1;
        self.selected = None;
    }

    /// Opens an example; returns its title, or `None` for an unknown id.
    pub fn open_example(&mut self, id: &str) -> Option<&'static str> {
        let example = examples::find(id)?;
        self.example = Some(example.id);
        self.rule = None;
        self.replace_text(example.text.into());
        self.doc_version += 1;
        Some(example.title)
    }

    /// Applies an action.
    pub fn apply(&mut self, action: LintAction) {
        match action {
            LintAction::Edit(text) => {
                if *self.text != *text {
                    self.replace_text(text.into());
                }
            }
            LintAction::Select(index) => {
                if let Some(d) = self.result.diagnostics.get(index) {
                    self.selected = Some(index);
                    self.rule = Some(d.code);
                    self.jump += 1;
                }
            }
            LintAction::ShowRule(code) => {
                if let Some(rule) = find_rule(&code) {
                    self.rule = Some(rule.meta().code);
                }
            }
            LintAction::TryRuleExample(code) => {
                let Some(rule) = find_rule(code) else { return };
                if self.load_rule_example(code) {
                    self.rule = Some(rule.meta().code);
                }
            }
            LintAction::DocsLoaded(code, page) => {
                let mut docs = (*self.docs).clone();
                docs.insert(code, page);
                self.docs = Rc::new(docs);
                self.try_pending_example();
            }
            LintAction::Reset => {
                let id = self.example.unwrap_or(examples::DEFAULT_ID);
                self.open_example(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> LintState {
        LintState::from_snapshot(&Snapshot::default())
    }

    #[test]
    fn editing_relints_and_clears_the_selection() {
        let mut s = state();
        s.apply(LintAction::Select(0));
        assert_eq!(s.selected, Some(0));
        let before = s.doc_version;
        s.apply(LintAction::Edit("{".into()));
        assert_eq!(s.selected, None);
        assert_eq!(s.result.diagnostics[0].code, "TD-SYNTAX-001");
        assert_eq!(s.doc_version, before, "typing must not reload the editor");
    }

    #[test]
    fn editing_to_the_same_text_keeps_the_result() {
        let mut s = state();
        let result = s.result.clone();
        s.apply(LintAction::Edit(s.text.to_string()));
        assert!(Rc::ptr_eq(&result, &s.result));
    }

    #[test]
    fn selecting_a_finding_shows_its_rule_and_asks_for_a_jump() {
        let mut s = state();
        let code = s.result.diagnostics[1].code;
        s.apply(LintAction::Select(1));
        assert_eq!(s.shown_rule(), Some(code));
        assert_eq!(s.jump, 1);
        s.apply(LintAction::Select(999));
        assert_eq!(s.selected, Some(1), "an index out of range is ignored");
    }

    #[test]
    fn the_rule_panel_defaults_to_the_first_finding() {
        let s = state();
        assert_eq!(s.shown_rule(), Some(s.result.diagnostics[0].code));
    }

    #[test]
    fn show_rule_accepts_known_codes_and_aliases_only() {
        let mut s = state();
        s.apply(LintAction::ShowRule("TD-NET-007".into()));
        assert_eq!(s.rule, Some("TD-NET-007"));
        s.apply(LintAction::ShowRule("nope".into()));
        assert_eq!(s.rule, Some("TD-NET-007"));
    }

    #[test]
    fn a_rule_example_loads_and_reports_its_rule() {
        let mut s = state();
        s.apply(LintAction::TryRuleExample("TD-NET-007"));
        assert_eq!(s.rule, Some("TD-NET-007"));
        assert_eq!(s.example, None);
        assert!(s.result.diagnostics.iter().any(|d| d.code == "TD-NET-007"));
        assert_eq!(s.doc_version, 1);
    }

    #[test]
    fn a_rule_link_opens_the_rule_with_its_example() {
        let snapshot = crate::state::share::decode("#rule=TD-NET-007").unwrap();
        let s = LintState::from_snapshot(&snapshot);
        assert_eq!(s.rule, Some("TD-NET-007"));
        assert_eq!(s.example, None);
        assert_eq!(s.pending_example, None, "the page is compiled in natively");
        assert!(s.result.diagnostics.iter().any(|d| d.code == "TD-NET-007"));
    }

    #[test]
    fn reset_goes_back_to_the_example() {
        let mut s = state();
        s.open_example("firelens");
        s.apply(LintAction::Edit("{}".into()));
        let version = s.doc_version;
        s.apply(LintAction::Reset);
        assert_eq!(
            &*s.text,
            examples::find("firelens").map(|e| e.text).unwrap()
        );
        assert!(s.doc_version > version);
    }

    #[test]
    fn counts_and_language() {
        let s = state();
        let counts = s.counts();
        assert!(counts.error >= 3);
        assert_eq!(counts.total(), s.result.diagnostics.len());
        assert_eq!(Language::of("  {"), Language::Json);
        assert_eq!(Language::of("[]"), Language::Json);
        assert_eq!(Language::of("Resources:\n"), Language::Yaml);
        assert_eq!(Language::of(""), Language::Json);
    }

    #[test]
    fn the_snapshot_leaves_defaults_out() {
        let s = state();
        assert_eq!(s.snapshot(), Snapshot::default());
        let mut s = state();
        s.open_example("gpu-training");
        let snap = s.snapshot();
        assert_eq!(snap.example, Some("gpu-training"));
        assert_eq!(snap.text, None);
    }
}
