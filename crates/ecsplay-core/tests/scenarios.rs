//! Scenario tests with fixed seeds: every failure reason of placement.md §1.5 with its closest
//! matching instance, the RunTask refusals of interfaces.md §4.1, Fargate, StartTask, draining,
//! stopping, determinism, and the scenario files under `tests/scenarios/` (snapshots of their JSON
//! results).

use ecsplay_core::sim::{simulate, SimOptions, SimResult, StepReport};
use serde_json::{json, Value};
use std::path::Path;

fn run(scenario: Value) -> SimResult {
    simulate(&scenario.to_string(), &SimOptions::default())
        .unwrap_or_else(|e| panic!("scenario rejected: {e:?}"))
}

fn instance(id: &str, kind: &str, zone: &str) -> Value {
    json!({"id": id, "instanceType": kind, "availabilityZone": zone})
}

fn app(family: &str, container: Value) -> Value {
    let mut c = json!({"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"});
    if let (Some(c), Some(extra)) = (c.as_object_mut(), container.as_object()) {
        for (k, v) in extra {
            c.insert(k.clone(), v.clone());
        }
    }
    json!({"family": family, "containerDefinitions": [c]})
}

/// One RunTask step against a fleet; returns its report.
fn run_task(instances: Value, definition: Value, step: Value) -> StepReport {
    let mut step = step;
    step["action"] = json!("RunTask");
    let result = run(json!({
        "seed": 1,
        "cluster": {"name": "t", "instances": instances,
                    "subnets": [{"subnetId": "subnet-a", "availabilityZone": "us-east-1a"},
                                {"subnetId": "subnet-c", "availabilityZone": "us-east-1c"}]},
        "taskDefinitions": [definition],
        "steps": [step]
    }));
    result.steps.into_iter().next().expect("one step")
}

fn failure(report: &StepReport) -> (&str, &str, &str) {
    let f = report.failures.first().expect("a failure");
    (f.reason.as_str(), f.arn.as_str(), f.detail.as_str())
}

const ARN: &str = "arn:aws:ecs:us-east-1:123456789012:container-instance/t/";

#[test]
fn resource_reasons_name_the_closest_instance() {
    let two = json!([
        instance("i-small", "t3.small", "us-east-1a"),
        instance("i-big", "m5.xlarge", "us-east-1a")
    ]);
    // CPU: neither has 8 vCPUs; both fail at the CPU check, the first in order is closest.
    let r = run_task(
        two.clone(),
        app("cpu", json!({"cpu": 8192, "memory": 128})),
        json!({"taskDefinition": "cpu"}),
    );
    let (reason, arn, detail) = failure(&r);
    assert_eq!(reason, "RESOURCE:CPU");
    assert_eq!(arn, format!("{ARN}i-small"));
    assert!(
        detail.contains("2048 CPU units free, 8192 needed"),
        "{detail}"
    );
    // MEMORY: the m5.xlarge passes CPU and gets further than the t3.small, so it is closest.
    let r = run_task(
        two.clone(),
        app("mem", json!({"cpu": 4096, "memory": 32768})),
        json!({"taskDefinition": "mem"}),
    );
    assert_eq!(failure(&r).0, "RESOURCE:MEMORY");
    assert_eq!(failure(&r).1, format!("{ARN}i-big"));
    // PORTS: a static bridge host port fits once per instance.
    let r = run_task(
        two.clone(),
        app(
            "port",
            json!({"memory": 64, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}),
        ),
        json!({"taskDefinition": "port", "count": 3}),
    );
    assert_eq!(r.tasks.len(), 2);
    assert_eq!(failure(&r).0, "RESOURCE:PORTS");
    assert!(failure(&r).2.contains("8080/tcp already reserved"));
    // PORTS: a port the agent reserves is never free.
    let r = run_task(
        two.clone(),
        app(
            "ssh",
            json!({"memory": 64, "portMappings": [{"containerPort": 22, "hostPort": 22}]}),
        ),
        json!({"taskDefinition": "ssh"}),
    );
    assert_eq!(failure(&r).0, "RESOURCE:PORTS");
    // GPU: no GPU in the fleet.
    let r = run_task(
        two.clone(),
        app(
            "gpu",
            json!({"memory": 64, "resourceRequirements": [{"type": "GPU", "value": "1"}]}),
        ),
        json!({"taskDefinition": "gpu"}),
    );
    assert_eq!(failure(&r).0, "RESOURCE:GPU");
    // GPU fits on a g4dn.xlarge.
    let r = run_task(
        json!([instance("i-gpu", "g4dn.xlarge", "us-east-1a")]),
        app(
            "gpu",
            json!({"memory": 64, "resourceRequirements": [{"type": "GPU", "value": "1"}]}),
        ),
        json!({"taskDefinition": "gpu", "count": 2}),
    );
    assert_eq!(r.tasks.len(), 1);
    assert_eq!(failure(&r).0, "RESOURCE:GPU");
}

