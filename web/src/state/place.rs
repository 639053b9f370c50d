//! The placement view's state: the fleet, the scenario's own task definitions, the steps and the
//! seed the learner edits; the Lint view's task definitions (registered after the scenario's);
//! the latest simulation run over all of it; and what is selected (a step of the timeline, a
//! task or an unplaced task).
//!
//! Every edit re-runs the simulation. Edits made by typing mark the run stale instead, and the
//! view dispatches [`PlaceAction::Run`] once typing pauses, so a keystroke never waits for a run.

pub mod export;
pub mod fleet;
pub mod matrix;
pub mod picture;
pub mod scenario;
pub mod steps;
pub mod timeline;
pub mod wire;

use crate::examples::SAMPLE_SCENARIO;
use fleet::{FleetPreset, FleetSpec, InstanceEdit};
use scenario::{catalog, editor_task_definitions, Imported, Parts, Run, TdEntry};
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;
use steps::{RunTaskSpec, StartTaskSpec, StepEdit, StepKind, StepSpec, TdRef};

/// How long typing must pause before the simulation re-runs, in milliseconds.
pub const TYPING_PAUSE_MS: u32 = 150;

/// The most steps a scenario of the view has.
pub const MAX_STEPS: usize = 50;

/// What the decision panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// A task, by id.
    Task(String),
    /// The `index`-th task a step could not place (`step` counts from 1).
    Unplaced {
        /// The step, from 1.
        step: usize,
        /// The failure's index in the step's report.
        index: usize,
    },
}

/// What colours the tasks of the fleet picture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorBy {
    /// One colour per task definition revision.
    #[default]
    TaskDefinition,
    /// One colour per task group.
    Group,
}

impl ColorBy {
    /// Its name in links.
    pub fn as_str(self) -> &'static str {
        match self {
            ColorBy::TaskDefinition => "taskDefinition",
            ColorBy::Group => "group",
        }
    }

    /// Reads a link name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "taskDefinition" => Some(ColorBy::TaskDefinition),
            "group" => Some(ColorBy::Group),
            _ => None,
        }
    }
}

/// Where each task runs after a step (task id → instance id, or `Fargate in <zone>`).
pub type Positions = BTreeMap<String, String>;

/// The placement view's part of a permalink: `None` members are the sample's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceSnapshot {
    /// The fleet, when not the sample's.
    pub fleet: Option<FleetSpec>,
    /// The scenario's own task definitions, when not the sample's.
    pub task_definitions: Option<Vec<Rc<Value>>>,
    /// The steps, when not the sample's.
    pub steps: Option<Vec<StepSpec>>,
    /// The seed, when not the sample's.
    pub seed: Option<u64>,
    /// The selected step, when not the last.
    pub at: Option<usize>,
    /// The selected task.
    pub selected: Option<Selection>,
    /// The colouring of tasks.
    pub color_by: ColorBy,
}

/// What changes the placement view.
#[derive(Clone, Debug, PartialEq)]
pub enum PlaceAction {
    /// Replaces the fleet with a preset.
    Preset(FleetPreset),
    /// Turns the awsvpcTrunking account setting on or off.
    Trunking(bool),
    /// Adds an instance.
    AddInstance,
    /// Copies an instance.
    DuplicateInstance(usize),
    /// Removes an instance.
    RemoveInstance(usize),
    /// Changes an instance.
    EditInstance(usize, InstanceEdit),
    /// Appends a step.
    AddStep(StepKind),
    /// Appends a RunTask step of this task definition.
    PlaceTaskDefinition(TdRef),
    /// Removes a step.
    RemoveStep(usize),
    /// Copies a step right after it.
    DuplicateStep(usize),
    /// Moves a step one place earlier.
    RaiseStep(usize),
    /// Changes a step.
    EditStep(usize, StepEdit),
    /// Sets the seed (typed).
    Seed(u64),
    /// Picks another seed.
    Reshuffle,
    /// Shows the state after `n` steps (0: before the first).
    GoTo(usize),
    /// One step back.
    Back,
    /// One step forward.
    Forward,
    /// Opens a decision (or closes it).
    Select(Option<Selection>),
    /// Colours tasks by task definition or by group.
    ColorBy(ColorBy),
    /// What-if: appends a StopTask step for this task.
    StopTask(String),
    /// What-if: appends a step draining (true) or activating an instance.
    Drain(String, bool),
    /// Goes back to the sample scenario.
    Reset,
    /// Runs the simulation if an edit is waiting for it.
    Run,
}

