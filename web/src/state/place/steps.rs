//! The steps of a placement scenario as the step builder edits them: RunTask (count, launch
//! type, strategies with the console's presets, constraints), StartTask, StopTask, draining and
//! activating instances, AdvanceTime. Each becomes one `steps[]` entry of the scenario.
//!
//! Services, capacity providers and Spot interruptions are not simulated yet, so the builder
//! does not offer them; a new kind is a new [`StepKind`] and [`StepSpec`] variant.

use serde_json::{json, Map, Value};

/// The most placement strategies a request takes.
pub const MAX_STRATEGIES: usize = ecsplay_core::placement::MAX_STRATEGIES;
/// The most placement constraints a task takes (task definition and request together).
pub const MAX_CONSTRAINTS: usize = ecsplay_core::placement::MAX_CONSTRAINTS;
/// The most instances StartTask and UpdateContainerInstancesState name.
pub const MAX_NAMED_INSTANCES: usize = 10;

/// Which task definition a step launches: one of the scenario's own, or one of the documents
/// in the Lint view's editor (by position, so renaming the family there keeps the step).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TdRef {
    /// The n-th task definition of the scenario.
    Scenario(usize),
    /// The n-th task definition of the Lint view's document.
    Editor(usize),
}

impl TdRef {
    /// Its name in links: `s0`, `e0`.
    pub fn key(self) -> String {
        match self {
            TdRef::Scenario(i) => format!("s{i}"),
            TdRef::Editor(i) => format!("e{i}"),
        }
    }

    /// Reads a link name.
    pub fn parse(key: &str) -> Option<Self> {
        let (kind, n) = key.split_at_checked(1)?;
        let n = n.parse().ok()?;
        match kind {
            "s" => Some(TdRef::Scenario(n)),
            "e" => Some(TdRef::Editor(n)),
            _ => None,
        }
    }
}

/// EC2 or Fargate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LaunchType {
    /// On the fleet's container instances.
    #[default]
    Ec2,
    /// On Fargate (spread over the subnets' zones; no strategies or constraints).
    Fargate,
}

impl LaunchType {
    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            LaunchType::Ec2 => "EC2",
            LaunchType::Fargate => "FARGATE",
        }
    }

    /// Reads the API value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "EC2" => Some(LaunchType::Ec2),
            "FARGATE" => Some(LaunchType::Fargate),
            _ => None,
        }
    }
}

/// A placement strategy type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrategyKind {
    /// `random`.
    Random,
    /// `spread` over a field.
    Spread,
    /// `binpack` on cpu or memory.
    Binpack,
}

impl StrategyKind {
    /// Every type, in the order the picker lists them.
    pub const ALL: [StrategyKind; 3] = [
        StrategyKind::Spread,
        StrategyKind::Binpack,
        StrategyKind::Random,
    ];

    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            StrategyKind::Random => "random",
            StrategyKind::Spread => "spread",
            StrategyKind::Binpack => "binpack",
        }
    }

    /// Reads the API value.
    pub fn parse(s: &str) -> Option<Self> {
        StrategyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The field a strategy of this type starts with.
    pub fn default_field(self) -> &'static str {
        match self {
            StrategyKind::Random => "",
            StrategyKind::Spread => AZ_FIELD,
            StrategyKind::Binpack => "memory",
        }
    }
}

/// The spread field of AZ balancing.
pub const AZ_FIELD: &str = "attribute:ecs.availability-zone";

/// One placement strategy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrategyRow {
    /// The type.
    pub kind: StrategyKind,
    /// The field (`memory`, `instanceId`, `attribute:ecs.availability-zone`); empty for random.
    pub field: String,
}

impl StrategyRow {
    /// A strategy.
    pub fn new(kind: StrategyKind, field: &str) -> Self {
        StrategyRow {
            kind,
            field: field.to_owned(),
        }
    }

    /// As the API writes it.
    pub fn to_json(&self) -> Value {
        if self.kind == StrategyKind::Random || self.field.is_empty() {
            json!({"type": self.kind.as_str()})
        } else {
            json!({"type": self.kind.as_str(), "field": self.field})
        }
    }
}

