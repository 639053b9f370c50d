//! Diagnostics: plain data describing one problem at one place, and one plain-text renderer.

use crate::source::{LineIndex, Range, Span};
use serde::Serialize;

/// How serious a finding is (rules.md §0.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// ECS rejects the definition, or a task using it cannot be placed or cannot start.
    Error,
    /// Accepted and runs, but risky, insecure, deprecated, or very likely a mistake.
    Warning,
    /// A learning hint.
    Info,
}

impl Severity {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// A secondary place related to a diagnostic (the other half of a conflict, the earlier key).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Label {
    /// What this place has to do with the finding.
    pub message: String,
    /// JSON Pointer of the place.
    pub pointer: String,
    /// Where it is.
    pub range: Range,
    #[serde(skip)]
    /// The byte span (for renderers).
    pub span: Span,
}

/// One finding, located in the input file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The rule code (`TD-NET-007`).
    pub code: &'static str,
    /// The rule's kebab-case name.
    pub name: &'static str,
    /// The severity.
    pub severity: Severity,
    /// What is wrong, naming the field and the value.
    pub message: String,
    /// RFC 6901 pointer into the input file as written.
    pub pointer: String,
    /// Where the offending value is.
    pub range: Range,
    /// What to do about it.
    pub help: Option<String>,
    /// Link to the rule's documentation.
    pub url: String,
    /// Related places.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
    #[serde(skip)]
    /// The byte span (for renderers).
    pub span: Span,
}

/// Where the documentation of every rule is published; a rule's page is this plus its code.
pub const RULE_DOCS_URL: &str = "https://ecsplay.dev/rules/";

/// The documentation link of a rule code.
pub fn rule_url(code: &str) -> String {
    format!("{RULE_DOCS_URL}{code}")
}

impl Diagnostic {
    /// Builds a diagnostic, computing line/column ranges from the text's line index.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        index: &LineIndex<'_>,
        code: &'static str,
        name: &'static str,
        severity: Severity,
        message: String,
        pointer: String,
        span: Span,
        help: Option<String>,
    ) -> Self {
        Diagnostic {
            code,
            name,
            severity,
            message,
            pointer,
            range: index.range(span),
            help,
            url: rule_url(code),
            labels: Vec::new(),
            span,
        }
    }

    /// Adds a related place.
    pub(crate) fn with_label(
        mut self,
        index: &LineIndex<'_>,
        message: String,
        pointer: String,
        span: Span,
    ) -> Self {
        self.labels.push(Label {
            message,
            pointer,
            range: index.range(span),
            span,
        });
        self
    }
}

/// Sorts diagnostics as the JSON output promises: by offset, then severity, then code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.severity, a.code, a.span.end, &a.message).cmp(&(
            b.span.start,
            b.severity,
            b.code,
            b.span.end,
            &b.message,
        ))
    });
}

/// Renders diagnostics as rustc and ruff do: the source line with the span underlined, the
/// message, labels and help. `styled` adds ANSI colours.
pub fn render_text(path: &str, source: &str, diagnostics: &[Diagnostic], styled: bool) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let clamp = |s: Span| {
            let mut start = (s.start as usize).min(source.len());
            while !source.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (s.end as usize).clamp(start, source.len());
            while !source.is_char_boundary(end) {
                end += 1;
            }
            // A span over many lines (an object missing a member) is shown by its first line,
            // so that a 200-line task definition is not printed whole under one finding.
            if let Some(nl) = source.get(start..end).and_then(|s| s.find('\n')) {
                end = start + nl;
            }
            start..end
        };
        let mut snippet = Snippet::source(source)
            .path(path)
            .fold(true)
            .annotation(AnnotationKind::Primary.span(clamp(d.span)));
        for l in &d.labels {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(clamp(l.span))
                    .label(l.message.as_str()),
            );
        }
        let title = format!("{} [{}]", d.message, d.name);
        let mut report = vec![level.primary_title(title).id(d.code).element(snippet)];
        if let Some(help) = &d.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        report.push(Group::with_title(
            Level::NOTE.secondary_title(format!("see {}", d.url)),
        ));
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}
