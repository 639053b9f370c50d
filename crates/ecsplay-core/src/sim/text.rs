//! The plain-text form of a scenario's result, as `ecsplay place --format text` prints it.

use super::{SimResult, StepReport};
use crate::placement::Explanation;
use std::fmt::Write;

fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from("    ");
        for (c, cell) in row.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0);
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(w.saturating_sub(cell.chars().count()) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn explanation(out: &mut String, task: Option<&str>, e: &Explanation) {
    let _ = writeln!(
        out,
        "  decision for {} (group {}; needs {})",
        task.unwrap_or("the unplaced task"),
        e.group,
        e.demand
    );
    let mut header = vec!["instance".to_owned()];
    header.extend(e.checks.iter().cloned());
    header.extend(e.strategies.iter().cloned());
    header.push("outcome".to_owned());
    let mut rows = vec![header];
    for row in &e.instances {
        let mut cells = vec![row.instance.clone()];
        if row.verdicts.is_empty() {
            cells.extend(e.checks.iter().map(|_| "-".to_owned()));
        } else {
            cells.extend(
                row.verdicts
                    .iter()
                    .map(|v| if v.pass { "ok" } else { "FAIL" }.to_owned()),
            );
        }
        for k in 0..e.strategies.len() {
            cells.push(
                row.keys
                    .get(k)
                    .map_or_else(|| "-".to_owned(), u64::to_string),
            );
        }
        cells.push(row.outcome.clone());
        rows.push(cells);
    }
    out.push_str(&table(&rows));
    for row in &e.instances {
        let fails: Vec<String> = row
            .verdicts
            .iter()
            .zip(&e.checks)
            .filter(|(v, _)| !v.pass)
            .map(|(v, c)| format!("{c}: {}", v.detail))
            .collect();
        if !fails.is_empty() {
            let _ = writeln!(out, "    {} fails {}", row.instance, fails.join("; "));
        }
    }
    let narrowing: Vec<String> = e
        .narrowing
        .iter()
        .map(|n| format!("{} after {}", n.remaining.len(), n.after))
        .collect();
    if !narrowing.is_empty() {
        let _ = writeln!(out, "    candidates: {}", narrowing.join(" -> "));
    }
    let _ = writeln!(out, "    {}", e.summary);
}

fn step(out: &mut String, n: usize, s: &StepReport) {
    let _ = writeln!(out, "step {n}: {}", s.action);
    if let Some(e) = &s.error {
        let _ = writeln!(out, "  refused: {}: {}", e.kind, e.message);
    }
    for t in &s.tasks {
        let _ = writeln!(
            out,
            "  started {} ({}, {}) on {} in {}",
            t.task_id,
            t.task_definition,
            t.group,
            t.container_instance.as_deref().unwrap_or(&t.launch_type),
            t.availability_zone
        );
    }
    for f in &s.failures {
        let _ = writeln!(out, "  not placed: {} ({})", f.reason, f.detail);
    }
    for id in &s.stopped_tasks {
        let _ = writeln!(out, "  stopped {id}");
    }
    for e in &s.events {
        let _ = writeln!(out, "  event: {e}");
    }
    for p in &s.placements {
        explanation(out, p.task_id.as_deref(), &p.explanation);
    }
}

/// Renders a result: each step, then each instance at the end.
pub fn render_text(result: &SimResult) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "seed {}", result.seed);
    for (i, s) in result.steps.iter().enumerate() {
        step(&mut out, i + 1, s);
    }
    out.push_str("final state\n");
    let mut rows = vec![vec![
        "instance".to_owned(),
        "type".to_owned(),
        "zone".to_owned(),
        "status".to_owned(),
        "cpu free".to_owned(),
        "memory free".to_owned(),
        "eni free".to_owned(),
        "tasks".to_owned(),
    ]];
    for i in &result.final_state.instances {
        rows.push(vec![
            i.id.clone(),
            i.instance_type.clone(),
            i.availability_zone.clone(),
            i.status.clone(),
            format!(
                "{}/{}",
                i.remaining_resources.cpu, i.registered_resources.cpu
            ),
            format!(
                "{}/{} MiB",
                i.remaining_resources.memory, i.registered_resources.memory
            ),
            format!("{}/{}", i.eni_slots[0], i.eni_slots[1]),
            if i.tasks.is_empty() {
                "-".to_owned()
            } else {
                i.tasks.join(" ")
            },
        ]);
    }
    out.push_str(&table(&rows));
    let fargate: Vec<String> = result
        .final_state
        .tasks
        .iter()
        .filter(|t| t.container_instance.is_none())
        .map(|t| format!("{} ({})", t.task_id, t.availability_zone))
        .collect();
    if !fargate.is_empty() {
        let _ = writeln!(out, "  on Fargate: {}", fargate.join(", "));
    }
    out
}
