use super::*;
use std::collections::BTreeMap;

/// A hand-built instance for evaluating expressions.
struct Fake {
    attributes: BTreeMap<&'static str, &'static str>,
    connected: bool,
    version: &'static str,
    id: &'static str,
    registered: i64,
    running: u64,
    groups: Vec<&'static str>,
}

impl Default for Fake {
    fn default() -> Self {
        Fake {
            attributes: [
                ("ecs.instance-type", "t2.small"),
                ("ecs.availability-zone", "us-east-1a"),
                ("ecs.os-type", "linux"),
                ("ecs.os-family", "LINUX"),
                ("ecs.cpu-architecture", "x86_64"),
                ("ecs.subnet-id", "subnet-b"),
                ("stack", "prod"),
            ]
            .into_iter()
            .collect(),
            connected: true,
            version: "1.87.0",
            id: "i-abcd1234",
            registered: parse_time("2018-06-18T22:28:28Z").unwrap(),
            running: 1,
            groups: vec!["service:production"],
        }
    }
}

impl Subjects for Fake {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).copied()
    }
    fn agent_connected(&self) -> bool {
        self.connected
    }
    fn agent_version(&self) -> &str {
        self.version
    }
    fn ec2_instance_id(&self) -> &str {
        self.id
    }
    fn registered_at(&self) -> i64 {
        self.registered
    }
    fn running_tasks_count(&self) -> u64 {
        self.running
    }
    fn any_task_group(&self, f: &mut dyn FnMut(&str) -> bool) -> bool {
        self.groups.iter().any(|g| f(g))
    }
}

fn holds(expr: &str, on: &Fake) -> bool {
    Expression::parse(expr)
        .unwrap_or_else(|e| panic!("{expr}: {e}"))
        .matches(on)
}

/// Every example expression of placement.md §3.3, each with an instance it selects and one it
/// does not.
#[test]
fn documented_examples() {
    let base = Fake::default();
    let g2 = Fake {
        attributes: [
            ("ecs.instance-type", "g2.2xlarge"),
            ("ecs.availability-zone", "us-east-1d"),
        ]
        .into_iter()
        .collect(),
        groups: vec!["database"],
        running: 0,
        version: "1.14.4",
        id: "i-other",
        registered: parse_time("2018-02-12").unwrap(),
        ..Fake::default()
    };
    let cases: &[(&str, &Fake, &Fake)] = &[
        ("attribute:ecs.instance-type == t2.small", &base, &g2),
        (
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
            &base,
            &g2,
        ),
        ("task:group == service:production", &base, &g2),
        ("not(task:group == database)", &base, &g2),
        ("runningTasksCount == 1", &base, &g2),
        ("agentVersion < 1.14.5", &g2, &base),
        ("registeredAt < 2018-02-13", &g2, &base),
        ("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", &base, &g2),
        ("attribute:ecs.instance-type =~ t2.*", &base, &g2),
        (
            "task:group == databases",
            &Fake {
                groups: vec!["databases"],
                ..Fake::default()
            },
            &g2,
        ),
        ("attribute:stack == prod", &base, &g2),
        ("attribute:stack != prod", &g2, &base),
        (
            "attribute:ecs.instance-type in [t2.small, t2.medium]",
            &base,
            &g2,
        ),
        (
            "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a",
            &base,
            &g2,
        ),
        ("attribute:ecs.os-type == linux", &base, &g2),
        ("attribute:ecs.cpu-architecture == x86_64", &base, &g2),
        (
            "attribute:ecs.subnet-id not_in [subnet-a]",
            &base,
            &Fake {
                attributes: [("ecs.subnet-id", "subnet-a")].into_iter().collect(),
                ..Fake::default()
            },
        ),
    ];
    for (expr, yes, no) in cases {
        assert!(holds(expr, yes), "{expr} should select the first instance");
        assert!(
            !holds(expr, no),
            "{expr} should not select the second instance"
        );
    }
    // The compound example with a negated AZ: g2 in us-east-1d is excluded, g2 elsewhere is in.
    let expr =
        "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d";
    assert!(!holds(expr, &g2));
    let mut g2b = Fake::default();
    g2b.attributes.insert("ecs.instance-type", "g2.8xlarge");
    assert!(holds(expr, &g2b));
    assert!(!holds(expr, &base));
    // The remaining documented forms parse and evaluate.
    let win = Fake {
        attributes: [("ecs.os-family", "WINDOWS_SERVER_2022_FULL")]
            .into_iter()
            .collect(),
        ..Fake::default()
    };
    assert!(holds(
        "attribute:ecs.os-family == WINDOWS_SERVER_2022_FULL",
        &win
    ));
    for t in ["p2.xlarge", "inf1.xlarge", "dl1.24xlarge", "vt1.3xlarge"] {
        let mut f = Fake::default();
        let leaked: &'static str = Box::leak(t.to_owned().into_boxed_str());
        f.attributes.insert("ecs.instance-type", leaked);
        assert!(holds(&format!("attribute:ecs.instance-type == {t}"), &f));
    }
    let mut trunk = Fake::default();
    assert!(!holds("attribute:ecs.awsvpc-trunk-id exists", &trunk));
    trunk.attributes.insert("ecs.awsvpc-trunk-id", "eni-0abc");
    assert!(holds("attribute:ecs.awsvpc-trunk-id exists", &trunk));
}

