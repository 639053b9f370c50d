//! The source model: the text of a document and a span-preserving tree of its values.
//!
//! Every key and value keeps its byte range in the text, and the JSON Pointer under which it was
//! written, so that a finding on any value can be shown at the exact place in the user's file,
//! even after a form (CloudFormation, `describe` output) has been mapped onto the API shape.

mod json;
mod line_index;
mod yaml;

pub use line_index::{LineIndex, Position, Range};

/// A byte range `[start, end)` in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from two byte offsets (saturating at `u32::MAX`).
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Span {
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }
}

/// A number as written, with its integer value when it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// The literal as written in the source.
    pub raw: String,
    /// The value as a float.
    pub float: f64,
    /// The value when it is an integer that fits in `i64`.
    pub int: Option<i64>,
}

impl Number {
    /// Parses a JSON/YAML number literal; `None` if it is not one.
    pub fn parse(raw: &str) -> Option<Self> {
        let float: f64 = raw.parse().ok()?;
        let int = raw.parse::<i64>().ok();
        Some(Number {
            raw: raw.to_owned(),
            float,
            int,
        })
    }
}

/// The value of a node.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null` (or YAML `~`, or an empty YAML value).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array, in order.
    Array(Vec<Node>),
    /// An object; if a key was written twice only the last member is kept (as AWS does).
    Object(Vec<Member>),
    /// A value only known at deploy time (a CloudFormation intrinsic function such as `!Ref` or
    /// `Fn::Sub`). Rules treat it as unknown and skip value checks on it.
    Unknown(String),
}

/// One `key: value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key as the form maps it (API camelCase).
    pub key: String,
    /// Where the key is written (with its quotes in JSON).
    pub key_span: Span,
    /// The member's value.
    pub value: Node,
}

/// A value together with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value is written.
    pub span: Span,
    /// RFC 6901 JSON Pointer to this value in the document as written.
    pub pointer: String,
    /// A YAML tag on the value (`!Ref`, `!Sub`, ...), if any.
    pub tag: Option<String>,
}

impl Node {
    /// The member `key` of an object node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The member `key` (key and value) of an object node.
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.value {
            Value::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The members of an object node (empty for other kinds).
    pub fn members(&self) -> &[Member] {
        match &self.value {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    /// The elements of an array node (empty for other kinds).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer value, if this is a number with an integer value.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Number(n) => n.int,
            _ => None,
        }
    }

    /// The boolean value, if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self.value, Value::Array(_))
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Whether the value is only known at deploy time (a CloudFormation intrinsic).
    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown(_))
    }

    /// Whether the value is "set" in the sense ECS uses for optional members: present, not
    /// null, not an empty string/array/object, not `false`.
    pub fn is_set(&self) -> bool {
        match &self.value {
            Value::Null | Value::Bool(false) => false,
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => !o.is_empty(),
            Value::Bool(true) | Value::Number(_) | Value::Unknown(_) => true,
        }
    }

    /// A short name of the value's JSON type, as used in messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.int.is_some() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Unknown(_) => "deploy-time value",
        }
    }

    /// Follows a path of object keys / array indexes (API form) from this node.
    pub fn at_path<I, S>(&self, path: I) -> Option<&Node>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut node = self;
        for seg in path {
            let seg = seg.as_ref();
            node = match &node.value {
                Value::Object(_) => node.get(seg)?,
                Value::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Converts the tree to a `serde_json::Value` (unknown values become `null`).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null | Value::Unknown(_) => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => match n.int {
                Some(i) => J::from(i),
                None => serde_json::Number::from_f64(n.float).map_or(J::Null, J::Number),
            },
            Value::String(s) => J::String(s.clone()),
            Value::Array(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Object(members) => J::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Escapes one reference token of a JSON Pointer (RFC 6901).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token of a JSON Pointer (RFC 6901).
pub fn unescape_pointer_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The syntax a document was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// JSON (strict: no comments, no trailing commas).
    Json,
    /// YAML (CloudFormation templates).
    Yaml,
}

/// A key written twice in one object.
#[derive(Clone, Debug, PartialEq)]
pub struct DuplicateKey {
    /// The key.
    pub key: String,
    /// Where the earlier (ignored) occurrence is written.
    pub first: Span,
    /// Where the later (kept) occurrence is written.
    pub second: Span,
    /// Pointer to the member.
    pub pointer: String,
}

/// A document that is not well formed.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// The parser's reason.
    pub message: String,
    /// The offending character (or the end of the text).
    pub span: Span,
}

/// A parsed document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The syntax it was written in.
    pub syntax: Syntax,
    /// The root value.
    pub root: Node,
    /// Keys written twice in one object.
    pub duplicates: Vec<DuplicateKey>,
}

/// Parses a JSON or YAML document. Text whose first significant character is `{` or `[` is read
/// as strict JSON; anything else as YAML.
pub fn parse(text: &str) -> Result<Document, SyntaxError> {
    let first = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .next();
    match first {
        Some('{') | Some('[') => json::parse(text),
        None => Err(SyntaxError {
            message: "the document is empty".to_owned(),
            span: Span::new(text.len(), text.len()),
        }),
        Some(_) => yaml::parse(text),
    }
}

/// Builds object members, keeping the last of duplicate keys and recording the duplicates.
pub(crate) fn push_member(
    members: &mut Vec<Member>,
    member: Member,
    object_pointer: &str,
    duplicates: &mut Vec<DuplicateKey>,
) {
    if let Some(pos) = members.iter().position(|m| m.key == member.key) {
        let earlier = members.remove(pos);
        duplicates.push(DuplicateKey {
            key: member.key.clone(),
            first: earlier.key_span,
            second: member.key_span,
            pointer: format!("{object_pointer}/{}", escape_pointer_token(&member.key)),
        });
    }
    members.push(member);
}
