//! The placement view's member of a permalink (`place` in the `#v1:` JSON, see `share.rs`): the
//! fleet, the scenario's task definitions, the steps, the seed and what is selected, each left
//! out when it is the sample's. `v` numbers this member's format; a reader takes what it knows
//! and ignores the rest, so a link from a newer playground still opens.

use super::fleet::{FleetSpec, InstanceSpec, MAX_INSTANCES};
use super::steps::{
    ConstraintKind, ConstraintRow, LaunchType, RunTaskSpec, StartTaskSpec, StepSpec, StrategyKind,
    StrategyRow, TdRef,
};
use super::{ColorBy, PlaceSnapshot, Selection, MAX_STEPS};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::rc::Rc;

/// The format of the `place` member this playground writes.
pub const VERSION: u32 = 1;

fn is_false(b: &bool) -> bool {
    !*b
}

/// An instance in a link.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct InstanceWire {
    /// The id.
    pub id: String,
    /// The instance type.
    #[serde(rename = "type")]
    pub instance_type: String,
    /// The zone.
    pub az: String,
    /// Spot.
    #[serde(default, skip_serializing_if = "is_false")]
    pub spot: bool,
    /// Custom attributes, `[name, value]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<(String, String)>,
    /// The agent is disconnected.
    #[serde(default, skip_serializing_if = "is_false")]
    pub disconnected: bool,
    /// Registered DRAINING.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draining: bool,
}

/// The fleet in a link.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct FleetWire {
    /// The instances.
    #[serde(default)]
    pub instances: Vec<InstanceWire>,
    /// The awsvpcTrunking account setting.
    #[serde(default, skip_serializing_if = "is_false")]
    pub trunking: bool,
}

/// A step in a link: the members of its kind are set.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepWire {
    /// The API action.
    pub action: String,
    /// The task definition (`s0`: the scenario's first; `e0`: the Lint view's first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub td: Option<String>,
    /// RunTask count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// RunTask launch type, when FARGATE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_type: Option<String>,
    /// The task group, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Strategies, `[type, field]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<(String, String)>,
    /// Constraints, `[type, expression]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<(String, String)>,
    /// The awsvpc zones, when not every zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones: Option<Vec<String>>,
    /// Named instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<Vec<String>>,
    /// The task to stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// DRAINING (true) or ACTIVE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draining: Option<bool>,
    /// AdvanceTime seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<i64>,
}

/// The `place` member of a link.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaceWire {
    /// The format ([`VERSION`]).
    #[serde(default)]
    pub v: u32,
    /// The fleet, when not the sample's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fleet: Option<FleetWire>,
    /// The scenario's task definitions, when not the sample's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_definitions: Option<Vec<Value>>,
    /// The steps, when not the sample's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<StepWire>>,
    /// The seed, when not the sample's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The selected step, when not the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<usize>,
    /// The selected task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// The selected unplaced task, `[step, index]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unplaced: Option<(usize, usize)>,
    /// `group` when tasks are coloured by group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color_by: Option<String>,
}

fn instance_to_wire(i: &InstanceSpec) -> InstanceWire {
    InstanceWire {
        id: i.id.clone(),
        instance_type: i.instance_type.clone(),
        az: i.zone.clone(),
        spot: i.spot,
        attributes: i.attributes.clone(),
        disconnected: !i.agent_connected,
        draining: i.draining,
    }
}

fn instance_from_wire(w: InstanceWire) -> InstanceSpec {
    InstanceSpec {
        id: w.id,
        instance_type: w.instance_type,
        zone: w.az,
        spot: w.spot,
        attributes: w.attributes,
        agent_connected: !w.disconnected,
        draining: w.draining,
    }
}

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fn step_to_wire(step: &StepSpec) -> StepWire {
    let mut w = StepWire {
        action: step.action().to_owned(),
        td: step.task_definition().map(TdRef::key),
        ..StepWire::default()
    };
    match step {
        StepSpec::RunTask(r) => {
            w.count = Some(r.count);
            w.launch_type =
                (r.launch_type != LaunchType::Ec2).then(|| r.launch_type.as_str().to_owned());
            w.group = text(&r.group);
            w.strategies = r
                .strategies
                .iter()
                .map(|s| (s.kind.as_str().to_owned(), s.field.clone()))
                .collect();
            w.constraints = r
                .constraints
                .iter()
                .map(|c| (c.kind.as_str().to_owned(), c.expression.clone()))
                .collect();
            w.zones = r.zones.clone();
        }
        StepSpec::StartTask(s) => {
            w.instances = Some(s.instances.clone());
            w.group = text(&s.group);
            w.zones = s.zones.clone();
        }
        StepSpec::StopTask { task } => w.task = Some(task.clone()),
        StepSpec::UpdateState {
            instances,
            draining,
        } => {
            w.instances = Some(instances.clone());
            w.draining = Some(*draining);
        }
        StepSpec::AdvanceTime { seconds } => w.seconds = Some(*seconds),
    }
    w
}