#[test]
fn eni_slots_limit_awsvpc_tasks() {
    let mut vpc = app("vpc", json!({"memory": 64}));
    vpc["networkMode"] = json!("awsvpc");
    // A t3.micro has 2 ENIs: 1 awsvpc task without trunking.
    let r = run_task(
        json!([instance("i-a", "t3.micro", "us-east-1a")]),
        vpc.clone(),
        json!({"taskDefinition": "vpc", "count": 2,
               "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a"]}}}),
    );
    assert_eq!(r.tasks.len(), 1);
    assert_eq!(failure(&r).0, "RESOURCE:ENI");
    // Trunking raises a c5.large from 2 to 10 slots.
    let result = run(json!({
        "cluster": {"accountSettings": {"awsvpcTrunking": true},
                    "subnets": [{"subnetId": "subnet-a", "availabilityZone": "us-east-1a"}],
                    "instances": [instance("i-a", "c5.large", "us-east-1a")]},
        "taskDefinitions": [vpc],
        "steps": [{"action": "RunTask", "taskDefinition": "vpc", "count": 10,
                   "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a"]}}}]
    }));
    assert_eq!(result.steps[0].tasks.len(), 10);
    assert_eq!(result.final_state.instances[0].eni_slots, [0, 10]);
}

#[test]
fn agent_attribute_and_location() {
    // AGENT: the only instance's agent is disconnected.
    let mut off = instance("i-off", "m5.large", "us-east-1a");
    off["agentConnected"] = json!(false);
    let r = run_task(
        json!([off]),
        app("web", json!({"memory": 64})),
        json!({"taskDefinition": "web"}),
    );
    assert_eq!(failure(&r).0, "AGENT");
    // ATTRIBUTE: an ARM64 task on x86_64 instances.
    let mut arm = app("arm", json!({"memory": 64}));
    arm["runtimePlatform"] = json!({"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"});
    let r = run_task(
        json!([instance("i-x86", "m5.large", "us-east-1a")]),
        arm.clone(),
        json!({"taskDefinition": "arm"}),
    );
    assert_eq!(failure(&r).0, "ATTRIBUTE");
    assert!(failure(&r)
        .2
        .contains("ecs.cpu-architecture is x86_64, arm64 required"));
    let r = run_task(
        json!([instance("i-arm", "m6g.large", "us-east-1a")]),
        arm,
        json!({"taskDefinition": "arm"}),
    );
    assert_eq!(r.tasks.len(), 1);
    // LOCATION: awsvpc subnets in us-east-1c, instances in us-east-1a.
    let mut vpc = app("vpc", json!({"memory": 64}));
    vpc["networkMode"] = json!("awsvpc");
    let r = run_task(
        json!([instance("i-a", "m5.large", "us-east-1a")]),
        vpc,
        json!({"taskDefinition": "vpc", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-c"]}}}),
    );
    assert_eq!(failure(&r).0, "LOCATION");
}

#[test]
fn constraint_reasons() {
    let fleet = json!([
        instance("i-1", "m5.large", "us-east-1a"),
        instance("i-2", "m5.large", "us-east-1a")
    ]);
    let r = run_task(
        fleet.clone(),
        app("web", json!({"memory": 64})),
        json!({"taskDefinition": "web", "placementConstraints": [{"type": "memberOf", "expression": "attribute:stack == prod"}]}),
    );
    assert_eq!(failure(&r).0, "MemberOf placement constraint unsatisfied.");
    let r = run_task(
        fleet.clone(),
        app("web", json!({"memory": 64})),
        json!({"taskDefinition": "web", "count": 3, "placementConstraints": [{"type": "distinctInstance"}]}),
    );
    let hosts: Vec<_> = r
        .tasks
        .iter()
        .map(|t| t.container_instance.clone().unwrap())
        .collect();
    assert_eq!(hosts.len(), 2);
    assert_ne!(hosts[0], hosts[1]);
    assert_eq!(
        failure(&r).0,
        "DistinctInstance placement constraint unsatisfied."
    );
    // A task-definition memberOf constraint applies too.
    let mut pinned = app("pinned", json!({"memory": 64}));
    pinned["placementConstraints"] =
        json!([{"type": "memberOf", "expression": "attribute:ecs.instance-type == c5.large"}]);
    let r = run_task(fleet, pinned, json!({"taskDefinition": "pinned"}));
    assert_eq!(failure(&r).0, "MemberOf placement constraint unsatisfied.");
}

#[test]
fn start_task_reasons() {
    let result = run(json!({
        "cluster": {"name": "t", "instances": [instance("i-1", "t3.small", "us-east-1a"), instance("i-2", "m5.large", "us-east-1a")]},
        "taskDefinitions": [app("web", json!({"memory": 1024}))],
        "steps": [
            {"action": "DeregisterContainerInstance", "containerInstance": "i-2"},
            {"action": "StartTask", "taskDefinition": "web", "containerInstances": ["i-1", "i-1", "i-2", "i-9"]}
        ]
    }));
    let s = &result.steps[1];
    assert_eq!(s.tasks.len(), 1, "{s:?}");
    let reasons: Vec<&str> = s.failures.iter().map(|f| f.reason.as_str()).collect();
    assert_eq!(reasons, ["RESOURCE:MEMORY", "INACTIVE", "MISSING"]);
    assert_eq!(s.failures[2].arn, "i-9");
}

fn refusal(step: Value) -> (String, String) {
    let result = run(json!({
        "cluster": {"instances": [instance("i-1", "m5.large", "us-east-1a")],
                    "subnets": [{"subnetId": "subnet-a", "availabilityZone": "us-east-1a"}]},
        "taskDefinitions": [app("web", json!({"memory": 64}))],
        "steps": [step]
    }));
    let e = result.steps[0].error.clone().expect("refused");
    (e.kind, e.message)
}

#[test]
fn refusals_use_ecs_wording() {
    assert_eq!(
        refusal(json!({"action": "RunTask", "taskDefinition": "nope"})),
        ("ClientException".into(), "TaskDefinition not found.".into())
    );
    assert_eq!(
        refusal(json!({"action": "RunTask", "taskDefinition": "web", "count": 11})).0,
        "InvalidParameterException"
    );
    assert_eq!(
        refusal(json!({"action": "RunTask", "taskDefinition": "web", "count": 0})).0,
        "InvalidParameterException"
    );
    assert!(refusal(json!({"action": "RunTask", "taskDefinition": "web",
        "placementConstraints": [{"type": "distinctInstance", "expression": "attribute:a == b"}]}))
    .1
    .contains("takes no expression"));
    let (_, m) = refusal(json!({"action": "RunTask", "taskDefinition": "web",
        "placementConstraints": [{"type": "memberOf", "expression": "attribute:a =="}]}));
    assert!(m.contains("at character 15"), "{m}");
    let six: Vec<Value> = (0..6).map(|_| json!({"type": "random"})).collect();
    assert!(refusal(
        json!({"action": "RunTask", "taskDefinition": "web", "placementStrategy": six})
    )
    .1
    .contains("at most 5"));
    let eleven: Vec<Value> = (0..11)
        .map(|_| json!({"type": "memberOf", "expression": "attribute:a != b"}))
        .collect();
    assert!(refusal(
        json!({"action": "RunTask", "taskDefinition": "web", "placementConstraints": eleven})
    )
    .1
    .contains("at most 10"));
    assert!(refusal(json!({"action": "RunTask", "taskDefinition": "web",
        "placementStrategy": [{"type": "binpack", "field": "disk"}]}))
    .1
    .contains("cpu or memory"));
    assert!(refusal(json!({"action": "RunTask", "taskDefinition": "web",
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a"]}}}))
    .1
    .contains("not valid for the given networkMode"));
    assert!(refusal(json!({"action": "RunTask", "taskDefinition": "web",
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-x"]}}}))
    .1
    .contains("The subnet ID 'subnet-x' does not exist"));
    assert_eq!(
        refusal(json!({"action": "StopTask", "task": "t-9999"})).1,
        "The referenced task was not found."
    );
    // No instances at all.
    let result = run(
        json!({"cluster": {}, "taskDefinitions": [app("web", json!({"memory": 64}))],
        "steps": [{"action": "RunTask", "taskDefinition": "web"}]}),
    );
    assert_eq!(
        result.steps[0].error.as_ref().map(|e| e.message.as_str()),
        Some("No Container Instances were found in your cluster.")
    );
}

#[test]
fn fargate_spreads_over_the_subnets_zones() {
    let mut td = app("fg", json!({}));
    td["requiresCompatibilities"] = json!(["FARGATE"]);
    td["networkMode"] = json!("awsvpc");
    td["cpu"] = json!("256");
    td["memory"] = json!("512");
    let result = run(json!({
        "cluster": {"subnets": [{"subnetId": "subnet-a", "availabilityZone": "us-east-1a"},
                                {"subnetId": "subnet-b", "availabilityZone": "us-east-1b"}]},
        "taskDefinitions": [td, app("ec2only", json!({"memory": 64}))],
        "steps": [
            {"action": "RunTask", "taskDefinition": "fg", "count": 4, "launchType": "FARGATE",
             "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"]}}},
            {"action": "RunTask", "taskDefinition": "fg", "launchType": "FARGATE"},
            {"action": "RunTask", "taskDefinition": "ec2only", "launchType": "FARGATE"}
        ]
    }));
    let zones: Vec<&str> = result.steps[0]
        .tasks
        .iter()
        .map(|t| t.availability_zone.as_str())
        .collect();
    assert_eq!(
        zones.iter().filter(|z| **z == "us-east-1a").count(),
        2,
        "{zones:?}"
    );
    assert!(result.steps[0]
        .tasks
        .iter()
        .all(|t| t.container_instance.is_none() && t.launch_type == "FARGATE"));
    assert!(result.steps[1]
        .error
        .as_ref()
        .unwrap()
        .message
        .contains("Network Configuration must be provided"));
    assert_eq!(
        result.steps[2].error.as_ref().unwrap().message,
        "Task definition does not support launch_type FARGATE."
    );
    assert_eq!(result.final_state.tasks.len(), 4);
}

#[test]
fn fargate_without_capacity_is_resource_fargate() {
    let mut td = app("fg", json!({}));
    td["requiresCompatibilities"] = json!(["FARGATE"]);
    td["networkMode"] = json!("awsvpc");
    td["cpu"] = json!("256");
    td["memory"] = json!("512");
    let result = run(json!({
        "cluster": {"subnets": [{"subnetId": "subnet-a", "availabilityZone": "us-east-1a"},
                                {"subnetId": "subnet-b", "availabilityZone": "us-east-1b"}],
                    "fargateCapacity": {"us-east-1a": 1, "us-east-1b": 0}},
        "taskDefinitions": [td],
        "steps": [{"action": "RunTask", "taskDefinition": "fg", "count": 3, "launchType": "FARGATE",
                   "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"]}}}]
    }));
    let s = &result.steps[0];
    assert_eq!(s.tasks.len(), 1);
    assert_eq!(s.tasks[0].availability_zone, "us-east-1a");
    let reasons: Vec<&str> = s.failures.iter().map(|f| f.reason.as_str()).collect();
    assert_eq!(reasons, ["RESOURCE:FARGATE", "RESOURCE:FARGATE"]);
    assert!(s.failures[0].arn.ends_with(":task-definition/fg:1"));
}

#[test]
fn draining_and_stopping_free_and_block_instances() {
    let result = run(json!({
        "seed": 3,
        "cluster": {"instances": [instance("i-1", "m5.large", "us-east-1a"), instance("i-2", "m5.large", "us-east-1b")]},
        "taskDefinitions": [app("web", json!({"cpu": 1024, "memory": 512}))],
        "steps": [
            {"action": "UpdateContainerInstancesState", "containerInstances": ["i-1"], "status": "DRAINING"},
            {"action": "RunTask", "taskDefinition": "web", "count": 3},
            {"action": "StopTask", "task": "t-0001"},
            {"action": "RunTask", "taskDefinition": "web"},
            {"action": "UpdateContainerInstancesState", "containerInstances": ["i-1"], "status": "ACTIVE"},
            {"action": "RunTask", "taskDefinition": "web", "placementStrategy": [{"type": "binpack", "field": "cpu"}]}
        ]
    }));
    let s = &result.steps;
    assert!(s[1]
        .tasks
        .iter()
        .all(|t| t.container_instance.as_deref() == Some("i-2")));
    assert_eq!(s[1].failures.len(), 1, "i-2 holds two 1-vCPU tasks");
    assert_eq!(s[2].stopped_tasks, ["t-0001"]);
    assert_eq!(
        s[3].tasks[0].container_instance.as_deref(),
        Some("i-2"),
        "the stopped task's room is reused"
    );
    // binpack cpu prefers the fuller instance... which has no room, so i-1 gets it.
    assert_eq!(s[5].tasks[0].container_instance.as_deref(), Some("i-1"));
    let i2 = &result.final_state.instances[1];
    assert_eq!((i2.remaining_resources.cpu, i2.running_tasks_count), (0, 2));
}

#[test]
fn same_seed_same_bytes_and_seed_changes_ties() {
    let scenario = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/spread-binpack.json"),
    )
    .unwrap();
    let a = serde_json::to_string(&simulate(&scenario, &SimOptions::default()).unwrap()).unwrap();
    let b = serde_json::to_string(&simulate(&scenario, &SimOptions::default()).unwrap()).unwrap();
    assert_eq!(a, b);
    let hosts = |seed: u64| -> Vec<Option<String>> {
        let r = simulate(
            &scenario,
            &SimOptions {
                seed: Some(seed),
                ..SimOptions::default()
            },
        )
        .unwrap();
        assert_eq!(r.seed, seed);
        r.steps[0]
            .tasks
            .iter()
            .map(|t| t.container_instance.clone())
            .collect()
    };
    let first = hosts(1);
    assert!(
        (2..40).any(|s| hosts(s) != first),
        "ties are broken by the seed"
    );
}

#[test]
fn schema_violations_point_at_the_value() {
    let errors = simulate(
        r#"{"cluster": {"instances": [{"id": "i-1", "availabilityZone": "us-east-1a", "colour": "red"}]}, "steps": [{"action": "RunTask"}]}"#,
        &SimOptions::default(),
    )
    .unwrap_err();
    let pointers: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert!(pointers.contains(&"/cluster/instances/0"), "{errors:?}");
    assert!(pointers.contains(&"/steps/0"), "{errors:?}");
    assert!(errors.iter().all(|e| e.range.is_some()));
    let unknown_type = simulate(
        r#"{"cluster": {"instances": [{"id": "i-1", "instanceType": "z9.huge", "availabilityZone": "a"}]}}"#,
        &SimOptions::default(),
    )
    .unwrap_err();
    assert_eq!(unknown_type[0].pointer, "/cluster/instances/0/instanceType");
    assert!(simulate("{ not json", &SimOptions::default()).is_err());
}

#[test]
fn scenario_files_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let result = simulate(
            &text,
            &SimOptions {
                explain: false,
                ..SimOptions::default()
            },
        )
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(
            format!("scenario__{name}"),
            ecsplay_core::sim::render_text(&result)
        );
    }
}

