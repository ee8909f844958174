//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's diff.
//!
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`,
//! with the escapes GitHub's runner undoes: `%`, `\r` and `\n` everywhere,
//! and `:` and `,` in property values too.

use std::io::{self, Write};

use pyx_semantics::diagnostics::Severity;

use super::Positions;
use crate::check::RunReport;

/// Escape the message part of a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(out: &mut dyn Write, report: &RunReport) -> io::Result<()> {
    for file in &report.files {
        let positions = Positions::of(file);
        let path = escape_property(&file.display);
        for d in &file.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let start = positions.position(d.range.start());
            let end = positions.position(d.range.end());
            writeln!(
                out,
                "::{command} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("pyx ({})", d.rule.code())),
                escape_data(&d.message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% done\r\nnext: a, b"), "50%25 done%0D%0Anext: a, b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
