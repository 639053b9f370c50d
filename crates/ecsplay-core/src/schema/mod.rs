//! The JSON Schema layer: `schemas/task-definition.schema.json`, run with the `jsonschema`
//! crate, each error turned into the diagnostic of the catalogue rule that names it.
//!
//! The schema describes the RegisterTaskDefinition request body (types, enums, required
//! members, lengths, patterns, `additionalProperties: false`). Errors on values only known at
//! deploy time (CloudFormation intrinsics) are dropped, and in CloudFormation the scalar
//! coercions CloudFormation performs (`Cpu: 256`, `Essential: "false"`) are not type errors.

use crate::forms::{Form, Scope, TaskDefinitionInput, READ_ONLY_MEMBERS};
use crate::lint::{find_rule, Finding, RuleMeta};
use crate::source::{unescape_pointer_token, Node, Value};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::Validator;
use serde_json::Value as Json;
use std::sync::OnceLock;

/// The task-definition JSON Schema (draft 2020-12), as shipped in `schemas/`.
pub const TASK_DEFINITION_SCHEMA: &str =
    include_str!("../../../../schemas/task-definition.schema.json");

/// The byte size above which ECS rejects a task definition (TD-SHAPE-006).
pub const MAX_TASK_DEFINITION_BYTES: usize = 65_536;
/// The size from which TD-SHAPE-006 warns (AWS measures its own serialisation).
pub const WARN_TASK_DEFINITION_BYTES: usize = 58_000;

struct Schemas {
    document: Json,
    task: Validator,
    containers: Validator,
}

fn schemas() -> Option<&'static Schemas> {
    static SCHEMAS: OnceLock<Option<Schemas>> = OnceLock::new();
    SCHEMAS
        .get_or_init(|| {
            let document: Json = serde_json::from_str(TASK_DEFINITION_SCHEMA).ok()?;
            let task = jsonschema::draft202012::new(&document).ok()?;
            let mut wrapper = serde_json::Map::new();
            wrapper.insert(
                "$schema".into(),
                document.get("$schema").cloned().unwrap_or(Json::Null),
            );
            wrapper.insert(
                "$defs".into(),
                document.get("$defs").cloned().unwrap_or(Json::Null),
            );
            wrapper.insert("type".into(), Json::String("array".into()));
            wrapper.insert(
                "items".into(),
                serde_json::json!({"$ref": "#/$defs/ContainerDefinition"}),
            );
            let containers = jsonschema::draft202012::new(&Json::Object(wrapper)).ok()?;
            Some(Schemas {
                document,
                task,
                containers,
            })
        })
        .as_ref()
}

/// Validates one task definition; returns the rule and finding of each violation.
pub(crate) fn validate(
    input: &TaskDefinitionInput,
    form: Form,
    text: &str,
) -> Vec<(&'static RuleMeta, Finding)> {
    let Some(schemas) = schemas() else {
        return Vec::new();
    };
    let instance = input.root.to_json();
    let validator = match input.scope {
        Scope::Task => &schemas.task,
        Scope::ContainersOnly => &schemas.containers,
    };
    let mut out = Vec::new();
    for error in validator.iter_errors(&instance) {
        let segments: Vec<String> = error
            .instance_path()
            .as_str()
            .split('/')
            .skip(1)
            .map(unescape_pointer_token)
            .collect();
        let Some(node) = input.root.at_path(&segments) else {
            continue;
        };
        if node.is_unknown() {
            continue;
        }
        let schema_path = error.schema_path().as_str().to_owned();
        let mapped = map_error(
            error.kind(),
            node,
            &segments,
            &schema_path,
            schemas,
            input,
            form,
            text,
        );
        for (code, finding) in mapped {
            // One problem, one finding: an empty name fails both minLength and pattern.
            if out
                .iter()
                .any(|(m, f): &(&RuleMeta, Finding)| m.code == code && f.span == finding.span)
            {
                continue;
            }
            if let Some(rule) = find_rule(code) {
                out.push((rule.meta(), finding));
            }
        }
    }
    if input.scope == Scope::Task {
        let size = serde_json::to_string(&instance).map_or(0, |s| s.len());
        if size > WARN_TASK_DEFINITION_BYTES {
            if let Some(rule) = find_rule("TD-SHAPE-006") {
                let mut f = Finding::at(&input.root, format!("the task definition is about {size} bytes when minified; ECS rejects more than {MAX_TASK_DEFINITION_BYTES}"))
                    .help("move large values (environment, commands) to environmentFiles, secrets or the image");
                if size <= MAX_TASK_DEFINITION_BYTES {
                    f = f.severity(crate::diagnostic::Severity::Warning);
                }
                out.push((rule.meta(), f));
            }
        }
    }
    out
}

