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
        if memchr::memchr(b'\r', bytes).is_none() {
            // Only `\n` ends lines.
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
            return LineIndex { starts };
        }
        let mut ends = memchr::memchr2_iter(b'\n', b'\r', bytes);
        while let Some(i) = ends.next() {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                // `\r\n` is one line end: skip its `\n`.
                ends.next();
                starts.push(i as u32 + 2);
            } else {
                starts.push(i as u32 + 1);
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Line starts found one byte at a time.
    fn naive(text: &str) -> Vec<u32> {
        let mut starts = vec![if text.starts_with('\u{feff}') { 3 } else { 0 }];
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                starts.push(i as u32 + 1);
            }
            i += 1;
        }
        starts
    }

    #[test]
    fn line_starts_match_a_byte_by_byte_scan() {
        let samples = [
            "",
            "\n",
            "a",
            "abcdefg\n",
            "abcdefgh\n",
            "abcdefghi\n\n\n",
            "\u{feff}x = 1\ny = 2\n",
            "x\r\ny\rz\n",
            "0123456\n0123456\n01234567\n\n",
            "é\nü\u{7f}\u{80}\n\t\n",
        ];
        for s in samples {
            assert_eq!(LineIndex::new(s).starts, naive(s), "{s:?}");
        }
        let long: String = (0..300).map(|i| if i % 7 == 0 || i % 11 == 0 { '\n' } else { 'x' }).collect();
        assert_eq!(LineIndex::new(&long).starts, naive(&long));
    }
}
