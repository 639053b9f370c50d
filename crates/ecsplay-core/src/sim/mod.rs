//! The scenario runner: a cluster, task definitions and a list of steps in the ECS API's
//! request shapes (interfaces.md §4), run deterministically for a seed.
//!
//! ```
//! let scenario = r#"{
//!   "cluster": {"instances": [{"id": "i-a1", "instanceType": "m5.large", "availabilityZone": "us-east-1a"}]},
//!   "taskDefinitions": [{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 512}]}],
//!   "steps": [{"action": "RunTask", "taskDefinition": "web", "count": 2}]
//! }"#;
//! let result = ecsplay_core::simulate(scenario, &Default::default()).unwrap();
//! assert_eq!(result.steps[0].tasks.len(), 2);
//! assert_eq!(result.steps[0].tasks[0].container_instance.as_deref(), Some("i-a1"));
//! ```

mod run;
pub mod scenario;
mod text;

pub use run::simulate_scenario;
pub use text::render_text;

use crate::placement::Explanation;
use crate::source::{self, LineIndex, Range};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The scenario JSON Schema (draft 2020-12), as shipped in `schemas/`.
pub const SCENARIO_SCHEMA: &str = include_str!("../../../../schemas/scenario.schema.json");

/// How to run a scenario.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SimOptions {
    /// Overrides the scenario's `seed`.
    #[serde(default)]
    pub seed: Option<u64>,
    /// Records the explanation of every placement decision.
    #[serde(default)]
    pub explain: bool,
    /// Records the cluster's state after every step (for stepping through a scenario).
    #[serde(default)]
    pub snapshots: bool,
}

/// A scenario that cannot run: not JSON, or not valid against the scenario schema.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioError {
    /// JSON Pointer of the offending value (empty for the whole document).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// Where it is in the text, when known.
    pub range: Option<Range>,
}

/// A task, as steps and the final state report it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskReport {
    /// The task id (`t-0001`).
    pub task_id: String,
    /// `family:revision`.
    pub task_definition: String,
    /// The task group.
    pub group: String,
    /// The instance it runs on (EC2 tasks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_instance: Option<String>,
    /// The Availability Zone.
    pub availability_zone: String,
    /// `EC2` or `FARGATE`.
    pub launch_type: String,
    /// `RUNNING` or `STOPPED`.
    pub last_status: String,
    /// The capacity provider that launched it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_provider_name: Option<String>,
}

/// One task that could not be placed (ECS's `Failure`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FailureReport {
    /// The closest matching instance's ARN, or the task definition's ARN.
    pub arn: String,
    /// ECS's reason string.
    pub reason: String,
    /// The closest matching instance's id and what it lacks.
    pub detail: String,
}

/// A call ECS refuses outright.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepError {
    /// `InvalidParameterException`, `ClientException`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// The message.
    pub message: String,
}

/// The explanation of one placement decision of a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementReport {
    /// The task placed, or `None` when it could not be.
    pub task_id: Option<String>,
    /// The decision.
    pub explanation: Explanation,
}

/// What one step did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepReport {
    /// The step's action.
    pub action: String,
    /// The tasks it started.
    pub tasks: Vec<TaskReport>,
    /// The tasks it could not place.
    pub failures: Vec<FailureReport>,
    /// The ids of the tasks it stopped.
    pub stopped_tasks: Vec<String>,
    /// Events, worded as the ECS console words them.
    pub events: Vec<String>,
    /// Set when ECS would refuse the call; the scenario goes on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<StepError>,
    /// With `--explain`: every placement decision of the step.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub placements: Vec<PlacementReport>,
    /// With snapshots on: the state after the step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<FinalState>,
}

/// What is left on an instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Remaining {
    /// CPU units.
    #[serde(rename = "CPU")]
    pub cpu: u32,
    /// Memory, MiB.
    #[serde(rename = "MEMORY")]
    pub memory: u32,
    /// Reserved TCP ports.
    #[serde(rename = "PORTS")]
    pub ports: Vec<String>,
    /// Reserved UDP ports.
    #[serde(rename = "PORTS_UDP")]
    pub ports_udp: Vec<String>,
    /// GPUs.
    #[serde(rename = "GPU")]
    pub gpu: u32,
}

/// An instance at the end of the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceReport {
    /// The id.
    pub id: String,
    /// The instance type.
    pub instance_type: String,
    /// The Availability Zone.
    pub availability_zone: String,
    /// `ACTIVE`, `DRAINING` or `INACTIVE`.
    pub status: String,
    /// Whether the agent is connected.
    pub agent_connected: bool,
    /// Tasks on it that are not STOPPED.
    pub running_tasks_count: u32,
    /// What it registered.
    pub registered_resources: Remaining,
    /// What is left.
    pub remaining_resources: Remaining,
    /// Free awsvpc task slots, and how many it has.
    pub eni_slots: [u32; 2],
    /// The ids of its tasks that are not STOPPED.
    pub tasks: Vec<String>,
}

/// The state at the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FinalState {
    /// Every instance, in registration order.
    pub instances: Vec<InstanceReport>,
    /// Every task that is not STOPPED.
    pub tasks: Vec<TaskReport>,
    /// Services (none until services are simulated).
    pub services: Vec<serde_json::Value>,
}

/// The result of a scenario (interfaces.md §4.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SimResult {
    /// The seed used.
    pub seed: u64,
    /// One report per step.
    pub steps: Vec<StepReport>,
    /// The state at the end.
    #[serde(rename = "final")]
    pub final_state: FinalState,
}

fn validator() -> Option<&'static jsonschema::Validator> {
    static VALIDATOR: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let schema: serde_json::Value = serde_json::from_str(SCENARIO_SCHEMA).ok()?;
            jsonschema::draft202012::new(&schema).ok()
        })
        .as_ref()
}

/// Checks a scenario's text against the scenario schema; the errors point into the text.
pub fn validate(text: &str) -> Result<serde_json::Value, Vec<ScenarioError>> {
    let index = LineIndex::new(text);
    let doc = source::parse(text).map_err(|e| {
        vec![ScenarioError {
            pointer: String::new(),
            message: format!("the scenario is not well-formed JSON: {}", e.message),
            range: Some(index.range(e.span)),
        }]
    })?;
    let value = doc.root.to_json();
    let Some(validator) = validator() else {
        return Err(vec![ScenarioError {
            pointer: String::new(),
            message: "the scenario schema does not compile".to_owned(),
            range: None,
        }]);
    };
    let mut errors: BTreeMap<(String, String), ScenarioError> = BTreeMap::new();
    for e in validator.iter_errors(&value) {
        let pointer = e.instance_path().as_str().to_owned();
        let segments: Vec<String> = pointer
            .split('/')
            .skip(1)
            .map(crate::source::unescape_pointer_token)
            .collect();
        let range = doc.root.at_path(&segments).map(|n| index.range(n.span));
        let message = e.to_string();
        errors.insert(
            (pointer.clone(), message.clone()),
            ScenarioError {
                pointer,
                message,
                range,
            },
        );
    }
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(errors.into_values().collect())
    }
}

/// Validates and runs a scenario.
pub fn simulate(text: &str, options: &SimOptions) -> Result<SimResult, Vec<ScenarioError>> {
    let value = validate(text)?;
    let scenario: scenario::Scenario = serde_json::from_value(value).map_err(|e| {
        vec![ScenarioError {
            pointer: String::new(),
            message: format!("the scenario cannot be read: {e}"),
            range: None,
        }]
    })?;
    simulate_scenario(&scenario, options)
}
