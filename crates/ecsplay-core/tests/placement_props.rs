//! Properties of the placement engine over generated fleets and requests (proptest): a plan never
//! over-commits CPU, memory, ports, ENIs or GPUs; never violates a constraint; never reports a
//! failure while some instance passes every filter and constraint; is the same for the same seed;
//! and the explaining pass decides exactly as the fast one. `PROPTEST_CASES` sets the number of
//! cases (the test script runs 10,000).

use ecsplay_core::placement::query::Expression;
use ecsplay_core::placement::{
    place, BinpackField, Capacity, Constraint, Demand, Fleet, Instance, InstanceStatus, Outcome,
    Request, RequiredAttribute, SpreadField, Strategy as Placement, Usage, MAX_RESERVED_PORTS,
};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const ZONES: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];
const STACKS: [Option<&str>; 3] = [Some("prod"), Some("dev"), None];
const PORTS: [u16; 4] = [22, 80, 8080, 9090];

#[derive(Clone, Debug)]
struct InstanceGen {
    cpu: u32,
    memory: u32,
    gpus: u32,
    eni: u32,
    zone: usize,
    stack: usize,
    arm: bool,
    status: InstanceStatus,
    connected: bool,
}

fn instance_gen() -> impl Strategy<Value = InstanceGen> {
    (
        (0u32..=4u32).prop_map(|v| v * 512),
        (0u32..=8u32).prop_map(|v| v * 512),
        0u32..=2,
        0u32..=3,
        0usize..3,
        0usize..3,
        any::<bool>(),
        prop_oneof![
            8 => Just(InstanceStatus::Active),
            1 => Just(InstanceStatus::Draining),
        ],
        prop_oneof![9 => Just(true), 1 => Just(false)],
    )
        .prop_map(
            |(cpu, memory, gpus, eni, zone, stack, arm, status, connected)| InstanceGen {
                cpu,
                memory,
                gpus,
                eni,
                zone,
                stack,
                arm,
                status,
                connected,
            },
        )
}

#[derive(Clone, Debug)]
struct RequestGen {
    cpu: u32,
    memory: u32,
    gpus: u32,
    ports: Vec<u16>,
    awsvpc: bool,
    zones: Option<Vec<usize>>,
    arm: Option<bool>,
    distinct: bool,
    member_of: Option<&'static str>,
    strategies: Vec<u8>,
    count: usize,
    group: usize,
}

const EXPRESSIONS: [&str; 5] = [
    "attribute:stack == prod",
    "attribute:stack != prod",
    "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
    "not(task:group == g0)",
    "runningTasksCount < 2",
];

fn request_gen() -> impl Strategy<Value = RequestGen> {
    (
        (0u32..=4u32).prop_map(|v| v * 256),
        (0u32..=8u32).prop_map(|v| v * 256),
        0u32..=1,
        proptest::collection::vec(proptest::sample::select(PORTS.to_vec()), 0..3),
        any::<bool>(),
        proptest::option::of(proptest::collection::vec(0usize..3, 1..3)),
        proptest::option::of(any::<bool>()),
        any::<bool>(),
        proptest::option::of(proptest::sample::select(EXPRESSIONS.to_vec())),
        proptest::collection::vec(0u8..5, 0..4),
        1usize..=10,
        0usize..2,
    )
        .prop_map(
            |(
                cpu,
                memory,
                gpus,
                ports,
                awsvpc,
                zones,
                arm,
                distinct,
                member_of,
                strategies,
                count,
                group,
            )| {
                RequestGen {
                    cpu,
                    memory,
                    gpus,
                    ports,
                    awsvpc,
                    zones: zones.filter(|_| awsvpc),
                    arm,
                    distinct,
                    member_of,
                    strategies,
                    count,
                    group,
                }
            },
        )
}