/// A placement constraint type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstraintKind {
    /// `memberOf` a cluster query expression.
    MemberOf,
    /// `distinctInstance`.
    DistinctInstance,
}

impl ConstraintKind {
    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            ConstraintKind::MemberOf => "memberOf",
            ConstraintKind::DistinctInstance => "distinctInstance",
        }
    }

    /// Reads the API value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "memberOf" => Some(ConstraintKind::MemberOf),
            "distinctInstance" => Some(ConstraintKind::DistinctInstance),
            _ => None,
        }
    }
}

/// One placement constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstraintRow {
    /// The type.
    pub kind: ConstraintKind,
    /// The cluster query expression (memberOf).
    pub expression: String,
}

impl ConstraintRow {
    /// As the API writes it.
    pub fn to_json(&self) -> Value {
        match self.kind {
            ConstraintKind::DistinctInstance => json!({"type": "distinctInstance"}),
            ConstraintKind::MemberOf => json!({"type": "memberOf", "expression": self.expression}),
        }
    }
}

/// The placement templates of the ECS console (placement.md §2.5), plus RunTask's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrategyPreset {
    /// No strategy: RunTask places at random.
    Default,
    /// Spread over AZs, then over the instances of each.
    AzBalancedSpread,
    /// Spread over AZs, then fill the instance with the least memory left.
    AzBalancedBinpack,
    /// Fill the instance with the least memory left.
    Binpack,
    /// At most one task of the group per instance (`distinctInstance`).
    OneTaskPerHost,
    /// Anything else.
    Custom,
}

impl StrategyPreset {
    /// Every preset, in the console's order.
    pub const ALL: [StrategyPreset; 6] = [
        StrategyPreset::Default,
        StrategyPreset::AzBalancedSpread,
        StrategyPreset::AzBalancedBinpack,
        StrategyPreset::Binpack,
        StrategyPreset::OneTaskPerHost,
        StrategyPreset::Custom,
    ];

    /// Its name in the picker.
    pub fn title(self) -> &'static str {
        match self {
            StrategyPreset::Default => "None (RunTask default: random)",
            StrategyPreset::AzBalancedSpread => "AZ Balanced Spread",
            StrategyPreset::AzBalancedBinpack => "AZ Balanced BinPack",
            StrategyPreset::Binpack => "BinPack",
            StrategyPreset::OneTaskPerHost => "One Task Per Host",
            StrategyPreset::Custom => "Custom",
        }
    }

    /// Its value in the picker.
    pub fn id(self) -> &'static str {
        match self {
            StrategyPreset::Default => "default",
            StrategyPreset::AzBalancedSpread => "az-spread",
            StrategyPreset::AzBalancedBinpack => "az-binpack",
            StrategyPreset::Binpack => "binpack",
            StrategyPreset::OneTaskPerHost => "one-per-host",
            StrategyPreset::Custom => "custom",
        }
    }

    /// Reads a picker value.
    pub fn parse(id: &str) -> Option<Self> {
        StrategyPreset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// What it means, as the console explains it.
    pub fn description(self) -> &'static str {
        match self {
            StrategyPreset::Default => "Without a strategy, RunTask picks a random instance among those that pass every check.",
            StrategyPreset::AzBalancedSpread => "Spread tasks across Availability Zones, then across the instances within each zone.",
            StrategyPreset::AzBalancedBinpack => "Spread tasks across Availability Zones, then onto the instance with the least available memory.",
            StrategyPreset::Binpack => "Place tasks on the instance with the least available memory, to use as few instances as possible.",
            StrategyPreset::OneTaskPerHost => "Place at most one task of the group on each instance (a distinctInstance constraint).",
            StrategyPreset::Custom => "Your own strategies (up to 5, applied in order) and constraints.",
        }
    }

    /// The strategies it stands for (`None` for Custom).
    pub fn strategies(self) -> Option<Vec<StrategyRow>> {
        use StrategyKind::{Binpack, Spread};
        Some(match self {
            StrategyPreset::Default | StrategyPreset::OneTaskPerHost => Vec::new(),
            StrategyPreset::AzBalancedSpread => vec![
                StrategyRow::new(Spread, AZ_FIELD),
                StrategyRow::new(Spread, "instanceId"),
            ],
            StrategyPreset::AzBalancedBinpack => vec![
                StrategyRow::new(Spread, AZ_FIELD),
                StrategyRow::new(Binpack, "memory"),
            ],
            StrategyPreset::Binpack => vec![StrategyRow::new(Binpack, "memory")],
            StrategyPreset::Custom => return None,
        })
    }

    /// The preset that strategies and constraints amount to.
    pub fn detect(strategies: &[StrategyRow], constraints: &[ConstraintRow]) -> Self {
        let distinct = constraints
            .iter()
            .any(|c| c.kind == ConstraintKind::DistinctInstance);
        let found = [
            StrategyPreset::Default,
            StrategyPreset::AzBalancedSpread,
            StrategyPreset::AzBalancedBinpack,
            StrategyPreset::Binpack,
        ]
        .into_iter()
        .find(|p| p.strategies().as_deref() == Some(strategies));
        match (found, distinct) {
            (Some(StrategyPreset::Default), true) => StrategyPreset::OneTaskPerHost,
            (Some(p), false) => p,
            _ => StrategyPreset::Custom,
        }
    }
}

