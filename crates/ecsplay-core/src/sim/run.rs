//! Running a scenario's steps against a simulated cluster.

use super::scenario::{
    AdvanceTime, DeregisterContainerInstance, InstanceSpec, NetworkConfiguration,
    RegisterContainerInstance, RunTask, Scenario, StartTask, StopTask,
    UpdateContainerInstancesState,
};
use super::{
    FailureReport, FinalState, InstanceReport, PlacementReport, Remaining, ScenarioError,
    SimOptions, SimResult, StepError, StepReport, TaskReport,
};
use crate::catalog;
use crate::model::task::TaskDefinition;
use crate::placement::query::{parse_time, Expression};
use crate::placement::{
    self, BinpackField, Capacity, Constraint, Demand, Fleet, Instance, InstanceStatus, Outcome,
    Request, RequiredAttribute, SpreadField, Strategy, Usage, MAX_CONSTRAINTS, MAX_STRATEGIES,
};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The account id used in ARNs.
const ACCOUNT: &str = "123456789012";
/// The ECS agent version instances run unless the scenario says otherwise.
const DEFAULT_AGENT_VERSION: &str = "1.100.0";
/// When the scenario starts (instances register then unless told otherwise).
const START: &str = "2026-01-01T00:00:00Z";
/// The most instances one UpdateContainerInstancesState call may name.
const MAX_INSTANCES_PER_UPDATE: usize = 10;
/// The most tasks one RunTask call may start.
const MAX_RUN_TASK_COUNT: i64 = 10;

struct Revision {
    definition: TaskDefinition,
}

struct Task {
    id: String,
    task_definition: String,
    group: String,
    instance: Option<usize>,
    availability_zone: String,
    launch_type: &'static str,
    running: bool,
    usage: Usage,
}

struct Sim<'s> {
    scenario: &'s Scenario,
    fleet: Fleet,
    families: BTreeMap<String, Vec<Revision>>,
    tasks: Vec<Task>,
    clock: i64,
    rng: Pcg64Mcg,
    explain: bool,
}

fn error(kind: &str, message: impl Into<String>) -> StepError {
    StepError {
        kind: kind.to_owned(),
        message: message.into(),
    }
}

fn invalid(message: impl Into<String>) -> StepError {
    error("InvalidParameterException", message)
}

impl StepReport {
    fn new(action: &str) -> Self {
        StepReport {
            action: action.to_owned(),
            tasks: Vec::new(),
            failures: Vec::new(),
            stopped_tasks: Vec::new(),
            events: Vec::new(),
            error: None,
            placements: Vec::new(),
            state: None,
        }
    }

    fn failed(action: &str, e: StepError) -> Self {
        let mut r = StepReport::new(action);
        r.error = Some(e);
        r
    }
}

fn reserved_tcp(windows: bool) -> BTreeSet<u16> {
    let os = if windows {
        catalog::ports::HostOs::Windows
    } else {
        catalog::ports::HostOs::Linux
    };
    catalog::ports::default_reserved_tcp_ports(os, catalog::ports::AgentPortSettings::default())
        .into_iter()
        .collect()
}

