//! `ecsplay lint`.

use crate::output::{self, FileReport, Format};
use clap::Args;
use ecsplay_core::{LintOptions, Severity};
use std::io::{Read, Write};
use std::process::ExitCode;

/// Arguments of `ecsplay lint`.
#[derive(Args, Debug)]
pub struct LintArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with status 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Only these rule codes or code prefixes (comma-separated; `TD-SEC` selects the group).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Never these rule codes or code prefixes (comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Files to lint; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
}

/// The lowest severity that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Errors and warnings.
    Warning,
    /// Any finding.
    Info,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity == Severity::Error,
            FailOn::Warning => severity != Severity::Info,
            FailOn::Info => true,
        }
    }
}

fn read(path: &str) -> std::io::Result<String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path)
    }
}

/// Runs `ecsplay lint`.
pub fn run(args: &LintArgs) -> ExitCode {
    let options = LintOptions {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    for code in options.select.iter().chain(&options.ignore) {
        let known = ecsplay_core::lint::all_rules().iter().any(|r| {
            let m = r.meta();
            m.code.starts_with(code.trim()) || m.aliases.iter().any(|a| a.starts_with(code.trim()))
        });
        if !known {
            eprintln!("ecsplay: error: no rule code starts with '{code}' (see `ecsplay rules`)");
            return ExitCode::from(2);
        }
    }
    let mut reports = Vec::new();
    let mut unreadable = false;
    for path in &args.files {
        match read(path) {
            Ok(text) => {
                let result = ecsplay_core::lint(&text, &options);
                reports.push(FileReport {
                    path: path.clone(),
                    text,
                    result,
                });
            }
            Err(e) => {
                eprintln!("ecsplay: error: cannot read {path}: {e}");
                unreadable = true;
            }
        }
    }
    let rendered = output::render(args.format, &reports);
    let mut stdout = anstream::stdout();
    if stdout
        .write_all(rendered.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    if unreadable {
        return ExitCode::from(2);
    }
    let failed = reports
        .iter()
        .flat_map(|r| &r.result.diagnostics)
        .any(|d| args.fail_on.fails(d.severity));
    ExitCode::from(u8::from(failed))
}