/// A RunTask step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunTaskSpec {
    /// The task definition.
    pub task_definition: TdRef,
    /// How many tasks (ECS takes 1 to 10; others are sent as written, for ECS's error).
    pub count: i64,
    /// EC2 or FARGATE.
    pub launch_type: LaunchType,
    /// The task group; empty for the default `family:<family>`.
    pub group: String,
    /// Strategies in order.
    pub strategies: Vec<StrategyRow>,
    /// Constraints.
    pub constraints: Vec<ConstraintRow>,
    /// For awsvpc: the zones whose subnets the task may use; `None` for every zone of the fleet.
    pub zones: Option<Vec<String>>,
}

impl RunTaskSpec {
    /// One task of a task definition on EC2, with ECS's defaults (no strategy, no constraint).
    pub fn new(task_definition: TdRef) -> Self {
        RunTaskSpec {
            task_definition,
            count: 1,
            launch_type: LaunchType::Ec2,
            group: String::new(),
            strategies: Vec::new(),
            constraints: Vec::new(),
            zones: None,
        }
    }
}

/// A StartTask step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartTaskSpec {
    /// The task definition.
    pub task_definition: TdRef,
    /// The instances, one task on each.
    pub instances: Vec<String>,
    /// The task group; empty for the default.
    pub group: String,
    /// For awsvpc: the zones whose subnets the task may use; `None` for every zone.
    pub zones: Option<Vec<String>>,
}

/// One step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepSpec {
    /// RunTask.
    RunTask(RunTaskSpec),
    /// StartTask.
    StartTask(StartTaskSpec),
    /// StopTask.
    StopTask {
        /// The task id (`t-0001`).
        task: String,
    },
    /// UpdateContainerInstancesState.
    UpdateState {
        /// The instance ids.
        instances: Vec<String>,
        /// DRAINING (true) or ACTIVE.
        draining: bool,
    },
    /// AdvanceTime.
    AdvanceTime {
        /// Seconds.
        seconds: i64,
    },
}

/// The kinds of step the builder offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// RunTask.
    RunTask,
    /// StartTask.
    StartTask,
    /// StopTask.
    StopTask,
    /// Drain instances.
    Drain,
    /// Activate instances again.
    Activate,
    /// AdvanceTime.
    AdvanceTime,
}

