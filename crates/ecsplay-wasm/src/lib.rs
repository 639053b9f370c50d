//! The JavaScript API of ecsplay (interfaces.md §5), for documentation pages, editors and CI in
//! JavaScript: the same core as the `ecsplay` CLI, so the same codes, messages and results.
//!
//! ```js
//! import init, { lint, place, rules } from "./ecsplay.js";
//! await init();
//! const { diagnostics } = lint(text, { select: ["TD-FG"] });
//! const result = place(scenario, { seed: 7, explain: true });
//! ```
//!
//! Every function has a JSON core (`lint_json`, `place_json`, `rules_json`) that the native tests
//! exercise; the exported functions only convert between JavaScript values and that JSON.

use ecsplay_core::lint::{all_rules, RuleMeta};
use ecsplay_core::{LintOptions, SimOptions};
use serde::Serialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Where a diagnostic is: 1-based line, 1-based column in UTF-16 code units, 0-based byte offset. */
export interface Position { line: number; column: number; offset: number; }
export interface Range { start: Position; end: Position; }
export interface Label { message: string; pointer: string; range: Range; }
/** One finding (interfaces.md §3.1). */
export interface Diagnostic {
  code: string; name: string; severity: "error" | "warning" | "info"; message: string;
  pointer: string; range: Range; help?: string | null; url: string; labels?: Label[];
}
export interface LintOptions { select?: string[]; ignore?: string[]; }
export interface LintOutput {
  version: string; form: "register" | "describe" | "cloudformation" | "terraform" | null;
  taskDefinitions: number; diagnostics: Diagnostic[];
  summary: { error: number; warning: number; info: number };
}
export interface PlaceOptions { seed?: number; explain?: boolean; snapshots?: boolean; }
/** A scenario violation: thrown (as the `errors` of the Error) when a scenario is not valid. */
export interface ScenarioError { pointer: string; message: string; range?: Range | null; }
/** The result document of `ecsplay place --format json` (interfaces.md §4.1). */
export interface PlaceResult { seed: number; steps: any[]; final: { instances: any[]; tasks: any[]; services: any[] }; }
export interface RuleInfo {
  code: string; name: string; group: string; severity: "error" | "warning" | "info";
  summary: string; aliases: string[]; url: string; documentation: string;
}
"#;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LintOutput<'a> {
    version: &'static str,
    form: Option<ecsplay_core::forms::Form>,
    task_definitions: usize,
    diagnostics: &'a [ecsplay_core::Diagnostic],
    summary: Value,
}

/// Lints a document; `options` is the JSON of `LintOptions` (or `null`).
pub fn lint_json(text: &str, options: &str) -> Result<String, String> {
    let options: LintOptions = match options.trim() {
        "" | "null" | "undefined" => LintOptions::default(),
        o => serde_json::from_str(o).map_err(|e| format!("invalid lint options: {e}"))?,
    };
    let result = ecsplay_core::lint(text, &options);
    let count = |s: ecsplay_core::Severity| {
        result
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let output = LintOutput {
        version: ecsplay_core::VERSION,
        form: result.form,
        task_definitions: result.task_definitions,
        diagnostics: &result.diagnostics,
        summary: json!({
            "error": count(ecsplay_core::Severity::Error),
            "warning": count(ecsplay_core::Severity::Warning),
            "info": count(ecsplay_core::Severity::Info),
        }),
    };
    serde_json::to_string(&output).map_err(|e| e.to_string())
}

/// Runs a scenario; `options` is the JSON of `SimOptions` (or `null`). An invalid scenario is
/// `Err` with the JSON list of its violations.
pub fn place_json(scenario: &str, options: &str) -> Result<String, String> {
    let options: SimOptions = match options.trim() {
        "" | "null" | "undefined" => SimOptions::default(),
        o => serde_json::from_str(o).map_err(|e| {
            json!([{"pointer": "", "message": format!("invalid place options: {e}")}]).to_string()
        })?,
    };
    match ecsplay_core::simulate(scenario, &options) {
        Ok(result) => serde_json::to_string(&result).map_err(|e| e.to_string()),
        Err(errors) => Err(serde_json::to_string(&errors).unwrap_or_default()),
    }
}

fn rule_json(m: &RuleMeta) -> Value {
    json!({
        "code": m.code,
        "name": m.name,
        "group": m.group(),
        "severity": m.severity.as_str(),
        "summary": m.summary,
        "aliases": m.aliases,
        "url": ecsplay_core::diagnostic::rule_url(m.code),
        "documentation": m.documentation(),
    })
}

/// Every rule, in catalogue order.
pub fn rules_json() -> String {
    Value::Array(all_rules().iter().map(|r| rule_json(r.meta())).collect()).to_string()
}

fn to_json_text(value: &JsValue) -> Result<String, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok("null".to_owned());
    }
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| js_sys::Error::new("the value cannot be converted to JSON").into())
}

