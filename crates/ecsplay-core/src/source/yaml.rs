//! YAML (CloudFormation templates), read with `yaml-rust2`'s event parser into the span tree.
//!
//! The parser reports where each value starts; where it ends is found by reading the text from
//! there (a quoted scalar ends at its closing quote, a plain one before `: `, ` #` or the line
//! end, a block mapping or sequence at its last child).

use super::{
    escape_pointer_token, push_member, Document, DuplicateKey, Member, Node, Number, Span, Syntax,
    SyntaxError, Value,
};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

pub(super) fn parse(text: &str) -> Result<Document, SyntaxError> {
    let offsets = CharOffsets::new(text);
    let mut builder = Builder {
        text,
        offsets: &offsets,
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        duplicates: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        let start = offsets.byte(e.marker().index());
        let end = text
            .get(start..)
            .and_then(|s| s.chars().next())
            .map_or(start, |c| start + c.len_utf8());
        return Err(SyntaxError {
            message: e.info().to_owned(),
            span: Span::new(start, end),
        });
    }
    let root = builder.root.unwrap_or(Node {
        value: Value::Null,
        span: Span::new(0, 0),
        pointer: String::new(),
        tag: None,
    });
    Ok(Document {
        syntax: Syntax::Yaml,
        root,
        duplicates: builder.duplicates,
    })
}

/// Maps the parser's character indexes to byte offsets.
struct CharOffsets {
    /// Byte offset of each character; empty when the text is ASCII (index == offset).
    table: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let table = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i).collect()
        };
        CharOffsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.table.is_empty() {
            char_index.min(self.len)
        } else {
            self.table.get(char_index).copied().unwrap_or(self.len)
        }
    }
}

enum Frame {
    Sequence {
        start: usize,
        flow: bool,
        anchor: usize,
        tag: Option<String>,
        items: Vec<Node>,
        pointer: String,
    },
    Mapping {
        start: usize,
        flow: bool,
        anchor: usize,
        tag: Option<String>,
        members: Vec<Member>,
        pending_key: Option<(String, Span)>,
        pointer: String,
    },
}

struct Builder<'a> {
    text: &'a str,
    offsets: &'a CharOffsets,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    duplicates: Vec<DuplicateKey>,
}

impl Builder<'_> {
    /// The pointer of the next value, and whether that value is a mapping key.
    fn next_slot(&self) -> (String, bool) {
        match self.stack.last() {
            None => (String::new(), false),
            Some(Frame::Sequence { items, pointer, .. }) => {
                (format!("{pointer}/{}", items.len()), false)
            }
            Some(Frame::Mapping {
                pending_key: None, ..
            }) => (String::new(), true),
            Some(Frame::Mapping {
                pending_key: Some((key, _)),
                pointer,
                ..
            }) => (format!("{pointer}/{}", escape_pointer_token(key)), false),
        }
    }

    fn in_flow(&self) -> bool {
        self.stack.iter().any(|f| {
            matches!(
                f,
                Frame::Sequence { flow: true, .. } | Frame::Mapping { flow: true, .. }
            )
        })
    }

    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping {
                members,
                pending_key,
                pointer,
                ..
            }) => match pending_key.take() {
                None => {
                    let key = match &node.value {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.raw.clone(),
                        Value::Bool(b) => b.to_string(),
                        Value::Null => "null".to_owned(),
                        _ => self
                            .text
                            .get(node.span.start as usize..node.span.end as usize)
                            .unwrap_or("")
                            .to_owned(),
                    };
                    *pending_key = Some((key, node.span));
                }
                Some((key, key_span)) => {
                    let pointer = pointer.clone();
                    push_member(
                        members,
                        Member {
                            key,
                            key_span,
                            value: node,
                        },
                        &pointer,
                        &mut self.duplicates,
                    );
                }
            },
        }
    }

    /// Where a scalar that starts at `start` ends.
    fn scalar_end(&self, start: usize, style: TScalarStyle) -> usize {
        let rest = self.text.get(start..).unwrap_or("");
        let line_end = rest.find('\n').map_or(rest.len(), |i| i);
        let line = &rest[..line_end];
        let end = match style {
            TScalarStyle::DoubleQuoted => closing_quote(line, '"').unwrap_or(line.len()),
            TScalarStyle::SingleQuoted => closing_quote(line, '\'').unwrap_or(line.len()),
            _ => {
                let mut end = line.len();
                for stop in [": ", " #", "\t#"] {
                    if let Some(i) = line.find(stop) {
                        end = end.min(i);
                    }
                }
                if line.ends_with(':') {
                    end = end.min(line.len() - 1);
                }
                if self.in_flow() {
                    if let Some(i) = line.find([',', ']', '}']) {
                        end = end.min(i);
                    }
                }
                line[..end].trim_end().len()
            }
        };
        start + end
    }
}

fn closing_quote(line: &str, quote: char) -> Option<usize> {
    let mut chars = line.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().map(|(_, n)| *n) == Some('\'') {
                chars.next();
                continue;
            }
            return Some(i + c.len_utf8());
        }
    }
    None
}

fn tag_name(tag: Option<yaml_rust2::parser::Tag>) -> Option<String> {
    tag.map(|t| {
        if t.handle == "!" {
            format!("!{}", t.suffix)
        } else {
            format!("{}{}", t.handle, t.suffix)
        }
    })
}