fn fleet_of(gens: &[InstanceGen]) -> Fleet {
    let mut fleet = Fleet::new();
    for (i, g) in gens.iter().enumerate() {
        let mut attributes = BTreeMap::new();
        attributes.insert("ecs.availability-zone".to_owned(), ZONES[g.zone].to_owned());
        attributes.insert(
            "ecs.cpu-architecture".to_owned(),
            if g.arm { "arm64" } else { "x86_64" }.to_owned(),
        );
        if let Some(s) = STACKS[g.stack] {
            attributes.insert("stack".to_owned(), s.to_owned());
        }
        fleet.add(Instance {
            id: format!("i-{i}"),
            arn: format!("arn:i-{i}"),
            ec2_instance_id: format!("i-{i}"),
            instance_type: "m5.large".to_owned(),
            availability_zone: ZONES[g.zone].to_owned(),
            status: g.status,
            agent_connected: g.connected,
            agent_version: "1.100.0".to_owned(),
            registered_at: 0,
            attributes,
            capacity: Capacity {
                cpu: g.cpu,
                memory: g.memory,
                gpus: g.gpus,
                eni_slots: g.eni,
                reserved_tcp: [22u16, 2375, 2376, 51678, 51679].into_iter().collect(),
                reserved_udp: BTreeSet::new(),
            },
        });
    }
    fleet
}

fn request_of(g: &RequestGen) -> Request {
    let mut constraints = Vec::new();
    if g.distinct {
        constraints.push(Constraint::DistinctInstance);
    }
    if let Some(e) = g.member_of {
        constraints.push(Constraint::MemberOf(Expression::parse(e).unwrap()));
    }
    let strategies = g
        .strategies
        .iter()
        .map(|s| match s {
            0 => Placement::Binpack(BinpackField::Cpu),
            1 => Placement::Binpack(BinpackField::Memory),
            2 => Placement::Spread(SpreadField::Instance),
            3 => Placement::Spread(SpreadField::Attribute("ecs.availability-zone".to_owned())),
            _ => Placement::Random,
        })
        .collect();
    let mut required = Vec::new();
    if let Some(arm) = g.arm {
        required.push(RequiredAttribute {
            name: "ecs.cpu-architecture".to_owned(),
            value: Some(if arm { "arm64" } else { "x86_64" }.to_owned()),
        });
    }
    Request {
        demand: Demand {
            usage: Usage {
                cpu: g.cpu,
                memory: g.memory,
                gpus: g.gpus,
                eni: g.awsvpc,
                tcp_ports: if g.awsvpc {
                    Vec::new()
                } else {
                    g.ports.clone()
                },
                udp_ports: Vec::new(),
            },
            required_attributes: required,
            availability_zones: g
                .zones
                .as_ref()
                .map(|z| z.iter().map(|i| ZONES[*i].to_owned()).collect()),
        },
        group: format!("g{}", g.group),
        constraints,
        strategies,
    }
}

/// An independent model of one instance, to check the engine against.
#[derive(Clone, Debug, Default)]
struct Ledger {
    cpu: u32,
    memory: u32,
    gpus: u32,
    enis: u32,
    ports: BTreeSet<u16>,
    groups: HashMap<String, u32>,
    tasks: u32,
}

/// Whether instance `i` could take the request now, judged from first principles.
fn could_take(gen: &InstanceGen, ledger: &Ledger, req: &Request, i: usize, fleet: &Fleet) -> bool {
    let u = &req.demand.usage;
    if gen.status != InstanceStatus::Active || !gen.connected {
        return false;
    }
    let inst = fleet.instance(i).unwrap();
    for a in &req.demand.required_attributes {
        if inst.attributes.get(&a.name) != a.value.as_ref() {
            return false;
        }
    }
    if let Some(z) = &req.demand.availability_zones {
        if !z.contains(&inst.availability_zone) {
            return false;
        }
    }
    let mut ports: Vec<u16> = u.tcp_ports.clone();
    ports.sort_unstable();
    let distinct_ports = {
        let mut d = ports.clone();
        d.dedup();
        d
    };
    if distinct_ports.len() != ports.len()
        || ports
            .iter()
            .any(|p| ledger.ports.contains(p) || inst.capacity.reserved_tcp.contains(p))
        || ledger.ports.len() + inst.capacity.reserved_tcp.len() + ports.len() > MAX_RESERVED_PORTS
    {
        return false;
    }
    if ledger.cpu + u.cpu > gen.cpu
        || ledger.memory + u.memory > gen.memory
        || ledger.gpus + u.gpus > gen.gpus
        || (u.eni && ledger.enis + 1 > gen.eni)
    {
        return false;
    }
    for c in &req.constraints {
        match c {
            Constraint::DistinctInstance => {
                if ledger.groups.get(&req.group).copied().unwrap_or(0) > 0 {
                    return false;
                }
            }
            Constraint::MemberOf(e) => {
                let stack = inst.attributes.get("stack").map(String::as_str);
                let zone = inst.availability_zone.as_str();
                let ok = match e.text() {
                    "attribute:stack == prod" => stack == Some("prod"),
                    "attribute:stack != prod" => stack != Some("prod"),
                    "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]" => {
                        zone == "us-east-1a" || zone == "us-east-1b"
                    }
                    "not(task:group == g0)" => ledger.groups.get("g0").copied().unwrap_or(0) == 0,
                    "runningTasksCount < 2" => ledger.tasks < 2,
                    other => panic!("no model for {other}"),
                };
                if !ok {
                    return false;
                }
            }
        }
    }
    true
}

