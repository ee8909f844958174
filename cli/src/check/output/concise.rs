//! `path:line:column: severity[rule] message`, one finding per line — the
//! shape editors and `grep` understand.

use std::io::{self, Write};

use rayon::prelude::*;

use super::Positions;
use crate::check::{FileReport, RunReport};

pub fn write(out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
    // Each file's lines are made in parallel (finding line starts in
    // every file with findings is most of the work) and written in order.
    let lines: Vec<Vec<u8>> = report.files.par_iter().map(file_lines).collect();
    for file in lines {
        out.write_all(&file)?;
    }
    Ok(())
}

fn file_lines(file: &FileReport) -> Vec<u8> {
    let mut out = Vec::new();
    let positions = Positions::of(file);
    for d in &file.diagnostics {
        let p = positions.position(d.range.start());
        // Writing to a `Vec` cannot fail.
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            file.display,
            p.line,
            p.column,
            d.severity.as_str(),
            d.rule.code(),
            d.message
        );
    }
    out
}
