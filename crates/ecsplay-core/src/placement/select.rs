//! Running the pipeline for the tasks of one request.
//!
//! There are two ways through the same decision: a fast scan over the fleet's integer arrays that
//! stops at an instance's first failed check, and an explaining pass that evaluates every check of
//! every instance and records the strategy keys. Both build the set of tied best instances in
//! registration order and draw from the seeded RNG the same way, so they always agree (a property
//! test holds them to it).

use super::fleet::{AttributeIndex, Fleet, InstanceStatus, MAX_RESERVED_PORTS};
use super::query::Subjects;
use super::{BinpackField, Check, Constraint, Request, SpreadField, Strategy};
use rand::RngExt;
use rand_pcg::Pcg64Mcg;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::rc::Rc;

/// What happened to one task.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// Placed on the instance with this index.
    Placed {
        /// The instance's index in the fleet.
        instance: usize,
        /// How the decision was made, when asked for.
        explanation: Option<Box<Explanation>>,
    },
    /// No instance passes every check.
    Failed {
        /// ECS's reason string (`RESOURCE:MEMORY`).
        reason: &'static str,
        /// The closest matching instance, when the cluster has an ACTIVE one.
        closest: Option<usize>,
        /// What the closest matching instance lacks (`0 CPU units free, 4096 needed`).
        detail: String,
        /// How the decision was made, when asked for.
        explanation: Option<Box<Explanation>>,
    },
}

/// One check's verdict on one instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Whether the instance passes.
    pub pass: bool,
    /// Why, with the numbers (`1792 CPU units free, 256 needed`).
    pub detail: String,
}

/// One instance's row of the decision matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceVerdict {
    /// The instance id.
    pub instance: String,
    /// Its status (only `ACTIVE` instances are candidates).
    pub status: &'static str,
    /// One verdict per check, in the order of [`Explanation::checks`]; empty for an instance
    /// that is not a candidate.
    pub verdicts: Vec<Verdict>,
    /// Its key under each strategy, in order, when it passed every check (smaller is better).
    pub keys: Vec<u64>,
    /// What each key means (`us-east-1a: 2 tasks of family:web`, `6912 MiB free`).
    pub key_details: Vec<String>,
    /// What became of it: `placed`, `not a candidate (DRAINING)`, `failed RESOURCE:MEMORY`,
    /// `lost on binpack(memory)`, `tied, not drawn`.
    pub outcome: String,
}

/// How many candidates were left after a step of the ranking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Narrowing {
    /// The step (`filters and constraints`, `spread(attribute:ecs.availability-zone)`).
    pub after: String,
    /// The instances still in the running.
    pub remaining: Vec<String>,
}

/// The explanation of one placement decision: the matrix of instances × checks, the strategy
/// keys, how the ranking narrowed the candidates, and the winner or the failure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The task group.
    pub group: String,
    /// What the task needs, in words (`cpu 256, memory 512 MiB, ports 80/tcp`).
    pub demand: String,
    /// The check columns, in pipeline order.
    pub checks: Vec<String>,
    /// The strategies, in order.
    pub strategies: Vec<String>,
    /// One row per instance of the cluster, in registration order.
    pub instances: Vec<InstanceVerdict>,
    /// The candidates left after the filters and after each strategy.
    pub narrowing: Vec<Narrowing>,
    /// The chosen instance.
    pub winner: Option<String>,
    /// How many instances were tied when the seeded RNG chose.
    pub tied: usize,
    /// The failure reason, when nothing fits.
    pub reason: Option<String>,
    /// The closest matching instance, when nothing fits.
    pub closest: Option<String>,
    /// How many candidates failed on each reason (the first check each failed).
    pub failure_counts: BTreeMap<String, usize>,
    /// The decision in one sentence.
    pub summary: String,
}

struct SpreadIndex {
    index: Rc<AttributeIndex>,
    /// Tasks of the group on instances with each value id.
    count: Vec<u32>,
}

/// What is computed once per request and kept up to date while its tasks are placed.
struct Prepared {
    /// The candidates passing the checks that do not change while tasks are placed (status,
    /// agent, attributes, location, constraints that do not look at tasks), in index order.
    eligible: Rc<Vec<u32>>,
    /// When the first strategy spreads over an attribute: the eligible instances of each value.
    buckets: Vec<Vec<u32>>,
    /// The remembered best of each bucket (`None`: to be scanned).
    bucket_best: Vec<Option<BucketBest>>,
    /// Tasks of the request's group on each instance.
    group_on: Vec<u32>,
    /// One index per spread-on-attribute strategy.
    spread: Vec<Option<SpreadIndex>>,
    /// Constraints evaluated again for every task.
    dynamic: Vec<usize>,
    /// Whether the task maps the same static host port twice (it can never be placed).
    duplicate_ports: bool,
    /// Distinct static ports the task reserves.
    new_ports: usize,
}

