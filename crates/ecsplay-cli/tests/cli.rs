//! End-to-end tests of the `ecsplay` binary.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn ecsplay() -> Command {
    Command::cargo_bin("ecsplay").unwrap()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn output_validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/lint-output.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

const BAD: &str = r#"{
  "family": "web",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    {"name": "app", "image": "nginx:1.27", "memory": 512,
     "portMappings": [{"containerPort": 80, "hostPort": 8080}]}
  ]
}"#;

const GOOD: &str = r#"{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512}]}"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ecsplay-cli-test-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn exit_status_follows_fail_on() {
    let dir = tempdir("exit");
    let good = write(&dir, "good.json", GOOD);
    ecsplay()
        .args(["lint", "--select", "TD-SYNTAX,TD-SHAPE,TD-FG"])
        .arg(&good)
        .assert()
        .code(0);
    ecsplay()
        .args(["lint", "--format", "json"])
        .arg(dir.join("missing.json"))
        .assert()
        .code(2);
    ecsplay()
        .args(["lint", "--select", "TD-NOPE"])
        .arg(&good)
        .assert()
        .code(2);
    ecsplay().args(["lint"]).assert().code(2);
    // A syntax error is a finding, not a usage error.
    let broken = write(&dir, "broken.json", "{\"family\": ");
    ecsplay()
        .args(["lint", "--format", "json"])
        .arg(&broken)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("TD-SYNTAX-001"));
    // Only warnings: status 0 by default, 1 with --fail-on warning.
    let dup = write(
        &dir,
        "dup.json",
        r#"{"family": "a", "family": "b", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512}]}"#,
    );
    ecsplay()
        .args(["lint", "--select", "TD-SYNTAX"])
        .arg(&dup)
        .assert()
        .code(0);
    ecsplay()
        .args(["lint", "--select", "TD-SYNTAX", "--fail-on", "warning"])
        .arg(&dup)
        .assert()
        .code(1);
}

#[test]
fn stdin_is_read_with_dash() {
    let out = ecsplay()
        .args(["lint", "--format", "json", "-"])
        .write_stdin("[1]")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["files"][0]["path"], "-");
    assert_eq!(json["files"][0]["diagnostics"][0]["code"], "TD-FORM-001");
}

#[test]
fn json_output_follows_the_contract() {
    let dir = tempdir("json");
    let bad = write(&dir, "bad.json", BAD);
    let good = write(&dir, "good.json", GOOD);
    let out = ecsplay()
        .args(["lint", "--format", "json"])
        .arg(&bad)
        .arg(&good)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = output_validator();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(json["files"].as_array().unwrap().len(), 2);
    assert_eq!(json["files"][0]["form"], "register");
    assert_eq!(json["files"][0]["taskDefinitions"], 1);
    let total: u64 = ["error", "warning", "info"]
        .iter()
        .map(|k| json["summary"][k].as_u64().unwrap())
        .sum();
    let listed: usize = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["diagnostics"].as_array().unwrap().len())
        .sum();
    assert_eq!(total as usize, listed);
}

#[test]
fn select_and_ignore_take_codes_and_prefixes() {
    let dir = tempdir("select");
    let dup = write(
        &dir,
        "dup.json",
        r#"{"family": "a", "family": "b", "containerDefinitions": []}"#,
    );
    let codes = |args: &[&str]| -> Vec<String> {
        let out = ecsplay()
            .args(["lint", "--format", "json"])
            .args(args)
            .arg(&dup)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = codes(&[]);
    assert!(
        all.contains(&"TD-SYNTAX-002".to_owned()) && all.contains(&"TD-SHAPE-004".to_owned()),
        "{all:?}"
    );
    assert_eq!(codes(&["--select", "TD-SYNTAX"]), vec!["TD-SYNTAX-002"]);
    assert!(!codes(&["--ignore", "TD-SYNTAX-002"]).contains(&"TD-SYNTAX-002".to_owned()));
}

#[test]
fn text_output_underlines_the_span() {
    let dir = tempdir("text");
    let dup = write(
        &dir,
        "dup.json",
        "{\n  \"family\": \"a\",\n  \"family\": \"b\",\n  \"containerDefinitions\": []\n}\n",
    );
    let out = ecsplay()
        .args(["lint", "--select", "TD-SYNTAX"])
        .arg(&dup)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("warning[TD-SYNTAX-002]"), "{text}");
    assert!(text.contains("dup.json:2:3"), "{text}");
    assert!(text.contains("^^^^^^^^"), "{text}");
    assert!(
        text.contains("Found 0 errors, 1 warning, 0 infos in 1 file."),
        "{text}"
    );
}