/// A human path for messages: `containerDefinitions[0].portMappings[1].hostPort`.
pub(crate) fn dotted(segments: &[String]) -> String {
    let mut s = String::new();
    for seg in segments {
        if seg.bytes().all(|b| b.is_ascii_digit()) && !seg.is_empty() {
            s.push('[');
            s.push_str(seg);
            s.push(']');
        } else {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(seg);
        }
    }
    if s.is_empty() {
        "the task definition".to_owned()
    } else {
        s
    }
}

fn last(segments: &[String]) -> &str {
    segments.last().map_or("", String::as_str)
}

/// The name of the structure holding the value at `segments`, ignoring array indexes.
fn parent_key(segments: &[String]) -> &str {
    segments
        .iter()
        .rev()
        .skip(1)
        .find(|s| !s.bytes().all(|b| b.is_ascii_digit()))
        .map_or("", String::as_str)
}

fn written_key(text: &str, span: crate::source::Span) -> String {
    let raw = text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("");
    raw.trim_matches(|c| c == '"' || c == '\'').to_owned()
}

fn json_type_name(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => t.to_string(),
        TypeKind::Multiple(set) => format!("{set:?}"),
    }
}

/// Whether CloudFormation would coerce this scalar to the expected type.
fn cfn_coercible(node: &Node, expected: &str) -> bool {
    match (&node.value, expected) {
        (Value::Number(_), "string") | (Value::Bool(_), "string") => true,
        (Value::String(s), "integer") => s.trim().parse::<i64>().is_ok(),
        (Value::String(s), "number") => s.trim().parse::<f64>().is_ok(),
        (Value::String(s), "boolean") => {
            matches!(s.to_ascii_lowercase().as_str(), "true" | "false")
        }
        _ => false,
    }
}