struct View<'f> {
    fleet: &'f Fleet,
    index: usize,
}

impl Subjects for View<'_> {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.fleet
            .instance(self.index)
            .and_then(|i| i.attributes.get(name))
            .map(String::as_str)
    }
    fn agent_connected(&self) -> bool {
        self.fleet
            .instance(self.index)
            .is_some_and(|i| i.agent_connected)
    }
    fn agent_version(&self) -> &str {
        self.fleet
            .instance(self.index)
            .map_or("", |i| i.agent_version.as_str())
    }
    fn ec2_instance_id(&self) -> &str {
        self.fleet
            .instance(self.index)
            .map_or("", |i| i.ec2_instance_id.as_str())
    }
    fn registered_at(&self) -> i64 {
        self.fleet
            .instance(self.index)
            .map_or(0, |i| i.registered_at)
    }
    fn running_tasks_count(&self) -> u64 {
        u64::from(self.fleet.running_tasks(self.index))
    }
    fn any_task_group(&self, f: &mut dyn FnMut(&str) -> bool) -> bool {
        self.fleet.groups_on(self.index).any(f)
    }
}

fn is_static(c: &Constraint) -> bool {
    match c {
        Constraint::DistinctInstance => false,
        Constraint::MemberOf(e) => !e.depends_on_tasks(),
    }
}

/// What the static checks of a request depend on, as a cache key.
fn static_signature(request: &Request) -> String {
    let mut key = String::new();
    for a in &request.demand.required_attributes {
        key.push_str(&a.name);
        key.push('=');
        key.push_str(a.value.as_deref().unwrap_or("\u{0}"));
        key.push('\u{1}');
    }
    key.push('\u{2}');
    if let Some(azs) = &request.demand.availability_zones {
        for az in azs {
            key.push_str(az);
            key.push('\u{1}');
        }
    }
    key.push('\u{2}');
    for c in request.constraints.iter().filter(|c| is_static(c)) {
        if let Constraint::MemberOf(e) = c {
            key.push_str(e.text());
            key.push('\u{1}');
        }
    }
    key
}

fn prepare(fleet: &Fleet, request: &Request) -> Prepared {
    let n = fleet.len();
    let mut group_on = fleet.group_slice(&request.group).to_vec();
    group_on.resize(n, 0);
    let spread: Vec<Option<SpreadIndex>> = request
        .strategies
        .iter()
        .map(|s| match s {
            Strategy::Spread(SpreadField::Attribute(name)) => {
                let index = fleet.attribute_index(name);
                let mut count = vec![0u32; index.names.len()];
                for (id, on) in index.value_of.iter().zip(&group_on) {
                    if let Some(c) = count.get_mut(*id as usize) {
                        *c = c.saturating_add(*on);
                    }
                }
                Some(SpreadIndex { index, count })
            }
            _ => None,
        })
        .collect();
    let eligible = fleet.eligible(&static_signature(request), || {
        let static_constraints: Vec<usize> = request
            .constraints
            .iter()
            .enumerate()
            .filter(|(_, c)| is_static(c))
            .map(|(i, _)| i)
            .collect();
        (0..n)
            .filter(|&i| {
                fleet
                    .instance(i)
                    .is_some_and(|inst| inst.status == InstanceStatus::Active)
                    && [Check::Agent, Check::Attribute, Check::Location]
                        .into_iter()
                        .chain(static_constraints.iter().map(|c| Check::Constraint(*c)))
                        .all(|c| verdict(fleet, i, request, None, c).pass)
            })
            .filter_map(|i| u32::try_from(i).ok())
            .collect()
    });
    let buckets = match spread.first() {
        Some(Some(sp)) => {
            let mut buckets = vec![Vec::new(); sp.index.names.len()];
            for &i in eligible.iter() {
                if let Some(b) = sp
                    .index
                    .value_of
                    .get(i as usize)
                    .and_then(|id| buckets.get_mut(*id as usize))
                {
                    b.push(i);
                }
            }
            buckets
        }
        _ => Vec::new(),
    };
    let dynamic = request
        .constraints
        .iter()
        .enumerate()
        .filter(|(_, c)| !is_static(c))
        .map(|(i, _)| i)
        .collect();
    let usage = &request.demand.usage;
    let mut tcp = usage.tcp_ports.clone();
    tcp.sort_unstable();
    tcp.dedup();
    let mut udp = usage.udp_ports.clone();
    udp.sort_unstable();
    udp.dedup();
    Prepared {
        eligible,
        bucket_best: vec![None; buckets.len()],
        buckets,
        group_on,
        spread,
        dynamic,
        duplicate_ports: tcp.len() != usage.tcp_ports.len() || udp.len() != usage.udp_ports.len(),
        new_ports: tcp.len() + udp.len(),
    }
}

