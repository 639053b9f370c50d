//! The JSON Schema layer: `schemas/task-definition.schema.json`, run with the `jsonschema`
//! crate, each error turned into the diagnostic of the catalogue rule that names it.
//!
//! The schema describes the RegisterTaskDefinition request body (types, enums, required
//! members, lengths, patterns, `additionalProperties: false`). Errors on values only known at
//! deploy time (CloudFormation intrinsics) are dropped, and in CloudFormation the scalar
//! coercions CloudFormation performs (`Cpu: 256`, `Essential: "false"`) are not type errors.

use crate::forms::{Form, Scope, TaskDefinitionInput, READ_ONLY_MEMBERS};
use crate::lint::{find_rule, Finding, RuleMeta};
use crate::source::{unescape_pointer_token, Member, Node, Value};
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
            // The container list of a Terraform array has the same bounds as containerDefinitions.
            for bound in ["minItems", "maxItems"] {
                if let Some(v) =
                    document.pointer(&format!("/properties/containerDefinitions/{bound}"))
                {
                    wrapper.insert(bound.into(), v.clone());
                }
            }
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
    // Terraform's provider decodes container_definitions with Go's encoding/json, which
    // matches member names case-insensitively: `"Name"` sets the name there.
    let normalised;
    let root = if form == Form::Terraform {
        normalised = case_fold_keys(&input.root, &property_names(&schemas.document));
        &normalised
    } else {
        &input.root
    };
    let instance = root.to_json();
    let validator = match input.scope {
        Scope::Task => &schemas.task,
        Scope::ContainersOnly => &schemas.containers,
    };
    let env = Env {
        schemas,
        input,
        root,
        form,
        text,
    };
    let mut out = Vec::new();
    let mut missing: Vec<(Vec<String>, String)> = Vec::new();
    for error in validator.iter_errors(&instance) {
        let segments: Vec<String> = error
            .instance_path()
            .as_str()
            .split('/')
            .skip(1)
            .map(unescape_pointer_token)
            .collect();
        let Some(node) = root.at_path(&segments) else {
            continue;
        };
        if node.is_unknown() {
            continue;
        }
        let schema_path = error.schema_path().as_str().to_owned();
        // Missing members of one object are reported together, after the other errors.
        if let ValidationErrorKind::Required { property } = error.kind() {
            missing.push((segments, property.as_str().unwrap_or("").to_owned()));
            continue;
        }
        let mapped = map_error(&env, error.kind(), node, &segments, &schema_path);
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
    merge_coercion_hints(&mut out);
    // The API member CloudFormation's resource schema (cfn-lint 1.58.0) does not have.
    if form == Form::CloudFormation && input.scope == Scope::Task {
        if let (Some(member), Some(rule)) = (
            input.root.member("trustedExecutionConfiguration"),
            find_rule("TD-SHAPE-008"),
        ) {
            let written = written_key(text, member.key_span);
            let f = Finding::at_key(member, format!("unknown key \"{written}\" in the task definition: AWS::ECS::TaskDefinition has no such property"))
                .help("remove it: trusted execution is set through the RegisterTaskDefinition API, not CloudFormation");
            out.push((rule.meta(), f));
        }
    }
    let mut objects: Vec<&Vec<String>> = Vec::new();
    for (segments, _) in &missing {
        if !objects.contains(&segments) {
            objects.push(segments);
        }
    }
    for segments in objects {
        let Some(node) = root.at_path(segments) else {
            continue;
        };
        let props: Vec<&str> = missing
            .iter()
            .filter(|(s, _)| s == segments)
            .map(|(_, p)| p.as_str())
            .collect();
        for (code, finding) in required_findings(&env, node, segments, &props) {
            if let Some(rule) = find_rule(code) {
                out.push((rule.meta(), finding));
            }
        }
    }
    if input.scope == Scope::Task {
        let size = serde_json::to_string(&instance).map_or(0, |s| s.len());
        if size > WARN_TASK_DEFINITION_BYTES {
            if let Some(rule) = find_rule("TD-SHAPE-006") {
                let help = "move large values out of the definition: environment variables to environmentFiles or secrets, long commands and configuration files into the image";
                let f = if size > MAX_TASK_DEFINITION_BYTES {
                    Finding::at(&input.root, format!("the task definition is about {size} bytes when minified; ECS rejects more than {MAX_TASK_DEFINITION_BYTES} (Actual length: '{size}'. Max allowed length is '{MAX_TASK_DEFINITION_BYTES}' bytes.)"))
                } else {
                    Finding::at(&input.root, format!("the task definition is about {size} bytes when minified, close to the {MAX_TASK_DEFINITION_BYTES}-byte limit of ECS"))
                        .severity(crate::diagnostic::Severity::Warning)
                };
                out.push((rule.meta(), f.help(help)));
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

/// The most related places one merged TD-SHAPE-011 hint labels.
const MAX_COERCION_LABELS: usize = 10;

/// Keeps one TD-SHAPE-011 hint per task definition (a template often writes every number as a
/// string): the first, with labels on the others.
fn merge_coercion_hints(out: &mut Vec<(&'static RuleMeta, Finding)>) {
    let mut hints = out.iter().filter(|(m, _)| m.code == "TD-SHAPE-011");
    let Some((_, first)) = hints.next() else {
        return;
    };
    let mut merged = first.clone();
    let others: Vec<Finding> = hints.map(|(_, f)| f.clone()).collect();
    if !others.is_empty() {
        let plural = if others.len() == 1 { "" } else { "s" };
        merged.message = format!(
            "{} ({} other value{plural} of this task definition too)",
            merged.message,
            others.len()
        );
        for f in others.iter().take(MAX_COERCION_LABELS) {
            merged
                .labels
                .push(("converted too".to_owned(), f.pointer.clone(), f.span));
        }
    }
    let mut kept = false;
    out.retain(|(m, _)| m.code != "TD-SHAPE-011" || !std::mem::replace(&mut kept, true));
    if let Some((_, f)) = out.iter_mut().find(|(m, _)| m.code == "TD-SHAPE-011") {
        *f = merged;
    }
}

/// The TD-SHAPE-011 hint for a scalar CloudFormation converts to the type the API takes.
fn coercion_hint(node: &Node, here: &str, expected: &str) -> Finding {
    let (written, api) = match &node.value {
        Value::Number(n) => (format!("the number {}", n.raw), format!("\"{}\"", n.raw)),
        Value::Bool(b) => (format!("the boolean {b}"), format!("\"{b}\"")),
        Value::String(s) if expected == "boolean" => {
            (format!("the string \"{s}\""), s.trim().to_ascii_lowercase())
        }
        Value::String(s) => (format!("the string \"{s}\""), s.trim().to_owned()),
        _ => (String::new(), String::new()),
    };
    Finding::at(
        node,
        format!("{here} is {written}; CloudFormation converts it to the {expected} {api} that the ECS API takes"),
    )
    .help(format!("nothing to change in the template; write {api} when you use this definition with the AWS CLI, an SDK or Terraform"))
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
        let nk = norm(k);
        let d = if nk == w {
            0
        } else if w.len() >= 6 && nk.len() >= 6 && (nk.starts_with(&w) || w.starts_with(&nk)) {
            // `executionRole` for `executionRoleArn`: a long common prefix is a near miss.
            2
        } else {
            edit_distance(&nk, &w)
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

/// What every error mapping needs besides the error itself.
struct Env<'a> {
    schemas: &'a Schemas,
    input: &'a TaskDefinitionInput,
    /// The tree validated (the input's, with Terraform keys case-folded).
    root: &'a Node,
    form: Form,
    text: &'a str,
}

impl Env<'_> {
    /// The path of a node as the user wrote it (`ContainerDefinitions[0].Memory` in
    /// CloudFormation), relative to the task definition.
    fn written_path(&self, node: &Node) -> String {
        let base = self.input.base_pointer.as_str();
        let relative = node
            .pointer
            .strip_prefix(base)
            .filter(|r| r.is_empty() || r.starts_with('/'))
            .unwrap_or(&node.pointer);
        let segments: Vec<String> = relative
            .split('/')
            .skip(1)
            .map(unescape_pointer_token)
            .collect();
        if self.form == Form::Terraform {
            // The array is the value of the container_definitions argument.
            return format!(
                "container_definitions{}",
                dotted(&segments).trim_start_matches("the task definition")
            );
        }
        dotted(&segments)
    }

    /// A member name as the user's form spells it (`Name` in CloudFormation).
    fn key_name(&self, api: &str, parent: &str) -> String {
        if self.form != Form::CloudFormation {
            return api.to_owned();
        }
        match (parent, api) {
            ("efsVolumeConfiguration", "fileSystemId") => "FilesystemId".to_owned(),
            (_, "iam") => "IAM".to_owned(),
            _ => {
                let mut cfn = api.to_owned();
                if let Some(first) = cfn.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                cfn
            }
        }
    }

    fn at_root(&self, segments: &[String]) -> bool {
        segments.is_empty() && self.input.scope == Scope::Task
    }

    /// Whether `segments` is a container definition (an item of `containerDefinitions`, or of
    /// the Terraform container array).
    fn is_container(&self, segments: &[String]) -> bool {
        match self.input.scope {
            Scope::Task => {
                segments.len() == 2
                    && segments.first().map(String::as_str) == Some("containerDefinitions")
            }
            Scope::ContainersOnly => segments.len() == 1,
        }
    }
}

fn is_index(segment: &str) -> bool {
    !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit())
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The value as shown after a path in a message: ` ("x")`, ` (512)`, ` (true)`.
fn shown_value(node: &Node) -> String {
    match &node.value {
        Value::String(s) => format!(" (\"{s}\")"),
        Value::Number(n) => format!(" ({})", n.raw),
        Value::Bool(b) => format!(" ({b})"),
        _ => String::new(),
    }
}

/// The characters of `value` outside the set `allowed` accepts, each quoted once, for messages.
fn bad_chars(value: &str, allowed: impl Fn(char) -> bool) -> String {
    let mut seen: Vec<char> = Vec::new();
    for c in value.chars() {
        if !allowed(c) && !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.iter()
        .map(|c| match c {
            ' ' => "' ' (space)".to_owned(),
            '\t' => "a tab".to_owned(),
            c => format!("'{c}'"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn tag_char(c: char) -> bool {
    c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c)
}

/// The rule codes for a required member `prop` missing from the object at `segments`.
fn required_code(env: &Env<'_>, segments: &[String], prop: &str) -> Option<&'static str> {
    let key = last(segments);
    let parent = parent_key(segments);
    Some(match (env.at_root(segments), key, prop) {
        (true, _, "family") if env.form == Form::CloudFormation => return None,
        (true, _, "family") => "TD-SHAPE-001",
        (true, _, "containerDefinitions") => "TD-SHAPE-004",
        (_, _, "name") if env.is_container(segments) => "TD-SHAPE-020",
        (_, _, "image") if env.is_container(segments) => "TD-SHAPE-030",
        _ if parent == "secrets" => "TD-ENV-009",
        _ if parent == "secretOptions" => "TD-LOG-025",
        (_, "healthCheck", "command") => "TD-HC-001",
        (_, "logConfiguration", "logDriver") => "TD-LOG-001",
        (_, "restartPolicy", "enabled") => "TD-DEP-016",
        _ => "TD-SHAPE-014",
    })
}

fn required_finding(
    env: &Env<'_>,
    node: &Node,
    segments: &[String],
    prop: &str,
) -> Vec<(&'static str, Finding)> {
    required_findings(env, node, segments, &[prop])
}

/// One finding per rule code for the required members `props` missing from one object.
fn required_findings(
    env: &Env<'_>,
    node: &Node,
    segments: &[String],
    props: &[&str],
) -> Vec<(&'static str, Finding)> {
    let mut by_code: Vec<(&'static str, Vec<String>)> = Vec::new();
    for prop in props {
        let Some(code) = required_code(env, segments, prop) else {
            continue;
        };
        let name = format!("\"{}\"", env.key_name(prop, last(segments)));
        match by_code.iter_mut().find(|(c, _)| *c == code) {
            Some((_, names)) => names.push(name),
            None => by_code.push((code, vec![name])),
        }
    }
    by_code
        .into_iter()
        .map(|(code, names)| {
            let listed = match names.as_slice() {
                [one] => one.clone(),
                [init @ .., last] => format!("{} and {last}", init.join(", ")),
                [] => String::new(),
            };
            let owner = env.written_path(node);
            let plural = if names.len() > 1 { "s" } else { "" };
            let message = match code {
                "TD-SHAPE-020" => format!("{owner} has no {listed} (Container.name should not be null or empty)"),
                "TD-SHAPE-030" => format!("container {} has no {listed} (Container.image should not be null or empty)", container_label(node, segments)),
                _ => format!("{owner} is missing the required member{plural} {listed}"),
            };
            let help = match code {
                "TD-SHAPE-001" => "add a \"family\", for example \"web\": 1 to 255 letters, digits, hyphens and underscores".to_owned(),
                "TD-SHAPE-004" => format!("add {listed} with at least one container, for example [{{\"name\": \"app\", \"image\": \"nginx:1.27\"}}]"),
                "TD-SHAPE-020" => format!("add {listed}: a name unique in the task, of letters, digits, hyphens and underscores"),
                "TD-SHAPE-030" => format!("add {listed}: the image to run, for example \"public.ecr.aws/nginx/nginx:1.27\""),
                "TD-ENV-009" if props == ["valueFrom"] => format!("add {listed}: the ARN of the Secrets Manager secret or SSM parameter (a parameter name works in the same Region)"),
                "TD-ENV-009" if props == ["name"] => format!("add {listed}: the environment variable that receives the secret"),
                "TD-ENV-009" => format!("add {listed}: the environment variable to set and the ARN of the secret or SSM parameter to read"),
                _ => format!("add {listed}"),
            };
            (code, Finding::at(node, message).help(help))
        })
        .collect()
}

/// `'web'`, or `containerDefinitions[1]` when the container has no name.
fn container_label(node: &Node, segments: &[String]) -> String {
    let index = segments
        .last()
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(0);
    crate::model::container_label(node, index)
}

/// Whether the schema object at `location` (the parent of a member) requires `key`.
fn parent_requires(document: &Json, schema_path: &str, key: &str) -> bool {
    let Some((parent, _)) = schema_path.rsplit_once(&format!("/properties/{key}/")) else {
        return false;
    };
    resolve_schema(document, parent)
        .and_then(|s| s.get("required"))
        .and_then(Json::as_array)
        .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(key)))
}

fn map_error(
    env: &Env<'_>,
    kind: &ValidationErrorKind,
    node: &Node,
    segments: &[String],
    schema_path: &str,
) -> Vec<(&'static str, Finding)> {
    let here = env.written_path(node);
    let at_root = env.at_root(segments);
    let key = last(segments);
    let parent = parent_key(segments);
    // The field a value belongs to, for messages (`requiresCompatibilities` for an item).
    let field = if is_index(key) { parent } else { key };
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed: Vec<String> = schema_path
                .strip_suffix("/additionalProperties")
                .and_then(|p| resolve_schema(&env.schemas.document, &format!("{p}/properties")))
                .and_then(Json::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            unexpected
                .iter()
                .filter_map(|k| node.member(k))
                .map(|member| {
                    let written = written_key(env.text, member.key_span);
                    let read_only = at_root && READ_ONLY_MEMBERS.contains(&member.key.as_str());
                    let code = if read_only {
                        "TD-SHAPE-007"
                    } else if at_root {
                        "TD-SHAPE-008"
                    } else {
                        "TD-SHAPE-009"
                    };
                    if read_only && env.form == Form::CloudFormation {
                        let help = if member.key == "taskDefinitionArn" {
                            "remove it: the ARN is an output of the resource (!Ref returns it)".to_owned()
                        } else {
                            format!("remove \"{written}\": ECS fills it in at registration")
                        };
                        let f = Finding::at_key(member, format!("\"{written}\" is read-only output of ECS, not a property of AWS::ECS::TaskDefinition"))
                            .help(help);
                        return (code, f);
                    }
                    if read_only {
                        let f = Finding::at_key(member, format!("\"{written}\" is a read-only member of describe-task-definition output; RegisterTaskDefinition rejects it (Unknown parameter in input: \"{written}\")"))
                            .help(format!("remove \"{written}\": ECS fills it in at registration (strip every read-only member of describe output before registering)"));
                        return (code, f);
                    }
                    let mut f = Finding::at_key(member, format!("unknown key \"{written}\" in {here}"));
                    if env.form == Form::Terraform {
                        // The provider decodes container_definitions leniently: an unknown key
                        // is dropped, not rejected, so the setting silently does nothing.
                        f = f.severity(crate::diagnostic::Severity::Warning);
                    }
                    if env.form == Form::CloudFormation {
                        // CloudFormation's registry validation of AWS::ECS::TaskDefinition only
                        // logs "extraneous key [...] is not permitted" and creates the resource
                        // without the property (cloudformation-coverage-roadmap#1005, #1514):
                        // the stack is accepted and the setting silently does nothing.
                        f = f.severity(crate::diagnostic::Severity::Warning);
                        f.message.push_str("; CloudFormation ignores it (the stack events log \"extraneous key is not permitted\")");
                    }
                    let suggestion = did_you_mean(&member.key, allowed.iter().map(String::as_str));
                    if let Some(hint) = other_shape_hint(field, &member.key) {
                        return (code, f.help(hint));
                    }
                    f = match suggestion {
                        Some(s) => f.help(format!("did you mean \"{}\"?", env.key_name(s, key))),
                        None if code == "TD-SHAPE-008" => f.help("remove it: it is not a RegisterTaskDefinition parameter"),
                        None => f.help(format!("remove it: ECS does not know this member of {}", if field.is_empty() { "a container definition" } else { field })),
                    };
                    (code, f)
                })
                .collect()
        }
        ValidationErrorKind::Type { kind } => {
            let expected = json_type_name(kind);
            if env.form == Form::CloudFormation && cfn_coercible(node, &expected) {
                return vec![("TD-SHAPE-011", coercion_hint(node, &here, &expected))];
            }
            if node.is_null() {
                // ECS itself treats null as "not set"; only a required member is then missing.
                if !is_index(key) && parent_requires(&env.schemas.document, schema_path, key) {
                    let owner = segments
                        .get(..segments.len().saturating_sub(1))
                        .unwrap_or(&[]);
                    if let Some(object) = env.root.at_path(owner) {
                        return required_finding(env, object, owner, key);
                    }
                }
                // The Terraform provider decodes null as "not set" before calling ECS.
                if env.form == Form::Terraform {
                    return Vec::new();
                }
            }
            let code = if key == "value"
                && segments.iter().rev().nth(2).map(String::as_str) == Some("environment")
            {
                "TD-ENV-001"
            } else if at_root_member(env, segments, "containerDefinitions") && !node.is_null() {
                "TD-SHAPE-004"
            } else if expected == "array" && node.as_str().is_some() {
                "TD-MISC-014"
            } else {
                "TD-SHAPE-010"
            };
            let name = env.key_name(field, parent);
            let help = match (&node.value, expected.as_str()) {
                (Value::Number(n), "string") => format!("write it as a JSON string: \"{}\"", n.raw),
                (Value::Bool(b), "string") => format!("write it as a JSON string: \"{b}\""),
                (Value::String(s), "integer") if s.trim().parse::<i64>().is_ok() => {
                    format!("write it as a JSON number: {}", s.trim())
                }
                (Value::String(s), "boolean")
                    if matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "false") =>
                {
                    format!("write it as a JSON boolean: {}", s.trim().to_ascii_lowercase())
                }
                (Value::Null, _) => format!("remove \"{name}\": ECS reads null as not set, but the AWS CLI and SDKs reject it"),
                (Value::String(s), "array") if key == "command" && parent == "healthCheck" => {
                    format!("write it as a list: [\"CMD-SHELL\", \"{}\"]", s.escape_debug())
                }
                (Value::String(s), "array") if matches!(key, "command" | "entryPoint") => {
                    let words: Vec<String> = s.split_whitespace().map(|w| format!("\"{}\"", w.escape_debug())).collect();
                    format!("write it as a list with one argument per item: [{}]", words.join(", "))
                }
                (Value::String(s), "array") => format!("write it as a list: [\"{}\"]", s.escape_debug()),
                (Value::Number(_), "array") => "wrap it in [ ]: this member is a list, one item per value".to_owned(),
                (Value::Object(_), "array") => "wrap it in [ ]: this member is a list".to_owned(),
                _ => format!("give \"{name}\" {} {expected} value", article(&expected)),
            };
            let actual = node.type_name();
            let message = if node.is_null() {
                format!("{here} is null; it must be {} {expected} or be left out (Invalid type for parameter {here}, value: None)", article(&expected))
            } else {
                format!(
                    "{here} must be {} {expected}, not {} {actual}{}",
                    article(&expected),
                    article(actual),
                    shown_value(node)
                )
            };
            let mut f = Finding::at(node, message).help(help);
            if node.is_null() {
                f = f.severity(crate::diagnostic::Severity::Warning);
            }
            vec![(code, f)]
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
            let name = env.key_name(field, parent);
            let message = if code == "TD-SHAPE-015" {
                format!(
                    "{here} is an empty string; it must be one of: {}",
                    values.join(", ")
                )
            } else if is_index(key) {
                let shown = node
                    .as_str()
                    .map_or_else(|| node.type_name().to_owned(), |s| format!("\"{s}\""));
                format!(
                    "{shown} is not a valid value of {name}; expected one of: {}",
                    values.join(", ")
                )
            } else {
                let shown = node
                    .as_str()
                    .map_or_else(|| node.type_name().to_owned(), |s| format!("\"{s}\""));
                format!(
                    "{shown} is not a valid {key}; expected one of: {}",
                    values.join(", ")
                )
            };
            let mut f = Finding::at(node, message);
            f = match did_you_mean(actual, values.iter().copied()) {
                Some(s) if !actual.is_empty() => f.help(format!("did you mean \"{s}\"?")),
                _ if code == "TD-SHAPE-015" && is_index(key) => f.help(format!("remove the empty item, or set one of: {}", values.join(", "))),
                _ if code == "TD-SHAPE-015" => f.help(format!("remove \"{name}\" to get ECS's default, or set one of: {}", values.join(", "))),
                _ if code == "TD-NET-001" => f.help("omit networkMode for the default (bridge on Linux, NAT on Windows), or pick one of the four modes"),
                _ => f.help(format!("use one of: {}", values.join(", "))),
            };
            vec![(code, f)]
        }
        ValidationErrorKind::Required { property } => {
            let prop = property.as_str().unwrap_or("");
            required_finding(env, node, segments, prop)
        }
        ValidationErrorKind::MinItems { limit } => {
            let code = if is_container_list(env, segments) {
                "TD-SHAPE-004"
            } else {
                "TD-SHAPE-014"
            };
            let f = if code == "TD-SHAPE-004" {
                Finding::at(node, format!("{here} is empty; a task definition needs at least one container"))
                    .help("add a container definition with at least a name and an image, for example {\"name\": \"app\", \"image\": \"nginx:1.27\"}")
            } else {
                Finding::at(node, format!("{here} must have at least {limit} item(s)")).help(
                    format!(
                        "add at least {limit} item(s) or remove \"{}\"",
                        env.key_name(field, parent)
                    ),
                )
            };
            vec![(code, f)]
        }
        ValidationErrorKind::MaxItems { limit } => {
            let count = node.items().len();
            let (code, message, help) = match key {
                _ if is_container_list(env, segments) => (
                    "TD-SHAPE-005",
                    format!("{here} has {count} containers; ECS allows at most {limit} per task definition (Too many containers.)"),
                    "split the containers over several task definitions (and services); the limit of 10 cannot be raised".to_owned(),
                ),
                "tags" if at_root_member(env, segments, "tags") => (
                    "TD-SHAPE-040",
                    format!("{here} has {count} tags; at most {limit} are allowed per task definition"),
                    format!("remove {} tag(s)", count.saturating_sub(*limit as usize)),
                ),
                _ => (
                    "TD-SHAPE-014",
                    format!("{here} has {count} items; at most {limit} are allowed"),
                    format!("remove {} item(s)", count.saturating_sub(*limit as usize)),
                ),
            };
            vec![(code, Finding::at(node, message).help(help))]
        }
        ValidationErrorKind::MinLength { .. }
        | ValidationErrorKind::MaxLength { .. }
        | ValidationErrorKind::Pattern { .. } => {
            let value = node.as_str().unwrap_or("");
            let length = value.chars().count();
            let code = match (parent, key) {
                (_, "family") if at_root || segments.len() == 1 => {
                    if value.is_empty() {
                        "TD-SHAPE-001"
                    } else {
                        "TD-SHAPE-002"
                    }
                }
                (_, "name")
                    if env.is_container(
                        segments
                            .get(..segments.len().saturating_sub(1))
                            .unwrap_or(&[]),
                    ) =>
                {
                    if value.is_empty() {
                        "TD-SHAPE-020"
                    } else {
                        "TD-SHAPE-021"
                    }
                }
                (_, "image")
                    if env.is_container(
                        segments
                            .get(..segments.len().saturating_sub(1))
                            .unwrap_or(&[]),
                    ) =>
                {
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
                    format!("is {length} characters long; at most {limit} are allowed")
                }
                _ => String::new(),
            };
            let (message, help) = match code {
                "TD-SHAPE-001" => (
                    format!("{here} is empty"),
                    "give the family a name: 1 to 255 letters, digits, hyphens (-) and underscores (_)".to_owned(),
                ),
                "TD-SHAPE-020" => (
                    format!("{here} is empty (Container.name should not be null or empty)"),
                    "name the container: 1 to 255 letters, digits, hyphens (-) and underscores (_), unique in the task".to_owned(),
                ),
                "TD-SHAPE-030" => (
                    format!("{here} is empty (Container.image should not be null or empty)"),
                    "set the image to run, for example \"public.ecr.aws/nginx/nginx:1.27\"".to_owned(),
                ),
                "TD-SHAPE-002" | "TD-SHAPE-021" | "TD-VOL-005" => {
                    let what = match code {
                        "TD-SHAPE-002" => "family",
                        "TD-SHAPE-021" => "container name",
                        _ => "volume name",
                    };
                    let bad = bad_chars(value, name_char);
                    let message = if bad.is_empty() {
                        format!("{what} \"{value}\" is {length} characters long; at most 255 are allowed")
                    } else if code == "TD-SHAPE-021" {
                        format!("container name \"{value}\" contains invalid characters: {bad} (Container.name contains invalid characters.)")
                    } else {
                        format!("{what} \"{value}\" contains invalid characters: {bad}")
                    };
                    let fixed: String = value
                        .chars()
                        .map(|c| if name_char(c) { c } else { '-' })
                        .take(255)
                        .collect();
                    let help = if bad.is_empty() {
                        "shorten it to at most 255 characters".to_owned()
                    } else {
                        format!("use only letters, digits, hyphens (-) and underscores (_), for example \"{fixed}\"")
                    };
                    (message, help)
                }
                "TD-SHAPE-040" => {
                    let part = if key == "key" { "tag key" } else { "tag value" };
                    let bad = bad_chars(value, tag_char);
                    let message = if matches!(kind, ValidationErrorKind::Pattern { .. }) {
                        format!("{part} \"{value}\" in {here} contains characters tags do not allow: {bad}")
                    } else if value.is_empty() {
                        format!("{here} is empty; a tag key needs 1 to 128 characters")
                    } else {
                        format!("{part} in {here} {why}")
                    };
                    let help = if bad.is_empty() {
                        "tag keys are 1 to 128 characters long, tag values up to 256".to_owned()
                    } else {
                        format!("remove {bad}: tag keys and values may hold only letters, digits, spaces and _ . : / = + - @")
                    };
                    (message, help)
                }
                "TD-PORT-015" => (
                    format!("{here} \"{value}\" {why}"),
                    "use up to 64 lower-case letters, digits, - and _, not starting with -".to_owned(),
                ),
                "TD-MISC-016" => (
                    format!("{here} \"{value}\" is not a valid DNS search domain"),
                    "use a domain name of letters, digits, hyphens and dots, at most 254 characters, ending in a letter or digit, for example \"corp.example.com\"".to_owned(),
                ),
                "TD-SHAPE-015" => (
                    format!("{here} is an empty string"),
                    format!("remove \"{}\" or give it a value", env.key_name(field, parent)),
                ),
                _ => (format!("{here} \"{value}\" {why}"), "give it a value in the documented format".to_owned()),
            };
            vec![(code, Finding::at(node, message).help(help))]
        }
        ValidationErrorKind::UniqueItems => {
            let code = if at_root_member(env, segments, "requiresCompatibilities") {
                "TD-SHAPE-013"
            } else {
                "TD-SHAPE-014"
            };
            let values: Vec<&str> = node.items().iter().filter_map(Node::as_str).collect();
            let twice: Vec<&str> = values
                .iter()
                .enumerate()
                .filter(|(i, v)| values.iter().take(*i).any(|w| w == *v))
                .map(|(_, v)| *v)
                .collect();
            let listed = if twice.is_empty() {
                "the same value".to_owned()
            } else {
                twice
                    .iter()
                    .map(|v| format!("\"{v}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vec![(
                code,
                Finding::at(node, format!("{here} lists {listed} more than once"))
                    .help("list each value once"),
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
                Finding::at(node, format!("{here} {shown} must be {bound} {limit}")).help(format!(
                    "set {} to a value {bound} {limit}",
                    env.key_name(field, parent)
                )),
            )]
        }
        other => vec![(
            "TD-SHAPE-010",
            Finding::at(
                node,
                format!(
                    "{here} does not fit the RegisterTaskDefinition model ({})",
                    other.keyword()
                ),
            )
            .help("compare it with the RegisterTaskDefinition API reference"),
        )],
    }
}

/// Advice for keys that belong to another tool's shape of the same setting (Terraform, Pulumi,
/// docker-compose), where the API nests or names it differently.
fn other_shape_hint(parent: &str, key: &str) -> Option<&'static str> {
    Some(match (parent, key) {
        ("volumes", "hostPath" | "host_path") => "the API nests the host path: write \"host\": {\"sourcePath\": \"/path/on/host\"}",
        ("volumes", "efs_volume_configuration") => "the API name is \"efsVolumeConfiguration\" (camelCase)",
        ("portMappings", "hostPortRange") => "hostPortRange is output-only: remove it; ECS assigns the host port range for a containerPortRange",
        _ => return None,
    })
}

/// Every property name the schema defines (outside map-valued members).
fn property_names(document: &Json) -> Vec<String> {
    fn collect(node: &Json, out: &mut Vec<String>) {
        match node {
            Json::Object(map) => {
                if let Some(Json::Object(props)) = map.get("properties") {
                    for key in props.keys() {
                        if !out.contains(key) {
                            out.push(key.clone());
                        }
                    }
                }
                for (key, value) in map {
                    if key != "additionalProperties" {
                        collect(value, out);
                    }
                }
            }
            Json::Array(items) => items.iter().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    collect(document, &mut out);
    out
}

/// A copy of `node` whose member names that match a known property name ignoring ASCII case
/// are spelled like it, unless the object also has the exact spelling. Keys inside map-valued
/// members (`dockerLabels`, `options`, ...) are left alone; spans and pointers are kept.
fn case_fold_keys(node: &Node, known: &[String]) -> Node {
    const MAPS: [&str; 4] = ["dockerLabels", "options", "driverOpts", "labels"];
    let value = match &node.value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|m| {
                    let canonical = known
                        .iter()
                        .find(|k| k.eq_ignore_ascii_case(&m.key))
                        .filter(|k| **k != m.key && node.member(k).is_none());
                    let key = canonical.cloned().unwrap_or_else(|| m.key.clone());
                    let value = if MAPS.contains(&key.as_str()) {
                        m.value.clone()
                    } else {
                        case_fold_keys(&m.value, known)
                    };
                    Member {
                        key,
                        key_span: m.key_span,
                        value,
                    }
                })
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.iter().map(|i| case_fold_keys(i, known)).collect())
        }
        other => other.clone(),
    };
    Node {
        value,
        ..node.clone()
    }
}

/// Whether `segments` is the list of container definitions (`containerDefinitions`, or a
/// whole Terraform array).
fn is_container_list(env: &Env<'_>, segments: &[String]) -> bool {
    match env.input.scope {
        Scope::Task => at_root_member(env, segments, "containerDefinitions"),
        Scope::ContainersOnly => segments.is_empty(),
    }
}

/// Whether `segments` is the top-level member `name` of a whole task definition.
fn at_root_member(env: &Env<'_>, segments: &[String], name: &str) -> bool {
    env.input.scope == Scope::Task
        && segments.len() == 1
        && segments.first().map(String::as_str) == Some(name)
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
        assert_eq!(
            did_you_mean("executionRole", ["executionRoleArn", "taskRoleArn"]),
            Some("executionRoleArn")
        );
        assert_eq!(
            did_you_mean("task_role_arn", ["taskRoleArn"]),
            Some("taskRoleArn")
        );
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
