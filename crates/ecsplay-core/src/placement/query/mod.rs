//! The cluster query language of `memberOf` placement constraints (placement.md §3.2).
//!
//! An expression is a simple expression `subject operator [argument]`, or several joined with
//! `and`/`&&`, `or`/`||`, negated with `not`/`!`, grouped with parentheses:
//!
//! ```
//! use ecsplay_core::placement::query::Expression;
//! let e = Expression::parse("attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone != us-east-1d").unwrap();
//! assert!(!e.depends_on_tasks());
//! let err = Expression::parse("attribute:stack == ").unwrap_err();
//! assert_eq!(err.start, 19);
//! ```
//!
//! Choices where AWS documents nothing (each marked [inference] in placement.md):
//! - Precedence: `not` binds tighter than `and`, which binds tighter than `or`.
//! - `=~`/`!~` take a Java regular expression that must match the **whole** value (Java's
//!   `String.matches`), so `t2.*` matches `t2.micro` but `2.m` does not. The Rust `regex` syntax
//!   used here agrees with Java's for everything but look-around and back-references, which are
//!   refused with a clear error.
//! - A comparison on an attribute the instance does not have is false; its negation (`!=`,
//!   `not_in`, `!~`) is true, so `attribute:stack != prod` also selects unlabelled instances.
//! - `>`/`<` on an attribute compare numerically when both sides are numbers, as versions when
//!   both are dotted numbers (`1.14.5`), and as text otherwise.
//! - Operators are checked against those documented for each built-in subject; an undocumented
//!   pairing (`agentConnected > 1`) is an error, as ECS refuses expressions it cannot evaluate.

mod lexer;

use lexer::{tokenize, Token, TokenKind};
use std::cmp::Ordering;
use std::fmt;

/// The longest expression ECS accepts (API:PlacementConstraint.expression).
pub const MAX_EXPRESSION_LENGTH: usize = 2000;

/// A syntax or semantic error in an expression, with the byte range it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong.
    pub message: String,
    /// Byte offset of the start of the offending text in the expression.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

impl QueryError {
    pub(crate) fn new(message: impl Into<String>, start: usize, end: usize) -> Self {
        QueryError {
            message: message.into(),
            start,
            end: end.max(start),
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.start + 1)
    }
}

/// What a simple expression tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// `agentConnected`: whether the instance's agent is connected (`true`/`false`).
    AgentConnected,
    /// `agentVersion`: the ECS agent version.
    AgentVersion,
    /// `ec2InstanceId`: the EC2 instance id.
    Ec2InstanceId,
    /// `registeredAt`: when the instance registered.
    RegisteredAt,
    /// `runningTasksCount`: how many tasks run on the instance.
    RunningTasksCount,
    /// `task:group`: the task groups of the tasks on the instance.
    TaskGroup,
    /// `attribute:<name>`: a built-in (`ecs.availability-zone`) or custom attribute.
    Attribute(String),
}

impl Subject {
    fn parse(word: &str) -> Option<Subject> {
        Some(match word {
            "agentConnected" => Subject::AgentConnected,
            "agentVersion" => Subject::AgentVersion,
            "ec2InstanceId" => Subject::Ec2InstanceId,
            "registeredAt" => Subject::RegisteredAt,
            "runningTasksCount" => Subject::RunningTasksCount,
            "task:group" => Subject::TaskGroup,
            _ => {
                let name = word.strip_prefix("attribute:")?;
                if name.is_empty() {
                    return None;
                }
                Subject::Attribute(name.to_owned())
            }
        })
    }

