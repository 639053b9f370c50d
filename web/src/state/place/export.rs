//! Exports of the placement view: a Markdown report with a placement summary table (for issues
//! and chats), the scenario file and the result file (what `ecsplay place` reads and prints).

use super::timeline::timeline;
use super::PlaceState;
use crate::state::export::cell;

/// The file name of the downloaded scenario.
pub const SCENARIO_FILE: &str = "playground.scenario.json";
/// The file name of the downloaded result.
pub const RESULT_FILE: &str = "playground.place.json";

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The scenario and its placements as Markdown, with the permalink when given.
pub fn markdown(state: &PlaceState, link: Option<&str>) -> String {
    let zones = state.fleet.zones().len();
    let mut out = format!(
        "**ecsplay placement**: {} in {}, {}, seed {}",
        plural(state.fleet.instances.len(), "instance"),
        plural(zones, "Availability Zone"),
        plural(state.steps.len(), "step"),
        state.seed
    );
    let Some(result) = state.run.ok() else {
        out.push_str(": the scenario cannot run\n\n");
        if let Err(errors) = &state.run.result {
            for e in errors {
                out.push_str(&format!("- `{}`: {}\n", e.pointer, cell(&e.message)));
            }
        }
        if let Some(link) = link {
            out.push_str(&format!("\n[Open in the ecsplay playground]({link})\n"));
        }
        return out;
    };
    let placed: usize = result.steps.iter().map(|s| s.tasks.len()).sum();
    let failed: usize = result.steps.iter().map(|s| s.failures.len()).sum();
    out.push_str(&format!(
        ": {} placed, {} not placed\n\n",
        plural(placed, "task"),
        failed
    ));
    out.push_str("| step | call | result |\n| --- | --- | --- |\n");
    for e in timeline(state).iter().skip(1) {
        let result = match &e.error {
            Some(err) => err.clone(),
            None => e.badge.clone(),
        };
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            e.index,
            cell(&e.title),
            cell(&result)
        ));
    }
    if placed > 0 {
        out.push_str("\n| task | step | task definition | instance | zone | why |\n");
        out.push_str("| --- | --- | --- | --- | --- | --- |\n");
        for (n, step) in result.steps.iter().enumerate() {
            for t in &step.tasks {
                let why = step
                    .placements
                    .iter()
                    .find(|p| p.task_id.as_deref() == Some(t.task_id.as_str()))
                    .map_or_else(
                        || {
                            if t.container_instance.is_some() {
                                "named by StartTask".to_owned()
                            } else {
                                "Fargate spreads over the subnets' zones".to_owned()
                            }
                        },
                        |p| p.explanation.summary.clone(),
                    );
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} |\n",
                    t.task_id,
                    n + 1,
                    cell(&t.task_definition),
                    cell(t.container_instance.as_deref().unwrap_or("Fargate")),
                    cell(&t.availability_zone),
                    cell(&why)
                ));
            }
        }
    }
    if failed > 0 {
        out.push_str("\n| not placed | step | reason | detail |\n| --- | --- | --- | --- |\n");
        for (n, step) in result.steps.iter().enumerate() {
            for (i, f) in step.failures.iter().enumerate() {
                out.push_str(&format!(
                    "| task {} | {} | `{}` | {} |\n",
                    i + 1,
                    n + 1,
                    f.reason,
                    cell(&f.detail)
                ));
            }
        }
    }
    if let Some(link) = link {
        out.push_str(&format!("\n[Open in the ecsplay playground]({link})\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::state::place::fixtures::{crowded, state};

    #[test]
    fn markdown_has_the_steps_and_every_placement() {
        let s = state();
        let md = markdown(&s, Some("http://127.0.0.1:8080/#v1:abc"));
        assert!(md.starts_with(
            "**ecsplay placement**: 4 instances in 2 Availability Zones, 1 step, seed 7: 5 tasks placed, 0 not placed"
        ), "{md}");
        assert!(md.contains("| 1 | RunTask web:1 × 5 | 5 placed |"), "{md}");
        for n in 1..=5 {
            assert!(md.contains(&format!("| t-000{n} | 1 | web:1 | i-")), "{md}");
        }
        assert!(!md.contains("| not placed |"));
        assert!(md.ends_with("[Open in the ecsplay playground](http://127.0.0.1:8080/#v1:abc)\n"));
    }

    #[test]
    fn markdown_lists_unplaced_tasks_with_their_reason() {
        let md = markdown(&crowded(), None);
        assert!(
            md.contains("| not placed | step | reason | detail |"),
            "{md}"
        );
        assert!(md.contains("| task 1 | 2 | `MemberOf placement constraint unsatisfied.` | closest matching container instance i-b2"), "{md}");
    }

    #[test]
    fn the_downloads_are_what_the_cli_reads_and_prints() {
        let s = state();
        let scenario = s.run.scenario_text();
        let result = s.run.result_text();
        let cli = ecsplay_core::sim::simulate(&scenario, &Default::default()).unwrap();
        assert_eq!(result, serde_json::to_string_pretty(&cli).unwrap() + "\n");
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../../tests/place-output.schema.json"))
                .unwrap();
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&result).unwrap();
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}
