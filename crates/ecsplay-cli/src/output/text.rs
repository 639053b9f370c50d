//! The text format: annotated source snippets and a summary line.

use super::{FileReport, Summary};

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&ecsplay_core::diagnostic::render_text(
            &r.path,
            &r.text,
            &r.result.diagnostics,
            true,
        ));
    }
    let s = Summary::of(reports);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if s.error + s.warning + s.info == 0 {
        out.push_str(&format!(
            "No problems found in {}.\n",
            plural(reports.len(), "file")
        ));
    } else {
        out.push_str(&format!(
            "Found {}, {}, {} in {}.\n",
            plural(s.error, "error"),
            plural(s.warning, "warning"),
            plural(s.info, "info"),
            plural(reports.len(), "file")
        ));
    }
    out
}
