//! The decision panel of a task or an unplaced task, as plain data, in the
//! kube-scheduler-simulator's three parts: **Filter** (instances × checks, each cell a pass or
//! the failing detail), **Rank** (each strategy's key per instance, in order, and who it
//! eliminates), and **Pick** (the candidates narrowing to the winner, ties broken by the seeded
//! RNG), or, for a task that could not be placed, ECS's reason and the closest matching instance.

use super::{PlaceState, Selection};
use ecsplay_core::placement::{Explanation, InstanceVerdict};
use ecsplay_core::sim::{FailureReport, StepReport, TaskReport};

/// One cell of the Filter table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckCell {
    /// The instance passes.
    pub pass: bool,
    /// The numbers (`1536 CPU units free, 512 needed`).
    pub detail: String,
    /// The first check the instance fails: the one ECS reports.
    pub first_failure: bool,
}

/// What one strategy did to one instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyState {
    /// Still in the running after the strategy.
    Kept,
    /// Eliminated by this strategy (a worse key than the best).
    Dropped,
    /// Out before this strategy (failed a check or lost earlier).
    Out,
}

/// One cell of the Rank table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCell {
    /// The key (smaller is better), or empty.
    pub key: String,
    /// What it means (`us-east-1a: 2 tasks of family:web`).
    pub detail: String,
    /// What the strategy did.
    pub state: KeyState,
}

/// What became of an instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowOutcome {
    /// The task landed here.
    Placed,
    /// As good as the winner; the RNG drew another.
    Tied,
    /// Passed every check, lost on a strategy.
    Lost,
    /// Failed a check.
    Failed,
    /// The closest matching instance of a task that was not placed.
    Closest,
    /// Not ACTIVE: not considered.
    NotCandidate,
}

impl RowOutcome {
    /// A class name.
    pub fn as_str(self) -> &'static str {
        match self {
            RowOutcome::Placed => "placed",
            RowOutcome::Tied => "tied",
            RowOutcome::Lost => "lost",
            RowOutcome::Failed => "failed",
            RowOutcome::Closest => "closest",
            RowOutcome::NotCandidate => "not-candidate",
        }
    }
}

/// One instance's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The instance.
    pub instance: String,
    /// Its zone and type (`us-east-1a · m5.large`).
    pub about: String,
    /// `ACTIVE`, `DRAINING`, `INACTIVE`.
    pub status: String,
    /// One cell per check (empty for an instance that is not a candidate).
    pub checks: Vec<CheckCell>,
    /// One cell per strategy.
    pub keys: Vec<KeyCell>,
    /// The engine's words (`lost on binpack(memory)`).
    pub outcome: String,
    /// The outcome's kind.
    pub kind: RowOutcome,
}

/// One stage of the narrowing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    /// `ACTIVE instances`, `pass every check`, `spread(attribute:ecs.availability-zone)`.
    pub label: String,
    /// Who is left.
    pub kept: Vec<String>,
    /// Who this stage removed.
    pub dropped: Vec<String>,
}

/// The explained decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    /// The decision in one sentence.
    pub summary: String,
    /// What the task needs.
    pub demand: String,
    /// The task group.
    pub group: String,
    /// The check columns.
    pub checks: Vec<String>,
    /// The strategy columns, in order.
    pub strategies: Vec<String>,
    /// One row per instance.
    pub rows: Vec<Row>,
    /// The narrowing, from every instance to the winner.
    pub stages: Vec<Stage>,
    /// The winner.
    pub winner: Option<String>,
    /// Why the winner, and how ties were broken.
    pub why: String,
    /// ECS's reason, when not placed.
    pub reason: Option<String>,
    /// The closest matching instance, when not placed.
    pub closest: Option<String>,
    /// How many candidates failed on each reason.
    pub failure_counts: Vec<(String, usize)>,
}

/// What the panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// The full decision.
    Explained(Box<Matrix>),
    /// A StartTask task or failure: no scheduler decision, only the instance's own checks.
    Direct {
        /// Where it runs, or why not.
        text: String,
    },
    /// A Fargate task.
    Fargate {
        /// Its zone.
        zone: String,
    },
}

/// The decision panel's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The heading (`Why t-0003 runs on i-c1`).
    pub title: String,
    /// The step that decided, from 1, and its action.
    pub step: usize,
    /// The step's action.
    pub action: String,
    /// A note when the selected step is not the deciding one.
    pub note: Option<String>,
    /// The content.
    pub body: Body,
}

