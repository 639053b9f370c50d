//! Output formats of `ecsplay lint`: text, json, sarif, github.

mod github;
mod json;
mod sarif;
mod text;

use ecsplay_core::{LintResult, Severity};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The source line with the span underlined, as rustc and ruff show it.
    Text,
    /// One JSON document (interfaces.md §3.1).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

/// One linted file.
pub struct FileReport {
    /// The path as given on the command line (`-` for standard input).
    pub path: String,
    /// The file's text.
    pub text: String,
    /// What the linter found.
    pub result: LintResult,
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Infos.
    pub info: usize,
}

impl Summary {
    fn of(reports: &[FileReport]) -> Self {
        let mut s = Summary::default();
        for d in reports.iter().flat_map(|r| &r.result.diagnostics) {
            match d.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }
}

/// Renders the reports in a format.
pub fn render(format: Format, reports: &[FileReport]) -> String {
    match format {
        Format::Text => text::render(reports),
        Format::Json => json::render(reports),
        Format::Sarif => sarif::render(reports),
        Format::Github => github::render(reports),
    }
}