/// The placement view's state.
#[derive(Clone, Debug)]
pub struct PlaceState {
    /// The fleet.
    pub fleet: FleetSpec,
    /// The scenario's own task definitions.
    pub own: Vec<Rc<Value>>,
    /// The steps.
    pub steps: Vec<StepSpec>,
    /// The seed of the tie-breaking RNG.
    pub seed: u64,
    /// The selected step: the fleet picture shows the state after it (0: before the first).
    pub at: usize,
    /// The open decision.
    pub selected: Option<Selection>,
    /// The colouring of tasks.
    pub color_by: ColorBy,
    /// The task definitions of the Lint view's document.
    pub editor: Vec<Rc<Value>>,
    /// Why (parts of) the Lint view's document are not registered.
    pub editor_notes: Vec<String>,
    /// Every task definition, in registration order (derived).
    pub catalog: Rc<Vec<TdEntry>>,
    /// The latest run.
    pub run: Rc<Run>,
    /// Where tasks ran at the selected step before the latest edit (for the what-if diff).
    pub before: Option<Rc<Positions>>,
    /// An edit is waiting for a run.
    pub stale: bool,
    /// Counts edits that wait for a run (the view's timer restarts on each).
    pub edits: u64,
    /// Counts runs.
    pub revision: u64,
}

impl PartialEq for PlaceState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.run, &other.run)
            && self.revision == other.revision
            && self.fleet == other.fleet
            && self.own == other.own
            && self.steps == other.steps
            && self.seed == other.seed
            && self.at == other.at
            && self.selected == other.selected
            && self.color_by == other.color_by
            && self.editor == other.editor
            && self.stale == other.stale
            && self.edits == other.edits
    }
}

/// The sample scenario read into the view's terms (read once: permalinks compare with it on
/// every render).
pub fn sample() -> Imported {
    thread_local! {
        static SAMPLE: Imported = {
            let doc: Value = serde_json::from_str(SAMPLE_SCENARIO).unwrap_or_default();
            scenario::import(&doc)
        };
    }
    SAMPLE.with(Imported::clone)
}

fn reshuffled(seed: u64) -> u64 {
    // One SplitMix64 step, kept to four digits so the field stays readable.
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    let next = (z ^ (z >> 31)) % 10_000;
    if next == seed {
        (next + 1) % 10_000
    } else {
        next
    }
}

impl PlaceState {
    /// The view a permalink describes, with the Lint view's document `lint_text`.
    pub fn from_snapshot(snapshot: &PlaceSnapshot, lint_text: &str) -> Self {
        let (editor, editor_notes) = editor_task_definitions(lint_text);
        PlaceState::build(snapshot, editor, editor_notes)
    }

    /// The same, but the first run waits for [`PlaceState::settle`] (the page opens on
    /// another view, whose start should not wait for a simulation).
    pub fn deferred(snapshot: &PlaceSnapshot, lint_text: &str) -> Self {
        let (editor, editor_notes) = editor_task_definitions(lint_text);
        let mut state = PlaceState::new(snapshot, editor, editor_notes);
        state.stale = true;
        state
    }

    fn build(snapshot: &PlaceSnapshot, editor: Vec<Rc<Value>>, editor_notes: Vec<String>) -> Self {
        let mut state = PlaceState::new(snapshot, editor, editor_notes);
        state.rerun(false);
        state
    }

