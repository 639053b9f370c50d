//! A small Markdown reader for rule documentation: the subset the rule pages use (`##` headings,
//! paragraphs, `-` lists, `|` tables, fenced code, `` `code` ``, `**bold**`, bare `https://`
//! links) turned
//! into plain data. The view renders that data as text nodes, so nothing is ever parsed as HTML.

/// A block of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading: its level (1-6) and text.
    Heading(u8, Vec<Inline>),
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bulleted list; one entry per item.
    List(Vec<Vec<Inline>>),
    /// A fenced code block: its language (may be empty) and text.
    Code(String, String),
    /// A table: its header cells and its rows.
    Table(Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>),
}

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `code`.
    Code(String),
    /// **strong** text.
    Strong(String),
    /// A link: its text and its `http(s)` address.
    Link(String, String),
}

/// Reads a document.
pub fn parse(doc: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let mut lines = doc.lines();
    let flush = |blocks: &mut Vec<Block>, paragraph: &mut Vec<&str>, list: &mut Vec<String>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inlines(&paragraph.join(" "))));
            paragraph.clear();
        }
        if !list.is_empty() {
            blocks.push(Block::List(list.iter().map(|i| inlines(i)).collect()));
            list.clear();
        }
    };
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(lang) = trimmed.strip_prefix("```") {
            flush(&mut blocks, &mut paragraph, &mut list);
            let mut code = Vec::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                code.push(l);
            }
            blocks.push(Block::Code(lang.trim().to_owned(), code.join("\n")));
        } else if trimmed.is_empty() {
            flush(&mut blocks, &mut paragraph, &mut list);
        } else if trimmed.starts_with('|') {
            flush(&mut blocks, &mut paragraph, &mut list);
            let mut rows = vec![cells(trimmed)];
            while let Some(next) = lines.clone().next().map(str::trim) {
                if !next.starts_with('|') {
                    break;
                }
                lines.next();
                // The `| --- |` line under the header.
                if !next.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                    rows.push(cells(next));
                }
            }
            let header = rows.remove(0);
            blocks.push(Block::Table(header, rows));
        } else if let Some((level, text)) = heading(trimmed) {
            flush(&mut blocks, &mut paragraph, &mut list);
            blocks.push(Block::Heading(level, inlines(text)));
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            if !paragraph.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            list.push(item.to_owned());
        } else if !list.is_empty() && line.starts_with(' ') {
            // A continuation line of the last list item.
            if let Some(last) = list.last_mut() {
                last.push(' ');
                last.push_str(trimmed);
            }
        } else {
            if !list.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            paragraph.push(trimmed);
        }
    }
    flush(&mut blocks, &mut paragraph, &mut list);
    blocks
}

fn cells(row: &str) -> Vec<Vec<Inline>> {
    let row = row.trim().trim_start_matches('|').trim_end_matches('|');
    row.split('|').map(|cell| inlines(cell.trim())).collect()
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let level = line.bytes().take_while(|b| *b == b'#').count();
    let text = line.get(level..)?.strip_prefix(' ')?;
    (1..=6)
        .contains(&level)
        .then_some((level as u8, text.trim()))
}

/// Reads the inline runs of one block's text.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (inline, len) = if c == '`' {
            match rest.get(1..).and_then(|r| r.find('`')) {
                Some(end) => (
                    Some(Inline::Code(rest.get(1..end + 1).unwrap_or("").to_owned())),
                    end + 2,
                ),
                None => (None, 1),
            }
        } else if rest.starts_with("**") {
            match rest.get(2..).and_then(|r| r.find("**")) {
                Some(end) if end > 0 => (
                    Some(Inline::Strong(
                        rest.get(2..end + 2).unwrap_or("").to_owned(),
                    )),
                    end + 4,
                ),
                _ => (None, 2),
            }
        } else if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest
                .find(|ch: char| ch.is_whitespace() || ch == '<' || ch == '>' || ch == '"')
                .unwrap_or(rest.len());
            // A sentence's closing punctuation is not part of the address.
            let url = rest
                .get(..end)
                .unwrap_or("")
                .trim_end_matches(['.', ',', ';', ':', ')']);
            (
                Some(Inline::Link(url.to_owned(), url.to_owned())),
                url.len(),
            )
        } else {
            (None, c.len_utf8())
        };
        match inline {
            Some(inline) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(inline);
            }
            None => plain.push_str(rest.get(..len).unwrap_or("")),
        }
        rest = rest.get(len..).unwrap_or("");
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headings_paragraphs_lists_and_code() {
        let doc = "## What it does\nReports `hostPort`\nwhen **wrong**.\n\n```json\n{\"a\": 1}\n```\n\n## References\n- DOC: https://docs.aws.amazon.com/x.html (the page).\n- BOTO:PortMapping.hostPort\n  continued";
        assert_eq!(
            parse(doc),
            vec![
                Block::Heading(2, vec![Inline::Text("What it does".into())]),
                Block::Paragraph(vec![
                    Inline::Text("Reports ".into()),
                    Inline::Code("hostPort".into()),
                    Inline::Text(" when ".into()),
                    Inline::Strong("wrong".into()),
                    Inline::Text(".".into()),
                ]),
                Block::Code("json".into(), "{\"a\": 1}".into()),
                Block::Heading(2, vec![Inline::Text("References".into())]),
                Block::List(vec![
                    vec![
                        Inline::Text("DOC: ".into()),
                        Inline::Link(
                            "https://docs.aws.amazon.com/x.html".into(),
                            "https://docs.aws.amazon.com/x.html".into()
                        ),
                        Inline::Text(" (the page).".into()),
                    ],
                    vec![Inline::Text("BOTO:PortMapping.hostPort continued".into())],
                ]),
            ]
        );
    }

    #[test]
    fn reads_tables() {
        let blocks = parse("| cpu | memory |\n| --- | --- |\n| 256 | `512` |\n\nafter");
        assert_eq!(
            blocks,
            vec![
                Block::Table(
                    vec![
                        vec![Inline::Text("cpu".into())],
                        vec![Inline::Text("memory".into())]
                    ],
                    vec![vec![
                        vec![Inline::Text("256".into())],
                        vec![Inline::Code("512".into())]
                    ]]
                ),
                Block::Paragraph(vec![Inline::Text("after".into())]),
            ]
        );
    }

    #[test]
    fn markup_in_text_stays_text() {
        let runs = inlines("<script>alert(1)</script> `<b>` javascript:alert(1)");
        assert!(runs.iter().all(|r| !matches!(r, Inline::Link(..))));
        assert_eq!(runs[0], Inline::Text("<script>alert(1)</script> ".into()));
    }

    #[test]
    fn unclosed_markers_are_text() {
        assert_eq!(
            inlines("a ` b ** c é"),
            vec![Inline::Text("a ` b ** c é".into())]
        );
    }

    #[test]
    fn every_rule_page_parses_with_its_sections() {
        for rule in ecsplay_core::lint::all_rules() {
            let blocks = parse(&rule.meta().documentation());
            let headings: Vec<_> = blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Heading(_, t) => Some(t.clone()),
                    _ => None,
                })
                .collect();
            assert!(
                headings.contains(&vec![Inline::Text("What it does".into())]),
                "{}",
                rule.meta().code
            );
        }
    }
}