fn ports_verdict(fleet: &Fleet, i: usize, request: &Request, prep: Option<&Prepared>) -> Verdict {
    let usage = &request.demand.usage;
    if usage.tcp_ports.is_empty() && usage.udp_ports.is_empty() {
        return Verdict {
            pass: true,
            detail: "no static host ports".to_owned(),
        };
    }
    let duplicate = prep.map_or_else(
        || {
            let mut t = usage.tcp_ports.clone();
            t.sort_unstable();
            t.dedup();
            let mut u = usage.udp_ports.clone();
            u.sort_unstable();
            u.dedup();
            t.len() != usage.tcp_ports.len() || u.len() != usage.udp_ports.len()
        },
        |p| p.duplicate_ports,
    );
    if duplicate {
        return Verdict {
            pass: false,
            detail: "the task maps the same host port twice".to_owned(),
        };
    }
    let taken: Vec<String> = usage
        .tcp_ports
        .iter()
        .filter(|p| !fleet.tcp_port_free(i, **p))
        .map(|p| format!("{p}/tcp"))
        .chain(
            usage
                .udp_ports
                .iter()
                .filter(|p| !fleet.udp_port_free(i, **p))
                .map(|p| format!("{p}/udp")),
        )
        .collect();
    if !taken.is_empty() {
        return Verdict {
            pass: false,
            detail: format!("{} already reserved", taken.join(", ")),
        };
    }
    let new = prep.map_or(usage.tcp_ports.len() + usage.udp_ports.len(), |p| {
        p.new_ports
    });
    let reserved = fleet.reserved_port_count(i);
    if reserved + new > MAX_RESERVED_PORTS {
        return Verdict {
            pass: false,
            detail: format!(
                "{reserved} ports reserved; {new} more would pass the limit of {MAX_RESERVED_PORTS}"
            ),
        };
    }
    let ports: Vec<String> = usage
        .tcp_ports
        .iter()
        .map(|p| format!("{p}/tcp"))
        .chain(usage.udp_ports.iter().map(|p| format!("{p}/udp")))
        .collect();
    Verdict {
        pass: true,
        detail: format!("{} free", ports.join(", ")),
    }
}

