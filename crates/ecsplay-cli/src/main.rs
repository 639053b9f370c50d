//! `ecsplay`: lint Amazon ECS task definitions, explain ECS rules and simulate task placement,
//! from the command line.

mod lint_cmd;
mod output;
mod place_cmd;
mod rules_cmd;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

/// Lint Amazon ECS task definitions before AWS rejects them, and learn why.
#[derive(Parser, Debug)]
#[command(name = "ecsplay", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint task definitions (RegisterTaskDefinition JSON, describe-task-definition output,
    /// CloudFormation templates, Terraform container_definitions arrays).
    Lint(lint_cmd::LintArgs),
    /// List the rules, or print one rule's documentation.
    Rules(rules_cmd::RulesArgs),
    /// Run a placement scenario: where ECS would place each task, or why it cannot.
    Place(place_cmd::PlaceArgs),
}

/// Output formats of `ecsplay rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// Human-readable text.
    Text,
    /// JSON.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint(args) => lint_cmd::run(&args),
        Command::Rules(args) => rules_cmd::run(&args),
        Command::Place(args) => place_cmd::run(&args),
    }
}
