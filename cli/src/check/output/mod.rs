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

use super::RunReport;

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
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Positions<'a> {
        Positions {
            text,
            index: LineIndex::new(text),
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