/// One check on one instance, with its detail.
fn verdict(
    fleet: &Fleet,
    i: usize,
    request: &Request,
    prep: Option<&Prepared>,
    check: Check,
) -> Verdict {
    let Some(inst) = fleet.instance(i) else {
        return Verdict {
            pass: false,
            detail: "no such instance".to_owned(),
        };
    };
    let demand = &request.demand;
    let usage = &demand.usage;
    let v = |pass: bool, detail: String| Verdict { pass, detail };
    match check {
        Check::Agent => {
            if inst.agent_connected {
                v(true, "agent connected".to_owned())
            } else {
                v(false, "agent disconnected".to_owned())
            }
        }
        Check::Attribute => {
            let missing: Vec<String> = demand
                .required_attributes
                .iter()
                .filter(|a| {
                    let have = inst.attributes.get(&a.name);
                    match &a.value {
                        Some(want) => have != Some(want),
                        None => have.is_none(),
                    }
                })
                .map(|a| {
                    let have = inst
                        .attributes
                        .get(&a.name)
                        .map_or_else(|| "none".to_owned(), Clone::clone);
                    match &a.value {
                        Some(want) => format!("{} is {have}, {want} required", a.name),
                        None => format!("lacks {}", a.name),
                    }
                })
                .collect();
            if missing.is_empty() {
                if demand.required_attributes.is_empty() {
                    v(true, "nothing required".to_owned())
                } else {
                    let names: Vec<String> = demand
                        .required_attributes
                        .iter()
                        .map(|a| match &a.value {
                            Some(val) => format!("{}={val}", a.name),
                            None => a.name.clone(),
                        })
                        .collect();
                    v(true, format!("has {}", names.join(", ")))
                }
            } else {
                v(false, missing.join("; "))
            }
        }
        Check::Location => match &demand.availability_zones {
            None => v(true, "not awsvpc".to_owned()),
            Some(azs) if azs.contains(&inst.availability_zone) => v(
                true,
                format!("{} has one of the task's subnets", inst.availability_zone),
            ),
            Some(azs) => v(
                false,
                format!(
                    "{} has none of the task's subnets ({})",
                    inst.availability_zone,
                    azs.join(", ")
                ),
            ),
        },
        Check::Cpu => {
            let free = fleet.free_cpu(i);
            v(
                free >= usage.cpu,
                format!("{free} CPU units free, {} needed", usage.cpu),
            )
        }
        Check::Memory => {
            let free = fleet.free_memory(i);
            v(
                free >= usage.memory,
                format!("{free} MiB free, {} needed", usage.memory),
            )
        }
        Check::Ports => ports_verdict(fleet, i, request, prep),
        Check::Eni => {
            if !usage.eni {
                v(true, "not awsvpc".to_owned())
            } else {
                let free = fleet.free_enis(i);
                v(
                    free > 0,
                    format!(
                        "{free} of {} awsvpc task slots free",
                        inst.capacity.eni_slots
                    ),
                )
            }
        }
        Check::Gpu => {
            if usage.gpus == 0 {
                v(true, "no GPU needed".to_owned())
            } else {
                let free = fleet.free_gpus(i);
                v(
                    free >= usage.gpus,
                    format!("{free} GPUs free, {} needed", usage.gpus),
                )
            }
        }
        Check::Constraint(c) => match request.constraints.get(c) {
            Some(Constraint::DistinctInstance) => {
                let here = prep
                    .and_then(|p| p.group_on.get(i).copied())
                    .unwrap_or_else(|| fleet.group_count(i, &request.group));
                if here == 0 {
                    v(true, format!("no task of {} here", request.group))
                } else {
                    v(
                        false,
                        format!("already runs {here} task(s) of {}", request.group),
                    )
                }
            }
            Some(Constraint::MemberOf(e)) => {
                if e.matches(&View { fleet, index: i }) {
                    v(true, "matches".to_owned())
                } else {
                    v(false, "does not match".to_owned())
                }
            }
            None => v(true, String::new()),
        },
    }
}

/// The fast test: whether an eligible instance `i` passes the checks that change as tasks are
/// placed (resources, ports, constraints that look at tasks).
fn passes(fleet: &Fleet, i: usize, request: &Request, prep: &Prepared) -> bool {
    let usage = &request.demand.usage;
    if fleet.free_cpu.get(i).copied().unwrap_or(0) < usage.cpu
        || fleet.free_memory.get(i).copied().unwrap_or(0) < usage.memory
        || (usage.gpus > 0 && fleet.free_gpus.get(i).copied().unwrap_or(0) < usage.gpus)
        || (usage.eni && fleet.free_enis.get(i).copied().unwrap_or(0) == 0)
    {
        return false;
    }
    if (!usage.tcp_ports.is_empty() || !usage.udp_ports.is_empty())
        && !ports_verdict(fleet, i, request, Some(prep)).pass
    {
        return false;
    }
    prep.dynamic
        .iter()
        .all(|c| match request.constraints.get(*c) {
            Some(Constraint::DistinctInstance) => prep.group_on.get(i).copied().unwrap_or(0) == 0,
            Some(Constraint::MemberOf(e)) => e.matches(&View { fleet, index: i }),
            None => true,
        })
}

/// The strategy keys of instance `i`; returns how many there are (a `random` strategy ends
/// the ranking: what follows it cannot change a random choice).
fn keys(fleet: &Fleet, i: usize, request: &Request, prep: &Prepared, out: &mut [u64; 5]) -> usize {
    let mut n = 0;
    for (k, s) in request.strategies.iter().take(out.len()).enumerate() {
        let key = match s {
            Strategy::Random => break,
            Strategy::Binpack(BinpackField::Cpu) => u64::from(fleet.free_cpu(i)),
            Strategy::Binpack(BinpackField::Memory) => u64::from(fleet.free_memory(i)),
            Strategy::Spread(SpreadField::Instance) => {
                u64::from(prep.group_on.get(i).copied().unwrap_or(0))
            }
            Strategy::Spread(SpreadField::Attribute(_)) => prep
                .spread
                .get(k)
                .and_then(Option::as_ref)
                .and_then(|s| {
                    let id = *s.index.value_of.get(i)?;
                    s.count.get(id as usize).copied()
                })
                .map_or(0, u64::from),
        };
        if let Some(slot) = out.get_mut(n) {
            *slot = key;
        }
        n += 1;
    }
    n
}