    fn allows(&self, op: Op) -> bool {
        use Op::*;
        match self {
            Subject::Attribute(_) => true,
            Subject::AgentConnected | Subject::Ec2InstanceId | Subject::TaskGroup => {
                matches!(op, Eq | Ne | In | NotIn | Matches | NotMatches)
            }
            Subject::AgentVersion | Subject::RegisteredAt | Subject::RunningTasksCount => {
                matches!(op, Eq | Ne | Gt | Ge | Lt | Le)
            }
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::AgentConnected => f.write_str("agentConnected"),
            Subject::AgentVersion => f.write_str("agentVersion"),
            Subject::Ec2InstanceId => f.write_str("ec2InstanceId"),
            Subject::RegisteredAt => f.write_str("registeredAt"),
            Subject::RunningTasksCount => f.write_str("runningTasksCount"),
            Subject::TaskGroup => f.write_str("task:group"),
            Subject::Attribute(name) => write!(f, "attribute:{name}"),
        }
    }
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `==`, `equals`
    Eq,
    /// `!=`, `not_equals`
    Ne,
    /// `>`, `greater_than`
    Gt,
    /// `>=`, `greater_than_equal`
    Ge,
    /// `<`, `less_than`
    Lt,
    /// `<=`, `less_than_equal`
    Le,
    /// `exists`
    Exists,
    /// `!exists`, `not_exists`
    NotExists,
    /// `in`
    In,
    /// `!in`, `not_in`
    NotIn,
    /// `=~`, `matches`
    Matches,
    /// `!~`, `not_matches`
    NotMatches,
}

impl Op {
    fn parse(token: &TokenKind) -> Option<Op> {
        let word = match token {
            TokenKind::Symbol(s) => *s,
            TokenKind::Word(w) => w.as_str(),
            _ => return None,
        };
        Some(match word {
            "==" | "equals" => Op::Eq,
            "!=" | "not_equals" => Op::Ne,
            ">" | "greater_than" => Op::Gt,
            ">=" | "greater_than_equal" => Op::Ge,
            "<" | "less_than" => Op::Lt,
            "<=" | "less_than_equal" => Op::Le,
            "exists" => Op::Exists,
            "!exists" | "not_exists" => Op::NotExists,
            "in" => Op::In,
            "!in" | "not_in" => Op::NotIn,
            "=~" | "matches" => Op::Matches,
            "!~" | "not_matches" => Op::NotMatches,
            _ => return None,
        })
    }

    /// The symbol form.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Exists => "exists",
            Op::NotExists => "!exists",
            Op::In => "in",
            Op::NotIn => "not_in",
            Op::Matches => "=~",
            Op::NotMatches => "!~",
        }
    }
}

/// The argument of a simple expression, checked and prepared at parse time.
#[derive(Clone, Debug)]
pub enum Arg {
    /// `exists` / `!exists` take none.
    None,
    /// One value.
    Value(String),
    /// A list of values (`in`, `not_in`).
    List(Vec<String>),
    /// A regular expression (`=~`, `!~`), anchored to match the whole value.
    Regex(regex::Regex),
    /// A whole number (`runningTasksCount`).
    Count(u64),
    /// A version (`agentVersion`), as its numeric parts.
    Version(Vec<u64>),
    /// A time (`registeredAt`), in seconds since 1970-01-01T00:00:00Z.
    Time(i64),
}

/// A simple expression: `subject operator [argument]`.
#[derive(Clone, Debug)]
pub struct Simple {
    /// What is tested.
    pub subject: Subject,
    /// How.
    pub op: Op,
    /// Against what.
    pub arg: Arg,
    /// The argument as written (for explanations).
    pub arg_text: String,
    /// Byte range of the simple expression in the text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// A node of a parsed expression.
#[derive(Clone, Debug)]
pub enum Node {
    /// Both sides hold.
    And(Box<Node>, Box<Node>),
    /// Either side holds.
    Or(Box<Node>, Box<Node>),
    /// The inner expression does not hold.
    Not(Box<Node>),
    /// A simple expression.
    Simple(Simple),
}

/// What an expression may ask about an instance.
pub trait Subjects {
    /// An attribute's value; `None` when the instance does not have it.
    fn attribute(&self, name: &str) -> Option<&str>;
    /// Whether the agent is connected.
    fn agent_connected(&self) -> bool;
    /// The agent version (`1.87.0`).
    fn agent_version(&self) -> &str;
    /// The EC2 instance id.
    fn ec2_instance_id(&self) -> &str;
    /// When the instance registered, in seconds since the epoch.
    fn registered_at(&self) -> i64;
    /// How many tasks run on the instance (not STOPPED).
    fn running_tasks_count(&self) -> u64;
    /// Whether any task on the instance (desired status RUNNING) belongs to a group for which
    /// `f` is true.
    fn any_task_group(&self, f: &mut dyn FnMut(&str) -> bool) -> bool;
}

/// A parsed, checked cluster query expression.
#[derive(Clone, Debug)]
pub struct Expression {
    text: String,
    root: Node,
}

impl Expression {
    /// Parses an expression; the error points at the offending text.
    pub fn parse(text: &str) -> Result<Expression, QueryError> {
        let chars = text.chars().count();
        if chars > MAX_EXPRESSION_LENGTH {
            return Err(QueryError::new(
                format!("the expression is {chars} characters long; ECS accepts at most {MAX_EXPRESSION_LENGTH}"),
                0,
                text.len(),
            ));
        }
        let tokens = tokenize(text)?;
        if tokens.is_empty() {
            return Err(QueryError::new("the expression is empty", 0, text.len()));
        }
        let mut parser = Parser {
            tokens: &tokens,
            pos: 0,
            text_len: text.len(),
            depth: 0,
        };
        let root = parser.or_expr()?;
        if let Some(t) = parser.peek() {
            let msg = match &t.kind {
                TokenKind::RParen => "this ')' has no matching '('".to_owned(),
                _ => "expected 'and', 'or' or the end of the expression here".to_owned(),
            };
            return Err(QueryError::new(msg, t.start, t.end));
        }
        Ok(Expression {
            text: text.to_owned(),
            root,
        })
    }

