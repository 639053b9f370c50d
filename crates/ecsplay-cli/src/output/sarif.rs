//! SARIF 2.1.0, with every rule's metadata and help link.

use super::FileReport;
use ecsplay_core::lint::all_rules;
use ecsplay_core::Severity;
use serde_json::{json, Value};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(range: &ecsplay_core::source::Range) -> Value {
    json!({
        "startLine": range.start.line,
        "startColumn": range.start.column,
        "endLine": range.end.line,
        "endColumn": range.end.column,
        "byteOffset": range.start.offset,
        "byteLength": range.end.offset.saturating_sub(range.start.offset),
    })
}

pub fn render(reports: &[FileReport]) -> String {
    let rules = all_rules();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": m.documentation(), "markdown": m.documentation()},
                "helpUri": ecsplay_core::diagnostic::rule_url(m.code),
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {"tags": [m.group()], "aliases": m.aliases},
            })
        })
        .collect();
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| r.result.diagnostics.iter().map(move |d| (r, d)))
        .map(|(r, d)| {
            let uri = if r.path == "-" { "stdin" } else { r.path.as_str() };
            let related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    json!({
                        "id": i,
                        "message": {"text": l.message},
                        "physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(&l.range)},
                    })
                })
                .collect();
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(". Help: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": rules.iter().position(|r| r.meta().code == d.code),
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(&d.range)},
                    "logicalLocations": [{"fullyQualifiedName": d.pointer, "kind": "member"}],
                }],
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            result
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ecsplay",
                "version": ecsplay_core::VERSION,
                "informationUri": "https://ecsplay.dev/",
                "rules": descriptors,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    text.push('\n');
    text
}
