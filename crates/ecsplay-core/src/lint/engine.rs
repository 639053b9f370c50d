//! The driver: parse, recognise the form, validate the shape, run the rules, locate findings.

use super::{all_rules, find_rule, Context, Finding, LintOptions, RuleMeta, RuleScope};
use crate::diagnostic::{self, Diagnostic};
use crate::forms::{self, Form, Scope};
use crate::schema;
use crate::source::{self, LineIndex};
use serde::Serialize;

/// The result of linting one document.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LintResult {
    /// The recognised input form (`None` when the text is not well formed or no known form).
    pub form: Option<Form>,
    /// How many task definitions the document holds.
    pub task_definitions: usize,
    /// The findings, sorted by offset, then severity, then code.
    pub diagnostics: Vec<Diagnostic>,
}

struct Sink<'a> {
    index: LineIndex<'a>,
    options: &'a LintOptions,
    diagnostics: Vec<Diagnostic>,
}

impl Sink<'_> {
    fn push(&mut self, meta: &'static RuleMeta, finding: Finding) {
        if !self.options.enabled(meta) {
            return;
        }
        let mut d = Diagnostic::new(
            &self.index,
            meta.code,
            meta.name,
            finding.severity.unwrap_or(meta.severity),
            finding.message,
            finding.pointer,
            finding.span,
            finding.help,
        );
        for (message, pointer, span) in finding.labels {
            d = d.with_label(&self.index, message, pointer, span);
        }
        self.diagnostics.push(d);
    }

    fn push_code(&mut self, code: &str, finding: Finding) {
        if let Some(rule) = find_rule(code) {
            self.push(rule.meta(), finding);
        }
    }
}

/// Lints a document: any input form, JSON or YAML.
pub fn lint(text: &str, options: &LintOptions) -> LintResult {
    let mut sink = Sink {
        index: LineIndex::new(text),
        options,
        diagnostics: Vec::new(),
    };
    let doc = match source::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let finding = Finding {
                span: e.span,
                pointer: String::new(),
                message: match text
                    .get(e.span.start as usize..e.span.end as usize)
                    .filter(|c| !c.trim().is_empty())
                {
                    Some(found) => format!(
                        "the document is not well-formed: {} (found `{found}`)",
                        e.message
                    ),
                    None => format!("the document is not well-formed: {}", e.message),
                },
                help: Some(
                    "fix the syntax error; nothing else can be checked until the document parses"
                        .to_owned(),
                ),
                labels: Vec::new(),
                severity: None,
            };
            sink.push_code("TD-SYNTAX-001", finding);
            return LintResult {
                form: None,
                task_definitions: 0,
                diagnostics: sink.diagnostics,
            };
        }
    };
    for dup in &doc.duplicates {
        let finding = Finding {
            span: dup.first,
            pointer: dup.pointer.clone(),
            message: format!(
                "key \"{}\" is written twice in the same object; the earlier value is ignored",
                dup.key
            ),
            help: Some(format!("remove one of the two \"{}\" members", dup.key)),
            labels: vec![(
                "this later value is the one used".to_owned(),
                dup.pointer.clone(),
                dup.second,
            )],
            severity: None,
        };
        sink.push_code("TD-SYNTAX-002", finding);
    }
    let Some(recognized) = forms::recognize(&doc) else {
        let finding = crate::lint::Finding::at(&doc.root, "the document is not a task definition in any known form")
            .help("paste a RegisterTaskDefinition body, describe-task-definition output, a CloudFormation template or a container_definitions array");
        sink.push_code("TD-FORM-001", finding);
        return LintResult {
            form: None,
            task_definitions: 0,
            diagnostics: sink.diagnostics,
        };
    };
    let form = recognized.form;
    for input in &recognized.task_definitions {
        for (meta, finding) in schema::validate(input, form, text) {
            sink.push(meta, finding);
        }
        let cx = Context::new(form, input);
        let mut findings = Vec::new();
        for rule in all_rules() {
            let meta = rule.meta();
            let runs = match meta.scope {
                RuleScope::Engine => false,
                RuleScope::Task => input.scope == Scope::Task,
                RuleScope::Containers => true,
            };
            if !runs || !options.enabled(meta) {
                continue;
            }
            rule.check(&cx, &mut findings);
            for f in findings.drain(..) {
                sink.push(meta, f);
            }
        }
    }
    let mut diagnostics = sink.diagnostics;
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    LintResult {
        form: Some(form),
        task_definitions: recognized.task_definitions.len(),
        diagnostics,
    }
}