fn key_details(i: usize, request: &Request, prep: &Prepared, keys: &[u64]) -> Vec<String> {
    request
        .strategies
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(k, (s, key))| match s {
            Strategy::Binpack(BinpackField::Cpu) => format!("{key} CPU units free"),
            Strategy::Binpack(BinpackField::Memory) => format!("{key} MiB free"),
            Strategy::Spread(SpreadField::Instance) => {
                format!("{key} task(s) of {} on this instance", request.group)
            }
            Strategy::Spread(SpreadField::Attribute(a)) => {
                let value = prep
                    .spread
                    .get(k)
                    .and_then(Option::as_ref)
                    .and_then(|s| s.index.names.get(*s.index.value_of.get(i)? as usize))
                    .filter(|v| !v.is_empty())
                    .map_or_else(|| format!("no {a}"), Clone::clone);
                format!("{value}: {key} task(s) of {}", request.group)
            }
            Strategy::Random => String::new(),
        })
        .collect()
}

/// Draws one of the tied instances: the r-th smallest index for a random r, so the draw does not
/// depend on the order in which the ties were found.
fn pick(ties: &mut [usize], rng: &mut Pcg64Mcg) -> Option<usize> {
    match ties {
        [] => None,
        [only] => Some(*only),
        _ => {
            let r = rng.random_range(0..ties.len());
            ties.select_nth_unstable(r);
            ties.get(r).copied()
        }
    }
}

/// The closest matching candidate and the first check it fails.
fn closest(fleet: &Fleet, request: &Request, prep: &Prepared) -> (Option<usize>, Check) {
    let checks = Check::all(request);
    let mut best: Option<(usize, usize)> = None;
    for i in 0..fleet.len() {
        if fleet
            .instance(i)
            .is_none_or(|inst| inst.status != InstanceStatus::Active)
        {
            continue;
        }
        let reached = checks
            .iter()
            .position(|c| !verdict(fleet, i, request, Some(prep), *c).pass)
            .unwrap_or(checks.len());
        if best.is_none_or(|(_, r)| reached > r) {
            best = Some((i, reached));
        }
    }
    match best {
        Some((i, r)) => (Some(i), checks.get(r).copied().unwrap_or(Check::Cpu)),
        None => (None, Check::Agent),
    }
}

fn describe_demand(request: &Request) -> String {
    let u = &request.demand.usage;
    let mut parts = vec![format!("cpu {}", u.cpu), format!("memory {} MiB", u.memory)];
    if u.gpus > 0 {
        parts.push(format!("{} GPU(s)", u.gpus));
    }
    let ports: Vec<String> = u
        .tcp_ports
        .iter()
        .map(|p| format!("{p}/tcp"))
        .chain(u.udp_ports.iter().map(|p| format!("{p}/udp")))
        .collect();
    if !ports.is_empty() {
        parts.push(format!("host ports {}", ports.join(", ")));
    }
    if u.eni {
        parts.push("an ENI (awsvpc)".to_owned());
    }
    for a in &request.demand.required_attributes {
        parts.push(match &a.value {
            Some(v) => format!("{}={v}", a.name),
            None => a.name.clone(),
        });
    }
    parts.join(", ")
}

