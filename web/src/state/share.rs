//! Permalinks: the whole state in the URL fragment, as `#v1:` followed by the base64url
//! (unpadded) of the raw-deflated JSON of a [`Wire`] object. Members equal to their default are
//! left out, so the default screen's fragment is empty and an example's link names it by id.
//!
//! The version prefix lets the format change: a later `v2` reader keeps reading `v1`. Unknown
//! members are ignored, so a link made by a newer playground still opens the parts this one
//! knows. Each view adds its own member (the placement view adds `place`).
//!
//! Docs pages can also link with a readable fragment: `#example=fargate-sizes` opens an
//! example, `#rule=TD-NET-007` opens a rule's page with its documented example in the editor
//! (`view=` and `theme=` may be added, joined with `&`).

use super::place::{wire as place_wire, PlaceSnapshot};
use super::{Theme, View};
use crate::examples;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ecsplay_core::lint::find_rule;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// The fragment prefix of the current format.
pub const PREFIX: &str = "v1:";

/// The largest state a link may inflate to; a larger one is refused rather than read.
const MAX_INFLATED: usize = 4 << 20;

/// What a permalink carries, in the state's own types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// The selected view.
    pub view: View,
    /// The theme.
    pub theme: Theme,
    /// The example the document came from; `None` for the default example.
    pub example: Option<&'static str>,
    /// The document; `None` when it is the example's text.
    pub text: Option<Rc<str>>,
    /// The rule the rule panel shows, when one was picked.
    pub rule: Option<&'static str>,
    /// The placement view's fleet, steps, seed and selection.
    pub place: PlaceSnapshot,
    /// Whether the rule's documented example should replace the document (a `#rule=` link),
    /// once the rule's page is at hand. Not part of the encoded link.
    pub rule_example: bool,
}

/// The JSON members of a link. Every member is optional and left out when default.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Wire {
    /// `lint` (default) or `place`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// `light` or `dark`; absent follows the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// An example id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// The document text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A rule code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The placement view (`state/place/wire.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<place_wire::PlaceWire>,
    /// A readable `#rule=` link asks for the rule's example (see [`Snapshot::rule_example`]).
    #[serde(skip)]
    pub rule_example: bool,
}

/// Why a fragment could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Not a `#v1:` fragment (or a version this playground does not know).
    Version,
    /// The data is not base64url, not deflate, or too large.
    Corrupt,
    /// The inflated data is not the expected JSON.
    Json(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::Version => {
                f.write_str("the link was made by a different version of the playground")
            }
            ShareError::Corrupt => f.write_str("the link is damaged or cut short"),
            ShareError::Json(e) => write!(f, "the link's content cannot be read: {e}"),
        }
    }
}

impl Snapshot {
    fn to_wire(&self) -> Wire {
        Wire {
            view: (self.view != View::default()).then(|| self.view.as_str().to_owned()),
            theme: self.theme.as_str().map(str::to_owned),
            example: self.example.map(str::to_owned),
            text: self.text.as_deref().map(str::to_owned),
            rule: self.rule.map(str::to_owned),
            place: place_wire::to_wire(&self.place),
            rule_example: false,
        }
    }

    fn from_wire(wire: Wire) -> Self {
        // Names this playground does not know fall back to their defaults.
        Snapshot {
            view: wire
                .view
                .as_deref()
                .and_then(View::parse)
                .unwrap_or_default(),
            theme: wire
                .theme
                .as_deref()
                .and_then(Theme::parse)
                .unwrap_or_default(),
            example: wire
                .example
                .as_deref()
                .and_then(examples::find)
                .map(|e| e.id)
                .filter(|id| *id != examples::DEFAULT_ID),
            text: wire.text.map(Rc::from),
            rule: wire
                .rule
                .as_deref()
                .and_then(find_rule)
                .map(|r| r.meta().code),
            place: wire.place.map(place_wire::from_wire).unwrap_or_default(),
            rule_example: wire.rule_example,
        }
    }
}

/// The fragment (without `#`) for a snapshot; empty for the default screen.
pub fn encode(snapshot: &Snapshot) -> String {
    if *snapshot == Snapshot::default() {
        return String::new();
    }
    let json = serde_json::to_vec(&snapshot.to_wire()).unwrap_or_default();
    let deflated = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// Reads a fragment (with or without its `#`); an empty fragment is the default screen.
pub fn decode(fragment: &str) -> Result<Snapshot, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() {
        return Ok(Snapshot::default());
    }
    if let Some(wire) = readable(fragment) {
        return Ok(Snapshot::from_wire(wire));
    }
    let data = fragment.strip_prefix(PREFIX).ok_or(ShareError::Version)?;
    let deflated = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| ShareError::Corrupt)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED)
        .map_err(|_| ShareError::Corrupt)?;
    let wire: Wire = serde_json::from_slice(&json).map_err(|e| ShareError::Json(e.to_string()))?;
    Ok(Snapshot::from_wire(wire))
}

