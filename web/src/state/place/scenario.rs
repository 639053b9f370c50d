//! From the view's state to a scenario document (`schemas/scenario.schema.json`) and back, and
//! running it: the task definitions (the scenario's own, then the Lint view's document), the
//! fleet, the steps; the sample scenario read into the same state.

use super::fleet::{FleetSpec, InstanceSpec, CLUSTER, REGION};
use super::steps::{
    ConstraintKind, ConstraintRow, LaunchType, RunTaskSpec, StartTaskSpec, StepContext, StepSpec,
    StrategyKind, StrategyRow, TdRef,
};
use crate::clock;
use ecsplay_core::forms::{recognize, Scope};
use ecsplay_core::model::task::TaskDefinition;
use ecsplay_core::sim::{self, FinalState, ScenarioError, SimOptions, SimResult};
use serde_json::{json, Map, Value};
use std::rc::Rc;

/// Where a task definition comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TdSource {
    /// The scenario's own list.
    Scenario,
    /// The Lint view's document.
    Editor,
}

/// A task definition as the scenario registers it.
#[derive(Clone, Debug, PartialEq)]
pub struct TdEntry {
    /// Which list it is in, and where.
    pub reference: TdRef,
    /// The RegisterTaskDefinition body.
    pub body: Rc<Value>,
    /// Its family.
    pub family: String,
    /// The revision registering it makes (families registered twice get 1, 2, ...).
    pub revision: usize,
    /// What it needs, in one line (`cpu 512, memory 1024 MiB, bridge, ports 80`).
    pub summary: String,
    /// Whether it uses the awsvpc network mode.
    pub awsvpc: bool,
}

impl TdEntry {
    /// `family:revision`.
    pub fn name(&self) -> String {
        format!("{}:{}", self.family, self.revision)
    }

    /// Where it comes from.
    pub fn source(&self) -> TdSource {
        match self.reference {
            TdRef::Scenario(_) => TdSource::Scenario,
            TdRef::Editor(_) => TdSource::Editor,
        }
    }

    /// `web:1 (scenario)` / `web:2 (Lint view)`.
    pub fn label(&self) -> String {
        match self.source() {
            TdSource::Scenario => format!("{} (scenario)", self.name()),
            TdSource::Editor => format!("{} (Lint view)", self.name()),
        }
    }
}

fn summarize(body: &Value) -> (String, bool) {
    let td = TaskDefinition::from_json(body);
    let mut parts = vec![
        format!("cpu {}", td.cpu_demand()),
        format!("memory {} MiB", td.memory_demand()),
        td.effective_network_mode().to_owned(),
    ];
    let (tcp, udp) = td.static_host_ports();
    if !tcp.is_empty() || !udp.is_empty() {
        let ports: Vec<String> = tcp
            .iter()
            .map(|p| p.to_string())
            .chain(udp.iter().map(|p| format!("{p}/udp")))
            .collect();
        parts.push(format!("host ports {}", ports.join(", ")));
    }
    if td.gpu_demand() > 0 {
        parts.push(format!("{} GPU", td.gpu_demand()));
    }
    if let Some(arch) = &td.cpu_architecture {
        parts.push(arch.to_ascii_lowercase());
    }
    if !td.requires_compatibilities.is_empty() {
        parts.push(td.requires_compatibilities.join("/"));
    }
    (parts.join(", "), td.is_awsvpc())
}

/// Every task definition of the scenario, in registration order: the scenario's own, then the
/// Lint view's.
pub fn catalog(own: &[Rc<Value>], editor: &[Rc<Value>]) -> Vec<TdEntry> {
    let mut out: Vec<TdEntry> = Vec::new();
    let lists = [
        (own, TdRef::Scenario as fn(usize) -> TdRef),
        (editor, TdRef::Editor as fn(usize) -> TdRef),
    ];
    for (list, make) in lists {
        for (i, body) in list.iter().enumerate() {
            let family = body
                .get("family")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let revision = out.iter().filter(|e| e.family == family).count() + 1;
            let (summary, awsvpc) = summarize(body);
            out.push(TdEntry {
                reference: make(i),
                body: body.clone(),
                family,
                revision,
                summary,
                awsvpc,
            });
        }
    }
    out
}

