//! The scenario a learner writes (interfaces.md §4): a cluster, task definitions and steps, in
//! the ECS API's own request shapes.
//!
//! The JSON Schema (`schemas/scenario.schema.json`) checks a scenario before it runs; these types
//! then read it. Step bodies are read one at a time, so one odd step becomes a step error rather
//! than spoiling the whole scenario.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// A whole scenario.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// The seed of the tie-breaking RNG.
    #[serde(default)]
    pub seed: u64,
    /// The cluster and its fleet.
    pub cluster: ClusterSpec,
    /// Task definitions registered before the first step (RegisterTaskDefinition bodies).
    #[serde(default)]
    pub task_definitions: Vec<Value>,
    /// The steps, in order; each is an object with an `action`.
    #[serde(default)]
    pub steps: Vec<Value>,
}

/// The cluster.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSpec {
    /// The cluster name.
    #[serde(default = "default_cluster")]
    pub name: String,
    /// The Region.
    #[serde(default = "default_region")]
    pub region: String,
    /// Account settings that change placement.
    #[serde(default)]
    pub account_settings: AccountSettings,
    /// The subnets awsvpc tasks may use.
    #[serde(default)]
    pub subnets: Vec<Subnet>,
    /// The container instances registered at the start.
    #[serde(default)]
    pub instances: Vec<InstanceSpec>,
    /// Capacity providers.
    #[serde(default)]
    pub capacity_providers: Vec<Value>,
}

fn default_cluster() -> String {
    "default".to_owned()
}

fn default_region() -> String {
    "us-east-1".to_owned()
}

/// Account settings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountSettings {
    /// `awsvpcTrunking`: instances get a trunk ENI and many more awsvpc task slots.
    #[serde(default)]
    pub awsvpc_trunking: bool,
}

/// A subnet of the cluster's VPC.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subnet {
    /// The subnet id.
    pub subnet_id: String,
    /// Its Availability Zone.
    pub availability_zone: String,
}

/// CPU, memory and GPUs an instance registers, overriding the catalogue.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RegisteredResources {
    /// CPU units.
    #[serde(rename = "CPU")]
    pub cpu: Option<u32>,
    /// Memory, MiB.
    #[serde(rename = "MEMORY")]
    pub memory: Option<u32>,
    /// GPUs.
    #[serde(rename = "GPU")]
    pub gpu: Option<u32>,
}

/// A container instance.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceSpec {
    /// The id every result refers to it by.
    pub id: String,
    /// The EC2 instance type (from the catalogue).
    pub instance_type: String,
    /// The Availability Zone.
    pub availability_zone: String,
    /// Custom attributes.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// `on-demand` (default) or `spot`.
    #[serde(default)]
    pub purchase_option: Option<String>,
    /// `ACTIVE` (default) or `DRAINING`.
    #[serde(default)]
    pub status: Option<String>,
    /// Whether the agent is connected (default true).
    #[serde(default)]
    pub agent_connected: Option<bool>,
    /// Overrides of what the catalogue says the instance registers.
    #[serde(default)]
    pub registered_resources: Option<RegisteredResources>,
    /// `ECS_ENABLE_SPOT_INSTANCE_DRAINING` (default false, as the agent).
    #[serde(default)]
    pub spot_instance_draining: Option<bool>,
    /// The container-instance ARN (default: built from the Region, cluster and id).
    #[serde(default)]
    pub arn: Option<String>,
    /// The EC2 instance id (default: the id).
    #[serde(default)]
    pub ec2_instance_id: Option<String>,
    /// The agent version (default: a current one).
    #[serde(default)]
    pub agent_version: Option<String>,
    /// The OS family the AMI runs (`LINUX` by default, or `WINDOWS_SERVER_2022_FULL`, ...).
    #[serde(default)]
    pub os_family: Option<String>,
    /// When it registered (default: the scenario's start).
    #[serde(default)]
    pub registered_at: Option<String>,
}

/// A placement strategy as the API writes it.
#[derive(Clone, Debug, Deserialize)]
pub struct StrategySpec {
    /// `random`, `spread` or `binpack`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The field (`memory`, `instanceId`, `attribute:ecs.availability-zone`).
    #[serde(default)]
    pub field: Option<String>,
}

/// A placement constraint as the API writes it.
#[derive(Clone, Debug, Deserialize)]
pub struct ConstraintSpec {
    /// `distinctInstance` or `memberOf`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The cluster query expression (memberOf).
    #[serde(default)]
    pub expression: Option<String>,
}

/// `awsvpcConfiguration` of a RunTask or CreateService request.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsvpcConfiguration {
    /// The subnets (ids of `cluster.subnets`).
    #[serde(default)]
    pub subnets: Vec<String>,
    /// Security groups (not simulated).
    #[serde(default)]
    pub security_groups: Vec<String>,
    /// `ENABLED` or `DISABLED` (not simulated).
    #[serde(default)]
    pub assign_public_ip: Option<String>,
}

/// `networkConfiguration` of a request.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkConfiguration {
    /// The awsvpc configuration.
    #[serde(default)]
    pub awsvpc_configuration: Option<AwsvpcConfiguration>,
}

/// A RunTask request.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunTask {
    /// `family` or `family:revision`.
    pub task_definition: String,
    /// How many tasks (1–10; default 1).
    #[serde(default)]
    pub count: Option<i64>,
    /// The task group (default `family:<family>`).
    #[serde(default)]
    pub group: Option<String>,
    /// `EC2` (default) or `FARGATE`.
    #[serde(default)]
    pub launch_type: Option<String>,
    /// Placement strategies.
    #[serde(default)]
    pub placement_strategy: Vec<StrategySpec>,
    /// Placement constraints.
    #[serde(default)]
    pub placement_constraints: Vec<ConstraintSpec>,
    /// Network configuration (awsvpc).
    #[serde(default)]
    pub network_configuration: Option<NetworkConfiguration>,
    /// A capacity provider strategy.
    #[serde(default)]
    pub capacity_provider_strategy: Option<Vec<Value>>,
    /// Who started the tasks.
    #[serde(default)]
    pub started_by: Option<String>,
}

/// A StopTask request.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StopTask {
    /// The task id (or ARN).
    pub task: String,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// An UpdateContainerInstancesState request.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateContainerInstancesState {
    /// Instance ids or ARNs (at most 10).
    pub container_instances: Vec<String>,
    /// `ACTIVE` or `DRAINING`.
    pub status: String,
}

/// Moves the simulated clock.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdvanceTime {
    /// Seconds.
    pub seconds: i64,
}

/// A DeregisterContainerInstance request.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeregisterContainerInstance {
    /// The instance id (or ARN).
    pub container_instance: String,
    /// Deregister even with tasks on it.
    #[serde(default)]
    pub force: Option<bool>,
}

/// A RegisterContainerInstance step: a new instance joins the cluster.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterContainerInstance {
    /// The instance, as in `cluster.instances`.
    pub instance: InstanceSpec,
}

/// A StartTask request: tasks on instances the caller names.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartTask {
    /// `family` or `family:revision`.
    pub task_definition: String,
    /// The instances (ids or ARNs), at most 10: one task on each.
    pub container_instances: Vec<String>,
    /// The task group (default `family:<family>`).
    #[serde(default)]
    pub group: Option<String>,
    /// Network configuration (awsvpc).
    #[serde(default)]
    pub network_configuration: Option<NetworkConfiguration>,
    /// Who started the tasks.
    #[serde(default)]
    pub started_by: Option<String>,
}
