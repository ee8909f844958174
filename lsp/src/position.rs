//! Byte offsets in a text ↔ LSP positions (line, character), where a
//! character counts UTF-16 code units (the protocol's default) or UTF-8
//! bytes (when the client offers `utf-8` in `positionEncodings`).
//!
//! Every conversion clamps: a position past the end of a line means the end
//! of that line, past the last line the end of the text, and a position
//! inside a character means its start. A client's bad position is never a
//! panic.

use pyx_syntax::{TextRange, TextSize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf16,
    Utf8,
}

/// A 0-based line and character, as in the protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LinePos {
    pub line: u32,
    pub character: u32,
}

/// Where the lines of a text start. Lines end at `\n`, `\r\n` or `\r`, as
/// the protocol says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lines {
    starts: Vec<u32>,
    len: u32,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        Lines { starts, len: text.len() as u32 }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of 0-based `line` without its line ending.
    fn line_bounds(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line] as usize;
        let mut end = self.starts.get(line + 1).map_or(self.len as usize, |&s| s as usize);
        let b = text.as_bytes();
        while end > start && matches!(b.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        (start, end)
    }

    /// The position of a byte offset (clamped to the text).
    pub fn position(&self, text: &str, offset: TextSize, enc: Encoding) -> LinePos {
        let mut off = u32::from(offset).min(self.len) as usize;
        while off > 0 && !text.is_char_boundary(off) {
            off -= 1;
        }
        let line = self.starts.partition_point(|&s| s as usize <= off).max(1) - 1;
        let start = self.starts[line] as usize;
        let prefix = text.get(start..off).unwrap_or("");
        let character = match enc {
            Encoding::Utf8 => prefix.len() as u32,
            Encoding::Utf16 => prefix.chars().map(|c| c.len_utf16() as u32).sum(),
        };
        LinePos { line: line as u32, character }
    }

    /// The byte offset of a position (clamped to the text).
    pub fn offset(&self, text: &str, pos: LinePos, enc: Encoding) -> TextSize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return TextSize::from(self.len);
        }
        let (start, end) = self.line_bounds(text, line);
        let Some(line_text) = text.get(start..end) else {
            return TextSize::from(start as u32);
        };
        let mut units = 0u32;
        for (i, c) in line_text.char_indices() {
            if units >= pos.character {
                return TextSize::from((start + i) as u32);
            }
            units += match enc {
                Encoding::Utf8 => c.len_utf8() as u32,
                Encoding::Utf16 => c.len_utf16() as u32,
            };
            if units > pos.character {
                // Inside a character: its start.
                return TextSize::from((start + i) as u32);
            }
        }
        TextSize::from(end as u32)
    }

    pub fn range(&self, text: &str, range: TextRange, enc: Encoding) -> (LinePos, LinePos) {
        (self.position(text, range.start(), enc), self.position(text, range.end(), enc))
    }

    pub fn text_range(&self, text: &str, start: LinePos, end: LinePos, enc: Encoding) -> TextRange {
        let a = self.offset(text, start, enc);
        let b = self.offset(text, end, enc);
        if a <= b {
            TextRange::new(a, b)
        } else {
            TextRange::new(b, a)
        }
    }
}

/// Apply one incremental change (a range in the old text, replaced by
/// `new_text`). A reversed or out-of-range range is clamped.
pub fn apply_change(text: &mut String, range: Option<(LinePos, LinePos)>, new_text: &str, enc: Encoding) {
    match range {
        None => {
            text.clear();
            text.push_str(new_text);
        }
        Some((start, end)) => {
            let lines = Lines::new(text);
            let r = lines.text_range(text, start, end, enc);
            text.replace_range(usize::from(r.start())..usize::from(r.end()), new_text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lp(line: u32, character: u32) -> LinePos {
        LinePos { line, character }
    }

    #[test]
    fn utf16_round_trip_and_clamping() {
        let text = "a😀b\r\nxé\ny";
        let lines = Lines::new(text);
        assert_eq!(lines.line_count(), 3);
        // 😀 is two UTF-16 units, four bytes.
        assert_eq!(lines.offset(text, lp(0, 3), Encoding::Utf16), TextSize::from(5));
        assert_eq!(lines.position(text, TextSize::from(5), Encoding::Utf16), lp(0, 3));
        assert_eq!(lines.position(text, TextSize::from(5), Encoding::Utf8), lp(0, 5));
        // Inside the surrogate pair: the character's start.
        assert_eq!(lines.offset(text, lp(0, 2), Encoding::Utf16), TextSize::from(1));
        // Past the end of a line: its end, before the line ending.
        assert_eq!(lines.offset(text, lp(0, 99), Encoding::Utf16), TextSize::from(6));
        assert_eq!(lines.offset(text, lp(1, 2), Encoding::Utf16), TextSize::from(11));
        // Past the last line: the end of the text.
        assert_eq!(lines.offset(text, lp(40, 0), Encoding::Utf16), TextSize::from(text.len() as u32));
        assert_eq!(lines.position(text, TextSize::from(999), Encoding::Utf16), lp(2, 1));
        // Offsets inside a UTF-8 sequence move back to its start.
        assert_eq!(lines.position(text, TextSize::from(3), Encoding::Utf16), lp(0, 1));
    }

    #[test]
    fn incremental_changes() {
        let mut text = String::from("import os\nx = 1\n");
        apply_change(&mut text, Some((lp(1, 4), lp(1, 5))), "42", Encoding::Utf16);
        assert_eq!(text, "import os\nx = 42\n");
        apply_change(&mut text, Some((lp(9, 0), lp(3, 0))), "y\n", Encoding::Utf16);
        assert_eq!(text, "import os\nx = 42\ny\n");
        apply_change(&mut text, None, "z", Encoding::Utf16);
        assert_eq!(text, "z");
    }
}

/// The line index of a file's current text, kept by the database: requests
/// on an unchanged file share it instead of scanning the text each time.
#[salsa::tracked(returns(ref))]
pub fn line_index(db: &dyn pyx_semantics::Db, file: pyx_semantics::File) -> std::sync::Arc<Lines> {
    std::sync::Arc::new(Lines::new(&pyx_semantics::queries::source_text(db, file).text))
}