fn run(
    gens: &[InstanceGen],
    reqs: &[RequestGen],
    seed: u64,
    explain: bool,
) -> Vec<Vec<Option<usize>>> {
    let mut fleet = fleet_of(gens);
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    reqs.iter()
        .map(|g| {
            place(&mut fleet, &request_of(g), g.count, &mut rng, explain)
                .into_iter()
                .map(|o| match o {
                    Outcome::Placed { instance, .. } => Some(instance),
                    Outcome::Failed { .. } => None,
                })
                .collect()
        })
        .collect()
}

proptest! {
    #[test]
    fn plans_are_sound_and_complete(
        gens in proptest::collection::vec(instance_gen(), 0..12),
        reqs in proptest::collection::vec((request_gen(), proptest::option::of(0usize..12)), 1..4),
        seed in any::<u64>(),
    ) {
        let mut gens = gens;
        let mut fleet = fleet_of(&gens);
        let mut ledgers = vec![Ledger::default(); gens.len()];
        let mut rng = Pcg64Mcg::seed_from_u64(seed);
        for (g, flip) in &reqs {
            // Between requests an instance may be drained or reactivated, which the fleet's
            // cached eligibility must notice.
            if let Some(k) = flip.filter(|k| *k < gens.len()) {
                let status = match gens[k].status {
                    InstanceStatus::Active => InstanceStatus::Draining,
                    _ => InstanceStatus::Active,
                };
                gens[k].status = status;
                fleet.set_status(k, status);
            }
            let req = request_of(g);
            for outcome in place(&mut fleet, &req, g.count, &mut rng, false) {
                match outcome {
                    Outcome::Placed { instance, .. } => {
                        // Sound: the instance really could take it (no over-commit, no violated
                        // constraint), judged before the ledger takes the task.
                        prop_assert!(
                            could_take(&gens[instance], &ledgers[instance], &req, instance, &fleet),
                            "placed on i-{instance}, which could not take it: {:?} {:?}", gens[instance], ledgers[instance]
                        );
                        let l = &mut ledgers[instance];
                        let u = &req.demand.usage;
                        l.cpu += u.cpu;
                        l.memory += u.memory;
                        l.gpus += u.gpus;
                        l.enis += u32::from(u.eni);
                        l.ports.extend(u.tcp_ports.iter().copied());
                        *l.groups.entry(req.group.clone()).or_insert(0) += 1;
                        l.tasks += 1;
                    }
                    Outcome::Failed { reason, .. } => {
                        // Complete: nothing could take it.
                        for (i, gen) in gens.iter().enumerate() {
                            prop_assert!(
                                !could_take(gen, &ledgers[i], &req, i, &fleet),
                                "failed with {reason} although i-{i} could take it"
                            );
                        }
                    }
                }
            }
        }
        // The engine's own books agree with the ledger.
        for (i, (gen, l)) in gens.iter().zip(&ledgers).enumerate() {
            prop_assert_eq!(fleet.free_cpu(i), gen.cpu - l.cpu);
            prop_assert_eq!(fleet.free_memory(i), gen.memory - l.memory);
            prop_assert_eq!(fleet.free_gpus(i), gen.gpus - l.gpus);
            prop_assert_eq!(fleet.free_enis(i), gen.eni - l.enis);
        }
    }

    #[test]
    fn same_seed_same_plan_and_explaining_decides_alike(
        gens in proptest::collection::vec(instance_gen(), 0..12),
        reqs in proptest::collection::vec(request_gen(), 1..4),
        seed in any::<u64>(),
    ) {
        let a = run(&gens, &reqs, seed, false);
        prop_assert_eq!(&a, &run(&gens, &reqs, seed, false));
        prop_assert_eq!(&a, &run(&gens, &reqs, seed, true));
    }
}
