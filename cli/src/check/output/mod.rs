//! The report formats. Each writes the findings of a run, sorted by path
//! and then by position, to standard output; none of them decides anything.

pub mod concise;
pub mod full;
pub mod github;
pub mod json;
pub mod sarif;

use std::io::{self, Write};
use std::ops::Range;

use clap::ValueEnum;
use pyx_syntax::line_index::LineIndex;
use pyx_syntax::{TextRange, TextSize};

use pyx_semantics::diagnostics::Diagnostic;

use super::{FileReport, RunReport};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Source snippets with the findings marked (ariadne).
    Full,
    /// One line per finding: `path:line:column: severity[rule] message`.
    Concise,
    /// A JSON document (schema in docs/check.md).
    Json,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// SARIF 2.1.0 (code scanning).
    Sarif,
}

impl OutputFormat {
    /// The human formats end with the summary line; the machine formats
    /// keep standard output to themselves and print it on standard error.
    pub fn summary_on_stdout(self) -> bool {
        matches!(self, OutputFormat::Full | OutputFormat::Concise)
    }
}

pub fn write(out: &mut dyn Write, format: OutputFormat, report: &RunReport, color: bool) -> io::Result<()> {
    match format {
        OutputFormat::Full => full::write(out, report, color),
        OutputFormat::Concise => concise::write(out, report),
        OutputFormat::Json => json::write(out, report),
        OutputFormat::Github => github::write(out, report),
        OutputFormat::Sarif => sarif::write(out, report),
    }
}

/// A 1-based line and a 1-based column counted in characters (Unicode
/// scalar values), as the machine formats report them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Offsets → positions in one file's text.
pub struct Positions<'a> {
    text: &'a str,
    index: LineIndex,
    /// Positions worked out while checking (see [`known_positions`]),
    /// by offset; consulted first.
    known: &'a [(u32, Position)],
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Positions<'a> {
        Positions {
            text,
            index: LineIndex::new(text),
            known: &[],
        }
    }

    /// The positions of a file in a report: from its text, or from the
    /// positions worked out while checking it when its text was not kept.
    pub fn of(file: &'a FileReport) -> Positions<'a> {
        Positions {
            known: &file.positions,
            ..Positions::new(&file.text)
        }
    }

    /// The offset moved into the text and onto a character boundary (a
    /// diagnostic's range always is; this keeps a bug from becoming a
    /// panic).
    fn clamp(&self, offset: TextSize) -> usize {
        let mut o = (u32::from(offset) as usize).min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    pub fn position(&self, offset: TextSize) -> Position {
        if let Ok(i) = self.known.binary_search_by_key(&u32::from(offset), |k| k.0) {
            return self.known[i].1;
        }
        let o = self.clamp(offset);
        let (line, _) = self.index.line_col(TextSize::from(o as u32));
        let start = (self.index.line_start(line).unwrap_or(0) as usize).min(o);
        let column = self.text.get(start..o).map_or(0, |s| s.chars().count()) as u32 + 1;
        Position { line, column }
    }

    /// A byte range inside the text, on character boundaries.
    pub fn byte_range(&self, range: TextRange) -> Range<usize> {
        let start = self.clamp(range.start());
        let end = self.clamp(range.end()).max(start);
        start..end
    }
}

/// The position of every offset a report of `diagnostics` shows (where
/// each finding, related location and fix starts and ends), worked out
/// from `text`, sorted by offset. With them a file's report needs its text
/// only to draw snippets (`full`), so the other formats do not keep every
/// file's text until the end of the run.
pub fn known_positions(text: &str, diagnostics: &[Diagnostic]) -> Vec<(u32, Position)> {
    let mut offsets: Vec<TextSize> = Vec::new();
    for d in diagnostics {
        offsets.extend([d.range.start(), d.range.end()]);
        for r in &d.related {
            offsets.extend([r.range.start(), r.range.end()]);
        }
        if let Some(f) = &d.fix {
            offsets.extend([f.range.start(), f.range.end()]);
        }
    }
    offsets.sort_unstable();
    offsets.dedup();
    let positions = Positions::new(text);
    offsets.into_iter().map(|o| (u32::from(o), positions.position(o))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyx_semantics::diagnostics::Rule;
    use std::path::PathBuf;
    use std::sync::Arc;

    fn range(start: u32, end: u32) -> TextRange {
        TextRange::new(start.into(), end.into())
    }

    /// A report without the text prints the positions a report with it
    /// prints: every offset it asks for, in every kind of line.
    #[test]
    fn known_positions_are_the_texts_positions() {
        let text = "import os\r\nx = 'é€𝄞' + y\n\n  z = 1\r\nlast";
        let len = text.len() as u32;
        let boundaries: Vec<u32> = (0..=len).filter(|&o| text.is_char_boundary(o as usize)).collect();
        let mut diagnostics = Vec::new();
        for pair in boundaries.windows(2) {
            diagnostics.push(
                Diagnostic::new(Rule::UndefinedName, range(pair[0], pair[1]), "m")
                    .with_related(range(pair[1], len), "r"),
            );
        }
        let known = known_positions(text, &diagnostics);
        assert!(known.windows(2).all(|w| w[0].0 < w[1].0), "sorted and without repeats");
        let with_text = FileReport {
            path: PathBuf::from("f.py"),
            display: "f.py".into(),
            text: Arc::from(text),
            positions: Vec::new(),
            diagnostics: diagnostics.clone(),
        };
        let without = FileReport {
            text: Arc::from(""),
            positions: known,
            ..with_text.clone()
        };
        let (a, b) = (Positions::of(&with_text), Positions::of(&without));
        for d in &diagnostics {
            for o in [d.range.start(), d.range.end(), d.related[0].range.start(), d.related[0].range.end()] {
                assert_eq!(a.position(o), b.position(o), "offset {o:?}");
            }
        }
        // The last line, its end, and a line after a CRLF.
        assert_eq!(b.position(len.into()), Position { line: 5, column: 5 });
        assert_eq!(b.position(11.into()), Position { line: 2, column: 1 });
    }
}