#[test]
fn word_and_symbol_forms_agree() {
    let f = Fake::default();
    let pairs = [
        ("attribute:stack == prod", "attribute:stack equals prod"),
        ("attribute:stack != dev", "attribute:stack not_equals dev"),
        ("runningTasksCount > 0", "runningTasksCount greater_than 0"),
        (
            "runningTasksCount >= 1",
            "runningTasksCount greater_than_equal 1",
        ),
        ("runningTasksCount < 2", "runningTasksCount less_than 2"),
        (
            "runningTasksCount <= 1",
            "runningTasksCount less_than_equal 1",
        ),
        ("attribute:nope !exists", "attribute:nope not_exists"),
        (
            "attribute:stack !in [dev, test]",
            "attribute:stack not_in [dev, test]",
        ),
        ("attribute:stack =~ pr.*", "attribute:stack matches pr.*"),
        (
            "attribute:stack !~ de.*",
            "attribute:stack not_matches de.*",
        ),
        (
            "attribute:stack == prod && !(runningTasksCount > 5) || agentConnected == false",
            "attribute:stack == prod and not(runningTasksCount > 5) or agentConnected == false",
        ),
    ];
    for (a, b) in pairs {
        assert!(holds(a, &f), "{a}");
        assert!(holds(b, &f), "{b}");
    }
}

#[test]
fn precedence_is_not_then_and_then_or() {
    let f = Fake::default();
    // or binds loosest: true || (false && false)
    assert!(holds(
        "attribute:stack == prod or attribute:stack == x and attribute:stack == y",
        &f
    ));
    // (true || false) && false with explicit parentheses
    assert!(!holds(
        "(attribute:stack == prod or attribute:stack == x) and attribute:stack == y",
        &f
    ));
    // not applies to the next simple expression only
    assert!(holds(
        "not attribute:stack == x and attribute:stack == prod",
        &f
    ));
}

#[test]
fn regex_matches_the_whole_value() {
    let f = Fake::default();
    assert!(holds("attribute:ecs.instance-type =~ t2\\..*", &f));
    assert!(!holds("attribute:ecs.instance-type =~ 2.s", &f));
    assert!(holds(
        "attribute:ecs.instance-type =~ 't2\\.(small|medium)'",
        &f
    ));
}

#[test]
fn missing_attributes() {
    let f = Fake::default();
    assert!(!holds("attribute:team == a", &f));
    assert!(holds("attribute:team != a", &f));
    assert!(holds("attribute:team not_in [a, b]", &f));
    assert!(!holds("attribute:team in [a, b]", &f));
    assert!(!holds("attribute:team =~ .*", &f));
    assert!(holds("attribute:team !~ .*", &f));
}

