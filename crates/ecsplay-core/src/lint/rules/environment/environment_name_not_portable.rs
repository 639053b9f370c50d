use super::env_entries;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an environment variable whose name is not a portable identifier
    /// (`^[A-Za-z_][A-Za-z0-9_]*$`): it starts with a digit or contains a `-`, `.`, space, `=`
    /// or another character outside letters, digits and `_`. An empty name is TD-ENV-002.
    ///
    /// ## Why is this bad?
    /// ECS passes the name through, but most programs cannot read it back: a shell cannot
    /// expand `$MY-VAR` or `${app.port}` (it reads `$MY` followed by `-VAR`), an `.env` file
    /// line `VARIABLE=VALUE` ends its name at the first `=`, and many libraries and entrypoint
    /// scripts only look for identifier names. The variable is then silently not found.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "environment": [{"name": "app.port", "value": "8080"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "environment": [{"name": "APP_PORT", "value": "8080"}]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23: taskdef-envfiles.md (environment file lines are `VARIABLE=VALUE`)
    /// - DOC: https://pubs.opengroup.org/onlinepubs/9699919799/basedefs/V1_chap08.html (portable environment variable names)
    pub struct EnvironmentNameNotPortable {
        code: "TD-ENV-005",
        name: "environment-name-not-portable",
        severity: Warning,
        scope: Containers,
        summary: "environment variable name that is not a portable identifier",
    }
}

/// `^[A-Za-z_][A-Za-z0-9_]*$`.
fn is_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The name with every character outside `[A-Za-z0-9_]` turned into `_`, and a leading `_` when
/// it starts with a digit.
fn suggestion(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

impl Rule for EnvironmentNameNotPortable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for e in env_entries(cx) {
            let (Some(node), Some(name)) = (e.name_node, e.name) else {
                continue;
            };
            if name.is_empty() || is_identifier(name) {
                continue;
            }
            out.push(
                Finding::at(
                    node,
                    format!(
                        "environment variable name \"{name}\" of container {} is not a portable identifier; shells and many programs cannot read it",
                        e.label
                    ),
                )
                .help(format!(
                    "use letters, digits and underscores, not starting with a digit, for example \"{}\"",
                    suggestion(name)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cfn_container, with_container};
    use super::EnvironmentNameNotPortable as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn names_outside_the_identifier_grammar_warn() {
        let text = with_container(r#""environment": [{"name": "app.port", "value": "8080"}]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/environment/0/name");
        assert_eq!(spanned(&text, &d[0]), r#""app.port""#);
        assert_eq!(
            d[0].help.as_deref(),
            Some("use letters, digits and underscores, not starting with a digit, for example \"app_port\"")
        );
        for name in ["MY-VAR", "1ST", "A B", "A=B", "ÄPFEL"] {
            assert_fails(
                &Rule::META,
                &with_container(&format!(r#""environment": [{{"name": "{name}"}}]"#)),
            );
        }
        let d = assert_fails(
            &Rule::META,
            &with_container(r#""environment": [{"name": "9lives"}]"#),
        );
        assert!(d[0].help.as_deref().unwrap().ends_with("\"_9lives\""));
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environment": [{"name": "x-y"}]}]"#,
        );
        assert_fails(
            &Rule::META,
            &cfn_container("          Environment:\n            - {Name: spring.profiles.active, Value: prod}\n"),
        );
    }

    #[test]
    fn identifiers_and_empty_names_pass() {
        assert_passes(
            &Rule::META,
            &with_container(
                r#""environment": [{"name": "APP_PORT"}, {"name": "_x1"}, {"name": "lower_case"}, {"name": ""}]"#,
            ),
        );
    }
}
