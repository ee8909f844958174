//! Byte offsets ↔ CPython's (line, column) positions.

use crate::TextSize;

/// Line starts of a text. Columns are UTF-8 byte offsets from the start of
/// the line, as in CPython's AST; a leading byte-order mark is not part of
/// line 1 (CPython's tokenizer drops it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(if text.starts_with('\u{feff}') { 3 } else { 0 });
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
        LineIndex { starts }
    }

    /// 1-based line and 0-based byte column of an offset.
    pub fn line_col(&self, offset: TextSize) -> (u32, u32) {
        let off: u32 = offset.into();
        let line = self.starts.partition_point(|&s| s <= off).max(1) - 1;
        (line as u32 + 1, off.saturating_sub(self.starts[line]))
    }

    /// The offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.starts.get(line.checked_sub(1)? as usize).copied()
    }

    /// The offsets where lines start, in increasing order.
    pub(crate) fn starts(&self) -> &[u32] {
        &self.starts
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}