impl StepKind {
    /// Every kind, in the order of the "add a step" menu.
    pub const ALL: [StepKind; 6] = [
        StepKind::RunTask,
        StepKind::StartTask,
        StepKind::StopTask,
        StepKind::Drain,
        StepKind::Activate,
        StepKind::AdvanceTime,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            StepKind::RunTask => "RunTask",
            StepKind::StartTask => "StartTask",
            StepKind::StopTask => "StopTask",
            StepKind::Drain => "Drain instances",
            StepKind::Activate => "Activate instances",
            StepKind::AdvanceTime => "AdvanceTime",
        }
    }

    /// Its name in test ids.
    pub fn id(self) -> &'static str {
        match self {
            StepKind::RunTask => "run-task",
            StepKind::StartTask => "start-task",
            StepKind::StopTask => "stop-task",
            StepKind::Drain => "drain",
            StepKind::Activate => "activate",
            StepKind::AdvanceTime => "advance-time",
        }
    }
}

/// A change to one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepEdit {
    /// Picks the task definition.
    TaskDefinition(TdRef),
    /// Sets the count (typed).
    Count(i64),
    /// Picks the launch type.
    LaunchType(LaunchType),
    /// Sets the task group (typed).
    Group(String),
    /// Applies a console preset.
    Preset(StrategyPreset),
    /// Adds a strategy.
    AddStrategy,
    /// Removes a strategy.
    RemoveStrategy(usize),
    /// Moves a strategy one place earlier.
    RaiseStrategy(usize),
    /// Changes a strategy's type.
    StrategyKind(usize, StrategyKind),
    /// Changes a strategy's field.
    StrategyField(usize, String),
    /// Adds a constraint.
    AddConstraint(ConstraintKind),
    /// Removes a constraint.
    RemoveConstraint(usize),
    /// Changes a constraint's expression (typed).
    Expression(usize, String),
    /// Includes or leaves out a zone's subnet (awsvpc); `all` lists the fleet's zones.
    Zone {
        /// The zone.
        zone: String,
        /// Include it.
        on: bool,
        /// Every zone of the fleet (what `None` stands for).
        all: Vec<String>,
    },
    /// Picks the task to stop.
    Task(String),
    /// Names an instance or stops naming it.
    Instance(String, bool),
    /// DRAINING or ACTIVE.
    Draining(bool),
    /// Sets the seconds (typed).
    Seconds(i64),
}

impl StepEdit {
    /// Whether the edit comes from typing (the simulation waits until typing pauses).
    pub fn is_typing(&self) -> bool {
        matches!(
            self,
            StepEdit::Count(_)
                | StepEdit::Group(_)
                | StepEdit::Expression(..)
                | StepEdit::Seconds(_)
        )
    }
}

fn toggle(list: &mut Vec<String>, item: &str, on: bool, cap: usize) {
    let present = list.iter().any(|i| i == item);
    if on && !present && list.len() < cap {
        list.push(item.to_owned());
    } else if !on && present {
        list.retain(|i| i != item);
    }
}

fn edit_zones(zones: &mut Option<Vec<String>>, zone: &str, on: bool, all: &[String]) {
    let mut list = zones.clone().unwrap_or_else(|| all.to_vec());
    toggle(&mut list, zone, on, usize::MAX);
    list.sort();
    let mut every = all.to_vec();
    every.sort();
    *zones = (list != every).then_some(list);
}

fn edit_strategies(strategies: &mut Vec<StrategyRow>, edit: StepEdit) {
    let n = strategies.len();
    match edit {
        StepEdit::AddStrategy if n < MAX_STRATEGIES => {
            let kind = if strategies.iter().any(|s| s.kind == StrategyKind::Spread) {
                StrategyKind::Binpack
            } else {
                StrategyKind::Spread
            };
            strategies.push(StrategyRow::new(kind, kind.default_field()));
        }
        StepEdit::RemoveStrategy(i) if i < n => {
            strategies.remove(i);
        }
        StepEdit::RaiseStrategy(i) if i > 0 && i < n => strategies.swap(i - 1, i),
        StepEdit::StrategyKind(i, kind) => {
            if let Some(s) = strategies.get_mut(i).filter(|s| s.kind != kind) {
                *s = StrategyRow::new(kind, kind.default_field());
            }
        }
        StepEdit::StrategyField(i, field) => {
            if let Some(s) = strategies.get_mut(i) {
                s.field = field;
            }
        }
        _ => {}
    }
}

