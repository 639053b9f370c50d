//! Strict JSON, read with `jsonc-parser` (all of its leniencies turned off) into the span tree.

use super::{
    escape_pointer_token, push_member, Document, Member, Node, Number, Span, Syntax, SyntaxError,
    Value,
};
use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, ParseOptions};

pub(super) fn parse(text: &str) -> Result<Document, SyntaxError> {
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options).map_err(|e| {
            // Point at the offending character: the first non-blank one from where the parser
            // stopped (it reports "expected comma" at the blank after the previous value).
            let from = e.range().start;
            let rest = text.get(from..).unwrap_or("");
            let start = from + (rest.len() - rest.trim_start().len());
            let end = text
                .get(start..)
                .and_then(|s| s.chars().next())
                .map_or(start, |c| start + c.len_utf8());
            SyntaxError {
                message: lower_first(&e.kind().to_string()),
                span: Span::new(start, end),
            }
        })?;
    let Some(value) = parsed.value else {
        return Err(SyntaxError {
            message: "the document is empty".to_owned(),
            span: Span::new(text.len(), text.len()),
        });
    };
    let mut duplicates = Vec::new();
    let root = convert(&value, String::new(), &mut duplicates);
    Ok(Document {
        syntax: Syntax::Json,
        root,
        duplicates,
    })
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

fn span(r: jsonc_parser::common::Range) -> Span {
    Span::new(r.start, r.end)
}

fn convert(
    value: &ast::Value<'_>,
    pointer: String,
    duplicates: &mut Vec<super::DuplicateKey>,
) -> Node {
    let (value, range) = match value {
        ast::Value::NullKeyword(n) => (Value::Null, n.range),
        ast::Value::BooleanLit(b) => (Value::Bool(b.value), b.range),
        ast::Value::StringLit(s) => (Value::String(s.value.to_string()), s.range),
        ast::Value::NumberLit(n) => {
            let num = Number::parse(n.value).unwrap_or(Number {
                raw: n.value.to_owned(),
                float: f64::NAN,
                int: None,
            });
            (Value::Number(num), n.range)
        }
        ast::Value::Array(a) => {
            let items = a
                .elements
                .iter()
                .enumerate()
                .map(|(i, v)| convert(v, format!("{pointer}/{i}"), duplicates))
                .collect();
            (Value::Array(items), a.range)
        }
        ast::Value::Object(o) => {
            let mut members: Vec<Member> = Vec::with_capacity(o.properties.len());
            for prop in &o.properties {
                let (key, key_range) = match &prop.name {
                    ast::ObjectPropName::String(s) => (s.value.to_string(), s.range),
                    ast::ObjectPropName::Word(w) => (w.value.to_owned(), w.range),
                };
                let child = format!("{pointer}/{}", escape_pointer_token(&key));
                let value = convert(&prop.value, child, duplicates);
                push_member(
                    &mut members,
                    Member {
                        key,
                        key_span: span(key_range),
                        value,
                    },
                    &pointer,
                    duplicates,
                );
            }
            (Value::Object(members), o.range)
        }
    };
    Node {
        value,
        span: span(range),
        pointer,
        tag: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::source::{parse, Value};

    #[test]
    fn spans_cover_values_and_keys() {
        let text = r#"{"a": [1, "x"], "b": {"c": null}}"#;
        let doc = parse(text).unwrap();
        let a = doc.root.member("a").unwrap();
        assert_eq!(
            &text[a.key_span.start as usize..a.key_span.end as usize],
            "\"a\""
        );
        let x = doc.root.at_path(["a", "1"]).unwrap();
        assert_eq!(&text[x.span.start as usize..x.span.end as usize], "\"x\"");
        assert_eq!(x.pointer, "/a/1");
        assert_eq!(doc.root.at_path(["b", "c"]).unwrap().pointer, "/b/c");
    }

    #[test]
    fn syntax_error_points_at_the_offending_character() {
        let text = "{\n  \"a\": 1,\n}";
        let err = parse(text).unwrap_err();
        assert_eq!(&text[err.span.start as usize..err.span.end as usize], ",");
        assert!(err.message.contains("trailing comma"), "{}", err.message);
    }

    #[test]
    fn duplicate_keys_keep_the_last_value() {
        let doc = parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(doc.root.get("a").unwrap().as_i64(), Some(3));
        assert_eq!(doc.duplicates.len(), 1);
        assert_eq!(doc.duplicates[0].pointer, "/a");
        assert!(doc.duplicates[0].first.start < doc.duplicates[0].second.start);
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        let doc = parse(r#"{"a/b": {"c~d": true}}"#).unwrap();
        let node = doc.root.get("a/b").unwrap().get("c~d").unwrap();
        assert_eq!(node.pointer, "/a~1b/c~0d");
        assert_eq!(node.value, Value::Bool(true));
    }
}
