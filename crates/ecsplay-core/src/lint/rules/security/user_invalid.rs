use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

declare_rule! {
    /// ## What it does
    /// Reports a `user` that is none of the six forms ECS documents (`user`, `user:group`,
    /// `uid`, `uid:gid`, `user:gid`, `uid:group`): more than one `:`, an empty part, a UID or
    /// GID that is not a whole number of zero or more (`-1`, `1.5`, `+5`), or a name with
    /// characters no user or group name has (spaces, `$` inside, a template placeholder such as
    /// `${UID}`). A name is read as letters, digits, `_`, `.` and `-`, starting with a letter or
    /// `_`, with an optional final `$`; a part that starts with a digit or a sign is read as a
    /// number. Windows containers, which cannot set `user` at all, are TD-WIN-001's.
    ///
    /// ## Why is this bad?
    /// Docker resolves `user` when the container is created: a value that is neither a number
    /// nor a name in the image's `/etc/passwd` (or `/etc/group`) makes the container fail to
    /// start (`unable to find user …: no matching entries in passwd file`), and the task stops.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:20-slim", "memory": 512, "user": "1000:1000:1000"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "api",
    ///   "containerDefinitions": [
    ///     {"name": "api", "image": "public.ecr.aws/docker/library/node:20-slim", "memory": 512, "user": "1000:1000"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.user (botocore 1.44.5 ECS model: the six forms)
    /// - DOC: https://docs.docker.com/reference/dockerfile/#user
    pub struct UserInvalid {
        code: "TD-SEC-004",
        name: "user-invalid",
        severity: Error,
        scope: Containers,
        summary: "container user that is not a user or UID, optionally with a group or GID",
    }
}

/// What is wrong with one part of a `user` value, if anything.
fn part_problem(part: &str) -> Option<String> {
    let first = part.chars().next()?;
    if first.is_ascii_digit() || first == '-' || first == '+' {
        return (!part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("\"{part}\" is not a whole number of zero or more"));
    }
    let body = part.strip_suffix('$').unwrap_or(part);
    let name_ok = (first.is_ascii_alphabetic() || first == '_')
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
    (!name_ok).then(|| format!("\"{part}\" is neither a number nor a user or group name"))
}

/// What is wrong with a `user` value, if anything.
fn user_problem(user: &str) -> Option<String> {
    let parts: Vec<&str> = user.split(':').collect();
    if parts.len() > 2 {
        return Some(
            "has more than one ':' (the forms are user, user:group, uid, uid:gid)".to_owned(),
        );
    }
    if parts.iter().any(|p| p.is_empty()) {
        return Some("has an empty user or group".to_owned());
    }
    parts.iter().find_map(|p| part_problem(p))
}

impl Rule for UserInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.facts.windows {
            return;
        }
        for (i, c, node) in cx.container_members("user") {
            // An empty user is not set; other types are the schema layer's.
            let Some(user) = node.as_str().filter(|u| !u.is_empty()) else {
                continue;
            };
            let Some(problem) = user_problem(user) else {
                continue;
            };
            out.push(
                Finding::at(
                    node,
                    format!("user \"{user}\" of container {} {problem}", container_label(c, i)),
                )
                .help("write a user name or UID, optionally followed by :group or :GID, for example \"1000:1000\" or \"nginx\""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task;
    use super::UserInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn malformed_users_fail() {
        let text = task("", r#""user": "-1""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/user");
        assert_eq!(spanned(&text, &d[0]), r#""-1""#);
        assert_eq!(
            d[0].message,
            "user \"-1\" of container 'app' \"-1\" is not a whole number of zero or more"
        );
        for bad in [
            "1.5",
            "1000:1000:1000",
            ":1000",
            "1000:",
            "my user",
            "${UID}",
            "1000:-5",
            "+5",
        ] {
            assert_fails(&Rule::META, &task("", &format!(r#""user": "{bad}""#)));
        }
        assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "user": "{{user}}"}]"#,
        );
    }

    #[test]
    fn the_six_forms_pass() {
        for ok in [
            "nginx",
            "nginx:nginx",
            "1000",
            "1000:1000",
            "app:0",
            "0:root",
            "www-data",
            "_apt",
            "svc$",
            "root",
            "",
        ] {
            assert_passes(&Rule::META, &task("", &format!(r#""user": "{ok}""#)));
        }
        // Windows containers cannot set user: TD-WIN-001.
        assert_passes(
            &Rule::META,
            &task(
                r#""runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "#,
                r#""user": "a b""#,
            ),
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          User: !Sub '${Uid}:${Gid}'\n");
    }
}