/// Reads a `key=value&...` fragment (`example`, `rule`, `view`, `theme`).
fn readable(fragment: &str) -> Option<Wire> {
    let mut wire = Wire::default();
    for pair in fragment.split('&') {
        let (key, value) = pair.split_once('=')?;
        let value = value.to_owned();
        match key {
            "example" => wire.example = Some(value),
            "rule" => wire.rule = Some(value),
            "view" => wire.view = Some(value),
            "theme" => wire.theme = Some(value),
            _ => return None,
        }
    }
    // The rule's example replaces the document once its page is loaded (state/lint.rs).
    wire.rule_example = wire.example.is_none() && wire.rule.is_some();
    Some(wire)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom() -> Snapshot {
        Snapshot {
            view: View::Place,
            theme: Theme::Dark,
            example: Some("firelens"),
            text: Some(Rc::from("{\"family\": \"é ✓ 😀\"}")),
            rule: Some("TD-NET-007"),
            place: PlaceSnapshot {
                seed: Some(3),
                at: Some(0),
                ..PlaceSnapshot::default()
            },
            rule_example: false,
        }
    }

    #[test]
    fn the_default_screen_has_an_empty_fragment() {
        assert_eq!(encode(&Snapshot::default()), "");
        assert_eq!(decode(""), Ok(Snapshot::default()));
        assert_eq!(decode("#"), Ok(Snapshot::default()));
    }

    #[test]
    fn a_snapshot_round_trips() {
        let fragment = encode(&custom());
        assert!(fragment.starts_with("v1:"));
        assert!(fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_:".contains(&b)));
        assert_eq!(decode(&format!("#{fragment}")), Ok(custom()));
    }

    #[test]
    fn defaults_are_left_out_of_the_json() {
        let wire = Snapshot {
            example: Some("gpu-training"),
            ..Snapshot::default()
        }
        .to_wire();
        assert_eq!(
            serde_json::to_string(&wire).unwrap(),
            r#"{"example":"gpu-training"}"#
        );
    }

    #[test]
    fn a_large_document_compresses() {
        let text = "{\"environment\": [".to_owned()
            + &(0..2000)
                .map(|i| format!("{{\"name\": \"VAR_{i}\", \"value\": \"x\"}}"))
                .collect::<Vec<_>>()
                .join(",")
            + "]}";
        let snapshot = Snapshot {
            text: Some(text.as_str().into()),
            ..Snapshot::default()
        };
        let fragment = encode(&snapshot);
        assert!(fragment.len() < text.len() / 4, "{}", fragment.len());
        assert_eq!(decode(&fragment).unwrap().text.as_deref(), Some(&*text));
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        assert_eq!(decode("#v9:abc"), Err(ShareError::Version));
        assert_eq!(decode("#hello"), Err(ShareError::Version));
        assert_eq!(decode("#v1:!!!"), Err(ShareError::Corrupt));
        assert_eq!(decode("#v1:AAAA"), Err(ShareError::Corrupt));
        let not_json = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1,", 6));
        assert!(matches!(
            decode(&format!("v1:{not_json}")),
            Err(ShareError::Json(_))
        ));
        let full = encode(&custom());
        assert!(decode(&full[..full.len() / 2]).is_err());
    }

    #[test]
    fn readable_links_open_an_example_or_a_rule_with_its_example() {
        let snapshot = decode("#example=gpu-training&theme=dark").unwrap();
        assert_eq!(snapshot.example, Some("gpu-training"));
        assert_eq!(snapshot.theme, Theme::Dark);
        assert_eq!(snapshot.text, None);
        let snapshot = decode("#rule=TD-NET-007").unwrap();
        assert_eq!(snapshot.rule, Some("TD-NET-007"));
        assert!(snapshot.rule_example, "the rule's example is asked for");
        assert!(
            !decode("#rule=TD-NET-007&example=gpu-training")
                .unwrap()
                .rule_example
        );
        assert_eq!(decode("#colour=red"), Err(ShareError::Version));
    }

    #[test]
    fn unknown_members_and_names_fall_back_to_defaults() {
        let json =
            br#"{"view":"3d","theme":"sepia","example":"gone","rule":"XX-1","place":{"a":1}}"#;
        let fragment = format!(
            "v1:{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json, 6))
        );
        assert_eq!(decode(&fragment), Ok(Snapshot::default()));
    }

    /// Byte spans of the scalar values of a compact JSON text (after `:`, up to `,` `}` `]`).
    fn scalar_spans(json: &str) -> Vec<(usize, usize)> {
        let b = json.as_bytes();
        let mut out = Vec::new();
        for (i, _) in json.match_indices(':') {
            let s = i + 1;
            let mut e = s;
            if b.get(s) == Some(&b'"') {
                e += 1;
                while e < b.len() && (b[e] != b'"' || b[e - 1] == b'\\') {
                    e += 1;
                }
                e = (e + 1).min(b.len());
            } else {
                while e < b.len() && !matches!(b[e], b',' | b'}' | b']') {
                    e += 1;
                }
            }
            if e > s && json.is_char_boundary(s) && json.is_char_boundary(e) {
                out.push((s, e));
            }
        }
        out
    }

    /// Names the placement state gives meaning to.
    const NAMES: &[&str] = &[
        "i-b1",
        "i-a1",
        "t-0001",
        "t-0009",
        "RunTask",
        "StopTask",
        "StartTask",
        "FARGATE",
        "EC2",
        "binpack",
        "spread",
        "random",
        "memberOf",
        "distinctInstance",
        "cpu",
        "memory",
        "attribute:ecs.availability-zone",
        "instanceId",
        "host",
        "attribute:ecs.instance-type =~ m5.*",
        "not(",
        "p3.2xlarge",
        "us-east-1z",
        "web:9",
        "task:group == family:web",
        "az",
        "type",
    ];

    fn arbitrary_json() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just("null".to_owned()),
            any::<bool>().prop_map(|b| b.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            (-3i64..40).prop_map(|n| n.to_string()),
            "\\PC{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            prop::sample::select(NAMES.to_vec()).prop_map(|n| serde_json::to_string(n).unwrap()),
        ];
        leaf.prop_recursive(2, 12, 3, |inner| {
            proptest::collection::vec(inner, 0..3).prop_map(|v| format!("[{}]", v.join(",")))
        })
    }

    use proptest::prelude::{prop_oneof, Strategy};

    proptest::proptest! {
        /// Whatever a (hand-edited or damaged) link holds, opening it gives a screen: the state,
        /// its simulation and every view-model the placement view draws, without a panic.
        #[test]
        fn any_link_opens_without_a_panic(
            value in arbitrary_json(),
            text in prop_oneof![
                "\\PC{0,12}",
                proptest::sample::select(NAMES.to_vec()).prop_map(str::to_owned),
            ],
            number in prop_oneof![-3i64..40, proptest::prelude::any::<i64>()],
            same_type in proptest::prelude::any::<bool>(),
            pick in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            use crate::state::place::{fixtures, matrix, picture, timeline};
            let mut snapshot = Snapshot {
                view: View::Place,
                ..Snapshot::default()
            };
            snapshot.place = fixtures::crowded().snapshot();
            let json = serde_json::to_string(&snapshot.to_wire()).unwrap();
            let spans = scalar_spans(&json);
            let (s, e) = spans[pick.index(spans.len())];
            // Half the cases keep the member's JSON type, so that the link is read and the
            // state, not only the decoder, meets the odd value.
            let value = match json.as_bytes()[s] {
                b'"' if same_type => serde_json::to_string(&text).unwrap(),
                b'-' | b'0'..=b'9' if same_type => number.unsigned_abs().to_string(),
                b't' | b'f' if same_type => (number % 2 == 0).to_string(),
                _ => value,
            };
            let mutated = format!("{}{}{}", &json[..s], value, &json[e..]);
            let fragment = format!(
                "{PREFIX}{}",
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(mutated.as_bytes(), 6))
            );
            if let Ok(snapshot) = decode(&fragment) {
                let state = crate::state::AppState::from_snapshot(snapshot);
                let place = &state.place;
                let _ = picture::picture(place);
                let _ = matrix::decision(place);
                let _ = timeline::timeline(place);
                let _ = crate::state::place::export::markdown(place, None);
                for step in 0..=place.steps.len() + 1 {
                    let _ = place.positions(step);
                }
                // What it opened is a state a link can be made of again.
                let again = decode(&encode(&state.snapshot())).unwrap();
                proptest::prop_assert_eq!(again, state.snapshot());
            }
        }
    }
}
