//! `path:line:column: severity[rule] message`, one finding per line — the
//! shape editors and `grep` understand.

use std::io::{self, Write};

use super::Positions;
use crate::check::RunReport;

pub fn write(out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
    for file in &report.files {
        let positions = Positions::new(&file.text);
        for d in &file.diagnostics {
            let p = positions.position(d.range.start());
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                file.display,
                p.line,
                p.column,
                d.severity.as_str(),
                d.rule.code(),
                d.message
            )?;
        }
    }
    Ok(())
}
