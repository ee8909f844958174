//! The JSON report. Its schema is part of pyx's interface (documented in
//! docs/check.md): fields are only ever added, and `version` changes when
//! anything else would.

use std::io::{self, Write};

use serde::Serialize;

use super::{Position, Positions};
use crate::check::RunReport;
use pyx_semantics::diagnostics::Severity;

/// The schema's version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files_checked: usize,
    files_with_diagnostics: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonPosition {
    line: u32,
    column: u32,
}

impl From<Position> for JsonPosition {
    fn from(p: Position) -> JsonPosition {
        JsonPosition {
            line: p.line,
            column: p.column,
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    start: JsonPosition,
    end: JsonPosition,
    related: Vec<JsonRelated<'a>>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: &'a str,
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: JsonPosition,
    end: JsonPosition,
    replacement: &'a str,
}

pub fn write(out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for file in &report.files {
        let positions = Positions::of(file);
        for d in &file.diagnostics {
            diagnostics.push(JsonDiagnostic {
                path: &file.display,
                rule: d.rule.code(),
                severity: d.severity.as_str(),
                message: &d.message,
                start: positions.position(d.range.start()).into(),
                end: positions.position(d.range.end()).into(),
                related: d
                    .related
                    .iter()
                    .map(|r| JsonRelated {
                        message: &r.message,
                        start: positions.position(r.range.start()).into(),
                        end: positions.position(r.range.end()).into(),
                    })
                    .collect(),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    message: &f.message,
                    edits: vec![JsonEdit {
                        start: positions.position(f.range.start()).into(),
                        end: positions.position(f.range.end()).into(),
                        replacement: &f.replacement,
                    }],
                }),
            });
        }
    }
    let document = Document {
        version: VERSION,
        summary: Summary {
            files_checked: report.files_checked,
            files_with_diagnostics: report.files.len(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
        },
        diagnostics,
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
    writeln!(out)
}