fn explain(
    fleet: &Fleet,
    request: &Request,
    prep: &Prepared,
    rng: &mut Pcg64Mcg,
) -> (Option<usize>, Explanation) {
    let checks = Check::all(request);
    let mut rows = Vec::with_capacity(fleet.len());
    let mut passing: Vec<(usize, Vec<u64>)> = Vec::new();
    let mut failure_counts: BTreeMap<String, usize> = BTreeMap::new();
    for (i, inst) in fleet.instances().iter().enumerate() {
        if inst.status != InstanceStatus::Active {
            rows.push(InstanceVerdict {
                instance: inst.id.clone(),
                status: inst.status.as_str(),
                verdicts: Vec::new(),
                keys: Vec::new(),
                key_details: Vec::new(),
                outcome: format!("not a candidate ({})", inst.status.as_str()),
            });
            continue;
        }
        let verdicts: Vec<Verdict> = checks
            .iter()
            .map(|c| verdict(fleet, i, request, Some(prep), *c))
            .collect();
        let first_fail = verdicts.iter().position(|v| !v.pass);
        let mut keys_out = [0u64; 5];
        let (keys_vec, key_details, outcome) = match first_fail.and_then(|f| checks.get(f)) {
            Some(c) => {
                let reason = c.reason(request).to_owned();
                *failure_counts.entry(reason.clone()).or_insert(0) += 1;
                (Vec::new(), Vec::new(), format!("failed {reason}"))
            }
            None => {
                let n = keys(fleet, i, request, prep, &mut keys_out);
                let k: Vec<u64> = keys_out.iter().take(n).copied().collect();
                passing.push((i, k.clone()));
                let details = key_details(i, request, prep, &k);
                (k, details, String::new())
            }
        };
        rows.push(InstanceVerdict {
            instance: inst.id.clone(),
            status: inst.status.as_str(),
            verdicts,
            keys: keys_vec,
            key_details,
            outcome,
        });
    }
    let name = |i: usize| fleet.instance(i).map_or_else(String::new, |x| x.id.clone());
    let mut narrowing = vec![Narrowing {
        after: "filters and constraints".to_owned(),
        remaining: passing.iter().map(|(i, _)| name(*i)).collect(),
    }];
    let mut survivors: Vec<(usize, Vec<u64>)> = passing.clone();
    let key_count = passing.first().map_or(0, |(_, k)| k.len());
    for (k, s) in request.strategies.iter().enumerate() {
        if k >= key_count {
            if matches!(s, Strategy::Random) && survivors.len() > 1 {
                narrowing.push(Narrowing {
                    after: s.label(),
                    remaining: survivors.iter().map(|(i, _)| name(*i)).collect(),
                });
            }
            break;
        }
        let Some(min) = survivors
            .iter()
            .filter_map(|(_, ks)| ks.get(k))
            .min()
            .copied()
        else {
            break;
        };
        for (i, ks) in &survivors {
            if ks.get(k).is_some_and(|v| *v > min) {
                if let Some(row) = rows.iter_mut().find(|r| r.instance == name(*i)) {
                    row.outcome = format!("lost on {}", s.label());
                }
            }
        }
        survivors.retain(|(_, ks)| ks.get(k) == Some(&min));
        narrowing.push(Narrowing {
            after: s.label(),
            remaining: survivors.iter().map(|(i, _)| name(*i)).collect(),
        });
    }
    let mut ties: Vec<usize> = survivors.iter().map(|(i, _)| *i).collect();
    let winner = pick(&mut ties, rng);
    for i in &ties {
        if let Some(row) = rows.iter_mut().find(|r| r.instance == name(*i)) {
            row.outcome = if Some(*i) == winner {
                "placed".to_owned()
            } else {
                "tied, not drawn".to_owned()
            };
        }
    }
    let strategies: Vec<String> = request.strategies.iter().map(Strategy::label).collect();
    let (reason, closest_name, summary) = match winner {
        Some(w) => {
            let why = if ties.len() > 1 {
                format!(
                    "; {} instances were tied and the seeded RNG drew it",
                    ties.len()
                )
            } else if passing.len() > 1 {
                " as the best under the strategies".to_owned()
            } else {
                " as the only instance that passes every check".to_owned()
            };
            (
                None,
                None,
                format!(
                    "placed on {}: {} of {} candidates passed every check{why}",
                    name(w),
                    passing.len(),
                    rows.iter().filter(|r| r.status == "ACTIVE").count()
                ),
            )
        }
        None => {
            let (c, check) = closest(fleet, request, prep);
            let reason = check.reason(request).to_owned();
            let summary = match c {
                Some(c) => format!(
                    "not placed: no instance passes every check; the closest matching instance {} fails {} ({})",
                    name(c),
                    check.label(request),
                    reason
                ),
                None => "not placed: the cluster has no ACTIVE container instance".to_owned(),
            };
            (Some(reason), c.map(name), summary)
        }
    };
    let explanation = Explanation {
        group: request.group.clone(),
        demand: describe_demand(request),
        checks: checks.iter().map(|c| c.label(request)).collect(),
        strategies,
        instances: rows,
        narrowing,
        winner: winner.map(name),
        tied: ties.len(),
        reason,
        closest: closest_name,
        failure_counts,
        summary,
    };
    (winner, explanation)
}

