//! Byte offsets to 1-based lines and UTF-16 columns, as browser editors count them.

use super::Span;
use serde::Serialize;

/// A position in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in UTF-16 code units.
    pub column: u32,
    /// 0-based byte offset.
    pub offset: u32,
}

/// A range between two positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Range {
    /// Where the range starts.
    pub start: Position,
    /// Where the range ends (exclusive).
    pub end: Position,
}

/// The start offset of every line of a text.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`. Lines end at `\n` (a preceding `\r` belongs to the line).
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, line_starts }
    }

    /// The position of a byte offset; offsets past the end or inside a character are moved
    /// back to the nearest character boundary.
    pub fn position(&self, offset: u32) -> Position {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        let column: usize = self
            .text
            .get(line_start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        Position {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
            offset: u32::try_from(offset).unwrap_or(u32::MAX),
        }
    }

    /// The range of a span.
    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }

    /// The byte span of the 1-based line `line` without its line break.
    pub fn line_span(&self, line: u32) -> Option<Span> {
        let idx = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(idx)?;
        let end = self
            .line_starts
            .get(idx + 1)
            .map_or(self.text.len(), |next| next - 1);
        let end = if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        Some(Span::new(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        // "é" is 2 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 UTF-16 units.
        let text = "{\n  \"é😀\": 1\n}";
        let idx = LineIndex::new(text);
        let one = text.find('1').unwrap() as u32;
        let pos = idx.position(one);
        assert_eq!((pos.line, pos.column, pos.offset), (2, 10, one));
    }

    #[test]
    fn offsets_clamp_to_text_and_char_boundaries() {
        let idx = LineIndex::new("é");
        assert_eq!(idx.position(1).offset, 0);
        assert_eq!(idx.position(99).offset, 2);
        assert_eq!(idx.position(99).column, 2);
    }

    #[test]
    fn line_span_excludes_line_break() {
        let idx = LineIndex::new("ab\r\ncd\n");
        assert_eq!(idx.line_span(1), Some(Span::new(0, 2)));
        assert_eq!(idx.line_span(2), Some(Span::new(4, 6)));
        assert_eq!(idx.line_span(9), None);
    }
}
