//! End-to-end tests of `ecsplay place`: the JSON result contract (interfaces.md §4.1) on every
//! scenario under `tests/scenarios/`, byte-identical output for a seed, `--seed`, `--explain`,
//! standard input, and schema violations (exit status 2, with pointers).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn ecsplay() -> Command {
    Command::cargo_bin("ecsplay").unwrap()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scenarios() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/scenarios"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn place(args: &[&str]) -> (i32, String, String) {
    let out = ecsplay().arg("place").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn json_results_follow_the_contract_and_repeat_byte_for_byte() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/place-output.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let files = scenarios();
    assert!(files.len() >= 3);
    for path in files {
        let p = path.to_str().unwrap();
        for extra in [&[][..], &["--explain"][..]] {
            let mut args = vec!["--format", "json"];
            args.extend_from_slice(extra);
            args.push(p);
            let (code, out, err) = place(&args);
            assert_eq!(code, 0, "{p}: {err}");
            let value: serde_json::Value = serde_json::from_str(&out).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{p}: {errors:#?}");
            assert_eq!(
                place(&args).1,
                out,
                "{p}: the same scenario and seed give the same bytes"
            );
            if !extra.is_empty() {
                assert!(value["steps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s.get("placements").is_some()));
            }
        }
    }
}

#[test]
fn seed_option_overrides_the_scenario_and_text_is_the_default() {
    let p = repo().join("tests/scenarios/spread-binpack.json");
    let p = p.to_str().unwrap();
    let (_, out, _) = place(&["--format", "json", "--seed", "42", p]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["seed"], 42);
    let (code, text, _) = place(&[p]);
    assert_eq!(code, 0);
    assert!(text.starts_with("seed 7\nstep 1: RunTask\n"), "{text}");
    assert!(text.contains("not placed: RESOURCE:PORTS"));
    let (_, explained, _) = place(&["--explain", p]);
    assert!(explained.contains("decision for t-0001"));
    assert!(explained.contains("memberOf(attribute:stack == prod)"));
}

#[test]
fn stdin_is_read_with_dash() {
    let scenario = r#"{"cluster": {"instances": [{"id": "i-1", "instanceType": "m5.large", "availabilityZone": "us-east-1a"}]},
        "taskDefinitions": [{"family": "web", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]}],
        "steps": [{"action": "RunTask", "taskDefinition": "web"}]}"#;
    let out = ecsplay()
        .args(["place", "--format", "json", "-"])
        .write_stdin(scenario)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["steps"][0]["tasks"][0]["containerInstance"], "i-1");
}

#[test]
fn schema_violations_exit_2_with_pointers() {
    let out = ecsplay()
        .args(["place", "-"])
        .write_stdin(r#"{"cluster": {"instances": [{"id": "i-1", "instanceType": "m5.large"}]}, "steps": [{"action": "Teleport"}]}"#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("<stdin>:1:28: /cluster/instances/0:"), "{err}");
    assert!(err.contains("/steps/0/action"), "{err}");
    assert!(out.stdout.is_empty());
    let (code, _, err) = place(&["/no/such/scenario.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"));
}