/// Where one strategy's key comes from, resolved once per placement so the scan only indexes
/// integer slices.
#[derive(Clone, Copy)]
enum KeySource<'p> {
    Cpu,
    Memory,
    Instance(&'p [u32]),
    Spread(&'p [u32], &'p [u32]),
}

fn key_sources<'p>(request: &Request, prep: &'p Prepared) -> Vec<KeySource<'p>> {
    let mut out = Vec::with_capacity(request.strategies.len());
    for (k, s) in request.strategies.iter().enumerate() {
        out.push(match s {
            Strategy::Random => break,
            Strategy::Binpack(BinpackField::Cpu) => KeySource::Cpu,
            Strategy::Binpack(BinpackField::Memory) => KeySource::Memory,
            Strategy::Spread(SpreadField::Instance) => KeySource::Instance(&prep.group_on),
            Strategy::Spread(SpreadField::Attribute(_)) => match prep.spread.get(k) {
                Some(Some(sp)) => KeySource::Spread(&sp.index.value_of, &sp.count),
                _ => KeySource::Spread(&[], &[]),
            },
        });
    }
    out
}

#[inline]
fn key_of(source: KeySource<'_>, i: usize, cpu: u32, memory: u32) -> u64 {
    match source {
        KeySource::Cpu => u64::from(cpu),
        KeySource::Memory => u64::from(memory),
        KeySource::Instance(on) => u64::from(on.get(i).copied().unwrap_or(0)),
        KeySource::Spread(value_of, count) => value_of
            .get(i)
            .and_then(|id| count.get(*id as usize))
            .map_or(0, |c| u64::from(*c)),
    }
}

/// Scans `candidates` and keeps in `ties` those with the best keys so far; `best` holds them.
/// `first` is the first key when the caller knows it is the same for every candidate (a bucket of
/// a leading spread strategy).
fn scan(
    fleet: &Fleet,
    request: &Request,
    prep: &Prepared,
    candidates: &[u32],
    first: Option<u64>,
    best: &mut [u64; 5],
    ties: &mut Vec<usize>,
) {
    let usage = &request.demand.usage;
    let slow =
        !usage.tcp_ports.is_empty() || !usage.udp_ports.is_empty() || !prep.dynamic.is_empty();
    let sources = key_sources(request, prep);
    let mut current = [0u64; 5];
    for &c in candidates {
        let i = c as usize;
        let (Some(&cpu), Some(&memory)) = (fleet.free_cpu.get(i), fleet.free_memory.get(i)) else {
            continue;
        };
        if cpu < usage.cpu || memory < usage.memory {
            continue;
        }
        if (usage.gpus > 0 || usage.eni || slow) && !passes(fleet, i, request, prep) {
            continue;
        }
        // Keys are compared as they are computed: a candidate worse on a key is dropped without
        // computing the rest.
        let mut order = if ties.is_empty() {
            Ordering::Less
        } else {
            Ordering::Equal
        };
        for (k, ((slot, source), b)) in current
            .iter_mut()
            .zip(&sources)
            .zip(best.iter())
            .enumerate()
        {
            *slot = match (k, first) {
                (0, Some(v)) => v,
                _ => key_of(*source, i, cpu, memory),
            };
            if order == Ordering::Equal {
                order = (*slot).cmp(b);
                if order == Ordering::Greater {
                    break;
                }
            }
        }
        match order {
            Ordering::Less => {
                *best = current;
                ties.clear();
                ties.push(i);
            }
            Ordering::Equal => ties.push(i),
            Ordering::Greater => {}
        }
    }
}

/// The best keys and tied instances of one bucket of a leading spread strategy; empty ties when
/// no instance of the bucket can take the task.
#[derive(Clone, Debug, Default)]
struct BucketBest {
    keys: [u64; 5],
    ties: Vec<usize>,
}