    fn new(snapshot: &PlaceSnapshot, editor: Vec<Rc<Value>>, editor_notes: Vec<String>) -> Self {
        let base = sample();
        let steps = snapshot.steps.clone().unwrap_or(base.steps);
        let at = snapshot.at.unwrap_or(steps.len()).min(steps.len());
        PlaceState {
            fleet: snapshot.fleet.clone().unwrap_or(base.fleet),
            own: snapshot
                .task_definitions
                .clone()
                .unwrap_or(base.task_definitions),
            steps,
            seed: snapshot.seed.unwrap_or(base.seed),
            at,
            selected: snapshot.selected.clone(),
            color_by: snapshot.color_by,
            editor,
            editor_notes,
            catalog: Rc::new(Vec::new()),
            run: Run::empty(),
            before: None,
            stale: false,
            edits: 0,
            revision: 0,
        }
    }

    /// The view's part of a permalink.
    pub fn snapshot(&self) -> PlaceSnapshot {
        let base = sample();
        PlaceSnapshot {
            fleet: (self.fleet != base.fleet).then(|| self.fleet.clone()),
            task_definitions: (self.own != base.task_definitions).then(|| self.own.clone()),
            steps: (self.steps != base.steps).then(|| self.steps.clone()),
            seed: (self.seed != base.seed).then_some(self.seed),
            at: (self.at != self.steps.len()).then_some(self.at),
            selected: self.selected.clone(),
            color_by: self.color_by,
        }
    }

    /// The task definition a reference names.
    pub fn task_definition(&self, r: TdRef) -> Option<&TdEntry> {
        self.catalog.iter().find(|e| e.reference == r)
    }

    /// Takes in the Lint view's document; the run waits if its task definitions changed.
    pub fn set_editor_text(&mut self, text: &str) {
        let (editor, notes) = editor_task_definitions(text);
        self.editor_notes = notes;
        if editor != self.editor {
            self.editor = editor;
            self.touch(true);
        }
    }

    /// Runs the simulation now if an edit is waiting.
    pub fn settle(&mut self) {
        if self.stale {
            self.rerun(true);
        }
    }

    /// Where tasks run after `step` steps in the latest run.
    pub fn positions(&self, step: usize) -> Option<Positions> {
        let state = self.run.state_at(step)?;
        Some(
            state
                .tasks
                .iter()
                .map(|t| {
                    let at = t
                        .container_instance
                        .clone()
                        .unwrap_or_else(|| format!("Fargate in {}", t.availability_zone));
                    (t.task_id.clone(), at)
                })
                .collect(),
        )
    }

    fn rerun(&mut self, diff: bool) {
        self.before = if diff {
            self.positions(self.at).map(Rc::new)
        } else {
            None
        };
        self.catalog = Rc::new(catalog(&self.own, &self.editor));
        let doc = scenario::build(&Parts {
            seed: self.seed,
            fleet: &self.fleet,
            catalog: &self.catalog,
            steps: &self.steps,
        });
        self.run = Run::of(doc);
        self.revision += 1;
        self.stale = false;
        self.at = self.at.min(self.steps.len());
        if !self.selection_exists() {
            self.selected = None;
        }
    }

    fn selection_exists(&self) -> bool {
        let Some(result) = self.run.ok() else {
            return self.selected.is_none();
        };
        match &self.selected {
            None => true,
            Some(Selection::Task(id)) => result
                .steps
                .iter()
                .any(|s| s.tasks.iter().any(|t| &t.task_id == id)),
            Some(Selection::Unplaced { step, index }) => step
                .checked_sub(1)
                .and_then(|s| result.steps.get(s))
                .is_some_and(|s| *index < s.failures.len()),
        }
    }

    /// Marks a change: typed ones wait for [`PlaceAction::Run`], others run now.
    fn touch(&mut self, typing: bool) {
        if typing {
            self.stale = true;
            self.edits += 1;
        } else {
            self.rerun(true);
        }
    }

