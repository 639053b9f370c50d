//! The placement engine: where ECS would put an EC2 task, or exactly why it cannot
//! (placement.md §1).
//!
//! A placement runs a short chain of named steps, as the Nomad and Kubernetes schedulers do:
//!
//! 1. **Candidates**: the cluster's `ACTIVE` container instances (`DRAINING` ones receive nothing).
//! 2. **Filters**, in this order, each rejecting with ECS's reason string: the agent is connected
//!    (`AGENT`); the instance has the attributes the task requires, such as its CPU architecture
//!    (`ATTRIBUTE`); for awsvpc, the instance is in an Availability Zone of the task's subnets
//!    (`LOCATION`); free CPU units (`RESOURCE:CPU`); free memory (`RESOURCE:MEMORY`); the static
//!    host ports are free and the instance stays within 100 reserved ports (`RESOURCE:PORTS`); a
//!    free ENI slot for awsvpc (`RESOURCE:ENI`); free GPUs (`RESOURCE:GPU`).
//! 3. **Constraints**: each `memberOf` expression (`MemberOf placement constraint unsatisfied.`)
//!    and `distinctInstance` (`DistinctInstance placement constraint unsatisfied.`).
//! 4. **Strategies**, at most five, as a lexicographic ranking: every surviving instance gets an
//!    integer key per strategy (binpack: the free amount of the resource, smaller is better;
//!    spread: how many tasks of the group already run on instances with the same value of the
//!    field, smaller is better; random: no key, the rest is left to chance); keys are compared in
//!    the user's order.
//! 5. **Tie-break**: the instances still tied are chosen between with a seeded RNG, so the same
//!    scenario and seed always give the same plan.
//!
//! Choices where ECS documents nothing (placement.md marks them [inference]/[unverified]):
//! - When nothing fits, the "closest matching" instance is the candidate that got furthest down
//!   the chain of checks above (ties: the first in registration order), and the failure reason is
//!   the first check it failed.
//! - `spread` on an attribute that some instances lack puts those instances in one bucket of their
//!   own, as if the attribute had an empty value.
//! - Tasks of one request are placed one at a time; each sees the ones placed before it.

pub mod fleet;
pub mod query;
mod select;

pub use fleet::{Capacity, Fleet, Instance, InstanceStatus, Usage, MAX_RESERVED_PORTS};
pub use select::{place, place_on, Explanation, InstanceVerdict, Outcome, Verdict};

use query::Expression;
use serde::Serialize;

/// The most placement strategies a request may carry (API:RunTaskRequest.placementStrategy).
pub const MAX_STRATEGIES: usize = 5;
/// The most placement constraints a task may have, task definition and request together.
pub const MAX_CONSTRAINTS: usize = 10;

/// An attribute a task requires of its instance (from `requiresAttributes`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequiredAttribute {
    /// The attribute name (`ecs.cpu-architecture`).
    pub name: String,
    /// The value it must have, or `None` when it must only exist.
    pub value: Option<String>,
}

/// What a task needs from the instance it lands on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Demand {
    /// The resources it takes.
    pub usage: Usage,
    /// The attributes it requires.
    pub required_attributes: Vec<RequiredAttribute>,
    /// For awsvpc tasks, the Availability Zones of the request's subnets.
    pub availability_zones: Option<Vec<String>>,
}

/// A placement constraint.
#[derive(Clone, Debug)]
pub enum Constraint {
    /// Every task of the group on a different instance.
    DistinctInstance,
    /// The instance must satisfy a cluster query expression.
    MemberOf(Expression),
}

impl Constraint {
    /// The reason string ECS gives when no instance satisfies it.
    pub fn reason(&self) -> &'static str {
        match self {
            Constraint::DistinctInstance => "DistinctInstance placement constraint unsatisfied.",
            Constraint::MemberOf(_) => "MemberOf placement constraint unsatisfied.",
        }
    }

    /// A short label (`memberOf(attribute:stack == prod)`).
    pub fn label(&self) -> String {
        match self {
            Constraint::DistinctInstance => "distinctInstance".to_owned(),
            Constraint::MemberOf(e) => format!("memberOf({})", e.text()),
        }
    }
}

