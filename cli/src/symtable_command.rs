//! `pyx symtable FILE`: CPython's symbol tables for a file, in the text form
//! of `shared/tools/symtable_dump.py`.

use std::path::Path;
use std::process::ExitCode;

use pyx_syntax::ParseOptions;

/// The tables of a file's source, or the `SyntaxError: msg (line N)` line
/// CPython's `symtable` module would end with.
pub fn symtable_of(bytes: &[u8]) -> Result<String, String> {
    let decoded = pyx_syntax::source::decode(bytes);
    if let Some(e) = &decoded.error {
        return Err(format!("SyntaxError: {} (line {})\n", e.msg, e.line));
    }
    // `symtable.symtable` compiles without type comments.
    let parsed = pyx_syntax::parse_module(&decoded.text, ParseOptions { type_comments: false });
    if let Some(e) = parsed.first_error() {
        let index = pyx_syntax::line_index::LineIndex::new(&decoded.text);
        let (line, _) = index.line_col(e.range.start());
        return Err(format!("SyntaxError: {} (line {line})\n", e.msg));
    }
    match pyx_semantics::symtable::build(&parsed.module) {
        Ok(table) => Ok(pyx_semantics::symtable::dump(&table)),
        Err(e) => Err(format!("SyntaxError: {} (line {})\n", e.msg, e.lineno)),
    }
}

pub fn run(file: &Path) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("pyx symtable: can't open file '{}': {e}", file.display());
            return ExitCode::from(2);
        }
    };
    match symtable_of(&bytes) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(line) => {
            print!("{line}");
            ExitCode::from(1)
        }
    }
}