/// The task definitions of the Lint view's document that a scenario can register, and why the
/// others cannot be.
pub fn editor_task_definitions(text: &str) -> (Vec<Rc<Value>>, Vec<String>) {
    let Ok(doc) = ecsplay_core::source::parse(text) else {
        return (
            Vec::new(),
            vec!["the Lint view's document does not parse, so it is not registered".to_owned()],
        );
    };
    let Some(found) = recognize(&doc) else {
        return (
            Vec::new(),
            vec!["the Lint view's document is not a task definition".to_owned()],
        );
    };
    let mut defs = Vec::new();
    let mut notes = Vec::new();
    for td in &found.task_definitions {
        let mut body = match td.scope {
            Scope::Task => td.root.to_json(),
            Scope::ContainersOnly => json!({"containerDefinitions": td.root.to_json()}),
        };
        let Some(map) = body.as_object_mut() else {
            continue;
        };
        let family_ok = map
            .get("family")
            .and_then(Value::as_str)
            .is_some_and(|f| !f.is_empty());
        if !family_ok {
            match (&td.logical_id, td.scope) {
                (Some(id), _) => {
                    map.insert("family".into(), json!(id));
                }
                (None, Scope::ContainersOnly) => {
                    map.insert("family".into(), json!("container-definitions"));
                }
                (None, Scope::Task) => {
                    notes.push(
                        "the Lint view's task definition has no family, so it is not registered"
                            .to_owned(),
                    );
                    continue;
                }
            }
        }
        let containers_ok = map
            .get("containerDefinitions")
            .and_then(Value::as_array)
            .is_some_and(|c| c.iter().all(Value::is_object));
        if !containers_ok {
            notes.push(format!(
                "{} has no list of container definitions, so it is not registered",
                map.get("family")
                    .and_then(Value::as_str)
                    .unwrap_or("the task definition")
            ));
            continue;
        }
        defs.push(Rc::new(body));
    }
    (defs, notes)
}

/// Everything a scenario is made of.
pub struct Parts<'a> {
    /// The seed.
    pub seed: u64,
    /// The fleet.
    pub fleet: &'a FleetSpec,
    /// The task definitions, in registration order.
    pub catalog: &'a [TdEntry],
    /// The steps.
    pub steps: &'a [StepSpec],
}

/// The name a step writes for a task definition that is not there (ECS answers
/// `TaskDefinition not found.`).
pub const MISSING_TD: &str = "missing-task-definition";

/// The scenario document.
pub fn build(parts: &Parts<'_>) -> Value {
    let find = |r: TdRef| parts.catalog.iter().find(|e| e.reference == r);
    let resolve = |r: TdRef| find(r).map_or_else(|| MISSING_TD.to_owned(), TdEntry::name);
    let awsvpc = |r: TdRef| find(r).is_some_and(|e| e.awsvpc);
    let subnets = parts.fleet.subnets();
    let ctx = StepContext {
        resolve: &resolve,
        awsvpc: &awsvpc,
        subnets: &subnets,
    };
    let mut cluster = Map::new();
    cluster.insert("name".into(), json!(CLUSTER));
    cluster.insert("region".into(), json!(REGION));
    if parts.fleet.trunking {
        cluster.insert("accountSettings".into(), json!({"awsvpcTrunking": true}));
    }
    cluster.insert(
        "subnets".into(),
        subnets
            .iter()
            .map(|(s, z)| json!({"subnetId": s, "availabilityZone": z}))
            .collect(),
    );
    cluster.insert(
        "instances".into(),
        parts
            .fleet
            .instances
            .iter()
            .map(InstanceSpec::to_json)
            .collect(),
    );
    json!({
        "seed": parts.seed,
        "cluster": cluster,
        "taskDefinitions": parts.catalog.iter().map(|e| (*e.body).clone()).collect::<Vec<_>>(),
        "steps": parts.steps.iter().map(|s| s.to_json(&ctx)).collect::<Vec<_>>(),
    })
}