fn to_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Builds an instance from its scenario entry; `pointer` locates it for errors.
fn build_instance(
    spec: &InstanceSpec,
    scenario: &Scenario,
    clock: i64,
    pointer: &str,
) -> Result<Instance, ScenarioError> {
    let cluster = &scenario.cluster;
    let facts = catalog::instance_type(&spec.instance_type);
    let overrides = spec.registered_resources.clone().unwrap_or_default();
    let (cpu, memory, gpus) = match facts {
        Some(t) => (
            overrides.cpu.unwrap_or_else(|| to_u32(t.cpu_units())),
            overrides
                .memory
                .unwrap_or_else(|| to_u32(t.registered_memory_mib(0))),
            overrides.gpu.unwrap_or_else(|| t.gpu_count()),
        ),
        None => match (overrides.cpu, overrides.memory) {
            (Some(c), Some(m)) => (c, m, overrides.gpu.unwrap_or(0)),
            _ => {
                return Err(ScenarioError {
                    pointer: format!("{pointer}/instanceType"),
                    message: format!(
                        "'{}' is not in the instance-type catalogue; use a known type (m5.large, c6g.xlarge, ...) or give registeredResources with CPU and MEMORY",
                        spec.instance_type
                    ),
                    range: None,
                })
            }
        },
    };
    let trunking = cluster.account_settings.awsvpc_trunking;
    let eni_slots = facts.map_or(2, |t| t.awsvpc_task_limit(trunking));
    let os_family = spec.os_family.clone().unwrap_or_else(|| "LINUX".to_owned());
    let windows = os_family.starts_with("WINDOWS_");
    let mut attributes = BTreeMap::new();
    attributes.insert(
        "ecs.availability-zone".to_owned(),
        spec.availability_zone.clone(),
    );
    attributes.insert("ecs.instance-type".to_owned(), spec.instance_type.clone());
    attributes.insert(
        "ecs.os-type".to_owned(),
        if windows { "windows" } else { "linux" }.to_owned(),
    );
    attributes.insert("ecs.os-family".to_owned(), os_family.clone());
    if let Some(t) = facts {
        attributes.insert(
            "ecs.cpu-architecture".to_owned(),
            t.architecture.as_str().to_owned(),
        );
    }
    if let Some(subnet) = cluster
        .subnets
        .iter()
        .find(|s| s.availability_zone == spec.availability_zone)
    {
        attributes.insert("ecs.subnet-id".to_owned(), subnet.subnet_id.clone());
    }
    attributes.insert("ecs.capability.task-eni".to_owned(), String::new());
    if trunking && facts.is_some_and(|t| t.awsvpc_tasks_trunking.is_some()) {
        attributes.insert(
            "ecs.awsvpc-trunk-id".to_owned(),
            format!("eni-trunk-{}", spec.id),
        );
    }
    for (k, v) in &spec.attributes {
        attributes.insert(k.clone(), v.clone());
    }
    let status = match spec.status.as_deref() {
        None => InstanceStatus::Active,
        Some(s) => match InstanceStatus::parse(s) {
            Some(st @ (InstanceStatus::Active | InstanceStatus::Draining)) => st,
            _ => {
                return Err(ScenarioError {
                    pointer: format!("{pointer}/status"),
                    message: format!("an instance starts ACTIVE or DRAINING, not {s}"),
                    range: None,
                })
            }
        },
    };
    let registered_at = match &spec.registered_at {
        None => clock,
        Some(t) => parse_time(t).ok_or_else(|| ScenarioError {
            pointer: format!("{pointer}/registeredAt"),
            message: format!("'{t}' is not a time such as 2026-01-01T00:00:00Z"),
            range: None,
        })?,
    };
    Ok(Instance {
        id: spec.id.clone(),
        arn: spec.arn.clone().unwrap_or_else(|| {
            format!(
                "arn:aws:ecs:{}:{ACCOUNT}:container-instance/{}/{}",
                cluster.region, cluster.name, spec.id
            )
        }),
        ec2_instance_id: spec
            .ec2_instance_id
            .clone()
            .unwrap_or_else(|| spec.id.clone()),
        instance_type: spec.instance_type.clone(),
        availability_zone: spec.availability_zone.clone(),
        status,
        agent_connected: spec.agent_connected.unwrap_or(true),
        agent_version: spec
            .agent_version
            .clone()
            .unwrap_or_else(|| DEFAULT_AGENT_VERSION.to_owned()),
        registered_at,
        attributes,
        capacity: Capacity {
            cpu,
            memory,
            gpus,
            eni_slots,
            reserved_tcp: reserved_tcp(windows),
            reserved_udp: BTreeSet::new(),
        },
    })
}

/// What a task of a definition needs from an instance: its resources, and the attributes ECS
/// requires of the instance (`requiresAttributes`): the CPU architecture and OS of
/// `runtimePlatform`, and the task-ENI capability for awsvpc.
fn demand_of(definition: &TaskDefinition, azs: Option<Vec<String>>) -> Demand {
    let (tcp_ports, udp_ports) = definition.static_host_ports();
    let mut required = Vec::new();
    if let Some(arch) = &definition.cpu_architecture {
        required.push(RequiredAttribute {
            name: "ecs.cpu-architecture".to_owned(),
            value: Some(arch.to_ascii_lowercase()),
        });
    }
    required.push(RequiredAttribute {
        name: "ecs.os-type".to_owned(),
        value: Some(
            if definition.is_windows() {
                "windows"
            } else {
                "linux"
            }
            .to_owned(),
        ),
    });
    if let Some(family) = definition
        .os_family
        .as_ref()
        .filter(|_| definition.is_windows())
    {
        required.push(RequiredAttribute {
            name: "ecs.os-family".to_owned(),
            value: Some(family.clone()),
        });
    }
    if definition.is_awsvpc() {
        required.push(RequiredAttribute {
            name: "ecs.capability.task-eni".to_owned(),
            value: None,
        });
    }
    let usage = Usage {
        cpu: definition.cpu_demand(),
        memory: definition.memory_demand(),
        gpus: definition.gpu_demand(),
        eni: definition.is_awsvpc(),
        tcp_ports,
        udp_ports,
    };
    Demand {
        usage,
        required_attributes: required,
        availability_zones: azs,
    }
}