fn plain_scalar(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let numeric = {
        let body = s.strip_prefix(['-', '+']).unwrap_or(s);
        !body.is_empty()
            && body
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '.')
            && body
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
    };
    if numeric {
        if let Some(n) = Number::parse(s.strip_prefix('+').unwrap_or(s)) {
            return Value::Number(n);
        }
    }
    Value::String(s.to_owned())
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let start = self.offsets.byte(mark.index());
        match ev {
            Event::Scalar(value, style, anchor, tag) => {
                let (pointer, _) = self.next_slot();
                let tag = tag_name(tag);
                // A tag such as `!Ref` may be where the mark points; the value follows it.
                let mut vstart = start;
                if self.text.get(start..).is_some_and(|s| s.starts_with('!')) {
                    let rest = &self.text[start..];
                    let tag_len = rest.find([' ', '\t', '\n']).unwrap_or(rest.len());
                    let after = &rest[tag_len..];
                    vstart = start
                        + tag_len
                        + (after.len() - after.trim_start_matches([' ', '\t']).len());
                }
                let end = self.scalar_end(vstart, style).max(vstart);
                let v = match (style, tag.as_deref()) {
                    (_, Some("tag:yaml.org,2002:str")) => Value::String(value),
                    (TScalarStyle::Plain, _) => plain_scalar(&value),
                    _ => Value::String(value),
                };
                self.finish(
                    Node {
                        value: v,
                        span: Span::new(start, end),
                        pointer,
                        tag,
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, tag) => {
                let (pointer, _) = self.next_slot();
                let flow = self.text.get(start..).is_some_and(|s| s.starts_with('['));
                self.stack.push(Frame::Sequence {
                    start,
                    flow,
                    anchor,
                    tag: tag_name(tag),
                    items: Vec::new(),
                    pointer,
                });
            }
            Event::MappingStart(anchor, tag) => {
                let (pointer, _) = self.next_slot();
                let flow = self.text.get(start..).is_some_and(|s| s.starts_with('{'));
                self.stack.push(Frame::Mapping {
                    start,
                    flow,
                    anchor,
                    tag: tag_name(tag),
                    members: Vec::new(),
                    pending_key: None,
                    pointer,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return;
                };
                let (node, anchor) = match frame {
                    Frame::Sequence {
                        start: s,
                        flow,
                        anchor,
                        tag,
                        items,
                        pointer,
                    } => {
                        let last = items.iter().map(|n| n.span.end as usize).max().unwrap_or(s);
                        let end = if flow { (start + 1).max(last) } else { last };
                        (
                            Node {
                                value: Value::Array(items),
                                span: Span::new(s, end),
                                pointer,
                                tag,
                            },
                            anchor,
                        )
                    }
                    Frame::Mapping {
                        start: s,
                        flow,
                        anchor,
                        tag,
                        members,
                        pointer,
                        ..
                    } => {
                        let last = members
                            .iter()
                            .map(|m| m.value.span.end.max(m.key_span.end) as usize)
                            .max()
                            .unwrap_or(s);
                        let end = if flow { (start + 1).max(last) } else { last };
                        // A block mapping's start event is marked after its first key: the
                        // object starts at that key.
                        let first = members.iter().map(|m| m.key_span.start as usize).min();
                        let s = match first {
                            Some(first) if !flow => s.min(first),
                            _ => s,
                        };
                        (
                            Node {
                                value: Value::Object(members),
                                span: Span::new(s, end),
                                pointer,
                                tag,
                            },
                            anchor,
                        )
                    }
                };
                self.finish(node, anchor);
            }
            Event::Alias(id) => {
                let (pointer, _) = self.next_slot();
                let node = match self.anchors.get(&id) {
                    Some(n) => Node {
                        pointer,
                        ..n.clone()
                    },
                    None => Node {
                        value: Value::Null,
                        span: Span::new(start, start),
                        pointer,
                        tag: None,
                    },
                };
                self.finish(node, 0);
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::source::{parse, Syntax, Value};

    const TEMPLATE: &str = "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      Family: !Ref Name\n      Tags: [{Key: a, Value: 'b c'}]\n";

    fn text_of(text: &str, span: crate::source::Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    #[test]
    fn block_and_flow_values_have_spans_and_pointers() {
        let doc = parse(TEMPLATE).unwrap();
        assert_eq!(doc.syntax, Syntax::Yaml);
        let props = doc
            .root
            .at_path(["Resources", "Task", "Properties"])
            .unwrap();
        let cpu = props.get("Cpu").unwrap();
        assert_eq!(cpu.as_i64(), Some(256));
        assert_eq!(text_of(TEMPLATE, cpu.span), "256");
        assert_eq!(cpu.pointer, "/Resources/Task/Properties/Cpu");
        let value = props.at_path(["Tags", "0", "Value"]).unwrap();
        assert_eq!(text_of(TEMPLATE, value.span), "'b c'");
        let key = props.at_path(["Tags", "0", "Key"]).unwrap();
        assert_eq!(text_of(TEMPLATE, key.span), "a");
    }

    #[test]
    fn tags_are_kept() {
        let doc = parse(TEMPLATE).unwrap();
        let family = doc
            .root
            .at_path(["Resources", "Task", "Properties", "Family"])
            .unwrap();
        assert_eq!(family.tag.as_deref(), Some("!Ref"));
        assert_eq!(family.value, Value::String("Name".into()));
    }

    #[test]
    fn errors_have_a_location() {
        let err = parse("a: [1, 2\nb: c").unwrap_err();
        assert!(!err.message.is_empty());
    }

    #[test]
    fn non_ascii_offsets_are_bytes() {
        let text = "é: ü\nk: v\n";
        let doc = parse(text).unwrap();
        assert_eq!(text_of(text, doc.root.get("k").unwrap().span), "v");
    }
}