    fn default_task_definition(&self) -> TdRef {
        if self.editor.is_empty() {
            TdRef::Scenario(0)
        } else {
            TdRef::Editor(0)
        }
    }

    /// The task that a new StopTask step stops: the latest one still running at the end.
    fn last_running_task(&self) -> String {
        self.run
            .ok()
            .and_then(|r| r.final_state.tasks.last())
            .map_or_else(|| "t-0001".to_owned(), |t| t.task_id.clone())
    }

    fn new_step(&self, kind: StepKind) -> StepSpec {
        let first = |draining: bool| {
            self.fleet
                .instances
                .iter()
                .find(|i| i.draining == draining)
                .or(self.fleet.instances.first())
                .map(|i| i.id.clone())
                .into_iter()
                .collect::<Vec<_>>()
        };
        match kind {
            StepKind::RunTask => {
                StepSpec::RunTask(RunTaskSpec::new(self.default_task_definition()))
            }
            StepKind::StartTask => StepSpec::StartTask(StartTaskSpec {
                task_definition: self.default_task_definition(),
                instances: first(false),
                group: String::new(),
                zones: None,
            }),
            StepKind::StopTask => StepSpec::StopTask {
                task: self.last_running_task(),
            },
            StepKind::Drain => StepSpec::UpdateState {
                instances: first(false),
                draining: true,
            },
            StepKind::Activate => StepSpec::UpdateState {
                instances: first(true),
                draining: false,
            },
            StepKind::AdvanceTime => StepSpec::AdvanceTime { seconds: 60 },
        }
    }

    /// Appends a step; the timeline follows it when it showed the end.
    fn push_step(&mut self, step: StepSpec) {
        if self.steps.len() >= MAX_STEPS {
            return;
        }
        let follow = self.at == self.steps.len();
        self.steps.push(step);
        if follow {
            self.at = self.steps.len();
        }
        self.touch(false);
    }

    /// Applies an action.
    pub fn apply(&mut self, action: PlaceAction) {
        match action {
            PlaceAction::Preset(preset) => {
                let base = sample();
                self.fleet.instances = preset.instances(&base.fleet);
                self.touch(false);
            }
            PlaceAction::Trunking(on) => {
                if self.fleet.trunking != on {
                    self.fleet.trunking = on;
                    self.touch(false);
                }
            }
            PlaceAction::AddInstance => {
                if self.fleet.add().is_some() {
                    self.touch(false);
                }
            }
            PlaceAction::DuplicateInstance(i) => {
                if self.fleet.duplicate(i).is_some() {
                    self.touch(false);
                }
            }
            PlaceAction::RemoveInstance(i) => {
                if self.fleet.remove(i).is_some() {
                    self.touch(false);
                }
            }
            PlaceAction::EditInstance(i, edit) => {
                let typing = edit.is_typing();
                if self.fleet.edit(i, edit) {
                    self.touch(typing);
                }
            }
            PlaceAction::AddStep(kind) => {
                let step = self.new_step(kind);
                self.push_step(step);
            }
            PlaceAction::PlaceTaskDefinition(td) => {
                self.push_step(StepSpec::RunTask(RunTaskSpec::new(td)));
            }
            PlaceAction::RemoveStep(i) => {
                if i < self.steps.len() {
                    self.steps.remove(i);
                    if self.at > i {
                        self.at -= 1;
                    }
                    self.touch(false);
                }
            }
            PlaceAction::DuplicateStep(i) => {
                if let Some(step) = self
                    .steps
                    .get(i)
                    .cloned()
                    .filter(|_| self.steps.len() < MAX_STEPS)
                {
                    self.steps.insert(i + 1, step);
                    if self.at > i {
                        self.at += 1;
                    }
                    self.touch(false);
                }
            }
            PlaceAction::RaiseStep(i) => {
                if i > 0 && i < self.steps.len() {
                    self.steps.swap(i - 1, i);
                    self.touch(false);
                }
            }
            PlaceAction::EditStep(i, edit) => {
                let typing = edit.is_typing();
                if self.steps.get_mut(i).is_some_and(|s| s.edit(edit)) {
                    self.touch(typing);
                }
            }
            PlaceAction::Seed(seed) => {
                if self.seed != seed {
                    self.seed = seed;
                    self.touch(true);
                }
            }
            PlaceAction::Reshuffle => {
                self.seed = reshuffled(self.seed);
                self.touch(false);
            }
            PlaceAction::GoTo(n) => {
                self.at = n.min(self.steps.len());
                self.before = None;
            }
            PlaceAction::Back => {
                self.at = self.at.saturating_sub(1);
                self.before = None;
            }
            PlaceAction::Forward => {
                self.at = (self.at + 1).min(self.steps.len());
                self.before = None;
            }
            PlaceAction::Select(selection) => self.selected = selection,
            PlaceAction::ColorBy(c) => self.color_by = c,
            PlaceAction::StopTask(task) => self.push_step(StepSpec::StopTask { task }),
            PlaceAction::Drain(instance, draining) => self.push_step(StepSpec::UpdateState {
                instances: vec![instance],
                draining,
            }),
            PlaceAction::Reset => {
                let (revision, edits) = (self.revision, self.edits);
                let editor = std::mem::take(&mut self.editor);
                let notes = std::mem::take(&mut self.editor_notes);
                *self = PlaceState::build(&PlaceSnapshot::default(), editor, notes);
                self.revision += revision;
                self.edits = edits;
            }
            PlaceAction::Run => self.settle(),
        }
    }
}