fn edit_constraints(constraints: &mut Vec<ConstraintRow>, edit: StepEdit) {
    match edit {
        StepEdit::AddConstraint(kind) if constraints.len() < MAX_CONSTRAINTS => {
            constraints.push(ConstraintRow {
                kind,
                expression: String::new(),
            });
        }
        StepEdit::RemoveConstraint(i) if i < constraints.len() => {
            constraints.remove(i);
        }
        StepEdit::Expression(i, text) => {
            if let Some(c) = constraints.get_mut(i) {
                c.expression = text;
            }
        }
        _ => {}
    }
}

fn apply_preset(run: &mut RunTaskSpec, preset: StrategyPreset) {
    let Some(strategies) = preset.strategies() else {
        return;
    };
    run.strategies = strategies;
    run.constraints
        .retain(|c| c.kind != ConstraintKind::DistinctInstance);
    if preset == StrategyPreset::OneTaskPerHost {
        run.constraints.insert(
            0,
            ConstraintRow {
                kind: ConstraintKind::DistinctInstance,
                expression: String::new(),
            },
        );
    }
}

impl StepSpec {
    /// The step's action name.
    pub fn action(&self) -> &'static str {
        match self {
            StepSpec::RunTask(_) => "RunTask",
            StepSpec::StartTask(_) => "StartTask",
            StepSpec::StopTask { .. } => "StopTask",
            StepSpec::UpdateState { .. } => "UpdateContainerInstancesState",
            StepSpec::AdvanceTime { .. } => "AdvanceTime",
        }
    }

    /// The task definition it launches, if it launches tasks.
    pub fn task_definition(&self) -> Option<TdRef> {
        match self {
            StepSpec::RunTask(r) => Some(r.task_definition),
            StepSpec::StartTask(s) => Some(s.task_definition),
            _ => None,
        }
    }

    /// Applies an edit; returns whether anything changed.
    pub fn edit(&mut self, edit: StepEdit) -> bool {
        let before = self.clone();
        match (&mut *self, edit) {
            (StepSpec::RunTask(r), StepEdit::TaskDefinition(t)) => r.task_definition = t,
            (StepSpec::StartTask(s), StepEdit::TaskDefinition(t)) => s.task_definition = t,
            (StepSpec::RunTask(r), StepEdit::Count(n)) => r.count = n,
            (StepSpec::RunTask(r), StepEdit::LaunchType(l)) => r.launch_type = l,
            (StepSpec::RunTask(r), StepEdit::Group(g)) => r.group = g,
            (StepSpec::StartTask(s), StepEdit::Group(g)) => s.group = g,
            (StepSpec::RunTask(r), StepEdit::Preset(p)) => apply_preset(r, p),
            (
                StepSpec::RunTask(r),
                e @ (StepEdit::AddStrategy
                | StepEdit::RemoveStrategy(_)
                | StepEdit::RaiseStrategy(_)
                | StepEdit::StrategyKind(..)
                | StepEdit::StrategyField(..)),
            ) => edit_strategies(&mut r.strategies, e),
            (
                StepSpec::RunTask(r),
                e @ (StepEdit::AddConstraint(_)
                | StepEdit::RemoveConstraint(_)
                | StepEdit::Expression(..)),
            ) => edit_constraints(&mut r.constraints, e),
            (StepSpec::RunTask(r), StepEdit::Zone { zone, on, all }) => {
                edit_zones(&mut r.zones, &zone, on, &all)
            }
            (StepSpec::StartTask(s), StepEdit::Zone { zone, on, all }) => {
                edit_zones(&mut s.zones, &zone, on, &all)
            }
            (StepSpec::StartTask(s), StepEdit::Instance(id, on)) => {
                toggle(&mut s.instances, &id, on, MAX_NAMED_INSTANCES)
            }
            (StepSpec::UpdateState { instances, .. }, StepEdit::Instance(id, on)) => {
                toggle(instances, &id, on, MAX_NAMED_INSTANCES)
            }
            (StepSpec::UpdateState { draining, .. }, StepEdit::Draining(d)) => *draining = d,
            (StepSpec::StopTask { task }, StepEdit::Task(t)) => *task = t,
            (StepSpec::AdvanceTime { seconds }, StepEdit::Seconds(s)) => *seconds = s,
            _ => {}
        }
        *self != before
    }

    /// The step as the scenario writes it. `resolve` names a task definition (`web:1`);
    /// `subnet` gives a zone's subnet id; `awsvpc` says whether a task definition needs a
    /// network configuration; `zones` are the fleet's zones.
    pub fn to_json(&self, ctx: &StepContext<'_>) -> Value {
        let mut out = Map::new();
        out.insert("action".into(), json!(self.action()));
        match self {
            StepSpec::RunTask(r) => {
                out.insert(
                    "taskDefinition".into(),
                    json!((ctx.resolve)(r.task_definition)),
                );
                out.insert("count".into(), json!(r.count));
                out.insert("launchType".into(), json!(r.launch_type.as_str()));
                if !r.group.trim().is_empty() {
                    out.insert("group".into(), json!(r.group.trim()));
                }
                if !r.strategies.is_empty() {
                    out.insert(
                        "placementStrategy".into(),
                        r.strategies.iter().map(StrategyRow::to_json).collect(),
                    );
                }
                if !r.constraints.is_empty() {
                    out.insert(
                        "placementConstraints".into(),
                        r.constraints.iter().map(ConstraintRow::to_json).collect(),
                    );
                }
                if (ctx.awsvpc)(r.task_definition) || r.launch_type == LaunchType::Fargate {
                    out.insert(
                        "networkConfiguration".into(),
                        ctx.network(r.zones.as_deref()),
                    );
                }
            }
            StepSpec::StartTask(s) => {
                out.insert(
                    "taskDefinition".into(),
                    json!((ctx.resolve)(s.task_definition)),
                );
                out.insert("containerInstances".into(), json!(s.instances));
                if !s.group.trim().is_empty() {
                    out.insert("group".into(), json!(s.group.trim()));
                }
                if (ctx.awsvpc)(s.task_definition) {
                    out.insert(
                        "networkConfiguration".into(),
                        ctx.network(s.zones.as_deref()),
                    );
                }
            }
            StepSpec::StopTask { task } => {
                let task = if task.is_empty() { "t-0001" } else { task };
                out.insert("task".into(), json!(task));
            }
            StepSpec::UpdateState {
                instances,
                draining,
            } => {
                out.insert("containerInstances".into(), json!(instances));
                out.insert(
                    "status".into(),
                    json!(if *draining { "DRAINING" } else { "ACTIVE" }),
                );
            }
            StepSpec::AdvanceTime { seconds } => {
                out.insert("seconds".into(), json!(seconds));
            }
        }
        Value::Object(out)
    }
}

