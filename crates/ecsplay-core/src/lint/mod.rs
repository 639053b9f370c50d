//! The rule engine: rule metadata, the context rules read, findings, options and the driver.

mod context;
mod engine;
mod registry;
pub mod rules;
#[cfg(test)]
pub(crate) mod testing;

pub use context::Context;
pub use engine::{lint, LintResult};
pub use registry::{all_rules, find_rule};

use crate::diagnostic::Severity;
use crate::source::{Member, Node, Span};
use serde::Deserialize;

/// The rule groups, by code prefix.
pub const GROUPS: [(&str, &str); 17] = [
    ("TD-SYNTAX", "syntax"),
    ("TD-FORM", "form"),
    ("TD-SHAPE", "shape"),
    ("TD-NET", "network"),
    ("TD-FG", "fargate"),
    ("TD-RES", "resources"),
    ("TD-IAM", "iam"),
    ("TD-PORT", "ports"),
    ("TD-DEP", "dependencies"),
    ("TD-HC", "health-checks"),
    ("TD-LOG", "logging"),
    ("TD-ENV", "environment"),
    ("TD-VOL", "volumes"),
    ("TD-SEC", "security"),
    ("TD-WIN", "windows"),
    ("TD-SC", "service-connect"),
    ("TD-MISC", "misc"),
];

/// What a rule needs to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleScope {
    /// Needs task-level context; skipped for a Terraform container array.
    Task,
    /// Looks only at container definitions; runs on every form.
    Containers,
    /// Detected by the engine itself (syntax, form) or by the JSON Schema layer.
    Engine,
}

/// A rule's metadata and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// The stable code, an id of the rule catalogue (`TD-NET-007`).
    pub code: &'static str,
    /// The kebab-case name.
    pub name: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// One line saying what the rule finds.
    pub summary: &'static str,
    /// The documentation page, in Markdown: What it does / Why is this bad? / Example /
    /// Use instead / References.
    pub doc: &'static str,
    /// Catalogue codes that name the same condition (rules.md §0.4) and are reported as this one.
    pub aliases: &'static [&'static str],
    /// What the rule needs to run.
    pub scope: RuleScope,
}

impl RuleMeta {
    /// The group name (`network`, `fargate`, ...).
    pub fn group(&self) -> &'static str {
        GROUPS
            .iter()
            .filter(|(prefix, _)| {
                self.code.starts_with(prefix)
                    && self.code.as_bytes().get(prefix.len()) == Some(&b'-')
            })
            .map(|(_, g)| *g)
            .next()
            .unwrap_or("misc")
    }

    /// The documentation with the one leading space of each doc-comment line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_owned()
    }

    /// The fenced `json` code block that follows a `## heading` in the documentation.
    pub fn doc_example(&self, heading: &str) -> Option<String> {
        doc_example(&self.documentation(), heading)
    }

    /// Whether the documentation is compiled in (the `docs` feature; a build without it, such as
    /// the web playground's, loads each rule's page on demand).
    pub fn has_documentation(&self) -> bool {
        !self.doc.is_empty()
    }
}

/// The fenced `json` code block that follows a `## heading` in a rule's documentation.
pub fn doc_example(documentation: &str, heading: &str) -> Option<String> {
    let section = documentation
        .split("\n## ")
        .find(|s| s.trim_start_matches("## ").starts_with(heading))?;
    let start = section.find("```json")? + "```json".len();
    let rest = section.get(start..)?;
    let end = rest.find("```")?;
    Some(rest.get(..end)?.trim().to_owned())
}

/// A lint rule. Rules only detect: they return findings (plain data), and the engine turns them
/// into located diagnostics.
pub trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Appends the rule's findings for one task definition.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// One problem found by a rule, at a node of the input.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Where the problem is.
    pub span: Span,
    /// JSON Pointer of that place in the input as written.
    pub pointer: String,
    /// What is wrong, naming the field and the value.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Related places: message, pointer, span.
    pub labels: Vec<(String, String, Span)>,
    /// A severity other than the rule's default (for form-dependent rules).
    pub severity: Option<Severity>,
}

impl Finding {
    /// A finding on a value.
    pub fn at(node: &Node, message: impl Into<String>) -> Self {
        Finding {
            span: node.span,
            pointer: node.pointer.clone(),
            message: message.into(),
            help: None,
            labels: Vec::new(),
            severity: None,
        }
    }

    /// A finding on a member's key (for a member that should not be there at all).
    pub fn at_key(member: &Member, message: impl Into<String>) -> Self {
        Finding {
            span: member.key_span,
            pointer: member.value.pointer.clone(),
            message: message.into(),
            help: None,
            labels: Vec::new(),
            severity: None,
        }
    }

    /// Adds what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place.
    pub fn label(mut self, node: &Node, message: impl Into<String>) -> Self {
        self.labels
            .push((message.into(), node.pointer.clone(), node.span));
        self
    }

    /// Overrides the rule's default severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
}

/// Which rules run. Codes or code prefixes (`TD-SEC` selects the group; `TD-FG-01` selects
/// TD-FG-010 to TD-FG-019); an alias code selects the rule it names.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LintOptions {
    /// Only these codes or prefixes (all rules when empty).
    #[serde(default)]
    pub select: Vec<String>,
    /// Never these codes or prefixes.
    #[serde(default)]
    pub ignore: Vec<String>,
}

impl LintOptions {
    /// Whether a rule is enabled.
    pub fn enabled(&self, meta: &RuleMeta) -> bool {
        let matches = |p: &String| {
            let p = p.trim();
            !p.is_empty()
                && (meta.code.starts_with(p) || meta.aliases.iter().any(|a| a.starts_with(p)))
        };
        (self.select.is_empty() || self.select.iter().any(matches))
            && !self.ignore.iter().any(matches)
    }
}

/// Declares a rule type with its metadata; the doc comment is the rule's documentation page.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub struct FargateCpuMissing {
///         code: "TD-FG-001",
///         name: "fargate-cpu-missing",
///         severity: Error,
///         scope: Task,
///         summary: "Fargate task definition without a task-level cpu",
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            severity: $sev:ident,
            scope: $scope:ident,
            summary: $summary:literal,
            $(aliases: [$($alias:literal),* $(,)?],)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            /// This rule's metadata and documentation.
            pub const META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
                code: $code,
                name: $kebab,
                severity: $crate::diagnostic::Severity::$sev,
                summary: $summary,
                // Without the `docs` feature the page is left out of the binary (the constant is
                // evaluated at compile time, so the text is never emitted).
                doc: if cfg!(feature = "docs") { concat!($($doc, "\n"),*) } else { "" },
                aliases: &[$($($alias),*)?],
                scope: $crate::lint::RuleScope::$scope,
            };
        }
    };
}

/// Declares a rule whose detection lives in the engine or the JSON Schema layer (scope
/// `Engine`): its metadata, documentation and a `Rule` impl whose `check` does nothing.
#[macro_export]
macro_rules! declare_engine_rule {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::declare_rule! {
            $(#[doc = $doc])*
            pub struct $name { $($body)* }
        }

        impl $crate::lint::Rule for $name {
            fn meta(&self) -> &'static $crate::lint::RuleMeta {
                &Self::META
            }

            fn check(&self, _: &$crate::lint::Context<'_>, _: &mut Vec<$crate::lint::Finding>) {}
        }
    };
}