#[test]
fn sarif_output_has_rules_and_results() {
    let dir = tempdir("sarif");
    let dup = write(
        &dir,
        "dup.json",
        r#"{"family": "a", "family": "b", "containerDefinitions": []}"#,
    );
    let out = ecsplay()
        .args(["lint", "--format", "sarif"])
        .arg(&dup)
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 60);
    assert!(rules
        .iter()
        .all(|r| r["helpUri"].as_str().unwrap().starts_with("https://")
            && r["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## References")));
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "TD-SYNTAX-002")
        .unwrap();
    assert_eq!(result["level"], "warning");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "TD-SYNTAX-002");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startColumn"],
        2
    );
    assert_eq!(result["relatedLocations"].as_array().unwrap().len(), 1);
}

#[test]
fn github_output_is_workflow_commands() {
    let dir = tempdir("github");
    let dup = write(
        &dir,
        "dup.json",
        "{\"family\": \"a\",\n\"family\": \"b\", \"containerDefinitions\": []}",
    );
    let out = ecsplay()
        .args(["lint", "--format", "github", "--select", "TD-SYNTAX"])
        .arg(&dup)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("::warning file="), "{text}");
    assert!(
        text.contains(",line=1,col=2,endLine=1,endColumn=10,title=TD-SYNTAX-002 (duplicate-key)::"),
        "{text}"
    );
    assert!(text.contains("%0Ahelp: "), "{text}");
}

#[test]
fn rules_lists_and_documents() {
    let out = ecsplay()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    assert!(rules.len() >= 60, "{} rules", rules.len());
    assert!(rules.iter().all(|r| r["documentation"]
        .as_str()
        .unwrap()
        .contains("## Why is this bad?")));
    let doc = ecsplay().args(["rules", "TD-SYNTAX-002"]).output().unwrap();
    let text = String::from_utf8(doc.stdout).unwrap();
    assert!(
        text.starts_with("# TD-SYNTAX-002 duplicate-key (warning)"),
        "{text}"
    );
    ecsplay().args(["rules", "TD-NOPE-999"]).assert().code(2);
    let list = String::from_utf8(ecsplay().args(["rules"]).output().unwrap().stdout).unwrap();
    assert!(list.lines().any(|l| l.starts_with("TD-SYNTAX-001")));
}

#[test]
fn every_corpus_file_gives_contract_json() {
    let corpus = repo().join("../shared/corpus/real");
    if !corpus.is_dir() {
        eprintln!("skipped: ../shared/corpus/real is not present beside the project");
        return;
    }
    let mut files = Vec::new();
    let mut stack = vec![corpus];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yml" | "yaml")
            ) && !p.ends_with("manifest.json")
            {
                files.push(p);
            }
        }
    }
    assert_eq!(files.len(), 163);
    let validator = output_validator();
    for file in files {
        let out = ecsplay()
            .args(["lint", "--format", "json"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: exit {:?}",
            file.display(),
            out.status.code()
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        let diags = json["files"][0]["diagnostics"].as_array().unwrap();
        let offsets: Vec<(u64, &str)> = diags
            .iter()
            .map(|d| {
                (
                    d["range"]["start"]["offset"].as_u64().unwrap(),
                    d["severity"].as_str().unwrap(),
                )
            })
            .collect();
        assert!(
            offsets.windows(2).all(|w| w[0].0 <= w[1].0),
            "{}: not sorted by offset",
            file.display()
        );
    }
}
