use super::env_entries;
use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports an `environment` entry without a `name`, or whose `name` is `null` or the empty
    /// string. A missing name points at the entry; an empty one at the value.
    ///
    /// ## Why is this bad?
    /// An environment variable is its name: an entry without one cannot be set in the
    /// container. The API model marks neither member of the `{name, value}` pair required, but
    /// the catalogue lists this as an error and CloudFormation keys the list on `Name`
    /// (`uniqueKeys: ["Name"]`). The usual cause is a typo (`"Name"` in JSON, `"key"` instead
    /// of `"name"`) or a value moved without its name.
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
    ///       "environment": [
    ///         {"name": "PORT", "value": "8080"},
    ///         {"value": "production"}
    ///       ]
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
    ///       "environment": [
    ///         {"name": "PORT", "value": "8080"},
    ///         {"name": "APP_ENV", "value": "production"}
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:KeyValuePair.name (botocore 1.44.5 ECS model)
    /// - CFN-SCHEMA: ContainerDefinition.Environment (`uniqueKeys: ["Name"]`)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KeyValuePair.html
    pub struct EnvironmentNameMissing {
        code: "TD-ENV-002",
        name: "environment-name-missing",
        severity: Error,
        scope: Containers,
        summary: "environment entry without a name",
    }
}

impl Rule for EnvironmentNameMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for e in env_entries(cx) {
            let at = match e.name_node {
                None => e.entry,
                Some(n) if n.is_null() || n.as_str() == Some("") => n,
                // A deploy-time value or a non-string (the schema layer's) is not judged.
                Some(_) => continue,
            };
            let shown = match e.value {
                Some(v) if !v.is_empty() => format!(" (value \"{}\")", short(v)),
                _ => String::new(),
            };
            out.push(
                Finding::at(
                    at,
                    format!(
                        "an environment variable of container {} has no name{shown}",
                        e.label
                    ),
                )
                .help("add \"name\": the variable's name, for example \"APP_ENV\", or remove the entry"),
            );
        }
    }
}

/// A value cut to 40 characters for a message.
fn short(value: &str) -> String {
    if value.chars().count() > 40 {
        format!("{}…", value.chars().take(40).collect::<String>())
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{cfn_container, with_container};
    use super::EnvironmentNameMissing as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn missing_or_empty_names_fail() {
        let text = with_container(
            r#""environment": [{"name": "A", "value": "1"}, {"value": "production"}]"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/environment/1");
        assert_eq!(spanned(&text, &d[0]), r#"{"value": "production"}"#);
        assert_eq!(
            d[0].message,
            "an environment variable of container 'app' has no name (value \"production\")"
        );
        let text = with_container(r#""environment": [{"name": "", "value": "1"}]"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(spanned(&text, &d[0]), r#""""#);
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "environment": [{"name": null}]}]"#,
        );
        assert_fails(
            &Rule::META,
            &cfn_container("          Environment:\n            - Value: x\n"),
        );
    }

    #[test]
    fn named_entries_pass() {
        assert_passes(
            &Rule::META,
            &with_container(r#""environment": [{"name": "A"}, {"name": "B", "value": ""}]"#),
        );
        // A name of the wrong type is the schema layer's; a deploy-time name is not judged.
        assert_passes(
            &Rule::META,
            &with_container(r#""environment": [{"name": 5, "value": "x"}]"#),
        );
        assert_passes(
            &Rule::META,
            &cfn_container(
                "          Environment:\n            - {Name: !Ref VarName, Value: x}\n",
            ),
        );
    }
}