fn why(e: &Explanation, seed: u64) -> String {
    let Some(winner) = &e.winner else {
        return match &e.closest {
            Some(c) => format!(
                "No instance passes every check, so ECS reports “{}” with the closest matching instance, {c}: the one that got furthest through the checks.",
                e.reason.as_deref().unwrap_or("a failure")
            ),
            None => "The cluster has no ACTIVE container instance to consider.".to_owned(),
        };
    };
    let passing = e.narrowing.first().map_or(0, |n| n.remaining.len());
    let random = e.strategies.iter().any(|s| s == "random");
    if e.tied > 1 {
        let how = if random {
            "the random strategy draws among them"
        } else {
            "ECS breaks the tie at random"
        };
        format!(
            "{} instances were still tied after the strategies; {how}, here with the seeded RNG (seed {seed}), which drew {winner}. Another seed may draw another: try Reshuffle.",
            e.tied
        )
    } else if passing > 1 {
        format!(
            "{winner} has the best key under the strategies, compared in order: each strategy keeps only the instances with the smallest key, and the next one breaks their tie."
        )
    } else {
        format!("{winner} is the only instance that passes every check.")
    }
}

fn stages(e: &Explanation) -> Vec<Stage> {
    let active: Vec<String> = e
        .instances
        .iter()
        .filter(|r| r.status == "ACTIVE")
        .map(|r| r.instance.clone())
        .collect();
    let all: Vec<String> = e.instances.iter().map(|r| r.instance.clone()).collect();
    let mut out = vec![Stage {
        label: "ACTIVE instances".to_owned(),
        dropped: all
            .iter()
            .filter(|i| !active.contains(i))
            .cloned()
            .collect(),
        kept: active,
    }];
    for n in &e.narrowing {
        let before = out.last().map(|s| s.kept.clone()).unwrap_or_default();
        let label = if n.after == "filters and constraints" {
            "pass every check".to_owned()
        } else {
            n.after.clone()
        };
        out.push(Stage {
            label,
            dropped: before
                .iter()
                .filter(|i| !n.remaining.contains(i))
                .cloned()
                .collect(),
            kept: n.remaining.clone(),
        });
    }
    if let Some(w) = &e.winner {
        let before = out.last().map(|s| s.kept.clone()).unwrap_or_default();
        if before.len() > 1 {
            out.push(Stage {
                label: "seeded RNG".to_owned(),
                dropped: before.iter().filter(|i| *i != w).cloned().collect(),
                kept: vec![w.clone()],
            });
        }
    }
    out
}

fn row(e: &Explanation, r: &InstanceVerdict, about: String) -> Row {
    let first_fail = r.verdicts.iter().position(|v| !v.pass);
    let checks = r
        .verdicts
        .iter()
        .enumerate()
        .map(|(i, v)| CheckCell {
            pass: v.pass,
            detail: v.detail.clone(),
            first_failure: Some(i) == first_fail,
        })
        .collect();
    // After the filters (narrowing[0]), strategy k leaves narrowing[k + 1].
    let left_after = |stage: usize| {
        e.narrowing
            .get(stage)
            .is_some_and(|n| n.remaining.contains(&r.instance))
    };
    let keys = e
        .strategies
        .iter()
        .enumerate()
        .map(|(k, _)| {
            let state = if !left_after(k) {
                KeyState::Out
            } else if e.narrowing.get(k + 1).is_none() || left_after(k + 1) {
                KeyState::Kept
            } else {
                KeyState::Dropped
            };
            KeyCell {
                key: r.keys.get(k).map(u64::to_string).unwrap_or_default(),
                detail: r.key_details.get(k).cloned().unwrap_or_default(),
                state,
            }
        })
        .collect();
    let kind = if r.status != "ACTIVE" {
        RowOutcome::NotCandidate
    } else if e.winner.as_deref() == Some(&r.instance) {
        RowOutcome::Placed
    } else if e.closest.as_deref() == Some(&r.instance) {
        RowOutcome::Closest
    } else if r.outcome.starts_with("tied") {
        RowOutcome::Tied
    } else if r.outcome.starts_with("lost") {
        RowOutcome::Lost
    } else {
        RowOutcome::Failed
    };
    Row {
        instance: r.instance.clone(),
        about,
        status: r.status.to_owned(),
        checks,
        keys,
        outcome: if kind == RowOutcome::Closest {
            format!("closest match: {}", r.outcome)
        } else {
            r.outcome.clone()
        },
        kind,
    }
}

/// The decision as the matrix shows it; `about` describes an instance (`us-east-1a · m5.large`).
pub fn matrix(e: &Explanation, seed: u64, about: &dyn Fn(&str) -> String) -> Matrix {
    Matrix {
        summary: e.summary.clone(),
        demand: e.demand.clone(),
        group: e.group.clone(),
        checks: e.checks.clone(),
        strategies: e.strategies.clone(),
        rows: e
            .instances
            .iter()
            .map(|r| row(e, r, about(&r.instance)))
            .collect(),
        stages: stages(e),
        winner: e.winner.clone(),
        why: why(e, seed),
        reason: e.reason.clone(),
        closest: e.closest.clone(),
        failure_counts: e
            .failure_counts
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
    }
}