#[test]
fn snapshots_record_the_state_after_each_step() {
    let scenario = json!({
        "cluster": {"instances": [instance("i-a1", "m5.large", "us-east-1a")]},
        "taskDefinitions": [app("web", json!({"memory": 512}))],
        "steps": [
            {"action": "RunTask", "taskDefinition": "web", "count": 2},
            {"action": "StopTask", "task": "t-0001"},
            {"action": "UpdateContainerInstancesState", "containerInstances": ["i-a1"], "status": "DRAINING"}
        ]
    })
    .to_string();
    let plain = simulate(&scenario, &SimOptions::default()).unwrap();
    assert!(plain.steps.iter().all(|s| s.state.is_none()));
    let stepped = simulate(
        &scenario,
        &SimOptions {
            snapshots: true,
            ..SimOptions::default()
        },
    )
    .unwrap();
    let states: Vec<_> = stepped
        .steps
        .iter()
        .map(|s| s.state.clone().unwrap())
        .collect();
    assert_eq!(states[0].instances[0].tasks, ["t-0001", "t-0002"]);
    assert_eq!(states[1].instances[0].tasks, ["t-0002"]);
    assert_eq!(states[1].instances[0].status, "ACTIVE");
    assert_eq!(states[2].instances[0].status, "DRAINING");
    assert_eq!(states[2], stepped.final_state);
    // Snapshots change nothing else.
    assert_eq!(plain.final_state, stepped.final_state);
}
