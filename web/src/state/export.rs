//! Exports of the lint result: a Markdown report for issues and chats, and the JSON document of
//! interfaces.md §3.1 (what `ecsplay lint --format json` prints).

use super::lint::Counts;
use ecsplay_core::LintResult;
use serde_json::json;

/// The file name the exports give the playground's document.
pub const DOCUMENT_NAME: &str = "playground";

/// `1 error`, `2 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One line saying how many findings of each severity there are.
pub fn summary(counts: Counts) -> String {
    if counts.total() == 0 {
        return "no findings".to_owned();
    }
    [
        (counts.error, "error"),
        (counts.warning, "warning"),
        (counts.info, "info"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| plural(*n, w))
    .collect::<Vec<_>>()
    .join(", ")
}

/// Text that shows as itself inside a Markdown table cell.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The findings as a Markdown table with codes and lines, and the permalink when given.
pub fn markdown(result: &LintResult, link: Option<&str>) -> String {
    let counts = Counts::of(&result.diagnostics);
    let form = result.form.map_or("unrecognised", |f| f.as_str());
    let mut out = format!("**ecsplay lint** ({form} form): {}\n\n", summary(counts));
    if !result.diagnostics.is_empty() {
        out.push_str("| severity | code | line:col | message |\n| --- | --- | --- | --- |\n");
        for d in &result.diagnostics {
            out.push_str(&format!(
                "| {} | [`{}`]({}) | {}:{} | {} |\n",
                d.severity.as_str(),
                d.code,
                d.url,
                d.range.start.line,
                d.range.start.column,
                cell(&d.message),
            ));
        }
        out.push('\n');
    }
    if let Some(link) = link {
        out.push_str(&format!("[Open in the ecsplay playground]({link})\n"));
    }
    out
}

/// The lint result as the JSON output of `ecsplay lint --format json` (interfaces.md §3.1).
pub fn json(result: &LintResult) -> String {
    let counts = Counts::of(&result.diagnostics);
    let doc = json!({
        "version": ecsplay_core::VERSION,
        "files": [{
            "path": DOCUMENT_NAME,
            "form": result.form,
            "taskDefinitions": result.task_definitions,
            "diagnostics": result.diagnostics,
        }],
        "summary": {"error": counts.error, "warning": counts.warning, "info": counts.info},
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;
    use ecsplay_core::lint;

    fn result(id: &str) -> LintResult {
        lint(examples::find(id).unwrap().text, &Default::default())
    }

    #[test]
    fn markdown_lists_every_finding_with_code_and_line() {
        let r = result("fargate-web");
        let md = markdown(&r, Some("http://127.0.0.1:8080/#v1:abc"));
        assert!(md.starts_with("**ecsplay lint** (register form): 3 errors"));
        for d in &r.diagnostics {
            assert!(md.contains(&format!(
                "[`{}`]({}) | {}:{} |",
                d.code, d.url, d.range.start.line, d.range.start.column
            )));
        }
        assert!(md.ends_with("[Open in the ecsplay playground](http://127.0.0.1:8080/#v1:abc)\n"));
        assert_eq!(
            md.lines().filter(|l| l.starts_with("| error")).count(),
            r.diagnostics
                .iter()
                .filter(|d| d.severity == ecsplay_core::Severity::Error)
                .count()
        );
    }

    #[test]
    fn markdown_escapes_table_cells() {
        assert_eq!(cell("a|b `c` <d>\nnext"), "a\\|b \\`c\\` \\<d\\> next");
    }

    #[test]
    fn a_clean_document_says_so() {
        let mut clean = result("fargate-good");
        clean.diagnostics.clear();
        let md = markdown(&clean, None);
        assert!(!md.contains("| severity |"), "{md}");
        assert_eq!(summary(Counts::default()), "no findings");
    }

    #[test]
    fn json_has_the_cli_shape() {
        let r = result("fargate-web");
        let doc: serde_json::Value = serde_json::from_str(&json(&r)).unwrap();
        assert_eq!(doc["files"][0]["form"], "register");
        assert_eq!(doc["files"][0]["taskDefinitions"], 1);
        let d = &doc["files"][0]["diagnostics"][0];
        for key in [
            "code", "name", "severity", "message", "pointer", "range", "url",
        ] {
            assert!(d.get(key).is_some(), "{key}");
        }
        assert!(d["range"]["start"]["offset"].is_u64());
        assert_eq!(doc["summary"]["error"], 3);
    }

    #[test]
    fn json_validates_against_the_output_schema() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/lint-output.schema.json")).unwrap();
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        for example in examples::EXAMPLES {
            let doc: serde_json::Value = serde_json::from_str(&json(&result(example.id))).unwrap();
            let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", example.id);
        }
    }
}