/// awsvpc tasks need a network configuration; other modes may not have one.
fn network_matches(
    definition: &TaskDefinition,
    azs: Option<&Vec<String>>,
) -> Result<(), StepError> {
    match (definition.is_awsvpc(), azs.is_some()) {
        (true, false) => Err(invalid(
            "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
        )),
        (false, true) => Err(invalid(
            "Network Configuration is not valid for the given networkMode of this task definition.",
        )),
        _ => Ok(()),
    }
}

fn read<T: DeserializeOwned>(step: &Value) -> Result<T, StepError> {
    serde_json::from_value(step.clone())
        .map_err(|e| invalid(format!("the request cannot be read: {e}")))
}

/// Runs a scenario that has passed schema validation.
pub fn simulate_scenario(
    scenario: &Scenario,
    options: &SimOptions,
) -> Result<SimResult, Vec<ScenarioError>> {
    let seed = options.seed.unwrap_or(scenario.seed);
    let clock = parse_time(START).unwrap_or(0);
    let mut sim = Sim {
        scenario,
        fleet: Fleet::new(),
        families: BTreeMap::new(),
        tasks: Vec::new(),
        clock,
        rng: Pcg64Mcg::seed_from_u64(seed),
        explain: options.explain,
    };
    let mut errors = Vec::new();
    for (i, spec) in scenario.cluster.instances.iter().enumerate() {
        let pointer = format!("/cluster/instances/{i}");
        match build_instance(spec, scenario, clock, &pointer) {
            Ok(inst) => {
                if sim.fleet.add(inst).is_none() {
                    errors.push(ScenarioError {
                        pointer: format!("{pointer}/id"),
                        message: format!("instance id '{}' is used twice", spec.id),
                        range: None,
                    });
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for td in &scenario.task_definitions {
        sim.register(td);
    }
    let steps = scenario
        .steps
        .iter()
        .map(|step| {
            let mut report = sim.step(step);
            if options.snapshots {
                report.state = Some(sim.final_state());
            }
            report
        })
        .collect();
    Ok(SimResult {
        seed,
        steps,
        final_state: sim.final_state(),
    })
}

impl Sim<'_> {
    fn arn(&self, kind: &str, rest: &str) -> String {
        format!(
            "arn:aws:ecs:{}:{ACCOUNT}:{kind}/{rest}",
            self.scenario.cluster.region
        )
    }

    /// Registers a task definition; returns `family:revision`.
    fn register(&mut self, body: &Value) -> String {
        let definition = TaskDefinition::from_json(body);
        let family = definition.family.clone();
        let revisions = self.families.entry(family.clone()).or_default();
        revisions.push(Revision { definition });
        format!("{family}:{}", revisions.len())
    }

    /// Resolves `family` (latest ACTIVE revision) or `family:revision` (or an ARN ending so).
    fn resolve(&self, reference: &str) -> Option<(String, &TaskDefinition)> {
        let name = reference
            .rsplit_once(":task-definition/")
            .map_or(reference, |(_, n)| n);
        let (family, revision) = match name.rsplit_once(':') {
            Some((f, r)) => (f, Some(r.parse::<usize>().ok()?)),
            None => (name, None),
        };
        let revisions = self.families.get(family)?;
        let n = revision.unwrap_or(revisions.len());
        let rev = revisions.get(n.checked_sub(1)?)?;
        Some((format!("{family}:{n}"), &rev.definition))
    }

    fn step(&mut self, step: &Value) -> StepReport {
        let action = step
            .get("action")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let result = match action.as_str() {
            "RunTask" => read::<RunTask>(step).map(|r| self.run_task(&r)),
            "StartTask" => read::<StartTask>(step).map(|r| self.start_task(&r)),
            "StopTask" => read::<StopTask>(step).and_then(|r| self.stop_task(&r)),
            "UpdateContainerInstancesState" => {
                read::<UpdateContainerInstancesState>(step).and_then(|r| self.update_state(&r))
            }
            "AdvanceTime" => read::<AdvanceTime>(step).and_then(|r| self.advance(&r)),
            "RegisterTaskDefinition" => {
                let mut body = step.clone();
                if let Some(map) = body.as_object_mut() {
                    map.remove("action");
                }
                let name = self.register(&body);
                let mut report = StepReport::new(&action);
                report
                    .events
                    .push(format!("task definition {name} registered."));
                Ok(report)
            }
            "RegisterContainerInstance" => {
                read::<RegisterContainerInstance>(step).and_then(|r| self.register_instance(&r))
            }
            "DeregisterContainerInstance" => read::<DeregisterContainerInstance>(step)
                .and_then(|r| self.deregister_instance(&r)),
            "CreateService" | "UpdateService" | "DeleteService" | "SpotInterruption"
            | "UpdateCapacityProvider" => Err(error(
                "UnsupportedOperation",
                format!("{action} is not simulated yet: this version of the simulator runs standalone tasks (RunTask, StopTask), instance state changes and task-definition and instance registration"),
            )),
            other => Err(invalid(format!("unknown action '{other}'"))),
        };
        result.unwrap_or_else(|e| StepReport::failed(&action, e))
    }

    fn strategies(specs: &[super::scenario::StrategySpec]) -> Result<Vec<Strategy>, StepError> {
        if specs.len() > MAX_STRATEGIES {
            return Err(invalid(format!(
                "placementStrategy has {} items; at most {MAX_STRATEGIES} are allowed",
                specs.len()
            )));
        }
        specs
            .iter()
            .map(|s| match (s.kind.as_str(), s.field.as_deref()) {
                ("random", _) => Ok(Strategy::Random),
                ("binpack", Some(f)) if f.eq_ignore_ascii_case("cpu") => {
                    Ok(Strategy::Binpack(BinpackField::Cpu))
                }
                ("binpack", Some(f)) if f.eq_ignore_ascii_case("memory") => {
                    Ok(Strategy::Binpack(BinpackField::Memory))
                }
                ("binpack", f) => Err(invalid(format!(
                    "binpack takes the field cpu or memory, not {}",
                    f.unwrap_or("nothing")
                ))),
                ("spread", Some(f))
                    if f.eq_ignore_ascii_case("instanceId") || f.eq_ignore_ascii_case("host") =>
                {
                    Ok(Strategy::Spread(SpreadField::Instance))
                }
                ("spread", Some(f))
                    if f.strip_prefix("attribute:").is_some_and(|a| !a.is_empty()) =>
                {
                    Ok(Strategy::Spread(SpreadField::Attribute(
                        f.strip_prefix("attribute:").unwrap_or(f).to_owned(),
                    )))
                }
                ("spread", f) => Err(invalid(format!(
                    "spread takes the field instanceId, host or attribute:<name>, not {}",
                    f.unwrap_or("nothing")
                ))),
                (other, _) => Err(invalid(format!(
                    "'{other}' is not a placement strategy type; use random, spread or binpack"
                ))),
            })
            .collect()
    }

    fn constraints(
        specs: &[super::scenario::ConstraintSpec],
        definition: &TaskDefinition,
    ) -> Result<Vec<Constraint>, StepError> {
        let total = specs.len() + definition.placement_constraints.len();
        if total > MAX_CONSTRAINTS {
            return Err(invalid(format!(
                "the task has {total} placement constraints (task definition and request together); at most {MAX_CONSTRAINTS} are allowed"
            )));
        }
        let parse = |e: &str| {
            Expression::parse(e).map_err(|q| {
                invalid(format!(
                    "invalid memberOf expression '{e}': {} (at character {})",
                    q.message,
                    q.start + 1
                ))
            })
        };
        let mut out = Vec::new();
        for e in &definition.placement_constraints {
            out.push(Constraint::MemberOf(parse(e)?));
        }
        for c in specs {
            match (c.kind.as_str(), c.expression.as_deref()) {
                ("distinctInstance", None) => out.push(Constraint::DistinctInstance),
                ("distinctInstance", Some(_)) => {
                    return Err(invalid(
                        "a distinctInstance constraint takes no expression",
                    ))
                }
                ("memberOf", Some(e)) => out.push(Constraint::MemberOf(parse(e)?)),
                ("memberOf", None) => {
                    return Err(invalid("a memberOf constraint needs an expression"))
                }
                (other, _) => {
                    return Err(invalid(format!(
                        "'{other}' is not a placement constraint type; use distinctInstance or memberOf"
                    )))
                }
            }
        }
        Ok(out)
    }

    fn subnet_azs(
        &self,
        network: Option<&NetworkConfiguration>,
    ) -> Result<Option<Vec<String>>, StepError> {
        let Some(vpc) = network.and_then(|n| n.awsvpc_configuration.as_ref()) else {
            return Ok(None);
        };
        if vpc.subnets.is_empty() {
            return Err(invalid("subnets can not be empty."));
        }
        let mut azs = Vec::new();
        for id in &vpc.subnets {
            let Some(s) = self
                .scenario
                .cluster
                .subnets
                .iter()
                .find(|s| &s.subnet_id == id)
            else {
                return Err(invalid(format!(
                    "Error retrieving subnet information for [{id}]: The subnet ID '{id}' does not exist"
                )));
            };
            if !azs.contains(&s.availability_zone) {
                azs.push(s.availability_zone.clone());
            }
        }
        Ok(Some(azs))
    }

    /// The task definition a launch names, or ECS's refusal.
    fn resolve_for_launch(&self, reference: &str) -> Result<(String, TaskDefinition), StepError> {
        self.resolve(reference)
            .map(|(name, definition)| (name, definition.clone()))
            .ok_or_else(|| error("ClientException", "TaskDefinition not found."))
    }

    /// Records a task started on an EC2 instance and reports it.
    fn start_on(
        &mut self,
        report: &mut StepReport,
        name: &str,
        group: &str,
        instance: usize,
        usage: &Usage,
    ) -> String {
        let task = Task {
            id: self.next_task_id(),
            task_definition: name.to_owned(),
            group: group.to_owned(),
            instance: Some(instance),
            availability_zone: self
                .fleet
                .instance(instance)
                .map(|i| i.availability_zone.clone())
                .unwrap_or_default(),
            launch_type: "EC2",
            running: true,
            usage: usage.clone(),
        };
        let id = task.id.clone();
        report.tasks.push(self.report(&task));
        self.tasks.push(task);
        id
    }

    fn next_task_id(&self) -> String {
        format!("t-{:04}", self.tasks.len() + 1)
    }

    fn run_task(&mut self, request: &RunTask) -> StepReport {
        let action = "RunTask";
        let fail = |e| StepReport::failed(action, e);
        let (name, definition) = match self.resolve_for_launch(&request.task_definition) {
            Ok(found) => found,
            Err(e) => return fail(e),
        };
        let count = request.count.unwrap_or(1);
        if !(1..=MAX_RUN_TASK_COUNT).contains(&count) {
            return fail(invalid(format!(
                "count must be between 1 and {MAX_RUN_TASK_COUNT}; {count} was given"
            )));
        }
        let count = usize::try_from(count).unwrap_or(1);
        if request.capacity_provider_strategy.is_some() {
            return fail(error(
                "UnsupportedOperation",
                "capacity provider strategies are not simulated yet; give launchType EC2 or FARGATE",
            ));
        }
        let launch_type = request.launch_type.as_deref().unwrap_or("EC2");
        let group = request
            .group
            .clone()
            .unwrap_or_else(|| format!("family:{}", definition.family));
        if group.chars().count() > 255 {
            return fail(invalid("group can be at most 255 characters long."));
        }
        let azs = match self.subnet_azs(request.network_configuration.as_ref()) {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        if let Err(e) = network_matches(&definition, azs.as_ref()) {
            return fail(e);
        }
        match launch_type {
            "EC2" => self.run_ec2(request, &name, &definition, group, count, azs),
            "FARGATE" => {
                if !definition.supports("FARGATE") {
                    return fail(invalid(
                        "Task definition does not support launch_type FARGATE.",
                    ));
                }
                if !request.placement_strategy.is_empty()
                    || !request.placement_constraints.is_empty()
                {
                    return fail(invalid(
                        "Task placement strategies and constraints are not supported with the FARGATE launch type.",
                    ));
                }
                self.run_fargate(&name, group, count, azs.unwrap_or_default())
            }
            other => fail(invalid(format!(
                "launchType {other} is not simulated; use EC2 or FARGATE"
            ))),
        }
    }

    fn run_fargate(
        &mut self,
        name: &str,
        group: String,
        count: usize,
        azs: Vec<String>,
    ) -> StepReport {
        let mut report = StepReport::new("RunTask");
        for _ in 0..count {
            // Fargate spreads a group's tasks over the subnets' Availability Zones that have
            // capacity left (the scenario's `fargateCapacity`; unlimited by default).
            let running_in = |az: &String| {
                self.tasks
                    .iter()
                    .filter(|t| {
                        t.running && t.launch_type == "FARGATE" && &t.availability_zone == az
                    })
                    .count()
            };
            let open: Vec<&String> = azs
                .iter()
                .filter(|az| {
                    self.scenario
                        .cluster
                        .fargate_capacity
                        .get(*az)
                        .is_none_or(|cap| running_in(az) < *cap as usize)
                })
                .collect();
            if open.is_empty() {
                report.failures.push(FailureReport {
                    arn: self.arn("task-definition", name),
                    reason: "RESOURCE:FARGATE".to_owned(),
                    detail: format!("no Fargate capacity left in {}", azs.join(", ")),
                });
                continue;
            }
            let load = |az: &String| {
                self.tasks
                    .iter()
                    .filter(|t| t.running && t.group == group && &t.availability_zone == az)
                    .count()
            };
            let least = open.iter().map(|az| load(az)).min().unwrap_or(0);
            let tied: Vec<&String> = open.into_iter().filter(|az| load(az) == least).collect();
            let az = match tied.len() {
                0 => String::new(),
                1 => tied.first().map(|s| (*s).clone()).unwrap_or_default(),
                n => tied
                    .get(self.rng.random_range(0..n))
                    .map(|s| (*s).clone())
                    .unwrap_or_default(),
            };
            let task = Task {
                id: self.next_task_id(),
                task_definition: name.to_owned(),
                group: group.clone(),
                instance: None,
                availability_zone: az,
                launch_type: "FARGATE",
                running: true,
                usage: Usage::default(),
            };
            report.tasks.push(self.report(&task));
            self.tasks.push(task);
        }
        report
    }

    fn run_ec2(
        &mut self,
        request: &RunTask,
        name: &str,
        definition: &TaskDefinition,
        group: String,
        count: usize,
        azs: Option<Vec<String>>,
    ) -> StepReport {
        let action = "RunTask";
        let strategies = match Self::strategies(&request.placement_strategy) {
            Ok(s) => s,
            Err(e) => return StepReport::failed(action, e),
        };
        let constraints = match Self::constraints(&request.placement_constraints, definition) {
            Ok(c) => c,
            Err(e) => return StepReport::failed(action, e),
        };
        if !self
            .fleet
            .instances()
            .iter()
            .any(|i| i.status != InstanceStatus::Inactive)
        {
            return StepReport::failed(
                action,
                invalid("No Container Instances were found in your cluster."),
            );
        }
        let demand = demand_of(definition, azs);
        let usage = demand.usage.clone();
        let placement = Request {
            demand,
            group: group.clone(),
            constraints,
            strategies,
        };
        let outcomes = placement::place(
            &mut self.fleet,
            &placement,
            count,
            &mut self.rng,
            self.explain,
        );
        let mut report = StepReport::new(action);
        for outcome in outcomes {
            match outcome {
                Outcome::Placed {
                    instance,
                    explanation,
                } => {
                    let id = self.start_on(&mut report, name, &group, instance, &usage);
                    if let Some(e) = explanation {
                        report.placements.push(PlacementReport {
                            task_id: Some(id),
                            explanation: *e,
                        });
                    }
                }
                Outcome::Failed {
                    reason,
                    closest,
                    detail,
                    explanation,
                } => {
                    let instance = closest.and_then(|c| self.fleet.instance(c));
                    let detail = match instance {
                        Some(i) => {
                            format!("closest matching container instance {}: {detail}", i.id)
                        }
                        None => detail,
                    };
                    report.failures.push(FailureReport {
                        arn: instance
                            .map_or_else(|| self.arn("task-definition", name), |i| i.arn.clone()),
                        reason: reason.to_owned(),
                        detail,
                    });
                    if let Some(e) = explanation {
                        report.placements.push(PlacementReport {
                            task_id: None,
                            explanation: *e,
                        });
                    }
                }
            }
        }
        report
    }

    /// StartTask: one task on each named instance; no strategies, no constraints. An instance
    /// that is not registered fails with `MISSING`, a deregistered one with `INACTIVE`, and one
    /// that lacks something with the reason of the first check it fails. (ECS documents no
    /// reason for a DRAINING target; StartTask bypasses the scheduler, so it is placed there.)
    fn start_task(&mut self, request: &StartTask) -> StepReport {
        let action = "StartTask";
        let fail = |e| StepReport::failed(action, e);
        let (name, definition) = match self.resolve_for_launch(&request.task_definition) {
            Ok(found) => found,
            Err(e) => return fail(e),
        };
        let n = request.container_instances.len();
        if n == 0 || n > MAX_INSTANCES_PER_UPDATE {
            return fail(invalid(format!(
                "containerInstances must name 1 to {MAX_INSTANCES_PER_UPDATE} container instances; {n} were given"
            )));
        }
        let azs = match self.subnet_azs(request.network_configuration.as_ref()) {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        if let Err(e) = network_matches(&definition, azs.as_ref()) {
            return fail(e);
        }
        let group = request
            .group
            .clone()
            .unwrap_or_else(|| format!("family:{}", definition.family));
        let placement = Request {
            demand: demand_of(&definition, azs),
            group: group.clone(),
            constraints: Vec::new(),
            strategies: Vec::new(),
        };
        let mut report = StepReport::new(action);
        for reference in &request.container_instances {
            let index = self.fleet.index_of(reference);
            let outcome = match index.and_then(|i| self.fleet.instance(i)) {
                None => Err((
                    "MISSING",
                    format!("container instance {reference} is not registered in the cluster"),
                )),
                Some(i) if i.status == InstanceStatus::Inactive => Err((
                    "INACTIVE",
                    format!("container instance {} is deregistered", i.id),
                )),
                Some(_) => index.map_or(Err(("MISSING", String::new())), |i| {
                    placement::place_on(&mut self.fleet, i, &placement)
                }),
            };
            match (outcome, index) {
                (Ok(()), Some(i)) => {
                    let usage = placement.demand.usage.clone();
                    self.start_on(&mut report, &name, &group, i, &usage);
                }
                (Ok(()), None) => {}
                (Err((reason, detail)), _) => {
                    let arn = index
                        .and_then(|i| self.fleet.instance(i))
                        .map_or_else(|| reference.clone(), |i| i.arn.clone());
                    report.failures.push(FailureReport {
                        arn,
                        reason: reason.to_owned(),
                        detail,
                    });
                }
            }
        }
        report
    }

    fn find_task(&self, reference: &str) -> Option<usize> {
        let id = reference.rsplit('/').next().unwrap_or(reference);
        self.tasks.iter().position(|t| t.id == id)
    }

    fn stop(&mut self, index: usize) -> Option<String> {
        let task = self.tasks.get_mut(index)?;
        if !task.running {
            return None;
        }
        task.running = false;
        let (instance, usage, group, id) = (
            task.instance,
            task.usage.clone(),
            task.group.clone(),
            task.id.clone(),
        );
        if let Some(i) = instance {
            self.fleet.release(i, &usage, &group);
        }
        Some(id)
    }

    fn stop_task(&mut self, request: &StopTask) -> Result<StepReport, StepError> {
        let index = self
            .find_task(&request.task)
            .ok_or_else(|| invalid("The referenced task was not found."))?;
        let mut report = StepReport::new("StopTask");
        if let Some(id) = self.stop(index) {
            report.stopped_tasks.push(id);
        }
        Ok(report)
    }

    fn update_state(
        &mut self,
        request: &UpdateContainerInstancesState,
    ) -> Result<StepReport, StepError> {
        if request.container_instances.len() > MAX_INSTANCES_PER_UPDATE {
            return Err(invalid(format!(
                "containerInstances can have at most {MAX_INSTANCES_PER_UPDATE} items."
            )));
        }
        let status = match request.status.as_str() {
            "ACTIVE" => InstanceStatus::Active,
            "DRAINING" => InstanceStatus::Draining,
            other => {
                return Err(invalid(format!(
                    "status must be ACTIVE or DRAINING, not {other}"
                )))
            }
        };
        let mut indexes = Vec::new();
        for reference in &request.container_instances {
            let Some(i) = self.fleet.index_of(reference) else {
                return Err(invalid(format!(
                    "container instance {reference} was not found in the cluster"
                )));
            };
            if self
                .fleet
                .instance(i)
                .is_some_and(|inst| inst.status == InstanceStatus::Inactive)
            {
                return Err(invalid(format!(
                    "container instance {reference} is INACTIVE and cannot change state"
                )));
            }
            indexes.push(i);
        }
        let mut report = StepReport::new("UpdateContainerInstancesState");
        for i in indexes {
            self.fleet.set_status(i, status);
            if let Some(inst) = self.fleet.instance(i) {
                report.events.push(format!(
                    "container instance {} is now {}.",
                    inst.id,
                    status.as_str()
                ));
            }
        }
        Ok(report)
    }

    fn advance(&mut self, request: &AdvanceTime) -> Result<StepReport, StepError> {
        if request.seconds < 0 {
            return Err(invalid(
                "time only moves forward: seconds must be 0 or more",
            ));
        }
        self.clock = self.clock.saturating_add(request.seconds);
        Ok(StepReport::new("AdvanceTime"))
    }

    fn register_instance(
        &mut self,
        request: &RegisterContainerInstance,
    ) -> Result<StepReport, StepError> {
        let inst = build_instance(&request.instance, self.scenario, self.clock, "/instance")
            .map_err(|e| invalid(e.message))?;
        let id = inst.id.clone();
        if self.fleet.add(inst).is_none() {
            return Err(invalid(format!(
                "a container instance with id {id} is already registered"
            )));
        }
        let mut report = StepReport::new("RegisterContainerInstance");
        report
            .events
            .push(format!("container instance {id} registered."));
        Ok(report)
    }

    fn deregister_instance(
        &mut self,
        request: &DeregisterContainerInstance,
    ) -> Result<StepReport, StepError> {
        let i = self
            .fleet
            .index_of(&request.container_instance)
            .ok_or_else(|| {
                invalid(format!(
                    "container instance {} was not found in the cluster",
                    request.container_instance
                ))
            })?;
        let on_it: Vec<usize> = self
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.running && t.instance == Some(i))
            .map(|(n, _)| n)
            .collect();
        if !on_it.is_empty() && !request.force.unwrap_or(false) {
            return Err(invalid(
                "Found running tasks on the instance. Use force=true to deregister anyway.",
            ));
        }
        let mut report = StepReport::new("DeregisterContainerInstance");
        for n in on_it {
            if let Some(id) = self.stop(n) {
                report.stopped_tasks.push(id);
            }
        }
        self.fleet.set_status(i, InstanceStatus::Inactive);
        Ok(report)
    }

    fn report(&self, task: &Task) -> TaskReport {
        TaskReport {
            task_id: task.id.clone(),
            task_definition: task.task_definition.clone(),
            group: task.group.clone(),
            container_instance: task
                .instance
                .and_then(|i| self.fleet.instance(i))
                .map(|i| i.id.clone()),
            availability_zone: task.availability_zone.clone(),
            launch_type: task.launch_type.to_owned(),
            last_status: if task.running { "RUNNING" } else { "STOPPED" }.to_owned(),
            capacity_provider_name: None,
        }
    }

    fn final_state(&self) -> FinalState {
        let ports = |v: Vec<u16>| v.into_iter().map(|p| p.to_string()).collect::<Vec<_>>();
        let instances = self
            .fleet
            .instances()
            .iter()
            .enumerate()
            .map(|(i, inst)| {
                let inactive = inst.status == InstanceStatus::Inactive;
                let tasks: Vec<String> = if inactive {
                    Vec::new()
                } else {
                    self.tasks
                        .iter()
                        .filter(|t| t.running && t.instance == Some(i))
                        .map(|t| t.id.clone())
                        .collect()
                };
                let cap = &inst.capacity;
                InstanceReport {
                    id: inst.id.clone(),
                    instance_type: inst.instance_type.clone(),
                    availability_zone: inst.availability_zone.clone(),
                    status: inst.status.as_str().to_owned(),
                    agent_connected: inst.agent_connected,
                    running_tasks_count: self.fleet.running_tasks(i),
                    registered_resources: Remaining {
                        cpu: cap.cpu,
                        memory: cap.memory,
                        ports: ports(cap.reserved_tcp.iter().copied().collect()),
                        ports_udp: ports(cap.reserved_udp.iter().copied().collect()),
                        gpu: cap.gpus,
                    },
                    remaining_resources: Remaining {
                        cpu: self.fleet.free_cpu(i),
                        memory: self.fleet.free_memory(i),
                        ports: ports(self.fleet.reserved_tcp(i)),
                        ports_udp: ports(self.fleet.reserved_udp(i)),
                        gpu: self.fleet.free_gpus(i),
                    },
                    eni_slots: [self.fleet.free_enis(i), cap.eni_slots],
                    tasks,
                }
            })
            .collect();
        FinalState {
            instances,
            tasks: self
                .tasks
                .iter()
                .filter(|t| t.running)
                .map(|t| self.report(t))
                .collect(),
            services: Vec::new(),
        }
    }
}