fn step_from_wire(w: StepWire) -> Option<StepSpec> {
    let td =
        w.td.as_deref()
            .and_then(TdRef::parse)
            .unwrap_or(TdRef::Scenario(0));
    Some(match w.action.as_str() {
        "RunTask" => StepSpec::RunTask(RunTaskSpec {
            task_definition: td,
            count: w.count.unwrap_or(1),
            launch_type: w
                .launch_type
                .as_deref()
                .and_then(LaunchType::parse)
                .unwrap_or_default(),
            group: w.group.unwrap_or_default(),
            strategies: w
                .strategies
                .iter()
                .filter_map(|(k, f)| Some(StrategyRow::new(StrategyKind::parse(k)?, f)))
                .take(super::steps::MAX_STRATEGIES)
                .collect(),
            constraints: w
                .constraints
                .into_iter()
                .filter_map(|(k, e)| {
                    Some(ConstraintRow {
                        kind: ConstraintKind::parse(&k)?,
                        expression: e,
                    })
                })
                .take(super::steps::MAX_CONSTRAINTS)
                .collect(),
            zones: w.zones,
        }),
        "StartTask" => StepSpec::StartTask(StartTaskSpec {
            task_definition: td,
            instances: w.instances.unwrap_or_default(),
            group: w.group.unwrap_or_default(),
            zones: w.zones,
        }),
        "StopTask" => StepSpec::StopTask {
            task: w.task.unwrap_or_default(),
        },
        "UpdateContainerInstancesState" => StepSpec::UpdateState {
            instances: w.instances.unwrap_or_default(),
            draining: w.draining.unwrap_or(true),
        },
        "AdvanceTime" => StepSpec::AdvanceTime {
            seconds: w.seconds.unwrap_or(0),
        },
        _ => return None,
    })
}

/// The `place` member for a snapshot; `None` when everything is the sample's.
pub fn to_wire(s: &PlaceSnapshot) -> Option<PlaceWire> {
    if *s == PlaceSnapshot::default() {
        return None;
    }
    let (task, unplaced) = match &s.selected {
        Some(Selection::Task(t)) => (Some(t.clone()), None),
        Some(Selection::Unplaced { step, index }) => (None, Some((*step, *index))),
        None => (None, None),
    };
    Some(PlaceWire {
        v: VERSION,
        fleet: s.fleet.as_ref().map(|f| FleetWire {
            instances: f.instances.iter().map(instance_to_wire).collect(),
            trunking: f.trunking,
        }),
        task_definitions: s
            .task_definitions
            .as_ref()
            .map(|l| l.iter().map(|v| (**v).clone()).collect()),
        steps: s
            .steps
            .as_ref()
            .map(|l| l.iter().map(step_to_wire).collect()),
        seed: s.seed,
        at: s.at,
        task,
        unplaced,
        color_by: (s.color_by != ColorBy::default()).then(|| s.color_by.as_str().to_owned()),
    })
}

