//! The timeline: the start and each step with what it did (tasks started and stopped, tasks it
//! could not place and why, ECS's error when it refused the call, events).

use super::steps::StepSpec;
use super::PlaceState;
use ecsplay_core::sim::StepReport;

/// How a step went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Before the first step.
    Start,
    /// Everything it asked for happened.
    Ok,
    /// Some tasks could not be placed.
    Partial,
    /// No task could be placed.
    Failed,
    /// ECS refused the call.
    Error,
}

impl Status {
    /// A class name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Start => "start",
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::Failed => "failed",
            Status::Error => "error",
        }
    }

    /// A symbol for the chip (the status is also said in words).
    pub fn icon(self) -> &'static str {
        match self {
            Status::Start => "○",
            Status::Ok => "✓",
            Status::Partial => "◐",
            Status::Failed => "✕",
            Status::Error => "!",
        }
    }
}

/// One entry of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 0 for the start, then the step number.
    pub index: usize,
    /// `RunTask web:1 × 5`.
    pub title: String,
    /// How it went.
    pub status: Status,
    /// A few words: `5 placed`, `3 placed, 2 unplaced`, `refused`.
    pub badge: String,
    /// ECS's error, `Type: message`.
    pub error: Option<String>,
    /// `t-0001 on i-b1 (us-east-1b)`.
    pub started: Vec<String>,
    /// Task ids stopped.
    pub stopped: Vec<String>,
    /// `RESOURCE:MEMORY: closest matching container instance i-b1: ...`.
    pub failures: Vec<String>,
    /// Events.
    pub events: Vec<String>,
}

fn title(state: &PlaceState, step: &StepSpec) -> String {
    let td = |r| {
        state
            .task_definition(r)
            .map_or_else(|| "(missing task definition)".to_owned(), |e| e.name())
    };
    match step {
        StepSpec::RunTask(r) => {
            let mut t = format!("RunTask {} × {}", td(r.task_definition), r.count);
            if r.launch_type.as_str() == "FARGATE" {
                t.push_str(" on Fargate");
            }
            t
        }
        StepSpec::StartTask(s) => format!(
            "StartTask {} on {}",
            td(s.task_definition),
            if s.instances.is_empty() {
                "no instance".to_owned()
            } else {
                s.instances.join(", ")
            }
        ),
        StepSpec::StopTask { task } => format!("StopTask {task}"),
        StepSpec::UpdateState {
            instances,
            draining,
        } => format!(
            "{} {}",
            if *draining { "Drain" } else { "Activate" },
            if instances.is_empty() {
                "no instance".to_owned()
            } else {
                instances.join(", ")
            }
        ),
        StepSpec::AdvanceTime { seconds } => format!("AdvanceTime {seconds} s"),
    }
}

/// Runs of the same line as one line with a count (`4 × RESOURCE:CPU — ...`).
fn grouped(lines: impl Iterator<Item = String>) -> Vec<String> {
    let mut runs: Vec<(String, usize)> = Vec::new();
    for line in lines {
        match runs.last_mut() {
            Some((last, n)) if *last == line => *n += 1,
            _ => runs.push((line, 1)),
        }
    }
    runs.into_iter()
        .map(|(line, n)| {
            if n == 1 {
                line
            } else {
                format!("{n} × {line}")
            }
        })
        .collect()
}

fn entry(index: usize, title: String, report: &StepReport) -> Entry {
    let placed = report.tasks.len();
    let failed = report.failures.len();
    let (status, badge) = if let Some(e) = &report.error {
        (Status::Error, format!("refused: {}", e.kind))
    } else if failed > 0 && placed == 0 {
        (Status::Failed, format!("{failed} unplaced"))
    } else if failed > 0 {
        (
            Status::Partial,
            format!("{placed} placed, {failed} unplaced"),
        )
    } else if placed > 0 {
        (Status::Ok, format!("{placed} placed"))
    } else if !report.stopped_tasks.is_empty() {
        (
            Status::Ok,
            format!("{} stopped", report.stopped_tasks.len()),
        )
    } else {
        (Status::Ok, "done".to_owned())
    };
    Entry {
        index,
        title,
        status,
        badge,
        error: report
            .error
            .as_ref()
            .map(|e| format!("{}: {}", e.kind, e.message)),
        started: report
            .tasks
            .iter()
            .map(|t| match &t.container_instance {
                Some(i) => format!("{} on {i} ({})", t.task_id, t.availability_zone),
                None => format!("{} on Fargate ({})", t.task_id, t.availability_zone),
            })
            .collect(),
        stopped: report.stopped_tasks.clone(),
        failures: grouped(
            report
                .failures
                .iter()
                .map(|f| format!("{} — {}", f.reason, f.detail)),
        ),
        events: report.events.clone(),
    }
}

/// The timeline of the latest run (only the start when the scenario cannot run).
pub fn timeline(state: &PlaceState) -> Vec<Entry> {
    let instances = state.run.state_at(0).map_or(0, |s| s.instances.len());
    let mut out = vec![Entry {
        index: 0,
        title: "Start".to_owned(),
        status: Status::Start,
        badge: format!(
            "{instances} instance{}",
            if instances == 1 { "" } else { "s" }
        ),
        error: None,
        started: Vec::new(),
        stopped: Vec::new(),
        failures: Vec::new(),
        events: Vec::new(),
    }];
    if let Some(result) = state.run.ok() {
        for (i, (spec, report)) in state.steps.iter().zip(&result.steps).enumerate() {
            out.push(entry(i + 1, title(state, spec), report));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::PlaceAction;
    use super::*;
    use crate::state::place::steps::{StepEdit, StepKind};

    use crate::state::place::fixtures::{crowded, state};

    #[test]
    fn each_step_says_what_it_did() {
        let mut s = state();
        s.apply(PlaceAction::StopTask("t-0001".into()));
        s.apply(PlaceAction::Drain("i-a1".into(), true));
        s.apply(PlaceAction::AddStep(StepKind::AdvanceTime));
        let t = timeline(&s);
        assert_eq!(t.len(), 5);
        assert_eq!(t[0].title, "Start");
        assert_eq!(t[0].badge, "4 instances");
        assert_eq!(t[1].title, "RunTask web:1 × 5");
        assert_eq!(t[1].badge, "5 placed");
        assert_eq!(t[1].started.len(), 5);
        assert!(t[1].started[0].starts_with("t-0001 on i-"));
        assert_eq!(t[2].title, "StopTask t-0001");
        assert_eq!(t[2].stopped, ["t-0001"]);
        assert_eq!(t[2].badge, "1 stopped");
        assert_eq!(t[3].title, "Drain i-a1");
        assert_eq!(t[3].events, ["container instance i-a1 is now DRAINING."]);
        assert_eq!(t[4].title, "AdvanceTime 60 s");
    }

    #[test]
    fn failures_and_refusals_are_told_apart() {
        let mut s = crowded();
        s.apply(PlaceAction::AddStep(StepKind::StopTask));
        s.apply(PlaceAction::EditStep(2, StepEdit::Task("t-0999".into())));
        let t = timeline(&s);
        assert_eq!(t[2].status, Status::Partial);
        assert!(t[2].badge.contains("unplaced"));
        assert_eq!(t[2].failures.len(), 1, "four identical failures, one line");
        assert!(t[2].failures[0]
            .starts_with("4 × MemberOf placement constraint unsatisfied. — closest"));
        assert_eq!(t[3].status, Status::Error);
        assert_eq!(
            t[3].error.as_deref(),
            Some("InvalidParameterException: The referenced task was not found.")
        );
    }
}