#[test]
fn ordered_comparisons_on_attributes() {
    let mut f = Fake::default();
    f.attributes.insert("gen", "10");
    f.attributes.insert("v", "1.10.0");
    assert!(holds("attribute:gen > 9", &f), "numeric, not text");
    assert!(holds("attribute:v > 1.9.2", &f), "version, not text");
    assert!(holds("attribute:stack < zzz", &f), "text");
}

#[test]
fn times_versions_and_task_groups() {
    assert_eq!(parse_time("1970-01-01"), Some(0));
    assert_eq!(parse_time("1970-01-02T00:00:01Z"), Some(86_401));
    assert_eq!(
        parse_time("2018-06-18T22:28:28+02:00"),
        parse_time("2018-06-18T20:28:28")
    );
    assert_eq!(parse_time("2018-13-01"), None);
    assert_eq!(parse_time("yesterday"), None);
    let f = Fake::default();
    assert!(holds("registeredAt == 2018-06-18T22:28:28+00:00", &f));
    assert!(holds("registeredAt > 2018-06-18", &f));
    assert!(holds("agentVersion >= 1.87", &f));
    assert!(holds("task:group =~ service:.*", &f));
    assert!(holds("task:group != database", &f));
    assert!(!holds("task:group != service:production", &f));
    assert!(holds("task:group in [a, service:production]", &f));
}

#[test]
fn depends_on_tasks() {
    assert!(Expression::parse("not(task:group == database)")
        .unwrap()
        .depends_on_tasks());
    assert!(
        Expression::parse("attribute:a == b or runningTasksCount == 0")
            .unwrap()
            .depends_on_tasks()
    );
    assert!(!Expression::parse("attribute:a == b")
        .unwrap()
        .depends_on_tasks());
}

fn error(expr: &str) -> QueryError {
    match Expression::parse(expr) {
        Ok(_) => panic!("{expr} should not parse"),
        Err(e) => e,
    }
}

#[test]
fn errors_carry_their_position() {
    let e = error("attribute:stack == ");
    assert_eq!(
        (e.start, e.message.as_str()),
        (19, "expected a value after this")
    );
    let e = error("ecs.instance-type == t2.small");
    assert_eq!((e.start, e.end), (0, 17));
    assert!(e.message.contains("attribute:ecs.instance-type"));
    let e = error("attribute:a === b");
    assert_eq!(e.start, 14, "{e:?}");
    let e = error("attribute:a == b and (attribute:c == d");
    assert_eq!(
        (e.start, e.message.as_str()),
        (21, "this '(' is never closed")
    );
    let e = error("attribute:a == b)");
    assert_eq!(e.start, 16);
    let e = error("attribute:a in [x, y");
    assert!(e.message.contains("never closed"), "{e:?}");
    let e = error("attribute:a in x");
    assert_eq!(e.start, 15);
    let e = error("agentConnected > 1");
    assert_eq!(
        (e.start, e.message.as_str()),
        (15, "agentConnected cannot be compared with >")
    );
    let e = error("runningTasksCount < many");
    assert_eq!(e.start, 20);
    let e = error("registeredAt < last-week");
    assert!(e.message.contains("date"), "{e:?}");
    let e = error("attribute:a =~ 't2[.'");
    assert!(
        e.message.contains("not a valid regular expression"),
        "{e:?}"
    );
    let e = error("attribute:a == b attribute:c == d");
    assert!(e.message.contains("'and', 'or'"), "{e:?}");
    assert_eq!(error("").message, "the expression is empty");
    // The one off-grammar example of the docs (the Windows page): the constraint type written
    // into the expression, no attribute: prefix, a quoted value.
    let e = error("memberOf(ecs.os-type=='windows')");
    assert_eq!((e.start, e.end), (0, 8));
    assert!(e.message.contains("constraint type"), "{e:?}");
    assert!(holds("attribute:ecs.os-type == 'linux'", &Fake::default()));
    let long = format!("attribute:a == {}", "x".repeat(2000));
    assert!(error(&long).message.contains("at most 2000"));
    let deep = format!("{}attribute:a == b{}", "(".repeat(100), ")".repeat(100));
    assert!(error(&deep).message.contains("nests deeper"));
}