/// Follows a schema location (with `$ref` hops) in the schema document.
fn resolve_schema<'s>(document: &'s Json, location: &str) -> Option<&'s Json> {
    let mut node = document;
    for token in location.split('/').skip(1) {
        let token = unescape_pointer_token(token);
        if token == "$ref" {
            let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
            node = document.pointer(target)?;
        } else {
            node = match node {
                Json::Object(map) => map.get(&token).or_else(|| {
                    map.get("$ref")
                        .and_then(Json::as_str)
                        .and_then(|r| document.pointer(r.strip_prefix('#')?))
                        .and_then(|n| n.get(&token))
                })?,
                Json::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
    }
    Some(node)
}

/// A known name close to `wrong` (same letters ignoring case, `_`/`-`, or one edit away).
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let w = norm(wrong);
    let mut best: Option<(usize, &str)> = None;
    for k in known {
        let d = if norm(k) == w {
            0
        } else {
            edit_distance(&norm(k), &w)
        };
        if d <= 2 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[allow(clippy::too_many_arguments)]
fn map_error(
    kind: &ValidationErrorKind,
    node: &Node,
    segments: &[String],
    schema_path: &str,
    schemas: &Schemas,
    input: &TaskDefinitionInput,
    form: Form,
    text: &str,
) -> Vec<(&'static str, Finding)> {
    let here = dotted(segments);
    let at_root = segments.is_empty() && input.scope == Scope::Task;
    let key = last(segments);
    let parent = parent_key(segments);
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed: Vec<String> = schema_path
                .strip_suffix("/additionalProperties")
                .and_then(|p| resolve_schema(&schemas.document, &format!("{p}/properties")))
                .and_then(Json::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            unexpected
                .iter()
                .filter_map(|k| node.member(k))
                .map(|member| {
                    let written = written_key(text, member.key_span);
                    let read_only = at_root && READ_ONLY_MEMBERS.contains(&member.key.as_str());
                    let code = if read_only {
                        "TD-SHAPE-007"
                    } else if at_root {
                        "TD-SHAPE-008"
                    } else {
                        "TD-SHAPE-009"
                    };
                    let mut f = if read_only {
                        Finding::at_key(member, format!("\"{written}\" is a read-only member of describe-task-definition output; RegisterTaskDefinition rejects it"))
                            .help(format!("remove \"{written}\" (and the other read-only members) before registering"))
                    } else {
                        Finding::at_key(member, format!("unknown key \"{written}\" in {here}"))
                    };
                    if !read_only {
                        let suggestion = did_you_mean(&member.key, allowed.iter().map(String::as_str));
                        f = match (suggestion, form) {
                            (Some(s), Form::CloudFormation) => {
                                let mut cfn = s.to_owned();
                                if let Some(first) = cfn.get_mut(0..1) {
                                    first.make_ascii_uppercase();
                                }
                                f.help(format!("did you mean \"{cfn}\"?"))
                            }
                            (Some(s), _) => f.help(format!("did you mean \"{s}\"?")),
                            (None, _) => f.help("remove it; ECS does not know this member"),
                        };
                    }
                    (code, f)
                })
                .collect()
        }
        ValidationErrorKind::Type { kind } => {
            let expected = json_type_name(kind);
            if form == Form::CloudFormation && cfn_coercible(node, &expected) {
                return Vec::new();
            }
            let code = if key == "value"
                && segments.iter().rev().nth(2).map(String::as_str) == Some("environment")
            {
                "TD-ENV-001"
            } else {
                "TD-SHAPE-010"
            };
            let article = if expected.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            let shown = match &node.value {
                Value::String(s) => format!(" (\"{s}\")"),
                Value::Number(n) => format!(" ({})", n.raw),
                Value::Bool(b) => format!(" ({b})"),
                _ => String::new(),
            };
            let help = match (&node.value, expected.as_str()) {
                (Value::Number(n), "string") => format!("write it as a JSON string: \"{}\"", n.raw),
                (Value::String(s), "integer") if s.trim().parse::<i64>().is_ok() => {
                    format!("write it as a JSON number: {}", s.trim())
                }
                (Value::String(s), "boolean") if matches!(s.as_str(), "true" | "false") => {
                    format!("write it as a JSON boolean: {s}")
                }
                (Value::Null, _) => format!("remove {key} or give it {article} {expected} value"),
                (Value::Object(_), "array") => "wrap it in [ ]: this member is a list".to_owned(),
                _ => format!("give {key} {article} {expected} value"),
            };
            vec![(
                code,
                Finding::at(
                    node,
                    format!(
                        "{here} must be {article} {expected}, not {} {}{shown}",
                        if node.type_name().starts_with(['a', 'e', 'i', 'o', 'u']) {
                            "an"
                        } else {
                            "a"
                        },
                        node.type_name()
                    ),
                )
                .help(help),
            )]
        }
        ValidationErrorKind::Enum { options } => {
            let values: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            let actual = node.as_str().unwrap_or("");
            let code = if node.as_str() == Some("") {
                "TD-SHAPE-015"
            } else if segments == ["networkMode"] {
                "TD-NET-001"
            } else if key == "logDriver" {
                "TD-LOG-001"
            } else {
                "TD-SHAPE-012"
            };
            let shown = node
                .as_str()
                .map_or_else(|| node.type_name().to_owned(), |s| format!("\"{s}\""));
            let mut f = Finding::at(
                node,
                format!(
                    "{shown} is not a valid {key}; expected one of: {}",
                    values.join(", ")
                ),
            );
            f = match did_you_mean(actual, values.iter().copied()) {
                Some(s) if !actual.is_empty() => f.help(format!("did you mean \"{s}\"?")),
                _ if code == "TD-NET-001" => f.help("omit networkMode for the default (bridge on Linux, NAT on Windows), or pick one of the four modes"),
                _ => f.help(format!("use one of: {}", values.join(", "))),
            };
            vec![(code, f)]
        }
        ValidationErrorKind::Required { property } => {
            let prop = property.as_str().unwrap_or("");
            if form == Form::CloudFormation && at_root && prop == "family" {
                return Vec::new();
            }
            let code = match (at_root, key, prop) {
                (true, _, "family") => "TD-SHAPE-001",
                (true, _, "containerDefinitions") => "TD-SHAPE-004",
                (_, _, "name") | (_, _, "image")
                    if parent == "containerDefinitions"
                        || (input.scope == Scope::ContainersOnly && segments.len() == 1) =>
                {
                    if prop == "name" {
                        "TD-SHAPE-020"
                    } else {
                        "TD-SHAPE-030"
                    }
                }
                (_, _, _) if parent == "secrets" => "TD-ENV-009",
                (_, _, _) if parent == "secretOptions" => "TD-LOG-025",
                (_, "healthCheck", "command") => "TD-HC-001",
                (_, "logConfiguration", "logDriver") => "TD-LOG-001",
                (_, "restartPolicy", "enabled") => "TD-DEP-016",
                _ => "TD-SHAPE-014",
            };
            let owner = if segments.is_empty() {
                "the task definition".to_owned()
            } else {
                here
            };
            vec![(
                code,
                Finding::at(
                    node,
                    format!("{owner} is missing the required member \"{prop}\""),
                )
                .help(format!("add \"{prop}\"")),
            )]
        }
        ValidationErrorKind::MinItems { limit } => {
            let code = if key == "containerDefinitions" {
                "TD-SHAPE-004"
            } else {
                "TD-SHAPE-014"
            };
            vec![(
                code,
                Finding::at(node, format!("{here} must have at least {limit} item(s)"))
                    .help("add a container definition with at least a name and an image"),
            )]
        }
        ValidationErrorKind::MaxItems { limit } => {
            let code = match key {
                "containerDefinitions" => "TD-SHAPE-005",
                "tags" => "TD-SHAPE-040",
                _ => "TD-SHAPE-014",
            };
            let count = node.items().len();
            vec![(
                code,
                Finding::at(
                    node,
                    format!("{here} has {count} items; at most {limit} are allowed"),
                ),
            )]
        }
        ValidationErrorKind::MinLength { .. }
        | ValidationErrorKind::MaxLength { .. }
        | ValidationErrorKind::Pattern { .. } => {
            let value = node.as_str().unwrap_or("");
            let code = match (parent, key) {
                (_, "family") if at_root || segments.len() == 1 => {
                    if value.is_empty() {
                        "TD-SHAPE-001"
                    } else {
                        "TD-SHAPE-002"
                    }
                }
                ("containerDefinitions", "name") => {
                    if value.is_empty() {
                        "TD-SHAPE-020"
                    } else {
                        "TD-SHAPE-021"
                    }
                }
                (_, "name") if input.scope == Scope::ContainersOnly && segments.len() == 2 => {
                    if value.is_empty() {
                        "TD-SHAPE-020"
                    } else {
                        "TD-SHAPE-021"
                    }
                }
                ("containerDefinitions", "image") => "TD-SHAPE-030",
                (_, "image") if input.scope == Scope::ContainersOnly && segments.len() == 2 => {
                    "TD-SHAPE-030"
                }
                ("tags", _) => "TD-SHAPE-040",
                ("volumes", "name") => "TD-VOL-005",
                ("portMappings", "name") => "TD-PORT-015",
                ("dnsSearchDomains", _) | (_, "dnsSearchDomains") => "TD-MISC-016",
                _ if value.is_empty() => "TD-SHAPE-015",
                _ => "TD-SHAPE-010",
            };
            let why = match kind {
                ValidationErrorKind::Pattern { pattern } => format!("does not match {pattern}"),
                ValidationErrorKind::MinLength { limit } => {
                    format!("is shorter than {limit} character(s)")
                }
                ValidationErrorKind::MaxLength { limit } => {
                    format!("is longer than {limit} characters")
                }
                _ => String::new(),
            };
            let msg = if value.is_empty() {
                format!("{here} is empty")
            } else {
                format!("{here} \"{value}\" {why}")
            };
            let help = match code {
                "TD-SHAPE-002" | "TD-SHAPE-021" | "TD-VOL-005" => "use 1 to 255 letters, digits, hyphens (-) and underscores (_)",
                "TD-PORT-015" => "use up to 64 lower-case letters, digits, - and _, not starting with -",
                "TD-SHAPE-040" => "tag keys are 1-128 characters, values up to 256, of letters, digits, spaces and _ . : / = + - @",
                _ => "give it a non-empty value",
            };
            vec![(code, Finding::at(node, msg).help(help))]
        }
        ValidationErrorKind::UniqueItems => {
            let code = if key == "requiresCompatibilities" {
                "TD-SHAPE-013"
            } else {
                "TD-SHAPE-014"
            };
            vec![(
                code,
                Finding::at(node, format!("{here} lists the same value twice"))
                    .help("remove the duplicate"),
            )]
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::Maximum { limit } => {
            let code = if parent == "nvidiaMps" || key == "nvidiaMps" {
                "TD-RES-019"
            } else {
                "TD-SHAPE-010"
            };
            let shown = node.as_i64().map_or_else(String::new, |v| v.to_string());
            let bound = if matches!(kind, ValidationErrorKind::Minimum { .. }) {
                "at least"
            } else {
                "at most"
            };
            vec![(
                code,
                Finding::at(node, format!("{here} {shown} must be {bound} {limit}")),
            )]
        }
        other => vec![(
            "TD-SHAPE-010",
            Finding::at(node, format!("{here}: {other:?}")),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_compiles() {
        assert!(
            schemas().is_some(),
            "schemas/task-definition.schema.json must be a valid draft 2020-12 schema"
        );
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("privilege", ["privileged", "user"]),
            Some("privileged")
        );
        assert_eq!(did_you_mean("Memory", ["memory", "cpu"]), Some("memory"));
        assert_eq!(did_you_mean("zzzzzz", ["memory", "cpu"]), None);
    }

    #[test]
    fn dotted_paths() {
        let segs: Vec<String> = ["containerDefinitions", "0", "portMappings", "1", "hostPort"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            dotted(&segs),
            "containerDefinitions[0].portMappings[1].hostPort"
        );
        assert_eq!(dotted(&[]), "the task definition");
    }
}
