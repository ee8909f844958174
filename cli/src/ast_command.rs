//! `pyx ast`: print a file's AST as `python3 -m ast` does, or a syntax error
//! as CPython prints it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pyx_syntax::{ErrorKind, ParseOptions};

/// What went wrong with one file, ready to print.
pub struct FileError {
    pub text: String,
}

/// Parse and lower one file's bytes; on success the dump (with its final
/// newline), on failure the CPython-style error report.
pub fn ast_of(display_name: &str, bytes: &[u8], include_attributes: bool) -> Result<String, FileError> {
    let decoded = pyx_syntax::source::decode(bytes);
    if let Some(err) = &decoded.error {
        let source_line = if err.line > 0 {
            decoded.text.lines().nth(err.line as usize - 1).map(|s| s.to_string())
        } else {
            None
        };
        return Err(FileError {
            text: format_error(display_name, err.line, source_line.as_deref(), None, "SyntaxError", &err.msg),
        });
    }
    let text = &decoded.text;
    let parsed = pyx_syntax::parse_module(text, ParseOptions { type_comments: true });
    if let Some(err) = parsed.first_error() {
        let index = pyx_syntax::line_index::LineIndex::new(text);
        let (line, col) = index.line_col(err.range.start());
        let (end_line, end_col) = index.line_col(err.range.end());
        let line_start = index.line_start(line).unwrap_or(0) as usize;
        let line_end = text[line_start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |e| line_start + e);
        let source_line = &text[line_start..line_end];
        // CPython's offsets are in characters, 1-based.
        let col_chars = source_line
            .get(..col as usize)
            .map_or(col as usize, |s| s.chars().count());
        let end_chars = if end_line == line {
            source_line
                .get(..end_col as usize)
                .map_or(end_col as usize, |s| s.chars().count())
        } else {
            source_line.chars().count()
        };
        let kind = match err.kind {
            ErrorKind::Syntax => "SyntaxError",
            ErrorKind::Indentation => "IndentationError",
            ErrorKind::Tab => "TabError",
        };
        return Err(FileError {
            text: format_error(
                display_name,
                line,
                Some(source_line),
                Some((col_chars, end_chars.max(col_chars + 1))),
                kind,
                &err.msg,
            ),
        });
    }
    let mut out = pyx_syntax::ast::dump(&parsed.module, include_attributes);
    out.push('\n');
    Ok(out)
}

/// CPython's rendering of a SyntaxError: file and line, the stripped source
/// line, a caret line, and the message.
fn format_error(
    file: &str,
    line: u32,
    source: Option<&str>,
    cols: Option<(usize, usize)>,
    kind: &str,
    msg: &str,
) -> String {
    let mut s = format!("  File \"{file}\", line {line}\n");
    if let Some(src) = source {
        let stripped = src.trim_start_matches([' ', '\t', '\x0c']);
        let removed = src.chars().count() - stripped.chars().count();
        let shown = stripped.trim_end_matches(['\n', '\r']);
        s.push_str("    ");
        s.push_str(shown);
        s.push('\n');
        if let Some((start, end)) = cols {
            let start = start.saturating_sub(removed);
            let end = end.saturating_sub(removed).max(start + 1);
            s.push_str("    ");
            s.push_str(&" ".repeat(start));
            s.push_str(&"^".repeat(end - start));
            s.push('\n');
        }
    }
    s.push_str(&format!("{kind}: {msg}\n"));
    s
}

pub fn run(files: &[PathBuf], include_attributes: bool, quiet: bool) -> ExitCode {
    if quiet {
        return run_quiet(files);
    }
    let mut status = ExitCode::SUCCESS;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (i, path) in files.iter().enumerate() {
        if files.len() > 1 {
            let _ = writeln!(out, "{}==> {} <==", if i > 0 { "\n" } else { "" }, path.display());
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                let _ = out.flush();
                eprintln!("pyx ast: can't open file '{}': {}", path.display(), io_message(&e));
                status = ExitCode::from(2);
                continue;
            }
        };
        match ast_of(&display(path), &bytes, include_attributes) {
            Ok(dump) => {
                if out.write_all(dump.as_bytes()).is_err() {
                    // Broken pipe: the reader is gone.
                    return status;
                }
            }
            Err(e) => {
                let _ = out.flush();
                eprint!("{}", e.text);
                if status == ExitCode::SUCCESS {
                    status = ExitCode::from(1);
                }
            }
        }
    }
    status
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn io_message(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => format!("[Errno {code}] {}", e.kind_message()),
        None => e.to_string(),
    }
}

trait KindMessage {
    fn kind_message(&self) -> String;
}

impl KindMessage for std::io::Error {
    fn kind_message(&self) -> String {
        let s = self.to_string();
        // "No such file or directory (os error 2)" → "No such file or directory"
        match s.rfind(" (os error") {
            Some(i) => s[..i].to_string(),
            None => s,
        }
    }
}

/// `--quiet`: parse and lower every file in this one process and print a
/// summary line, for timing the front end.
fn run_quiet(files: &[PathBuf]) -> ExitCode {
    let start = Instant::now();
    let mut bytes_total = 0usize;
    let mut errors = 0usize;
    let mut unreadable = 0usize;
    for path in files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("pyx ast: can't open file '{}': {}", path.display(), io_message(&e));
                unreadable += 1;
                continue;
            }
        };
        bytes_total += bytes.len();
        let decoded = pyx_syntax::source::decode(&bytes);
        let parsed = pyx_syntax::parse_module(&decoded.text, ParseOptions { type_comments: true });
        if decoded.error.is_some() || parsed.first_error().is_some() {
            errors += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files, {} bytes, {} with syntax errors, {:.3} seconds ({:.1} MB/s)",
        files.len() - unreadable,
        bytes_total,
        errors,
        secs,
        bytes_total as f64 / 1e6 / secs.max(1e-9)
    );
    if unreadable > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
