//! The JSON format of interfaces.md §3.1.

use super::{FileReport, Summary};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct File<'a> {
    path: &'a str,
    form: Option<ecsplay_core::forms::Form>,
    task_definitions: usize,
    diagnostics: &'a [ecsplay_core::Diagnostic],
}

#[derive(Serialize)]
struct Output<'a> {
    version: &'static str,
    files: Vec<File<'a>>,
    summary: Summary,
}

pub fn render(reports: &[FileReport]) -> String {
    let output = Output {
        version: ecsplay_core::VERSION,
        files: reports
            .iter()
            .map(|r| File {
                path: &r.path,
                form: r.result.form,
                task_definitions: r.result.task_definitions,
                diagnostics: &r.result.diagnostics,
            })
            .collect(),
        summary: Summary::of(reports),
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