/// A scenario read into the view's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The seed.
    pub seed: u64,
    /// The fleet.
    pub fleet: FleetSpec,
    /// The task definitions (as the scenario's own).
    pub task_definitions: Vec<Rc<Value>>,
    /// The steps the view can edit (others are left out).
    pub steps: Vec<StepSpec>,
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a scenario document: the sample, or one the view wrote.
pub fn import(doc: &Value) -> Imported {
    let cluster = doc.get("cluster");
    let instances = cluster
        .and_then(|c| c.get("instances"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(InstanceSpec::from_json).collect())
        .unwrap_or_default();
    let trunking = cluster
        .and_then(|c| c.pointer("/accountSettings/awsvpcTrunking"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let subnet_zone: Vec<(String, String)> = cluster
        .and_then(|c| c.get("subnets"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| {
                    Some((
                        s.get("subnetId")?.as_str()?.to_owned(),
                        s.get("availabilityZone")?.as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let task_definitions: Vec<Rc<Value>> = doc
        .get("taskDefinitions")
        .and_then(Value::as_array)
        .map(|a| a.iter().cloned().map(Rc::new).collect())
        .unwrap_or_default();
    let own: Vec<TdEntry> = catalog(&task_definitions, &[]);
    let td_ref = |name: &str| {
        let (family, revision) = match name.rsplit_once(':') {
            Some((f, r)) => (f, r.parse::<usize>().ok()),
            None => (name, None),
        };
        own.iter()
            .rev()
            .find(|e| e.family == family && revision.is_none_or(|r| r == e.revision))
            .map_or(TdRef::Scenario(0), |e| e.reference)
    };
    let zones = |step: &Value| {
        step.pointer("/networkConfiguration/awsvpcConfiguration/subnets")
            .map(|s| {
                let mut z: Vec<String> = strings(Some(s))
                    .iter()
                    .filter_map(|id| subnet_zone.iter().find(|(s, _)| s == id))
                    .map(|(_, z)| z.clone())
                    .collect();
                z.sort();
                z
            })
            .filter(|z| {
                let mut all: Vec<String> = subnet_zone.iter().map(|(_, z)| z.clone()).collect();
                all.sort();
                z != &all
            })
    };
    let text = |step: &Value, k: &str| {
        step.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let steps = doc
        .get("steps")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|step| {
                    Some(match step.get("action")?.as_str()? {
                        "RunTask" => StepSpec::RunTask(RunTaskSpec {
                            task_definition: td_ref(&text(step, "taskDefinition")),
                            count: step.get("count").and_then(Value::as_i64).unwrap_or(1),
                            launch_type: LaunchType::parse(&text(step, "launchType"))
                                .unwrap_or_default(),
                            group: text(step, "group"),
                            strategies: step
                                .get("placementStrategy")
                                .and_then(Value::as_array)
                                .map(|a| {
                                    a.iter()
                                        .filter_map(|s| {
                                            Some(StrategyRow::new(
                                                StrategyKind::parse(s.get("type")?.as_str()?)?,
                                                s.get("field")
                                                    .and_then(Value::as_str)
                                                    .unwrap_or(""),
                                            ))
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                            constraints: step
                                .get("placementConstraints")
                                .and_then(Value::as_array)
                                .map(|a| {
                                    a.iter()
                                        .filter_map(|c| {
                                            Some(ConstraintRow {
                                                kind: ConstraintKind::parse(
                                                    c.get("type")?.as_str()?,
                                                )?,
                                                expression: text(c, "expression"),
                                            })
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                            zones: zones(step),
                        }),
                        "StartTask" => StepSpec::StartTask(StartTaskSpec {
                            task_definition: td_ref(&text(step, "taskDefinition")),
                            instances: strings(step.get("containerInstances")),
                            group: text(step, "group"),
                            zones: zones(step),
                        }),
                        "StopTask" => StepSpec::StopTask {
                            task: text(step, "task"),
                        },
                        "UpdateContainerInstancesState" => StepSpec::UpdateState {
                            instances: strings(step.get("containerInstances")),
                            draining: text(step, "status") == "DRAINING",
                        },
                        "AdvanceTime" => StepSpec::AdvanceTime {
                            seconds: step.get("seconds").and_then(Value::as_i64).unwrap_or(0),
                        },
                        _ => return None,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Imported {
        seed: doc.get("seed").and_then(Value::as_u64).unwrap_or(0),
        fleet: FleetSpec {
            instances,
            trunking,
        },
        task_definitions,
        steps,
    }
}

/// One run of the simulator over the scenario.
#[derive(Debug)]
pub struct Run {
    /// The scenario document that was run.
    pub scenario: Value,
    /// The result, or why the scenario cannot run.
    pub result: Result<SimResult, Vec<ScenarioError>>,
    /// The cluster before the first step.
    pub start: Option<FinalState>,
    /// How long the simulation took, in milliseconds.
    pub sim_ms: f64,
}

impl Run {
    /// A run of nothing (before the first).
    pub fn empty() -> Rc<Run> {
        Rc::new(Run {
            scenario: Value::Null,
            result: Err(Vec::new()),
            start: None,
            sim_ms: 0.0,
        })
    }

    /// Runs a scenario with explanations and per-step snapshots.
    pub fn of(scenario: Value) -> Rc<Run> {
        let started = clock::now_ms();
        let text = scenario.to_string();
        let options = SimOptions {
            seed: None,
            explain: true,
            snapshots: true,
        };
        let result = sim::simulate(&text, &options);
        let mut empty = scenario.clone();
        empty["steps"] = json!([]);
        let start = sim::simulate(&empty.to_string(), &SimOptions::default())
            .ok()
            .map(|r| r.final_state);
        let sim_ms = clock::now_ms() - started;
        Rc::new(Run {
            scenario,
            result,
            start,
            sim_ms,
        })
    }

    /// The result, when the scenario ran.
    pub fn ok(&self) -> Option<&SimResult> {
        self.result.as_ref().ok()
    }

    /// The cluster after `step` steps (0: before the first).
    pub fn state_at(&self, step: usize) -> Option<&FinalState> {
        match step {
            0 => self.start.as_ref(),
            n => self.ok()?.steps.get(n - 1)?.state.as_ref(),
        }
    }

    /// The scenario as a file (what `ecsplay place` reads).
    pub fn scenario_text(&self) -> String {
        serde_json::to_string_pretty(&self.scenario).unwrap_or_default() + "\n"
    }

    /// The result as `ecsplay place --format json` prints it, or the scenario's problems.
    pub fn result_text(&self) -> String {
        let plain = sim::simulate(&self.scenario.to_string(), &SimOptions::default());
        let doc = match &plain {
            Ok(r) => serde_json::to_value(r).unwrap_or_default(),
            Err(errors) => json!({"errors": errors}),
        };
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::SAMPLE_SCENARIO;

    fn sample() -> Value {
        serde_json::from_str(SAMPLE_SCENARIO).unwrap()
    }

    #[test]
    fn the_sample_imports_and_builds_back_into_the_same_run() {
        let imported = import(&sample());
        assert_eq!(imported.fleet.instances.len(), 4);
        assert_eq!(imported.steps.len(), 1);
        let cat = catalog(&imported.task_definitions, &[]);
        let doc = build(&Parts {
            seed: imported.seed,
            fleet: &imported.fleet,
            catalog: &cat,
            steps: &imported.steps,
        });
        let ours = sim::simulate(&doc.to_string(), &SimOptions::default()).unwrap();
        let theirs = sim::simulate(SAMPLE_SCENARIO, &SimOptions::default()).unwrap();
        assert_eq!(ours, theirs);
        assert_eq!(
            import(&doc),
            imported,
            "what the view writes, it reads back"
        );
    }

    #[test]
    fn revisions_count_per_family_in_registration_order() {
        let own = vec![Rc::new(
            json!({"family": "web", "containerDefinitions": []}),
        )];
        let editor = vec![Rc::new(json!({"family": "web", "containerDefinitions": [],
                                         "networkMode": "awsvpc"}))];
        let cat = catalog(&own, &editor);
        assert_eq!(cat[0].name(), "web:1");
        assert_eq!(cat[1].name(), "web:2");
        assert_eq!(cat[1].label(), "web:2 (Lint view)");
        assert!(cat[1].awsvpc && !cat[0].awsvpc);
        assert!(cat[1].summary.contains("awsvpc"), "{}", cat[1].summary);
    }

    #[test]
    fn the_lint_document_gives_its_task_definitions() {
        let (defs, notes) = editor_task_definitions(crate::examples::default_example().text);
        assert_eq!(defs.len(), 1);
        assert!(notes.is_empty());
        assert_eq!(defs[0]["family"], "web");
        let (defs, _) =
            editor_task_definitions(crate::examples::find("cloudformation").unwrap().text);
        assert_eq!(defs.len(), 1, "a CloudFormation template's task definition");
        assert!(defs[0]["family"].is_string());
        let (defs, _) = editor_task_definitions(
            crate::examples::find("terraform-container-definitions")
                .unwrap()
                .text,
        );
        assert_eq!(defs[0]["family"], "container-definitions");
        let (defs, notes) = editor_task_definitions("{");
        assert!(defs.is_empty() && notes[0].contains("does not parse"));
        let (defs, notes) = editor_task_definitions(r#"{"cpu": "256"}"#);
        assert!(
            defs.is_empty() && notes[0].contains("no family"),
            "{notes:?}"
        );
        let (defs, notes) =
            editor_task_definitions(r#"{"family": "x", "containerDefinitions": 3}"#);
        assert!(defs.is_empty() && notes[0].contains("container definitions"));
    }

    #[test]
    fn every_gallery_example_builds_a_valid_scenario() {
        let imported = import(&sample());
        for example in crate::examples::EXAMPLES {
            let (editor, _) = editor_task_definitions(example.text);
            let cat = catalog(&imported.task_definitions, &editor);
            let mut steps = imported.steps.clone();
            if !editor.is_empty() {
                let mut run = RunTaskSpec::new(TdRef::Editor(0));
                run.count = 2;
                steps.push(StepSpec::RunTask(run));
            }
            let doc = build(&Parts {
                seed: 1,
                fleet: &imported.fleet,
                catalog: &cat,
                steps: &steps,
            });
            let run = Run::of(doc);
            assert!(
                run.result.is_ok(),
                "{}: {:?}",
                example.id,
                run.result.as_ref().err()
            );
        }
    }

    #[test]
    fn what_the_view_builds_validates_against_the_scenario_schema() {
        use crate::state::place::fleet::{FleetPreset, InstanceEdit};
        use crate::state::place::steps::{ConstraintKind, StepEdit, StepKind, StrategyPreset};
        use crate::state::place::PlaceAction;
        let schema: Value =
            serde_json::from_str(include_str!("../../../../schemas/scenario.schema.json")).unwrap();
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        let mut s = crate::state::place::fixtures::state();
        s.apply(PlaceAction::Preset(FleetPreset::MixedSpot));
        s.apply(PlaceAction::Trunking(true));
        s.apply(PlaceAction::EditInstance(
            0,
            InstanceEdit::AgentConnected(false),
        ));
        s.apply(PlaceAction::EditInstance(1, InstanceEdit::Draining(true)));
        s.apply(PlaceAction::EditInstance(2, InstanceEdit::AddAttribute));
        for kind in StepKind::ALL {
            s.apply(PlaceAction::AddStep(kind));
        }
        for (i, preset) in StrategyPreset::ALL.into_iter().enumerate() {
            s.apply(PlaceAction::DuplicateStep(0));
            s.apply(PlaceAction::EditStep(i + 1, StepEdit::Preset(preset)));
        }
        s.apply(PlaceAction::EditStep(
            0,
            StepEdit::AddConstraint(ConstraintKind::MemberOf),
        ));
        s.apply(PlaceAction::EditStep(0, StepEdit::Group("batch".into())));
        s.apply(PlaceAction::EditStep(0, StepEdit::Count(0)));
        s.apply(PlaceAction::Run);
        let doc = &s.run.scenario;
        let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}\n{doc:#}");
        let result = s.run.ok().expect("it runs");
        assert_eq!(result.steps.len(), s.steps.len());
        assert!(
            result.steps[0].error.is_some(),
            "count 0 is ECS's error, not a schema violation"
        );
        assert_eq!(doc["cluster"]["accountSettings"]["awsvpcTrunking"], true);
    }

    #[test]
    fn a_missing_task_definition_is_ecs_s_client_error() {
        let imported = import(&sample());
        let cat = catalog(&imported.task_definitions, &[]);
        let mut steps = imported.steps.clone();
        if let StepSpec::RunTask(r) = &mut steps[0] {
            r.task_definition = TdRef::Editor(0);
        }
        let run = Run::of(build(&Parts {
            seed: 1,
            fleet: &imported.fleet,
            catalog: &cat,
            steps: &steps,
        }));
        let step = &run.ok().unwrap().steps[0];
        assert_eq!(
            step.error.as_ref().unwrap().message,
            "TaskDefinition not found."
        );
        assert!(run.state_at(0).unwrap().tasks.is_empty());
        assert!(run.state_at(1).is_some());
        assert!(run.state_at(2).is_none());
        assert!(run.result_text().contains("\"steps\""));
    }
}