/// States the tests of the view's modules start from.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    /// The default view: the sample scenario and the default example in the Lint view.
    pub fn state() -> PlaceState {
        PlaceState::from_snapshot(
            &PlaceSnapshot::default(),
            crate::examples::default_example().text,
        )
    }

    /// The sample, then a second RunTask of 10 that does not all fit (step 2 has failures).
    pub fn crowded() -> PlaceState {
        let mut s = state();
        s.apply(PlaceAction::DuplicateStep(0));
        s.apply(PlaceAction::EditStep(1, StepEdit::Count(10)));
        s.apply(PlaceAction::Run);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::state;
    use super::*;
    use crate::examples;
    use steps::StrategyPreset;

    fn tasks_at(s: &PlaceState, step: usize) -> Vec<String> {
        s.run
            .state_at(step)
            .unwrap()
            .tasks
            .iter()
            .map(|t| t.task_id.clone())
            .collect()
    }

    #[test]
    fn the_default_view_runs_the_sample_and_shows_its_end() {
        let s = state();
        let result = s.run.ok().expect("the sample runs");
        assert_eq!(result.steps.len(), 1);
        assert_eq!(result.steps[0].tasks.len(), 5);
        assert_eq!(s.at, 1);
        assert_eq!(
            s.catalog.len(),
            2,
            "the sample's web and the Lint view's web"
        );
        assert_eq!(s.catalog[1].name(), "web:2");
        assert!(s.run.sim_ms >= 0.0);
        assert_eq!(s.snapshot(), PlaceSnapshot::default());
        assert!(!result.steps[0].placements.is_empty(), "explained");
    }

    #[test]
    fn typed_edits_wait_for_run_and_others_run_at_once() {
        let mut s = state();
        let revision = s.revision;
        s.apply(PlaceAction::EditInstance(0, InstanceEdit::Draining(true)));
        assert_eq!(s.revision, revision + 1);
        assert!(!s.stale);
        s.apply(PlaceAction::EditStep(0, StepEdit::Count(2)));
        assert!(s.stale);
        assert_eq!(s.revision, revision + 1);
        let edits = s.edits;
        s.apply(PlaceAction::EditStep(0, StepEdit::Count(3)));
        assert_eq!(
            s.edits,
            edits + 1,
            "each keystroke restarts the view's timer"
        );
        s.apply(PlaceAction::Run);
        assert!(!s.stale);
        assert_eq!(s.run.ok().unwrap().steps[0].tasks.len(), 3);
        let revision = s.revision;
        s.apply(PlaceAction::Run);
        assert_eq!(s.revision, revision, "nothing waits, nothing runs");
    }

    #[test]
    fn a_count_outside_one_to_ten_is_ecs_s_error() {
        let mut s = state();
        s.apply(PlaceAction::EditStep(0, StepEdit::Count(11)));
        s.apply(PlaceAction::Run);
        let step = &s.run.ok().unwrap().steps[0];
        let error = step.error.as_ref().unwrap();
        assert_eq!(error.kind, "InvalidParameterException");
        assert!(
            error.message.contains("between 1 and 10"),
            "{}",
            error.message
        );
    }

    #[test]
    fn stepping_back_and_forth_shows_each_step_s_state() {
        let mut s = state();
        s.apply(PlaceAction::AddStep(StepKind::StopTask));
        assert_eq!(s.at, 2, "the timeline follows a new last step");
        assert_eq!(tasks_at(&s, 2).len(), 4);
        s.apply(PlaceAction::Back);
        assert_eq!(s.at, 1);
        s.apply(PlaceAction::Back);
        s.apply(PlaceAction::Back);
        assert_eq!(s.at, 0);
        assert!(tasks_at(&s, 0).is_empty());
        s.apply(PlaceAction::Forward);
        s.apply(PlaceAction::Forward);
        s.apply(PlaceAction::Forward);
        assert_eq!(s.at, 2);
        s.apply(PlaceAction::GoTo(1));
        s.apply(PlaceAction::AddStep(StepKind::AdvanceTime));
        assert_eq!(
            s.at, 1,
            "a new step does not move a timeline that is elsewhere"
        );
        s.apply(PlaceAction::EditStep(0, StepEdit::Count(4)));
        assert_eq!(s.at, 1, "edits keep the selected step");
        s.apply(PlaceAction::RemoveStep(0));
        assert_eq!(s.at, 0);
        s.apply(PlaceAction::GoTo(99));
        assert_eq!(s.at, s.steps.len());
    }

    #[test]
    fn the_seed_changes_tie_breaks_and_reshuffle_picks_another() {
        let mut s = state();
        s.apply(PlaceAction::Preset(FleetPreset::SixM5));
        let at_seed = |s: &PlaceState| s.positions(1).unwrap();
        let first = at_seed(&s);
        let seed = s.seed;
        let mut seen_other = false;
        for _ in 0..6 {
            s.apply(PlaceAction::Reshuffle);
            assert_ne!(s.seed, seed);
            seen_other |= at_seed(&s) != first;
        }
        assert!(
            seen_other,
            "identical instances: some seed draws differently"
        );
        s.apply(PlaceAction::Seed(seed));
        s.apply(PlaceAction::Run);
        assert_eq!(at_seed(&s), first, "the same seed gives the same plan");
        assert_eq!(reshuffled(9_999), reshuffled(9_999));
    }

    #[test]
    fn an_edit_records_where_tasks_were_for_the_diff() {
        let mut s = state();
        let before = s.positions(1).unwrap();
        s.apply(PlaceAction::EditStep(
            0,
            StepEdit::Preset(StrategyPreset::Binpack),
        ));
        assert_eq!(s.before.as_deref(), Some(&before));
        s.apply(PlaceAction::Back);
        assert!(s.before.is_none(), "another step: nothing to compare with");
    }

    #[test]
    fn the_lint_document_is_registered_and_followed() {
        let mut s = state();
        s.set_editor_text(examples::find("gpu-training").unwrap().text);
        assert!(s.stale);
        s.settle();
        assert!(s
            .catalog
            .iter()
            .any(|e| e.family == "gpu-training" || e.summary.contains("GPU")));
        s.apply(PlaceAction::AddStep(StepKind::RunTask));
        let StepSpec::RunTask(r) = &s.steps[1] else {
            panic!("a RunTask step")
        };
        assert_eq!(
            r.task_definition,
            TdRef::Editor(0),
            "new steps place the Lint view's task"
        );
        let revision = s.revision;
        s.set_editor_text(examples::find("gpu-training").unwrap().text);
        assert!(!s.stale, "the same task definitions need no run");
        assert_eq!(s.revision, revision);
        s.set_editor_text("{");
        assert!(s.editor.is_empty() && !s.editor_notes.is_empty());
    }

    #[test]
    fn selections_survive_reruns_only_while_they_exist() {
        let mut s = state();
        s.apply(PlaceAction::Select(Some(Selection::Task("t-0005".into()))));
        s.apply(PlaceAction::EditStep(0, StepEdit::Count(6)));
        s.apply(PlaceAction::Run);
        assert_eq!(s.selected, Some(Selection::Task("t-0005".into())));
        s.apply(PlaceAction::EditStep(0, StepEdit::Count(2)));
        s.apply(PlaceAction::Run);
        assert_eq!(s.selected, None, "t-0005 is gone");
        let mut s = super::fixtures::crowded();
        s.apply(PlaceAction::Select(Some(Selection::Unplaced {
            step: 2,
            index: 0,
        })));
        s.apply(PlaceAction::Reshuffle);
        assert!(s.selected.is_some());
        s.apply(PlaceAction::RemoveStep(1));
        assert_eq!(s.selected, None, "step 2 is gone");
    }

    #[test]
    fn quick_what_ifs_append_steps() {
        let mut s = state();
        s.apply(PlaceAction::StopTask("t-0002".into()));
        s.apply(PlaceAction::Drain("i-a1".into(), true));
        assert_eq!(s.steps.len(), 3);
        assert_eq!(s.at, 3);
        let last = s.run.ok().unwrap().steps.last().unwrap().clone();
        assert_eq!(last.events, ["container instance i-a1 is now DRAINING."]);
        let state = s.run.state_at(3).unwrap();
        assert_eq!(state.instances[0].status, "DRAINING");
        assert!(!tasks_at(&s, 3).contains(&"t-0002".to_owned()));
    }

    #[test]
    fn steps_move_duplicate_and_go() {
        let mut s = state();
        s.apply(PlaceAction::AddStep(StepKind::Drain));
        s.apply(PlaceAction::RaiseStep(1));
        assert_eq!(s.steps[0].action(), "UpdateContainerInstancesState");
        s.apply(PlaceAction::DuplicateStep(1));
        assert_eq!(s.steps.len(), 3);
        assert_eq!(s.steps[1], s.steps[2]);
        s.apply(PlaceAction::RemoveStep(7));
        assert_eq!(s.steps.len(), 3);
    }

    #[test]
    fn reset_goes_back_to_the_sample_and_keeps_the_lint_document() {
        let mut s = state();
        s.apply(PlaceAction::Preset(FleetPreset::Gpu));
        s.apply(PlaceAction::Trunking(true));
        s.apply(PlaceAction::AddStep(StepKind::RunTask));
        let revision = s.revision;
        s.apply(PlaceAction::Reset);
        assert_eq!(s.snapshot(), PlaceSnapshot::default());
        assert_eq!(s.catalog.len(), 2);
        assert!(s.revision > revision);
    }

    #[test]
    fn a_deferred_view_runs_when_settled() {
        let mut s = PlaceState::deferred(&PlaceSnapshot::default(), "");
        assert!(s.stale && s.run.ok().is_none());
        s.settle();
        assert_eq!(s.run.ok().unwrap().steps[0].tasks.len(), 5);
        assert_eq!(s.at, 1);
    }

    #[test]
    fn trunking_gives_more_awsvpc_slots() {
        let mut s = state();
        let slots = |s: &PlaceState| s.run.state_at(0).unwrap().instances[0].eni_slots;
        assert_eq!(slots(&s), [2, 2]);
        s.apply(PlaceAction::Trunking(true));
        assert_eq!(slots(&s), [10, 10]);
    }
}
