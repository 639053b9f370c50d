//! `ecsplay rules [CODE]`.

use crate::DocFormat;
use clap::Args;
use ecsplay_core::lint::{all_rules, find_rule, RuleMeta};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `ecsplay rules`.
#[derive(Args, Debug)]
pub struct RulesArgs {
    /// A rule code (or one of its aliases): print that rule's documentation.
    code: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DocFormat::Text)]
    format: DocFormat,
}

fn to_json(m: &RuleMeta) -> serde_json::Value {
    json!({
        "code": m.code,
        "name": m.name,
        "group": m.group(),
        "severity": m.severity.as_str(),
        "summary": m.summary,
        "aliases": m.aliases,
        "url": ecsplay_core::diagnostic::rule_url(m.code),
        "documentation": m.documentation(),
    })
}

/// Runs `ecsplay rules`.
pub fn run(args: &RulesArgs) -> ExitCode {
    let text = match &args.code {
        Some(code) => {
            let Some(rule) = find_rule(code.trim()) else {
                eprintln!("ecsplay: error: unknown rule code '{code}' (see `ecsplay rules`)");
                return ExitCode::from(2);
            };
            let m = rule.meta();
            match args.format {
                DocFormat::Json => serde_json::to_string_pretty(&to_json(m)).unwrap_or_default(),
                DocFormat::Text => {
                    let aliases = if m.aliases.is_empty() {
                        String::new()
                    } else {
                        format!("\nAlso known as: {}", m.aliases.join(", "))
                    };
                    format!(
                        "# {} {} ({})\n{}{aliases}\n\n{}",
                        m.code,
                        m.name,
                        m.severity.as_str(),
                        m.summary,
                        m.documentation()
                    )
                }
            }
        }
        None => match args.format {
            DocFormat::Json => serde_json::to_string_pretty(
                &all_rules()
                    .iter()
                    .map(|r| to_json(r.meta()))
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_default(),
            DocFormat::Text => {
                let width = all_rules()
                    .iter()
                    .map(|r| r.meta().name.len())
                    .max()
                    .unwrap_or(0);
                all_rules()
                    .iter()
                    .map(|r| {
                        let m = r.meta();
                        format!(
                            "{:<12} {:<7} {:<width$}  {}",
                            m.code,
                            m.severity.as_str(),
                            m.name,
                            m.summary
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        },
    };
    // A closed pipe (`ecsplay rules | head`) ends the output quietly instead of panicking.
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}
