//! `ecsplay place`: run a placement scenario through the ECS scheduler simulator.

use clap::{Args, ValueEnum};
use ecsplay_core::sim::{self, SimOptions};
use std::io::{Read, Write};
use std::process::ExitCode;

/// Output formats of `ecsplay place`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlaceFormat {
    /// Each step's tasks and failures, then the fleet.
    Text,
    /// The result document of interfaces.md §4.1.
    Json,
}

/// Arguments of `ecsplay place`.
#[derive(Args, Debug)]
pub struct PlaceArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlaceFormat::Text)]
    format: PlaceFormat,
    /// Seed of the tie-breaking RNG (overrides the scenario's `seed`).
    #[arg(long)]
    seed: Option<u64>,
    /// Explain every placement: each instance's verdict on each check and its strategy keys.
    #[arg(long)]
    explain: bool,
    /// The scenario file; `-` reads standard input.
    #[arg(value_name = "SCENARIO")]
    scenario: String,
}

/// Runs `ecsplay place`.
pub fn run(args: &PlaceArgs) -> ExitCode {
    let text = if args.scenario == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(&args.scenario)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ecsplay: error: cannot read {}: {e}", args.scenario);
            return ExitCode::from(2);
        }
    };
    let options = SimOptions {
        seed: args.seed,
        explain: args.explain,
        snapshots: false,
    };
    let result = match sim::simulate(&text, &options) {
        Ok(r) => r,
        Err(errors) => {
            let name = if args.scenario == "-" {
                "<stdin>"
            } else {
                &args.scenario
            };
            for e in &errors {
                let at = e.range.map_or_else(String::new, |r| {
                    format!(":{}:{}", r.start.line, r.start.column)
                });
                let pointer = if e.pointer.is_empty() {
                    "/"
                } else {
                    &e.pointer
                };
                eprintln!("{name}{at}: {pointer}: {}", e.message);
            }
            eprintln!(
                "ecsplay: error: the scenario is not valid ({} problem(s)); nothing was run",
                errors.len()
            );
            return ExitCode::from(2);
        }
    };
    let rendered = match args.format {
        PlaceFormat::Text => sim::render_text(&result),
        PlaceFormat::Json => match serde_json::to_string_pretty(&result) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("ecsplay: error: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let mut stdout = anstream::stdout();
    if stdout
        .write_all(rendered.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