fn parse(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// Lints a task definition in any form (register, describe, CloudFormation, Terraform; JSON or
/// YAML) and returns its diagnostics, as `ecsplay lint --format json` reports one file.
#[wasm_bindgen(js_name = lint, unchecked_return_type = "LintOutput")]
pub fn lint_js(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "LintOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = to_json_text(&options.unwrap_or(JsValue::NULL))?;
    lint_json(text, &options)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e)))
        .and_then(|out| parse(&out))
}

/// Runs a placement scenario (a JSON string or an object) and returns the result of `ecsplay
/// place --format json`. An invalid scenario throws an `Error` whose `errors` lists the
/// violations with their JSON Pointers.
#[wasm_bindgen(js_name = place, unchecked_return_type = "PlaceResult")]
pub fn place_js(
    #[wasm_bindgen(unchecked_param_type = "string | object")] scenario: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PlaceOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let scenario = to_json_text(&scenario)?;
    let options = to_json_text(&options.unwrap_or(JsValue::NULL))?;
    match place_json(&scenario, &options) {
        Ok(out) => parse(&out),
        Err(errors) => {
            let list = parse(&errors).unwrap_or(JsValue::NULL);
            let first = js_sys::Array::from(&list)
                .get(0)
                .dyn_into::<js_sys::Object>()
                .ok()
                .and_then(|o| js_sys::Reflect::get(&o, &"message".into()).ok())
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "the scenario is not valid".to_owned());
            let error = js_sys::Error::new(&format!("the scenario is not valid: {first}"));
            let _ = js_sys::Reflect::set(&error, &"errors".into(), &list);
            Err(error.into())
        }
    }
}

/// Every rule: code, name, group, severity, summary, aliases, documentation link and the
/// documentation in Markdown (What it does / Why is this bad? / Example / Use instead /
/// References).
#[wasm_bindgen(js_name = rules, unchecked_return_type = "RuleInfo[]")]
pub fn rules_js() -> Result<JsValue, JsValue> {
    parse(&rules_json())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_returns_the_contract_shape() {
        let out: Value = serde_json::from_str(
            &lint_json(
                r#"{"family": "w", "networkMode": "awsvpc", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]}"#,
                r#"{"select": ["TD-NET"]}"#,
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(out["form"], "register");
        assert_eq!(out["diagnostics"][0]["code"], "TD-NET-007");
        assert_eq!(out["summary"]["error"], 1);
        assert!(lint_json("{}", r#"{"selekt": []}"#).is_err());
    }

    #[test]
    fn place_returns_the_result_or_the_violations() {
        let scenario = r#"{"cluster": {"instances": [{"id": "i-1", "instanceType": "m5.large", "availabilityZone": "us-east-1a"}]},
            "taskDefinitions": [{"family": "web", "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]}],
            "steps": [{"action": "RunTask", "taskDefinition": "web"}]}"#;
        let out: Value =
            serde_json::from_str(&place_json(scenario, r#"{"seed": 3, "explain": true}"#).unwrap())
                .unwrap();
        assert_eq!(out["seed"], 3);
        assert_eq!(out["steps"][0]["tasks"][0]["containerInstance"], "i-1");
        assert!(out["steps"][0]["placements"].is_array());
        let errors: Value =
            serde_json::from_str(&place_json(r#"{"cluster": 1}"#, "null").unwrap_err()).unwrap();
        assert_eq!(errors[0]["pointer"], "/cluster");
    }

    #[test]
    fn rules_carry_their_documentation() {
        let rules: Value = serde_json::from_str(&rules_json()).unwrap();
        let all = rules.as_array().unwrap();
        assert_eq!(all.len(), all_rules().len());
        let fg = all.iter().find(|r| r["code"] == "TD-FG-004").unwrap();
        assert_eq!(fg["group"], "fargate");
        assert!(fg["documentation"]
            .as_str()
            .unwrap()
            .contains("## Why is this bad?"));
    }
}
