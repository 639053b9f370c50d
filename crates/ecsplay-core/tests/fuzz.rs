//! Property tests standing in for a fuzzer: whatever the input, `lint` returns located
//! diagnostics and never panics or hangs. The number of cases is `PROPTEST_CASES` (CI: 10,000).

use ecsplay_core::{lint, LintOptions};
use proptest::prelude::*;

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
        let mut text = SEED_DOCS[doc].to_owned();
        for (at, len, insert) in cuts {
            let mut start = at.index(text.len() + 1);
            while !text.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) { end += 1; }
            text.replace_range(start..end, &insert);
        }
        check(&text);
    }

    #[test]
    fn any_json_value_in_any_member_never_panics(doc in 0..SEED_DOCS.len(), value in arbitrary_json(), pick in any::<prop::sample::Index>()) {
        // Replace one scalar of a valid document by an arbitrary JSON value.
        let text = SEED_DOCS[doc];
        let scalars: Vec<(usize, usize)> = scalar_spans(text);
        if let Some(&(s, e)) = scalars.get(pick.index(scalars.len().max(1))) {
            let mutated = format!("{}{}{}", &text[..s], value, &text[e..]);
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
