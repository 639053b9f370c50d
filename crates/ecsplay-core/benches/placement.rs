//! Placement throughput: 10,000 tasks (RunTask calls of 10) placed onto clusters of 1,000, 5,000
//! and 20,000 instances over 3 Availability Zones, with the strategies
//! `[spread(attribute:ecs.availability-zone), binpack(memory)]` and a `memberOf` constraint.
//!
//! Run with `cargo bench -p ecsplay-core --bench placement`; the figure to read is the throughput
//! in elements (task placements) per second. `BATCH=n` places `n` tasks per call instead of
//! RunTask's 10 (to see what the per-request preparation costs).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ecsplay_core::placement::query::Expression;
use ecsplay_core::placement::{
    place, BinpackField, Capacity, Constraint, Demand, Fleet, Instance, InstanceStatus, Outcome,
    Request, RequiredAttribute, SpreadField, Strategy, Usage,
};
use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;
use std::collections::BTreeMap;
use std::hint::black_box;

const TASKS: usize = 10_000;
const ZONES: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];

/// m5.large-sized instances; one in ten is labelled `stack=dev` and excluded by the constraint.
fn fleet(instances: usize) -> Fleet {
    let mut fleet = Fleet::new();
    for i in 0..instances {
        let zone = ZONES[i % ZONES.len()];
        let mut attributes = BTreeMap::new();
        attributes.insert("ecs.availability-zone".to_owned(), zone.to_owned());
        attributes.insert("ecs.instance-type".to_owned(), "m5.large".to_owned());
        attributes.insert("ecs.os-type".to_owned(), "linux".to_owned());
        attributes.insert(
            "stack".to_owned(),
            if i % 10 == 9 { "dev" } else { "prod" }.to_owned(),
        );
        fleet.add(Instance {
            id: format!("i-{i:05}"),
            arn: format!("arn:aws:ecs:us-east-1:123456789012:container-instance/bench/i-{i:05}"),
            ec2_instance_id: format!("i-{i:05}"),
            instance_type: "m5.large".to_owned(),
            availability_zone: zone.to_owned(),
            status: InstanceStatus::Active,
            agent_connected: true,
            agent_version: "1.100.0".to_owned(),
            registered_at: 0,
            attributes,
            capacity: Capacity {
                cpu: 2048,
                memory: 7690,
                gpus: 0,
                eni_slots: 2,
                reserved_tcp: [22u16, 2375, 2376, 51678, 51679].into_iter().collect(),
                reserved_udp: Default::default(),
            },
        });
    }
    fleet
}

fn request() -> Request {
    Request {
        demand: Demand {
            usage: Usage {
                cpu: 128,
                memory: 256,
                ..Usage::default()
            },
            required_attributes: vec![RequiredAttribute {
                name: "ecs.os-type".to_owned(),
                value: Some("linux".to_owned()),
            }],
            availability_zones: None,
        },
        group: "family:web".to_owned(),
        constraints: vec![Constraint::MemberOf(
            Expression::parse("attribute:stack == prod").expect("the expression parses"),
        )],
        strategies: vec![
            Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".to_owned())),
            Strategy::Binpack(BinpackField::Memory),
        ],
    }
}

fn place_all(mut fleet: Fleet, request: &Request) -> usize {
    let mut rng = Pcg64Mcg::seed_from_u64(7);
    let mut placed = 0;
    let batch: usize = std::env::var("BATCH")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(10);
    for _ in 0..TASKS / batch {
        placed += place(&mut fleet, request, batch, &mut rng, false)
            .iter()
            .filter(|o| matches!(o, Outcome::Placed { .. }))
            .count();
    }
    placed
}

fn bench(c: &mut Criterion) {
    let request = request();
    let mut group = c.benchmark_group("place 10k tasks");
    group.throughput(Throughput::Elements(TASKS as u64));
    group.sample_size(10);
    for instances in [1_000, 5_000, 20_000] {
        let base = fleet(instances);
        assert_eq!(place_all(base.clone(), &request), TASKS, "every task fits");
        group.bench_function(format!("{instances} instances"), |b| {
            b.iter_batched(
                || base.clone(),
                |f| black_box(place_all(f, &request)),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