/// The snapshot a `place` member describes (what it does not say is the sample's).
pub fn from_wire(w: PlaceWire) -> PlaceSnapshot {
    let selected = match (w.task, w.unplaced) {
        (Some(t), _) => Some(Selection::Task(t)),
        (None, Some((step, index))) => Some(Selection::Unplaced { step, index }),
        (None, None) => None,
    };
    PlaceSnapshot {
        fleet: w.fleet.map(|f| FleetSpec {
            instances: f
                .instances
                .into_iter()
                .take(MAX_INSTANCES)
                .map(instance_from_wire)
                .collect(),
            trunking: f.trunking,
        }),
        task_definitions: w.task_definitions.map(|l| {
            l.into_iter()
                .filter(Value::is_object)
                .map(Rc::new)
                .collect()
        }),
        steps: w.steps.map(|l| {
            l.into_iter()
                .filter_map(step_from_wire)
                .take(MAX_STEPS)
                .collect()
        }),
        seed: w.seed,
        at: w.at,
        selected,
        color_by: w
            .color_by
            .as_deref()
            .and_then(ColorBy::parse)
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fleet::FleetPreset;
    use super::super::steps::{StepEdit, StepKind, StrategyPreset};
    use super::super::{PlaceAction, PlaceState};
    use super::*;
    use crate::examples;

    fn round_trip(s: &PlaceSnapshot) -> PlaceSnapshot {
        let json = serde_json::to_string(&to_wire(s)).unwrap();
        from_wire(
            serde_json::from_str::<Option<PlaceWire>>(&json)
                .unwrap()
                .unwrap_or_default(),
        )
    }

    #[test]
    fn the_sample_needs_no_member() {
        assert!(to_wire(&PlaceSnapshot::default()).is_none());
        assert_eq!(from_wire(PlaceWire::default()), PlaceSnapshot::default());
    }

    #[test]
    fn an_edited_view_round_trips() {
        let mut s =
            PlaceState::from_snapshot(&PlaceSnapshot::default(), examples::default_example().text);
        s.apply(PlaceAction::Preset(FleetPreset::MixedSpot));
        s.apply(PlaceAction::Trunking(true));
        s.apply(PlaceAction::EditInstance(
            0,
            super::super::fleet::InstanceEdit::AgentConnected(false),
        ));
        s.apply(PlaceAction::EditInstance(
            1,
            super::super::fleet::InstanceEdit::Draining(true),
        ));
        for kind in StepKind::ALL {
            s.apply(PlaceAction::AddStep(kind));
        }
        s.apply(PlaceAction::EditStep(
            1,
            StepEdit::Preset(StrategyPreset::OneTaskPerHost),
        ));
        s.apply(PlaceAction::EditStep(
            1,
            StepEdit::AddConstraint(ConstraintKind::MemberOf),
        ));
        s.apply(PlaceAction::EditStep(
            1,
            StepEdit::Expression(1, "attribute:lifecycle == spot".into()),
        ));
        s.apply(PlaceAction::EditStep(
            1,
            StepEdit::LaunchType(LaunchType::Fargate),
        ));
        s.apply(PlaceAction::EditStep(1, StepEdit::Group("batch".into())));
        s.apply(PlaceAction::EditStep(
            1,
            StepEdit::Zone {
                zone: "us-east-1a".into(),
                on: false,
                all: s.fleet.zones(),
            },
        ));
        s.apply(PlaceAction::Seed(42));
        s.apply(PlaceAction::GoTo(2));
        s.apply(PlaceAction::ColorBy(ColorBy::Group));
        s.apply(PlaceAction::Select(Some(Selection::Unplaced {
            step: 1,
            index: 0,
        })));
        let snap = s.snapshot();
        assert!(snap.fleet.is_some() && snap.steps.is_some() && snap.seed == Some(42));
        assert_eq!(snap.at, Some(2));
        assert_eq!(round_trip(&snap), snap);
        let w = to_wire(&snap).unwrap();
        assert_eq!(w.v, VERSION);
        assert!(
            w.task_definitions.is_none(),
            "the sample's task definitions are left out"
        );
        let json = serde_json::to_value(&w).unwrap();
        assert!(
            json["fleet"]["instances"][2].get("draining").is_none(),
            "defaults are left out"
        );
    }

    #[test]
    fn odd_members_are_dropped_not_fatal() {
        let json = serde_json::json!({
            "v": 9,
            "fleet": {"instances": [{"id": "i-1", "type": "m5.large", "az": "us-east-1a", "future": 1}]},
            "steps": [{"action": "CreateService"}, {"action": "StopTask", "task": "t-0001"},
                      {"action": "RunTask", "td": "zz", "strategies": [["warp", ""], ["spread", "instanceId"]]}],
            "taskDefinitions": [3, {"family": "x", "containerDefinitions": []}],
            "colorBy": "rainbow",
            "later": true
        });
        let s = from_wire(serde_json::from_value(json).unwrap());
        assert_eq!(s.fleet.unwrap().instances[0].id, "i-1");
        let steps = s.steps.unwrap();
        assert_eq!(steps.len(), 2, "an unknown action is left out");
        let StepSpec::RunTask(r) = &steps[1] else {
            panic!()
        };
        assert_eq!(r.task_definition, TdRef::Scenario(0));
        assert_eq!(
            r.strategies,
            [StrategyRow::new(StrategyKind::Spread, "instanceId")]
        );
        assert_eq!(s.task_definitions.unwrap().len(), 1);
        assert_eq!(s.color_by, ColorBy::TaskDefinition);
    }
}
