//! Lints every file of the real-world corpus (`../shared/corpus/real`): no panic, every range
//! inside the text and consistent with its offsets, and a reviewed snapshot of the findings of
//! each file. Skips with a message when `../shared` is absent.

use ecsplay_core::source::LineIndex;
use ecsplay_core::{lint, LintOptions, Severity};
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real")
}

fn corpus_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yml" | "yaml")
            ) && path.file_name().and_then(|n| n.to_str()) != Some("manifest.json")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&corpus_dir(), &mut out);
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(corpus_dir())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn every_corpus_file_lints_with_located_findings() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("skipped: the corpus ../shared/corpus/real is not present beside the project");
        return;
    }
    assert_eq!(files.len(), 163, "the corpus has 163 task-definition files");
    let mut definitions = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let result = lint(&text, &LintOptions::default());
        definitions += result.task_definitions;
        let index = LineIndex::new(&text);
        let mut summary = String::new();
        for d in &result.diagnostics {
            assert!(
                d.span.start <= d.span.end && d.span.end as usize <= text.len(),
                "{}: {} out of range",
                relative(path),
                d.code
            );
            assert_eq!(
                d.range,
                index.range(d.span),
                "{}: range and span disagree",
                relative(path)
            );
            assert!(
                !d.message.is_empty() && d.help.as_deref().is_some_and(|h| !h.is_empty()),
                "{}: {} lacks message or help",
                relative(path),
                d.code
            );
            summary.push_str(&format!(
                "{:>7} {} {}:{} {} — {}\n",
                d.severity.as_str(),
                d.code,
                d.range.start.line,
                d.range.start.column,
                if d.pointer.is_empty() {
                    "/"
                } else {
                    &d.pointer
                },
                d.message
            ));
        }
        let form = result.form.map_or("none", |f| f.as_str());
        let header = format!(
            "form: {form}, task definitions: {}\n",
            result.task_definitions
        );
        insta::assert_snapshot!(
            relative(path).replace('/', "__"),
            format!("{header}{summary}")
        );
    }
    // 247 task definitions in 163 files, less the 6 files that do not parse.
    assert!(
        definitions >= 230,
        "only {definitions} task definitions recognised"
    );
}

/// Every error-severity finding on the corpus was reviewed by hand and is a true defect of that
/// file; this list is the review. A new error finding fails the test until it is reviewed.
const REVIEWED_ERRORS: &[(&str, &str, &str)] = &[];

#[test]
fn corpus_error_findings_are_all_reviewed_true_defects() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("skipped: the corpus ../shared/corpus/real is not present beside the project");
        return;
    }
    let mut unreviewed = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for d in lint(&text, &LintOptions::default())
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            let file = relative(path);
            seen.insert((file.clone(), d.code));
            if !REVIEWED_ERRORS
                .iter()
                .any(|(f, c, _)| *f == file && *c == d.code)
            {
                unreviewed.push(format!("{file} {} {} {}", d.code, d.pointer, d.message));
            }
        }
    }
    assert!(
        unreviewed.is_empty(),
        "unreviewed error findings on the corpus:\n{}",
        unreviewed.join("\n")
    );
    let stale: Vec<_> = REVIEWED_ERRORS
        .iter()
        .filter(|(f, c, _)| !seen.contains(&(f.to_string(), *c)))
        .collect();
    assert!(
        stale.is_empty(),
        "reviewed entries that no longer fire: {stale:?}"
    );
}