/// The resource a binpack strategy packs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinpackField {
    /// CPU units.
    Cpu,
    /// Memory.
    Memory,
}

/// A placement strategy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Fill the instance with the least of the resource left.
    Binpack(BinpackField),
    /// Spread the group's tasks evenly over the values of a field: `instanceId` (or `host`), or
    /// an attribute (`attribute:ecs.availability-zone`).
    Spread(SpreadField),
    /// A random instance.
    Random,
}

/// What a spread strategy balances over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpreadField {
    /// Each instance (`instanceId`, or its alias `host`).
    Instance,
    /// The values of an attribute.
    Attribute(String),
}

impl Strategy {
    /// The strategy as the API writes it (`spread(attribute:ecs.availability-zone)`).
    pub fn label(&self) -> String {
        match self {
            Strategy::Binpack(BinpackField::Cpu) => "binpack(cpu)".to_owned(),
            Strategy::Binpack(BinpackField::Memory) => "binpack(memory)".to_owned(),
            Strategy::Spread(SpreadField::Instance) => "spread(instanceId)".to_owned(),
            Strategy::Spread(SpreadField::Attribute(a)) => format!("spread(attribute:{a})"),
            Strategy::Random => "random".to_owned(),
        }
    }
}

/// One placement request: what to place, in which group, under which constraints and strategies.
#[derive(Clone, Debug)]
pub struct Request {
    /// What each task needs.
    pub demand: Demand,
    /// The task group (`family:web`, `service:api`).
    pub group: String,
    /// Constraints of the task definition and the request, at most [`MAX_CONSTRAINTS`].
    pub constraints: Vec<Constraint>,
    /// Strategies in order, at most [`MAX_STRATEGIES`].
    pub strategies: Vec<Strategy>,
}

/// A step of the pipeline an instance can fail, in pipeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Check {
    /// The agent is connected.
    Agent,
    /// The instance has every required attribute.
    Attribute,
    /// The instance is in an Availability Zone of the awsvpc subnets.
    Location,
    /// Enough free CPU units.
    Cpu,
    /// Enough free memory.
    Memory,
    /// The static host ports are free.
    Ports,
    /// A free ENI slot.
    Eni,
    /// Enough free GPUs.
    Gpu,
    /// The n-th constraint of the request.
    Constraint(usize),
}

impl Check {
    /// The failure reason ECS reports for this check.
    pub fn reason(self, request: &Request) -> &'static str {
        match self {
            Check::Agent => "AGENT",
            Check::Attribute => "ATTRIBUTE",
            Check::Location => "LOCATION",
            Check::Cpu => "RESOURCE:CPU",
            Check::Memory => "RESOURCE:MEMORY",
            Check::Ports => "RESOURCE:PORTS",
            Check::Eni => "RESOURCE:ENI",
            Check::Gpu => "RESOURCE:GPU",
            Check::Constraint(i) => request.constraints.get(i).map_or(
                "MemberOf placement constraint unsatisfied.",
                Constraint::reason,
            ),
        }
    }

    /// A short column label for explanations.
    pub fn label(self, request: &Request) -> String {
        match self {
            Check::Agent => "agent".to_owned(),
            Check::Attribute => "attributes".to_owned(),
            Check::Location => "location".to_owned(),
            Check::Cpu => "cpu".to_owned(),
            Check::Memory => "memory".to_owned(),
            Check::Ports => "ports".to_owned(),
            Check::Eni => "eni".to_owned(),
            Check::Gpu => "gpu".to_owned(),
            Check::Constraint(i) => request
                .constraints
                .get(i)
                .map_or_else(|| format!("constraint {i}"), Constraint::label),
        }
    }

    /// The checks of the instance itself (before the constraints), in pipeline order.
    pub const INSTANCE: [Check; 8] = [
        Check::Agent,
        Check::Attribute,
        Check::Location,
        Check::Cpu,
        Check::Memory,
        Check::Ports,
        Check::Eni,
        Check::Gpu,
    ];

    /// Every check of a request, in pipeline order.
    pub fn all(request: &Request) -> Vec<Check> {
        let mut checks = Check::INSTANCE.to_vec();
        checks.extend((0..request.constraints.len()).map(Check::Constraint));
        checks
    }
}