/// The instances tied for best (in no particular order: [`pick`] does not depend on it).
///
/// When the first strategy spreads over an attribute, its key is the same for every instance
/// with one value, so the values are tried from the fewest tasks up and the search stops at the
/// first set of equally loaded values that has a candidate: it cannot be beaten by the rest. The
/// best of each value's bucket is remembered until a task lands in that bucket, the only thing
/// that can change it while one request's tasks are placed.
fn best_ties(fleet: &Fleet, request: &Request, prep: &mut Prepared, ties: &mut Vec<usize>) {
    ties.clear();
    let first_spread = prep.spread.first().and_then(Option::as_ref);
    let Some(sp) = first_spread.filter(|_| !prep.buckets.is_empty()) else {
        let mut best = [0u64; 5];
        scan(fleet, request, prep, &prep.eligible, None, &mut best, ties);
        return;
    };
    let mut order: Vec<(u32, usize)> = prep
        .buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.is_empty())
        .map(|(id, _)| (sp.count.get(id).copied().unwrap_or(0), id))
        .collect();
    order.sort_unstable();
    let mut at = 0;
    while at < order.len() {
        let load = order.get(at).map_or(0, |(c, _)| *c);
        let mut best: Option<[u64; 5]> = None;
        while let Some((_, id)) = order.get(at).copied().filter(|(c, _)| *c == load) {
            at += 1;
            if prep.bucket_best.get(id).is_some_and(Option::is_none) {
                let mut found = BucketBest::default();
                if let Some(bucket) = prep.buckets.get(id) {
                    scan(
                        fleet,
                        request,
                        prep,
                        bucket,
                        Some(u64::from(load)),
                        &mut found.keys,
                        &mut found.ties,
                    );
                }
                if let Some(slot) = prep.bucket_best.get_mut(id) {
                    *slot = Some(found);
                }
            }
            let Some(Some(b)) = prep.bucket_best.get(id) else {
                continue;
            };
            if b.ties.is_empty() {
                continue;
            }
            match best.map(|k| b.keys.cmp(&k)) {
                None | Some(Ordering::Less) => {
                    best = Some(b.keys);
                    ties.clear();
                    ties.extend_from_slice(&b.ties);
                }
                Some(Ordering::Equal) => ties.extend_from_slice(&b.ties),
                Some(Ordering::Greater) => {}
            }
        }
        if !ties.is_empty() {
            return;
        }
    }
}

/// Places `count` tasks of a request one at a time, committing each placed task to the fleet so
/// the next sees it. With `explain`, every outcome carries its explanation.
pub fn place(
    fleet: &mut Fleet,
    request: &Request,
    count: usize,
    rng: &mut Pcg64Mcg,
    explain_each: bool,
) -> Vec<Outcome> {
    let mut prep = prepare(fleet, request);
    let mut outcomes = Vec::with_capacity(count);
    let mut ties: Vec<usize> = Vec::new();
    for _ in 0..count {
        let (winner, explanation) = if explain_each {
            let (w, e) = explain(fleet, request, &prep, rng);
            (w, Some(Box::new(e)))
        } else {
            best_ties(fleet, request, &mut prep, &mut ties);
            (pick(&mut ties, rng), None)
        };
        match winner {
            Some(w) => {
                fleet.commit(w, &request.demand.usage, &request.group);
                if let Some(g) = prep.group_on.get_mut(w) {
                    *g += 1;
                }
                if let Some(Some(sp)) = prep.spread.first() {
                    if let Some(slot) = sp
                        .index
                        .value_of
                        .get(w)
                        .and_then(|id| prep.bucket_best.get_mut(*id as usize))
                    {
                        *slot = None;
                    }
                }
                for s in prep.spread.iter_mut().flatten() {
                    if let Some(c) = s
                        .index
                        .value_of
                        .get(w)
                        .and_then(|id| s.count.get_mut(*id as usize))
                    {
                        *c += 1;
                    }
                }
                outcomes.push(Outcome::Placed {
                    instance: w,
                    explanation,
                });
            }
            None => {
                let (closest_index, check) = closest(fleet, request, &prep);
                let detail = closest_index.map_or_else(
                    || "the cluster has no ACTIVE container instance".to_owned(),
                    |c| verdict(fleet, c, request, Some(&prep), check).detail,
                );
                outcomes.push(Outcome::Failed {
                    reason: check.reason(request),
                    closest: closest_index,
                    detail,
                    explanation,
                });
            }
        }
    }
    outcomes
}

/// Places one task on a named instance, as StartTask does: no strategies and no constraints,
/// only the instance's own checks. Commits the task when it fits; otherwise returns the first
/// check it fails, with its reason string and detail.
pub fn place_on(
    fleet: &mut Fleet,
    index: usize,
    request: &Request,
) -> Result<(), (&'static str, String)> {
    for check in Check::INSTANCE {
        let v = verdict(fleet, index, request, None, check);
        if !v.pass {
            return Err((check.reason(request), v.detail));
        }
    }
    fleet.commit(index, &request.demand.usage, &request.group);
    Ok(())
}