    /// The expression as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parsed tree.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// Whether the result depends on the tasks on an instance (`task:group`,
    /// `runningTasksCount`), so it must be evaluated again after every placement.
    pub fn depends_on_tasks(&self) -> bool {
        fn walk(n: &Node) -> bool {
            match n {
                Node::And(a, b) | Node::Or(a, b) => walk(a) || walk(b),
                Node::Not(a) => walk(a),
                Node::Simple(s) => {
                    matches!(s.subject, Subject::TaskGroup | Subject::RunningTasksCount)
                }
            }
        }
        walk(&self.root)
    }

    /// Evaluates the expression for one instance.
    pub fn matches(&self, on: &dyn Subjects) -> bool {
        eval(&self.root, on)
    }
}

const MAX_DEPTH: usize = 64;

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
    text_len: usize,
    depth: usize,
}

impl<'t> Parser<'t> {
    fn peek(&self) -> Option<&'t Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<&'t Token> {
        let t = self.tokens.get(self.pos);
        self.pos += usize::from(t.is_some());
        t
    }

    fn at_end(&self) -> QueryError {
        QueryError::new(
            "the expression ends too early",
            self.text_len,
            self.text_len,
        )
    }

    fn is_word(t: &Token, words: &[&str]) -> bool {
        match &t.kind {
            TokenKind::Word(w) => words.contains(&w.as_str()),
            TokenKind::Symbol(s) => words.contains(s),
            _ => false,
        }
    }