/// What turning a step into scenario JSON needs to know about the rest of the scenario.
pub struct StepContext<'a> {
    /// Names a task definition (`web:1`).
    pub resolve: &'a dyn Fn(TdRef) -> String,
    /// Whether a task definition uses the awsvpc network mode.
    pub awsvpc: &'a dyn Fn(TdRef) -> bool,
    /// The fleet's subnets: `(subnet id, zone)`.
    pub subnets: &'a [(String, String)],
}

impl StepContext<'_> {
    fn network(&self, zones: Option<&[String]>) -> Value {
        let subnets: Vec<&str> = self
            .subnets
            .iter()
            .filter(|(_, z)| zones.is_none_or(|list| list.contains(z)))
            .map(|(s, _)| s.as_str())
            .collect();
        json!({"awsvpcConfiguration": {"subnets": subnets}})
    }
}

/// A cluster query expression's error, cut where it happened for the inline marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpressionError {
    /// The text before the offending part.
    pub before: String,
    /// The offending part (empty at the end of the text).
    pub bad: String,
    /// The text after it.
    pub after: String,
    /// What is wrong.
    pub message: String,
    /// The 1-based character where it starts.
    pub column: usize,
}

/// Checks a memberOf expression as ECS would; `None` when it parses.
pub fn check_expression(text: &str) -> Option<ExpressionError> {
    let e = match ecsplay_core::placement::query::Expression::parse(text) {
        Ok(_) => return None,
        Err(e) => e,
    };
    let boundary = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (boundary(e.start), boundary(e.end.max(e.start)));
    Some(ExpressionError {
        before: text[..start].to_owned(),
        bad: text[start..end].to_owned(),
        after: text[end..].to_owned(),
        message: e.message,
        column: text[..start].chars().count() + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> RunTaskSpec {
        RunTaskSpec::new(TdRef::Scenario(0))
    }

    fn ctx_json(step: &StepSpec, awsvpc: bool) -> Value {
        let subnets = vec![
            ("subnet-a".to_owned(), "us-east-1a".to_owned()),
            ("subnet-b".to_owned(), "us-east-1b".to_owned()),
        ];
        let resolve = |t: TdRef| format!("web:{}", t.key());
        let vpc = move |_: TdRef| awsvpc;
        step.to_json(&StepContext {
            resolve: &resolve,
            awsvpc: &vpc,
            subnets: &subnets,
        })
    }

    #[test]
    fn presets_are_the_console_templates_and_are_recognised() {
        for preset in StrategyPreset::ALL {
            let mut r = run();
            r.constraints.push(ConstraintRow {
                kind: ConstraintKind::MemberOf,
                expression: "attribute:stack == prod".into(),
            });
            let mut step = StepSpec::RunTask(r);
            step.edit(StepEdit::Preset(preset));
            let StepSpec::RunTask(r) = &step else {
                unreachable!()
            };
            if preset != StrategyPreset::Custom {
                assert_eq!(
                    StrategyPreset::detect(&r.strategies, &r.constraints),
                    preset,
                    "{}",
                    preset.id()
                );
            }
            assert!(
                r.constraints
                    .iter()
                    .any(|c| c.kind == ConstraintKind::MemberOf),
                "a preset keeps memberOf constraints"
            );
            assert_eq!(StrategyPreset::parse(preset.id()), Some(preset));
        }
        let v = {
            let mut step = StepSpec::RunTask(run());
            step.edit(StepEdit::Preset(StrategyPreset::AzBalancedBinpack));
            ctx_json(&step, false)
        };
        assert_eq!(
            v["placementStrategy"],
            json!([{"type": "spread", "field": "attribute:ecs.availability-zone"},
                   {"type": "binpack", "field": "memory"}])
        );
        let mut step = StepSpec::RunTask(run());
        step.edit(StepEdit::Preset(StrategyPreset::OneTaskPerHost));
        assert_eq!(
            ctx_json(&step, false)["placementConstraints"],
            json!([{"type": "distinctInstance"}])
        );
        step.edit(StepEdit::Preset(StrategyPreset::Binpack));
        assert!(ctx_json(&step, false).get("placementConstraints").is_none());
    }

    #[test]
    fn custom_strategies_stop_at_five_and_reorder() {
        let mut step = StepSpec::RunTask(run());
        for _ in 0..7 {
            step.edit(StepEdit::AddStrategy);
        }
        let StepSpec::RunTask(r) = &step else {
            unreachable!()
        };
        assert_eq!(r.strategies.len(), MAX_STRATEGIES);
        assert_eq!(r.strategies[0].kind, StrategyKind::Spread);
        assert_eq!(r.strategies[1].kind, StrategyKind::Binpack);
        assert!(step.edit(StepEdit::RaiseStrategy(1)));
        assert!(!step.edit(StepEdit::RaiseStrategy(0)));
        step.edit(StepEdit::StrategyKind(0, StrategyKind::Random));
        let StepSpec::RunTask(r) = &step else {
            unreachable!()
        };
        assert_eq!(r.strategies[0].to_json(), json!({"type": "random"}));
        assert_eq!(
            StrategyPreset::detect(&r.strategies, &r.constraints),
            StrategyPreset::Custom
        );
    }

    #[test]
    fn run_task_json_has_the_api_shape() {
        let mut r = run();
        r.count = 11;
        r.group = " batch ".into();
        let v = ctx_json(&StepSpec::RunTask(r.clone()), false);
        assert_eq!(
            v,
            json!({"action": "RunTask", "taskDefinition": "web:s0", "count": 11,
                   "launchType": "EC2", "group": "batch"})
        );
        // awsvpc task definitions get the subnets of the chosen zones.
        let mut step = StepSpec::RunTask(r);
        let all = vec!["us-east-1a".to_owned(), "us-east-1b".to_owned()];
        assert_eq!(
            ctx_json(&step, true)["networkConfiguration"],
            json!({"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"]}})
        );
        step.edit(StepEdit::Zone {
            zone: "us-east-1a".into(),
            on: false,
            all: all.clone(),
        });
        assert_eq!(
            ctx_json(&step, true)["networkConfiguration"]["awsvpcConfiguration"]["subnets"],
            json!(["subnet-b"])
        );
        step.edit(StepEdit::Zone {
            zone: "us-east-1a".into(),
            on: true,
            all,
        });
        let StepSpec::RunTask(r) = &step else {
            unreachable!()
        };
        assert_eq!(r.zones, None, "every zone again is the default");
    }

    #[test]
    fn other_steps_json() {
        let mut start = StepSpec::StartTask(StartTaskSpec {
            task_definition: TdRef::Editor(0),
            instances: Vec::new(),
            group: String::new(),
            zones: None,
        });
        for i in 0..12 {
            start.edit(StepEdit::Instance(format!("i-{i}"), true));
        }
        let v = ctx_json(&start, false);
        assert_eq!(v["containerInstances"].as_array().unwrap().len(), 10);
        assert_eq!(v["taskDefinition"], "web:e0");
        let mut drain = StepSpec::UpdateState {
            instances: vec!["i-a1".into()],
            draining: true,
        };
        assert_eq!(
            ctx_json(&drain, false),
            json!({"action": "UpdateContainerInstancesState", "containerInstances": ["i-a1"], "status": "DRAINING"})
        );
        assert!(drain.edit(StepEdit::Draining(false)));
        assert!(
            !drain.edit(StepEdit::Count(3)),
            "edits of another kind are ignored"
        );
        assert_eq!(
            ctx_json(
                &StepSpec::StopTask {
                    task: "t-0002".into()
                },
                false
            ),
            json!({"action": "StopTask", "task": "t-0002"})
        );
        assert_eq!(
            ctx_json(&StepSpec::AdvanceTime { seconds: 60 }, false),
            json!({"action": "AdvanceTime", "seconds": 60})
        );
    }

    #[test]
    fn expression_errors_point_at_the_character() {
        assert_eq!(check_expression("attribute:stack == prod"), None);
        let e = check_expression("attribute:stack == ").unwrap();
        assert_eq!(e.column, 20);
        assert_eq!(e.before, "attribute:stack == ");
        assert_eq!(e.bad, "");
        let e = check_expression("attribute:é == x and (").unwrap();
        assert_eq!(
            format!("{}{}{}", e.before, e.bad, e.after),
            "attribute:é == x and ("
        );
        assert_eq!(e.column, e.before.chars().count() + 1);
        let e = check_expression("agentConnected > 1").unwrap();
        assert!(!e.bad.is_empty(), "{e:?}");
    }

    #[test]
    fn task_definition_refs_round_trip() {
        for r in [TdRef::Scenario(0), TdRef::Editor(3)] {
            assert_eq!(TdRef::parse(&r.key()), Some(r));
        }
        assert_eq!(TdRef::parse("x1"), None);
        assert_eq!(TdRef::parse(""), None);
        assert_eq!(TdRef::parse("s"), None);
    }
}
