//! Conformance with cfn-lint's own test cases for the ECS task-definition rules E3042, E3046,
//! E3047, E3048 and E3053 (`../shared/conformance/peer/cfn-lint`).
//!
//! Each case's fragment is placed in a minimal, otherwise valid task definition and linted twice:
//! converted to the API form (RegisterTaskDefinition JSON, as `shared/oracles.md` §4 describes;
//! cases holding intrinsic functions have no API form and are skipped there) and as the
//! CloudFormation template it came from. cfn-lint calls a case invalid when its rule reports;
//! we call it invalid when one of the catalogue rules that cover that cfn-lint rule reports an
//! error. Every disagreement must be listed in `KNOWN_DIFFERENCES` with the reason cfn-lint and
//! ECS differ; a listed difference that no longer happens fails the test too.

use ecsplay_core::{lint, LintOptions, Severity};
use serde_json::{json, Map, Value};
use std::path::Path;

/// The catalogue rules that cover each cfn-lint rule (rules.md §14.1).
const COVERAGE: &[(&str, &[&str])] = &[
    ("E3042", &["TD-DEP-001", "TD-SHAPE-004"]),
    (
        "E3046",
        &[
            "TD-LOG-001",
            "TD-LOG-005",
            "TD-LOG-006",
            "TD-LOG-009",
            "TD-LOG-010",
        ],
    ),
    ("E3047", &["TD-FG-003", "TD-FG-004"]),
    (
        "E3048",
        &[
            "TD-NET-002",
            "TD-NET-003",
            "TD-FG-001",
            "TD-FG-002",
            "TD-FG-003",
            "TD-FG-007",
            "TD-FG-016",
        ],
    ),
    ("E3053", &["TD-NET-007"]),
];

/// Cases where our verdict differs from cfn-lint's, by case id suffix and form, with the reason.
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "test_ecs_task_fargate_properties.py::test_validate[instance8-expected8]",
    "api",
    "FARGATE without NetworkMode: cfn-lint requires the property; in the API forms TD-NET-003 is a \
     warning (rules.md §2), because RegisterTaskDefinition's refusal of the omission is not \
     verified. The CloudFormation form agrees (error).",
    ),
    (
        "test_task_definition_essentials.py::test_validate[instance2-expected2]",
        "cloudformation",
        CONTAINERS_NOT_A_LIST,
    ),
    ("test_task_definition_essentials.py::test_validate[instance2-expected2]", "api", CONTAINERS_NOT_A_LIST),
];

/// `ContainerDefinitions: {}`: cfn-lint's E3042 case calls it valid only because cfn-lint reports
/// a non-list under its type rule (E3012), not E3042; the template is rejected all the same.
/// TD-SHAPE-004's condition includes "not an array" (rules.md §1.6), so we report it there.
const CONTAINERS_NOT_A_LIST: &str = "containerDefinitions is an object, not a list: cfn-lint \
     reports that under E3012 (type), so its E3042 case is 'valid'; ECS rejects it and TD-SHAPE-004 \
     covers a non-list by definition";

/// API names that are not a first-letter case change of the CloudFormation name.
const RENAMED: &[(&str, &str)] = &[
    ("ProxyConfigurationProperties", "properties"),
    ("EFSVolumeConfiguration", "efsVolumeConfiguration"),
    ("FilesystemId", "fileSystemId"),
    ("IAM", "iam"),
    (
        "FSxWindowsFileServerVolumeConfiguration",
        "fsxWindowsFileServerVolumeConfiguration",
    ),
    ("S3FilesVolumeConfiguration", "s3filesVolumeConfiguration"),
];

/// CloudFormation properties whose value is a map with user keys (kept verbatim).
const MAPS: &[&str] = &["Options", "DockerLabels", "DriverOpts", "Labels"];

fn has_intrinsic(v: &Value) -> bool {
    match v {
        Value::Object(m) => {
            m.keys().any(|k| k == "Ref" || k.starts_with("Fn::")) || m.values().any(has_intrinsic)
        }
        Value::Array(a) => a.iter().any(has_intrinsic),
        _ => false,
    }
}

/// oracles.md §4 in reverse: CloudFormation properties to the API form.
fn to_api(v: &Value, verbatim: bool) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let key = if verbatim {
                        k.clone()
                    } else if let Some((_, api)) = RENAMED.iter().find(|(c, _)| c == k) {
                        (*api).to_owned()
                    } else {
                        let mut c = k.chars();
                        c.next()
                            .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
                            .unwrap_or_default()
                    };
                    (key, to_api(v, !verbatim && MAPS.contains(&k.as_str())))
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|v| to_api(v, false)).collect()),
        other => other.clone(),
    }
}