    fn or_expr(&mut self) -> Result<Node, QueryError> {
        let mut left = self.and_expr()?;
        while self.peek().is_some_and(|t| Self::is_word(t, &["or", "||"])) {
            self.next();
            let right = self.and_expr()?;
            left = Node::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and_expr(&mut self) -> Result<Node, QueryError> {
        let mut left = self.unary()?;
        while self
            .peek()
            .is_some_and(|t| Self::is_word(t, &["and", "&&"]))
        {
            self.next();
            let right = self.unary()?;
            left = Node::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let t = self.peek();
            return Err(QueryError::new(
                format!("the expression nests deeper than {MAX_DEPTH} levels"),
                t.map_or(self.text_len, |t| t.start),
                t.map_or(self.text_len, |t| t.end),
            ));
        }
        let result = self.unary_inner();
        self.depth -= 1;
        result
    }

    fn unary_inner(&mut self) -> Result<Node, QueryError> {
        let Some(t) = self.peek() else {
            return Err(self.at_end());
        };
        if Self::is_word(t, &["not", "!"]) {
            self.next();
            return Ok(Node::Not(Box::new(self.unary()?)));
        }
        if t.kind == TokenKind::LParen {
            self.next();
            let inner = self.or_expr()?;
            return match self.next() {
                Some(close) if close.kind == TokenKind::RParen => Ok(inner),
                Some(other) => Err(QueryError::new(
                    "expected ')' to close the '(' opened earlier",
                    other.start,
                    other.end,
                )
                .with_open(t.start)),
                None => Err(QueryError::new("this '(' is never closed", t.start, t.end)),
            };
        }
        self.simple()
    }

    fn value(&mut self, what: &str) -> Result<(String, usize, usize), QueryError> {
        match self.next() {
            Some(Token {
                kind: TokenKind::Word(w) | TokenKind::Quoted(w),
                start,
                end,
            }) => Ok((w.clone(), *start, *end)),
            Some(t) => Err(QueryError::new(
                format!("expected {what} here"),
                t.start,
                t.end,
            )),
            None => Err(QueryError::new(
                format!("expected {what} after this"),
                self.text_len,
                self.text_len,
            )),
        }
    }

    fn simple(&mut self) -> Result<Node, QueryError> {
        let (word, start, subject_end) = match self.next() {
            Some(Token {
                kind: TokenKind::Word(w),
                start,
                end,
            }) => (w.clone(), *start, *end),
            Some(t) => {
                return Err(QueryError::new(
                    "expected a subject (attribute:<name>, task:group, agentConnected, agentVersion, ec2InstanceId, registeredAt or runningTasksCount)",
                    t.start,
                    t.end,
                ))
            }
            None => return Err(self.at_end()),
        };
        let Some(subject) = Subject::parse(&word) else {
            if word == "memberOf" || word == "distinctInstance" {
                return Err(QueryError::new(
                    format!("'{word}' is the constraint type, not part of its expression: write only the expression, such as attribute:ecs.os-type == windows"),
                    start,
                    subject_end,
                ));
            }
            let hint = if word.starts_with("ecs.") {
                format!("; built-in attributes are written attribute:{word}")
            } else {
                String::new()
            };
            return Err(QueryError::new(
                format!("'{word}' is not a subject: use attribute:<name>, task:group, agentConnected, agentVersion, ec2InstanceId, registeredAt or runningTasksCount{hint}"),
                start,
                subject_end,
            ));
        };
        let Some(op_token) = self.next() else {
            return Err(QueryError::new(
                format!("expected an operator after {subject}"),
                subject_end,
                subject_end,
            ));
        };
        let Some(op) = Op::parse(&op_token.kind) else {
            return Err(QueryError::new(
                "expected an operator (==, !=, >, >=, <, <=, exists, !exists, in, not_in, =~, !~ or their word forms)",
                op_token.start,
                op_token.end,
            ));
        };
        if !subject.allows(op) {
            return Err(QueryError::new(
                format!("{subject} cannot be compared with {}", op.symbol()),
                op_token.start,
                op_token.end,
            ));
        }
        let (arg, arg_text, end) = match op {
            Op::Exists | Op::NotExists => (Arg::None, String::new(), op_token.end),
            Op::In | Op::NotIn => {
                let (items, text, end) = self.list()?;
                (Arg::List(items), text, end)
            }
            _ => {
                let (value, vstart, vend) = self.value("a value")?;
                let arg = self.typed_arg(&subject, op, &value, vstart, vend)?;
                (arg, value, vend)
            }
        };
        Ok(Node::Simple(Simple {
            subject,
            op,
            arg,
            arg_text,
            start,
            end,
        }))
    }

    fn list(&mut self) -> Result<(Vec<String>, String, usize), QueryError> {
        let open = match self.next() {
            Some(t) if t.kind == TokenKind::LBracket => t,
            Some(t) => {
                return Err(QueryError::new(
                    "expected a list such as [a, b] here",
                    t.start,
                    t.end,
                ))
            }
            None => {
                return Err(QueryError::new(
                    "expected a list such as [a, b] after this",
                    self.text_len,
                    self.text_len,
                ))
            }
        };
        let mut items = Vec::new();
        loop {
            let (v, _, _) = self.value("a list value")?;
            items.push(v);
            match self.next() {
                Some(t) if t.kind == TokenKind::Comma => continue,
                Some(t) if t.kind == TokenKind::RBracket => {
                    let text = format!("[{}]", items.join(", "));
                    return Ok((items, text, t.end));
                }
                Some(t) => {
                    return Err(QueryError::new(
                        "expected ',' or ']' in the list",
                        t.start,
                        t.end,
                    ))
                }
                None => {
                    return Err(QueryError::new(
                        "this list is never closed with ']'",
                        open.start,
                        open.end,
                    ))
                }
            }
        }
    }

    fn typed_arg(
        &self,
        subject: &Subject,
        op: Op,
        value: &str,
        start: usize,
        end: usize,
    ) -> Result<Arg, QueryError> {
        if matches!(op, Op::Matches | Op::NotMatches) {
            if value.contains("(?=")
                || value.contains("(?!")
                || value.contains("(?<=")
                || value.contains("(?<!")
            {
                return Err(QueryError::new(
                    "look-around is not supported in this regular expression",
                    start,
                    end,
                ));
            }
            return regex::Regex::new(&format!("^(?:{value})$"))
                .map(Arg::Regex)
                .map_err(|e| {
                    let reason = e.to_string();
                    let last = reason.lines().last().unwrap_or("").trim().to_owned();
                    QueryError::new(
                        format!("'{value}' is not a valid regular expression: {last}"),
                        start,
                        end,
                    )
                });
        }
        match subject {
            Subject::RunningTasksCount => value.parse::<u64>().map(Arg::Count).map_err(|_| {
                QueryError::new(
                    format!("runningTasksCount is compared with a whole number, not '{value}'"),
                    start,
                    end,
                )
            }),
            Subject::AgentVersion => parse_version(value).map(Arg::Version).ok_or_else(|| {
                QueryError::new(
                    format!("agentVersion is compared with a version such as 1.14.5, not '{value}'"),
                    start,
                    end,
                )
            }),
            Subject::RegisteredAt => parse_time(value).map(Arg::Time).ok_or_else(|| {
                QueryError::new(
                    format!("registeredAt is compared with a date such as 2018-06-18 or 2018-06-18T22:28:28Z, not '{value}'"),
                    start,
                    end,
                )
            }),
            Subject::AgentConnected if !matches!(value, "true" | "false") => Err(QueryError::new(
                format!("agentConnected is true or false, not '{value}'"),
                start,
                end,
            )),
            _ => Ok(Arg::Value(value.to_owned())),
        }
    }
}

impl QueryError {
    fn with_open(mut self, open: usize) -> Self {
        self.message
            .push_str(&format!(" (the '(' is at character {})", open + 1));
        self
    }
}

/// Dotted numbers (`1.14.5`, `v1.2`); `None` when it is not one.
pub fn parse_version(s: &str) -> Option<Vec<u64>> {
    let s = s.strip_prefix('v').unwrap_or(s);
    if s.is_empty() {
        return None;
    }
    s.split('.').map(|p| p.parse::<u64>().ok()).collect()
}

fn compare_versions(a: &[u64], b: &[u64]) -> Ordering {
    let len = a.len().max(b.len());
    for i in 0..len {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        match x.cmp(&y) {
            Ordering::Equal => continue,
            other => return other,
        }
    }
    Ordering::Equal
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian), H. Hinnant's algorithm.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses the time formats `registeredAt` accepts: `2018-06-18T22:28:28+00:00`,
/// `2018-06-18T22:28:28Z`, `2018-06-18T22:28:28` (UTC) and `2018-06-18`. Seconds since the epoch.
pub fn parse_time(s: &str) -> Option<i64> {
    let num = |t: &str, len: usize| -> Option<i64> {
        (t.len() == len && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut parts = date.split('-');
    let (y, m, d) = (
        num(parts.next()?, 4)?,
        num(parts.next()?, 2)?,
        num(parts.next()?, 2)?,
    );
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut seconds = days_from_civil(y, m, d).checked_mul(86_400)?;
    if let Some(t) = time {
        let (clock, offset) = if let Some(c) = t.strip_suffix('Z') {
            (c, 0)
        } else if let Some(pos) = t.rfind(['+', '-']) {
            let (c, off) = t.split_at(pos);
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let (oh, om) = off.get(1..)?.split_once(':')?;
            (c, sign * (num(oh, 2)? * 3600 + num(om, 2)? * 60))
        } else {
            (t, 0)
        };
        let mut hms = clock.split(':');
        let (h, mi, se) = (
            num(hms.next()?, 2)?,
            num(hms.next()?, 2)?,
            num(hms.next()?, 2)?,
        );
        if hms.next().is_some() || h > 23 || mi > 59 || se > 60 {
            return None;
        }
        seconds = seconds.checked_add(h * 3600 + mi * 60 + se - offset)?;
    }
    Some(seconds)
}

/// How two attribute values order (see the module documentation).
fn compare_values(a: &str, b: &str) -> Ordering {
    if let (Ok(x), Ok(y)) = (a.parse::<f64>(), b.parse::<f64>()) {
        return x.partial_cmp(&y).unwrap_or(Ordering::Equal);
    }
    if let (Some(x), Some(y)) = (parse_version(a), parse_version(b)) {
        return compare_versions(&x, &y);
    }
    a.cmp(b)
}

fn ordering_holds(op: Op, ord: Ordering) -> bool {
    match op {
        Op::Eq => ord == Ordering::Equal,
        Op::Ne => ord != Ordering::Equal,
        Op::Gt => ord == Ordering::Greater,
        Op::Ge => ord != Ordering::Less,
        Op::Lt => ord == Ordering::Less,
        Op::Le => ord != Ordering::Greater,
        _ => false,
    }
}

/// Whether a single value satisfies a simple expression.
fn value_holds(s: &Simple, value: &str) -> bool {
    match (&s.arg, s.op) {
        (Arg::Regex(re), Op::Matches) => re.is_match(value),
        (Arg::Regex(re), Op::NotMatches) => !re.is_match(value),
        (Arg::List(items), Op::In) => items.iter().any(|i| i == value),
        (Arg::List(items), Op::NotIn) => !items.iter().any(|i| i == value),
        (Arg::Value(v), op) => ordering_holds(op, compare_values(value, v)),
        _ => false,
    }
}

/// Whether an operator is the negation of a positive test (true when the value is absent).
fn is_negative(op: Op) -> bool {
    matches!(op, Op::Ne | Op::NotIn | Op::NotMatches | Op::NotExists)
}

fn positive(op: Op) -> Op {
    match op {
        Op::Ne => Op::Eq,
        Op::NotIn => Op::In,
        Op::NotMatches => Op::Matches,
        Op::NotExists => Op::Exists,
        other => other,
    }
}

fn eval_simple(s: &Simple, on: &dyn Subjects) -> bool {
    match &s.subject {
        Subject::RunningTasksCount => match s.arg {
            Arg::Count(n) => ordering_holds(s.op, on.running_tasks_count().cmp(&n)),
            _ => false,
        },
        Subject::AgentVersion => match &s.arg {
            Arg::Version(v) => parse_version(on.agent_version())
                .is_some_and(|have| ordering_holds(s.op, compare_versions(&have, v))),
            _ => false,
        },
        Subject::RegisteredAt => match s.arg {
            Arg::Time(t) => ordering_holds(s.op, on.registered_at().cmp(&t)),
            _ => false,
        },
        Subject::AgentConnected => value_holds(
            s,
            if on.agent_connected() {
                "true"
            } else {
                "false"
            },
        ),
        Subject::Ec2InstanceId => value_holds(s, on.ec2_instance_id()),
        Subject::TaskGroup => {
            // "The instance runs a task of a group that satisfies the test"; a negative operator
            // is the negation of the positive test, so `task:group != db` means "no db task here".
            let positive_simple = Simple {
                op: positive(s.op),
                ..s.clone()
            };
            let any = on.any_task_group(&mut |g| value_holds(&positive_simple, g));
            if is_negative(s.op) {
                !any
            } else {
                any
            }
        }
        Subject::Attribute(name) => match (on.attribute(name), s.op) {
            (value, Op::Exists) => value.is_some(),
            (value, Op::NotExists) => value.is_none(),
            (Some(v), _) => value_holds(s, v),
            (None, op) => is_negative(op),
        },
    }
}

fn eval(node: &Node, on: &dyn Subjects) -> bool {
    match node {
        Node::And(a, b) => eval(a, on) && eval(b, on),
        Node::Or(a, b) => eval(a, on) || eval(b, on),
        Node::Not(a) => !eval(a, on),
        Node::Simple(s) => eval_simple(s, on),
    }
}

#[cfg(test)]
mod tests;
