use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports an object that has the same key twice. The diagnostic points at the earlier key,
    /// with a label on the later one.
    ///
    /// ## Why is this bad?
    /// JSON parsers, including the AWS CLI's, keep the last value and silently drop the earlier
    /// one. The earlier value looks like it is in force but is not: a `memory` raised on line 5
    /// is undone by an old `memory` left on line 9.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "nginx:1.27", "memory": 1024, "memory": 512}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "nginx:1.27", "memory": 1024}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - RFC 8259 §4: "The names within an object SHOULD be unique"; behaviour with duplicates is unpredictable
    /// - shared/spec/interfaces.md §2 (TD-SYNTAX-002: the last one wins)
    pub struct DuplicateKey {
        code: "TD-SYNTAX-002",
        name: "duplicate-key",
        severity: Warning,
        scope: Engine,
        summary: "An object has the same key twice; the earlier value is silently ignored",
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateKey as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn points_at_the_earlier_key_with_a_label_on_the_later() {
        let text = r#"{"family": "a", "containerDefinitions": [], "family": "b"}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d[0].range.start.column, 2);
        assert_eq!(spanned(text, &d[0]), "\"family\"");
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(d[0].pointer, "/family");
    }

    #[test]
    fn same_key_in_different_objects_passes() {
        assert_passes(
            &Rule::META,
            r#"{"family": "a", "containerDefinitions": [{"name": "x"}, {"name": "y"}]}"#,
        );
    }

    #[test]
    fn yaml_duplicates_are_found_too() {
        assert_fails(&Rule::META, "Resources:\n  A:\n    Type: x\n    Type: y\n");
    }
}
