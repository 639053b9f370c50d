//! Property tests standing in for a fuzzer: whatever the input, `lint` returns located
//! diagnostics and never panics or hangs. The number of cases is `PROPTEST_CASES` (CI: 10,000).

use ecsplay_core::{lint, LintOptions};
use proptest::prelude::*;

mod support;

const SEED_DOCS: &[&str] = &[
    r#"{"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512", "executionRoleArn": "arn:aws:iam::123456789012:role/x", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "portMappings": [{"containerPort": 80, "hostPort": 80}], "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}, "dependsOn": [{"containerName": "app", "condition": "START"}], "healthCheck": {"command": ["CMD-SHELL", "true"]}}], "volumes": [{"name": "v", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678"}}]}"#,
    "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      Memory: !Ref Mem\n      RequiresCompatibilities: [FARGATE]\n      ContainerDefinitions:\n        - Name: app\n          Image: !Sub '${Repo}:1'\n          PortMappings: [{ContainerPort: 80, HostPort: 8080}]\n",
    r#"{"taskDefinition": {"family": "a", "revision": 1, "containerDefinitions": [{"name": "x", "image": "y", "memory": 6, "links": ["x"]}]}, "tags": [{"key": "a", "value": "b"}]}"#,
    r#"[{"name": "a", "image": "b", "essential": false, "environment": [{"name": "PASSWORD", "value": 1}]}]"#,
];

fn check(text: &str) {
    let result = lint(text, &LintOptions::default());
    for d in &result.diagnostics {
        assert!(d.span.end as usize <= text.len() && d.span.start <= d.span.end);
        assert!(d.range.start.line >= 1 && d.range.start.column >= 1);
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(&text);
    }

    #[test]
    fn json_shaped_noise_never_panics(text in r#"[\[\]{}",:0-9a-zA-Z \n\-.eE!&*|>]{0,300}"#) {
        check(&text);
    }

    #[test]
    fn mutated_task_definitions_never_panic(doc in 0..SEED_DOCS.len(), cuts in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..8, "\\PC{0,6}"), 1..5)) {
        check(&with_cuts(SEED_DOCS[doc], cuts));
    }

    #[test]
    fn any_json_value_in_any_member_never_panics(doc in 0..SEED_DOCS.len(), value in arbitrary_json(), pick in any::<prop::sample::Index>()) {
        if let Some(mutated) = with_value(SEED_DOCS[doc], &value, pick) {
            check(&mutated);
        }
    }
}

/// Real documents to mutate: the playground's examples (always present) and, when `../shared` is
/// beside the project, every file of the real-world corpus. They reach rules (FireLens, Windows,
/// EFS, App Mesh, CloudFormation intrinsics, ...) the small seeds above do not.
fn real_documents() -> &'static [String] {
    static DOCS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut files = support::documents_under(&examples);
        assert!(!files.is_empty(), "no documents under examples/");
        if support::corpus_dir().is_dir() {
            files.extend(support::documents_under(&support::corpus_dir()));
        } else {
            eprintln!("../shared/corpus/real is absent: mutating the examples only");
        }
        files
            .iter()
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .collect()
    })
}

/// `text` with each cut applied in turn: `len` bytes at `at` (moved to character boundaries)
/// replaced by the inserted text.
fn with_cuts(text: &str, cuts: Vec<(prop::sample::Index, usize, String)>) -> String {
    let mut text = text.to_owned();
    for (at, len, insert) in cuts {
        let mut start = at.index(text.len() + 1);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(start..end, &insert);
    }
    text
}

/// `text` with one of its scalar values (the `pick`th) replaced by `value`; `None` when it has none.
fn with_value(text: &str, value: &str, pick: prop::sample::Index) -> Option<String> {
    let scalars = scalar_spans(text);
    let &(s, e) = scalars.get(pick.index(scalars.len().max(1)))?;
    Some(format!("{}{}{}", &text[..s], value, &text[e..]))
}

proptest! {
    #[test]
    fn mutated_real_documents_never_panic(doc in any::<prop::sample::Index>(), cuts in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..12, "\\PC{0,8}"), 1..4)) {
        let docs = real_documents();
        check(&with_cuts(&docs[doc.index(docs.len())], cuts));
    }

    #[test]
    fn any_json_value_in_any_member_of_a_real_document_never_panics(doc in any::<prop::sample::Index>(), value in arbitrary_json(), pick in any::<prop::sample::Index>()) {
        let docs = real_documents();
        if let Some(mutated) = with_value(&docs[doc.index(docs.len())], &value, pick) {
            check(&mutated);
        }
    }
}