fn task_properties(case: &Value) -> Option<Value> {
    let base = json!({"Family": "conformance", "ContainerDefinitions": [{"Name": "app", "Image": "nginx:1.27", "Memory": 512}]});
    let instance = case.get("instance");
    match case["rule_id"].as_str()? {
        "E3047" | "E3048" => {
            let mut props: Map<String, Value> = base.as_object()?.clone();
            for (k, v) in instance?.as_object()? {
                props.insert(k.clone(), v.clone());
            }
            Some(Value::Object(props))
        }
        "E3042" => {
            let mut props = base;
            props["ContainerDefinitions"] = instance?.clone();
            Some(props)
        }
        "E3046" => {
            let mut props = base;
            props["ContainerDefinitions"][0]["LogConfiguration"] = instance?.clone();
            Some(props)
        }
        "E3053" => {
            let resources = case["template"]["Resources"].as_object()?;
            resources
                .values()
                .find(|r| r["Type"] == "AWS::ECS::TaskDefinition")
                .map(|r| r["Properties"].clone())
        }
        _ => None,
    }
}

fn invalid(text: &str, codes: &[&str]) -> (bool, Vec<String>) {
    let result = lint(text, &LintOptions::default());
    let hits: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && codes.contains(&d.code))
        .map(|d| format!("{} {} {}", d.code, d.pointer, d.message))
        .collect();
    (!hits.is_empty(), hits)
}

#[test]
fn verdicts_agree_with_cfn_lint() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/peer/cfn-lint");
    let Ok(text) = std::fs::read_to_string(dir.join("unit-cases/ecs-rule-cases.json")) else {
        eprintln!("skipped: ../shared/conformance/peer/cfn-lint is not present beside the project");
        return;
    };
    let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
    let mut disagreements = Vec::new();
    let mut compared = 0;
    for case in &cases {
        let rule = case["rule_id"].as_str().unwrap_or("");
        let Some((_, codes)) = COVERAGE.iter().find(|(r, _)| *r == rule) else {
            continue;
        };
        let Some(props) = task_properties(case) else {
            continue;
        };
        let expected_invalid = case["verdict"] == "invalid";
        let id = case["id"].as_str().unwrap_or("");
        let short = id.rsplit("::").next().unwrap_or(id);
        let file = id
            .split("::")
            .next()
            .and_then(|f| f.rsplit('/').next())
            .unwrap_or("");
        let label = format!("{file}::{short}");
        let template = json!({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"TaskDefinition": {"Type": "AWS::ECS::TaskDefinition", "Properties": props}}});
        let mut forms = vec![(
            "cloudformation",
            serde_json::to_string_pretty(&template).unwrap(),
        )];
        if !has_intrinsic(&props) {
            let mut api = to_api(&props, false);
            // The API takes task cpu/memory as strings; CloudFormation coerces numbers.
            for key in ["cpu", "memory"] {
                if let Some(n) = api
                    .get(key)
                    .filter(|v| v.is_number())
                    .map(|v| v.to_string())
                {
                    api[key] = Value::String(n);
                }
            }
            forms.push(("api", serde_json::to_string_pretty(&api).unwrap()));
        }
        for (form, doc) in forms {
            compared += 1;
            let (ours, hits) = invalid(&doc, codes);
            if ours != expected_invalid {
                disagreements.push((
                    label.clone(),
                    form,
                    format!(
                        "cfn-lint {} says {}, we say {} {hits:?}\n{doc}",
                        rule,
                        case["verdict"],
                        if ours { "invalid" } else { "valid" }
                    ),
                ));
            }
        }
    }
    assert!(compared >= 60, "only {compared} comparisons");
    let unexplained: Vec<_> = disagreements
        .iter()
        .filter(|(l, f, _)| !KNOWN_DIFFERENCES.iter().any(|(k, kf, _)| l == k && f == kf))
        .collect();
    assert!(
        unexplained.is_empty(),
        "{} unexplained disagreements:\n{}",
        unexplained.len(),
        unexplained
            .iter()
            .map(|(l, f, m)| format!("- {l} [{f}]: {m}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let stale: Vec<_> = KNOWN_DIFFERENCES
        .iter()
        .filter(|(k, kf, _)| !disagreements.iter().any(|(l, f, _)| l == k && f == kf))
        .collect();
    assert!(
        stale.is_empty(),
        "listed differences that no longer occur: {stale:?}"
    );
}

/// cfn-lint v0's E3042 fixture templates: each `Bad…` task definition is reported, no `Good…` one.
#[test]
fn essential_container_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/conformance/peer/cfn-lint/v0-fixtures/templates");
    let Ok(bad) = std::fs::read_to_string(
        dir.join("bad/resources/ecs/test_ecs_task_definition_essential_container.yml"),
    ) else {
        eprintln!("skipped: ../shared/conformance/peer/cfn-lint is not present beside the project");
        return;
    };
    let good = std::fs::read_to_string(
        dir.join("good/resources/ecs/test_ecs_task_definition_essential_container.yml"),
    )
    .unwrap();
    let reported = |text: &str| -> Vec<String> {
        lint(
            text,
            &LintOptions {
                select: vec!["TD-DEP-001".into()],
                ignore: vec![],
            },
        )
        .diagnostics
        .iter()
        .filter_map(|d| d.pointer.split('/').nth(2).map(str::to_owned))
        .collect()
    };
    assert!(reported(&good).is_empty(), "{:?}", reported(&good));
    let bad_ids = reported(&bad);
    assert_eq!(
        bad_ids,
        vec!["BadTaskDefinitionNoEssentialContainersSpecified".to_owned()]
    );
}
