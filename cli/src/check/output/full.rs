//! Source snippets with the findings marked, drawn by ariadne.

use std::io::{self, Write};
use std::panic::AssertUnwindSafe;

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use pyx_semantics::diagnostics::{Diagnostic, Severity};
use rayon::prelude::*;

use super::Positions;
use crate::check::{FileReport, RunReport};

pub fn write(out: &mut dyn Write, report: &RunReport, color: bool) -> io::Result<()> {
    // Drawing is slow next to writing; files are drawn in parallel and
    // written in order.
    let drawn: Vec<io::Result<Vec<u8>>> = report.files.par_iter().map(|file| draw_file(file, color)).collect();
    for file in drawn {
        out.write_all(&file?)?;
    }
    Ok(())
}

fn draw_file(file: &FileReport, color: bool) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let source = Source::from(&*file.text);
    let positions = Positions::new(&file.text);
    for d in &file.diagnostics {
        let mut buffer = Vec::new();
        let drawn = std::panic::catch_unwind(AssertUnwindSafe(|| render(&mut buffer, file, &source, &positions, d, color)));
        match drawn {
            Ok(result) => {
                result?;
                out.write_all(&buffer)?;
            }
            Err(_) => {
                // A drawing bug must not lose the finding.
                let p = positions.position(d.range.start());
                writeln!(
                    out,
                    "{}[{}]: {}\n  --> {}:{}:{}",
                    d.severity.as_str(),
                    d.rule.code(),
                    d.message,
                    file.display,
                    p.line,
                    p.column
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(out)
}

fn render(
    out: &mut Vec<u8>,
    file: &FileReport,
    source: &Source<&str>,
    positions: &Positions<'_>,
    d: &Diagnostic,
    color: bool,
) -> io::Result<()> {
    let (kind, label_color) = match d.severity {
        Severity::Error => (ReportKind::Error, Color::Red),
        Severity::Warning => (ReportKind::Warning, Color::Yellow),
        Severity::Info => (ReportKind::Advice, Color::Cyan),
    };
    let id = file.display.as_str();
    let span = (id, positions.byte_range(d.range));
    let config = Config::default().with_color(color).with_index_type(IndexType::Byte);
    // Labels go in in source order: ariadne starts a new snippet whenever
    // a label is above the one before it.
    let mut labels = vec![(span.1.start, {
        let label = Label::new(span.clone()).with_message(&d.message);
        if color {
            label.with_color(label_color)
        } else {
            label
        }
    })];
    for related in &d.related {
        let range = positions.byte_range(related.range);
        let mut label = Label::new((id, range.clone())).with_message(&related.message);
        if color {
            label = label.with_color(Color::Blue);
        }
        labels.push((range.start, label));
    }
    labels.sort_by_key(|(start, _)| *start);
    let mut builder = Report::build(kind, span)
        .with_config(config)
        .with_code(d.rule.code())
        .with_message(&d.message)
        .with_labels(labels.into_iter().map(|(_, label)| label));
    if let Some(fix) = &d.fix {
        builder = builder.with_help(&fix.message);
    }
    builder.finish().write((id, source), out)
}
