//! Tokens of the cluster query language.
//!
//! Values are bare tokens (`t2.small`, `us-east-1a`, `t2.*`) or quoted strings (`'i-abcd1234'`,
//! `"a b"`). Operators have a symbol form (`==`, `!~`, `&&`) and a word form (`equals`,
//! `not_matches`, `and`); words are told apart by the parser from their position, because a bare
//! value may be any word (`attribute:stack == and` compares with the value `and`).

use super::QueryError;

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A bare word: a subject, a word operator or combinator, or a value.
    Word(String),
    /// A quoted string (always a value).
    Quoted(String),
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `,`
    Comma,
    /// A symbol operator or combinator: `==`, `!=`, `>`, `>=`, `<`, `<=`, `=~`, `!~`, `&&`, `||`,
    /// `!`, and `!exists` / `!in` (the `!` immediately followed by the word).
    Symbol(&'static str),
}

/// A token and where it is in the expression (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

const SYMBOLS: [&str; 10] = ["==", "!=", ">=", "<=", "=~", "!~", "&&", "||", ">", "<"];

fn is_word_char(c: char) -> bool {
    !(c.is_whitespace() || "()[],'\"=!<>&|~".contains(c))
}

/// Splits an expression into tokens.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut rest = text.char_indices().peekable();
    while let Some(&(start, c)) = rest.peek() {
        if c.is_whitespace() {
            rest.next();
            continue;
        }
        let single = match c {
            '(' => Some(TokenKind::LParen),
            ')' => Some(TokenKind::RParen),
            '[' => Some(TokenKind::LBracket),
            ']' => Some(TokenKind::RBracket),
            ',' => Some(TokenKind::Comma),
            _ => None,
        };
        if let Some(kind) = single {
            rest.next();
            tokens.push(Token {
                kind,
                start,
                end: start + 1,
            });
            continue;
        }
        if c == '\'' || c == '"' {
            rest.next();
            let mut value = String::new();
            let mut closed = None;
            for (i, ch) in rest.by_ref() {
                if ch == c {
                    closed = Some(i);
                    break;
                }
                value.push(ch);
            }
            let Some(close) = closed else {
                return Err(QueryError::new(
                    format!("the quoted value starting here is never closed with {c}"),
                    start,
                    text.len(),
                ));
            };
            tokens.push(Token {
                kind: TokenKind::Quoted(value),
                start,
                end: close + c.len_utf8(),
            });
            continue;
        }
        let tail = text.get(start..).unwrap_or("");
        if let Some(word) = ["!exists", "!in"].into_iter().find(|w| {
            tail.starts_with(w)
                && !tail
                    .get(w.len()..)
                    .is_some_and(|after| after.starts_with(is_word_char))
        }) {
            for _ in 0..word.len() {
                rest.next();
            }
            tokens.push(Token {
                kind: TokenKind::Symbol(word),
                start,
                end: start + word.len(),
            });
            continue;
        }
        if let Some(sym) = SYMBOLS.into_iter().find(|s| tail.starts_with(s)) {
            for _ in 0..sym.len() {
                rest.next();
            }
            tokens.push(Token {
                kind: TokenKind::Symbol(sym),
                start,
                end: start + sym.len(),
            });
            continue;
        }
        if c == '!' {
            rest.next();
            tokens.push(Token {
                kind: TokenKind::Symbol("!"),
                start,
                end: start + 1,
            });
            continue;
        }
        if !is_word_char(c) {
            return Err(QueryError::new(
                format!("unexpected character '{c}'"),
                start,
                start + c.len_utf8(),
            ));
        }
        let mut end = start;
        while let Some(&(i, ch)) = rest.peek() {
            if !is_word_char(ch) {
                break;
            }
            end = i + ch.len_utf8();
            rest.next();
        }
        tokens.push(Token {
            kind: TokenKind::Word(text.get(start..end).unwrap_or("").to_owned()),
            start,
            end,
        });
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokenize(text)
            .unwrap()
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn words_symbols_lists_and_quotes() {
        use TokenKind::*;
        assert_eq!(
            kinds("attribute:ecs.instance-type =~ t2.*"),
            vec![
                Word("attribute:ecs.instance-type".into()),
                Symbol("=~"),
                Word("t2.*".into())
            ]
        );
        assert_eq!(
            kinds("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']"),
            vec![
                Word("ec2InstanceId".into()),
                Word("in".into()),
                LBracket,
                Quoted("i-abcd1234".into()),
                Comma,
                Quoted("i-wxyx7890".into()),
                RBracket
            ]
        );
        assert_eq!(
            kinds("!(task:group==db)&&a !exists"),
            vec![
                Symbol("!"),
                LParen,
                Word("task:group".into()),
                Symbol("=="),
                Word("db".into()),
                RParen,
                Symbol("&&"),
                Word("a".into()),
                Symbol("!exists")
            ]
        );
    }

    #[test]
    fn positions_are_byte_offsets() {
        let t = tokenize("a  >= 'x y'").unwrap();
        assert_eq!((t[1].start, t[1].end), (3, 5));
        assert_eq!((t[2].start, t[2].end), (6, 11));
    }

    #[test]
    fn unclosed_quote_is_an_error_at_the_quote() {
        let e = tokenize("attribute:a == 'abc").unwrap_err();
        assert_eq!(e.start, 15);
        assert!(e.message.contains("never closed"));
    }
}