fn arbitrary_json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        "\\PC{0,20}".prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| format!("[{}]", v.join(","))),
            proptest::collection::vec(("[a-zA-Z]{1,12}", inner), 0..4).prop_map(|v| format!(
                "{{{}}}",
                v.into_iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
        ]
    })
}

/// Byte spans of the scalar values (numbers, strings after a colon, booleans) of a JSON text.
fn scalar_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b':' {
            let mut s = i + 1;
            while s < bytes.len() && bytes[s] == b' ' {
                s += 1;
            }
            let mut e = s;
            if s < bytes.len() && bytes[s] == b'"' {
                e += 1;
                while e < bytes.len() && bytes[e] != b'"' {
                    e += 1;
                }
                e = (e + 1).min(bytes.len());
            } else {
                while e < bytes.len() && !matches!(bytes[e], b',' | b'}' | b']' | b'\n') {
                    e += 1;
                }
            }
            if e > s {
                out.push((s, e));
            }
        }
        i += 1;
    }
    out
}

/// A neutral instance for evaluating fuzzed query expressions.
struct AnyInstance;

impl ecsplay_core::placement::query::Subjects for AnyInstance {
    fn attribute(&self, name: &str) -> Option<&str> {
        (name.len() % 2 == 0).then_some("us-east-1a")
    }
    fn agent_connected(&self) -> bool {
        true
    }
    fn agent_version(&self) -> &str {
        "1.2.x"
    }
    fn ec2_instance_id(&self) -> &str {
        "i-1"
    }
    fn registered_at(&self) -> i64 {
        i64::MAX
    }
    fn running_tasks_count(&self) -> u64 {
        u64::MAX
    }
    fn any_task_group(&self, f: &mut dyn FnMut(&str) -> bool) -> bool {
        f("service:a") || f("")
    }
}

fn check_query(text: &str) {
    use ecsplay_core::placement::query::Expression;
    match Expression::parse(text) {
        Ok(e) => {
            let _ = e.matches(&AnyInstance);
        }
        Err(err) => assert!(
            err.start <= err.end && err.end <= text.len(),
            "{err:?} for {text:?}"
        ),
    }
}

const SCENARIOS: [&str; 3] = [
    include_str!("../../../tests/scenarios/spread-binpack.json"),
    include_str!("../../../tests/scenarios/awsvpc-fargate.json"),
    include_str!("../../../tests/scenarios/gpu-and-arm.json"),
];

proptest! {
    #[test]
    fn query_noise_never_panics(text in r#"[a-zA-Z:.\-_ ()\[\],'"=!<>~&|*0-9]{0,80}"#) {
        check_query(&text);
    }

    #[test]
    fn query_words_never_panic(words in proptest::collection::vec(proptest::sample::select(vec![
        "attribute:ecs.instance-type", "task:group", "runningTasksCount", "agentVersion", "registeredAt",
        "agentConnected", "ec2InstanceId", "==", "!=", ">", "<=", "=~", "!~", "in", "not_in", "!in", "exists",
        "!exists", "and", "or", "not", "&&", "||", "!", "(", ")", "[", "]", ",", "t2.*", "'x y'", "1.2.3",
        "2018-02-13", "7", "(?=a)", "[", "true",
    ]), 0..14)) {
        check_query(&words.join(" "));
    }

    #[test]
    fn mutated_scenarios_never_panic(doc in 0..SCENARIOS.len(), value in arbitrary_json(), pick in any::<prop::sample::Index>(), explain in any::<bool>()) {
        let text = SCENARIOS[doc];
        let scalars = scalar_spans(text);
        if let Some(&(s, e)) = scalars.get(pick.index(scalars.len().max(1))) {
            let mutated = format!("{}{}{}", &text[..s], value, &text[e..]);
            let options = ecsplay_core::SimOptions { explain, snapshots: explain, seed: None };
            if let Ok(result) = ecsplay_core::simulate(&mutated, &options) {
                let _ = ecsplay_core::sim::render_text(&result);
            }
        }
    }
}