fn find_task<'r>(
    steps: &'r [StepReport],
    id: &str,
) -> Option<(usize, &'r StepReport, &'r TaskReport)> {
    steps.iter().enumerate().find_map(|(i, s)| {
        s.tasks
            .iter()
            .find(|t| t.task_id == id)
            .map(|t| (i + 1, s, t))
    })
}

fn failure_at(
    steps: &[StepReport],
    step: usize,
    index: usize,
) -> Option<(&StepReport, &FailureReport)> {
    let s = steps.get(step.checked_sub(1)?)?;
    Some((s, s.failures.get(index)?))
}

/// The open decision, if any.
pub fn decision(state: &PlaceState) -> Option<Decision> {
    let result = state.run.ok()?;
    let about = |id: &str| {
        result
            .final_state
            .instances
            .iter()
            .find(|i| i.id == id)
            .map(|i| format!("{} · {}", i.availability_zone, i.instance_type))
            .unwrap_or_default()
    };
    let note = |step: usize| {
        (step != state.at).then(|| {
            format!(
                "Decided by step {step}; the fleet picture shows {}.",
                match state.at {
                    0 => "the start".to_owned(),
                    n => format!("the state after step {n}"),
                }
            )
        })
    };
    match state.selected.as_ref()? {
        Selection::Task(id) => {
            let (step, report, task) = find_task(&result.steps, id)?;
            let explained = report
                .placements
                .iter()
                .find(|p| p.task_id.as_deref() == Some(id.as_str()));
            let body = match (explained, &task.container_instance) {
                (Some(p), _) => Body::Explained(Box::new(matrix(&p.explanation, result.seed, &about))),
                (None, Some(instance)) => Body::Direct {
                    text: format!(
                        "StartTask names the instance itself: ECS skips strategies and constraints and only checks that {instance} has room (agent, attributes, CPU, memory, ports, ENI, GPU)."
                    ),
                },
                (None, None) => Body::Fargate {
                    zone: task.availability_zone.clone(),
                },
            };
            let title = match &task.container_instance {
                Some(i) => format!("Why {id} runs on {i}"),
                None => format!("Why {id} runs on Fargate in {}", task.availability_zone),
            };
            Some(Decision {
                title,
                step,
                action: report.action.clone(),
                note: note(step),
                body,
            })
        }
        Selection::Unplaced { step, index } => {
            let (report, failure) = failure_at(&result.steps, *step, *index)?;
            let explained = report
                .placements
                .iter()
                .filter(|p| p.task_id.is_none())
                .nth(*index);
            let body = match explained {
                Some(p) => Body::Explained(Box::new(matrix(&p.explanation, result.seed, &about))),
                None => Body::Direct {
                    text: format!("{}: {}", failure.reason, failure.detail),
                },
            };
            Some(Decision {
                title: format!(
                    "Why task {} of step {step} was not placed: {}",
                    index + 1,
                    failure.reason
                ),
                step: *step,
                action: report.action.clone(),
                note: note(*step),
                body,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::PlaceAction;
    use super::*;
    use crate::state::place::fleet::FleetPreset;
    use crate::state::place::steps::{StepEdit, StepKind};

    use crate::state::place::fixtures::{crowded, state};

    fn explained(d: Decision) -> Matrix {
        match d.body {
            Body::Explained(m) => *m,
            other => panic!("not explained: {other:?}"),
        }
    }

    #[test]
    fn a_placed_task_shows_filter_rank_and_pick() {
        let mut s = state();
        s.apply(PlaceAction::Select(Some(Selection::Task("t-0001".into()))));
        let d = decision(&s).unwrap();
        assert_eq!(d.step, 1);
        assert!(d.note.is_none());
        let winner_id = s.run.ok().unwrap().steps[0].tasks[0]
            .container_instance
            .clone()
            .unwrap();
        assert_eq!(d.title, format!("Why t-0001 runs on {winner_id}"));
        let m = explained(d);
        assert_eq!(m.rows.len(), 4);
        assert_eq!(m.checks.len(), m.rows[0].checks.len());
        assert!(m.checks.last().unwrap().starts_with("memberOf("));
        assert_eq!(m.strategies.len(), 2);
        // i-b2 (stack=dev) fails only the memberOf constraint, and that is its first failure.
        let dev = m.rows.iter().find(|r| r.instance == "i-b2").unwrap();
        assert_eq!(dev.kind, RowOutcome::Failed);
        let failing: Vec<&CheckCell> = dev.checks.iter().filter(|c| !c.pass).collect();
        assert_eq!(failing.len(), 1);
        assert!(failing[0].first_failure);
        assert!(dev.keys.iter().all(|k| k.state == KeyState::Out));
        let winner = m
            .rows
            .iter()
            .find(|r| r.kind == RowOutcome::Placed)
            .unwrap();
        assert_eq!(winner.instance, winner_id);
        assert!(winner.keys.iter().all(|k| k.state == KeyState::Kept));
        assert!(winner.about.starts_with("us-east-1"));
        // The narrowing goes from every instance down to one.
        assert_eq!(m.stages[0].label, "ACTIVE instances");
        assert_eq!(m.stages[1].label, "pass every check");
        assert_eq!(m.stages[1].dropped, ["i-b2"]);
        assert_eq!(
            m.stages.last().unwrap().kept,
            std::slice::from_ref(&winner_id)
        );
        assert!(
            m.why.contains("best key"),
            "binpack picks the c5.large: {}",
            m.why
        );
        // The second task ties between the two m5.large of us-east-1a: the seed decides.
        s.apply(PlaceAction::Select(Some(Selection::Task("t-0002".into()))));
        let m = explained(decision(&s).unwrap());
        assert!(
            m.why.contains("2 instances were still tied") && m.why.contains("seed 7"),
            "{}",
            m.why
        );
        assert_eq!(
            m.rows.iter().filter(|r| r.kind == RowOutcome::Tied).count(),
            1
        );
    }

    #[test]
    fn a_strategy_that_eliminates_is_marked_dropped() {
        let mut s = state();
        s.apply(PlaceAction::Select(Some(Selection::Task("t-0003".into()))));
        let m = explained(decision(&s).unwrap());
        let dropped: Vec<&Row> = m
            .rows
            .iter()
            .filter(|r| r.keys.iter().any(|k| k.state == KeyState::Dropped))
            .collect();
        assert!(!dropped.is_empty(), "{:#?}", m.rows);
        for r in dropped {
            assert!(matches!(r.kind, RowOutcome::Lost), "{r:?}");
            let k = r
                .keys
                .iter()
                .position(|k| k.state == KeyState::Dropped)
                .unwrap();
            assert!(r.keys[k + 1..].iter().all(|k| k.state == KeyState::Out));
            assert!(!r.keys[k].detail.is_empty());
        }
    }

    #[test]
    fn an_unplaced_task_shows_reason_and_closest_match() {
        let mut s = crowded();
        s.apply(PlaceAction::Select(Some(Selection::Unplaced {
            step: 2,
            index: 0,
        })));
        let d = decision(&s).unwrap();
        // The dev instance has room but fails memberOf: it got furthest, so it is the closest.
        assert!(
            d.title
                .ends_with("was not placed: MemberOf placement constraint unsatisfied."),
            "{}",
            d.title
        );
        let m = explained(d);
        assert!(m.winner.is_none());
        let closest = m.closest.clone().unwrap();
        let row = m.rows.iter().find(|r| r.instance == closest).unwrap();
        assert_eq!(row.kind, RowOutcome::Closest);
        assert!(row.checks.iter().any(|c| c.first_failure));
        assert!(m.why.contains("closest matching instance"));
        assert!(!m.failure_counts.is_empty());
    }

    #[test]
    fn a_decision_from_another_step_says_so_and_start_task_is_direct() {
        let mut s = state();
        s.apply(PlaceAction::AddStep(StepKind::StartTask));
        s.apply(PlaceAction::Select(Some(Selection::Task("t-0006".into()))));
        let d = decision(&s).unwrap();
        assert_eq!(d.action, "StartTask");
        assert!(matches!(d.body, Body::Direct { .. }));
        s.apply(PlaceAction::Select(Some(Selection::Task("t-0001".into()))));
        let d = decision(&s).unwrap();
        assert_eq!(
            d.note.as_deref(),
            Some("Decided by step 1; the fleet picture shows the state after step 2.")
        );
        s.apply(PlaceAction::Select(None));
        assert!(decision(&s).is_none());
    }

    #[test]
    fn ties_on_identical_instances_credit_the_seed() {
        let mut s = state();
        s.apply(PlaceAction::Preset(FleetPreset::SixM5));
        s.apply(PlaceAction::EditStep(
            0,
            StepEdit::Preset(crate::state::place::steps::StrategyPreset::Default),
        ));
        s.apply(PlaceAction::Select(Some(Selection::Task("t-0001".into()))));
        let m = explained(decision(&s).unwrap());
        assert_eq!(
            m.rows.iter().filter(|r| r.kind == RowOutcome::Tied).count(),
            5
        );
        assert!(m.why.contains("6 instances were still tied"), "{}", m.why);
        assert_eq!(m.stages.last().unwrap().label, "seeded RNG");
    }
}
