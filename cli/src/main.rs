//! The `pyx` command line.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// pyx allocates many small nodes (syntax trees, ASTs, symbol tables) from
/// several threads at once; mimalloc serves that pattern much faster than
/// the system allocator (measured with `pyx check` over the standard
/// library, docs/benchmarks.md).
#[global_allocator]
static GLOBAL: pyx_cli::alloc::MiMalloc = pyx_cli::alloc::MiMalloc;

extern "C" {
    /// mimalloc's own setter for its options (part of its stable C API;
    /// the `mimalloc` crate links the library but does not re-export it).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc's `mi_option_t` (the same value
/// in its v2 and v3 headers).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// A run that ends soon (`pyx check`) never needs to give freed memory
/// back to the system: mimalloc then reuses it instead of returning it
/// and faulting fresh zeroed pages in again (half the page faults of a
/// check of the standard library, 3-8% of its CPU time). Long-running
/// commands (the language server) keep mimalloc's default. The user's
/// `MIMALLOC_PURGE_DELAY` wins.
fn keep_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain setter of an integer option, callable at any
        // time from any thread.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

#[derive(Parser)]
#[command(name = "pyx", version, about = "pyx: Python 3.11 in Rust — interpreter, checker, language server")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the AST of Python files, exactly as `python3 -m ast FILE` does.
    Ast {
        /// Include lineno, col_offset, end_lineno and end_col_offset.
        #[arg(short = 'a', long = "include-attributes")]
        include_attributes: bool,
        /// Parse and lower the files but print only a one-line summary.
        #[arg(short, long)]
        quiet: bool,
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Print a file's symbol tables as CPython's compiler builds them.
    Symtable { file: std::path::PathBuf },
    /// Check Python files: syntax errors, undefined names, unused imports…
    /// (the CI step; see docs/check.md).
    Check(pyx_cli::check::CheckArgs),
    /// Run a Python program: `pyx run FILE [ARGS]`, `pyx run -c CODE`,
    /// `pyx run -m MODULE` (as `python3` does).
    Run(pyx_cli::run_command::RunArgs),
    /// The language server on standard input/output (the same as `pyls`).
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Print the concrete syntax tree of a file (for debugging pyx).
    #[command(hide = true)]
    Cst { file: std::path::PathBuf },
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if let Some(run) = pyx_cli::run_command::python_style(&argv) {
        keep_freed_memory();
        return match run {
            Ok(args) => pyx_cli::run_command::run(args),
            Err(msg) => {
                eprintln!("{msg}");
                ExitCode::from(2)
            }
        };
    }
    let cli = Cli::parse();
    match cli.command {
        Command::Ast {
            include_attributes,
            quiet,
            files,
        } => pyx_cli::ast_command::run(&files, include_attributes, quiet),
        Command::Symtable { file } => pyx_cli::symtable_command::run(&file),
        Command::Check(args) => {
            keep_freed_memory();
            pyx_cli::check::run(&args)
        }
        Command::Run(args) => {
            keep_freed_memory();
            pyx_cli::run_command::run(args)
        }
        Command::Lsp { .. } => pyx_lsp::run_stdio(),
        Command::Cst { file } => {
            let bytes = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("pyx: {}: {e}", file.display());
                    return ExitCode::from(2);
                }
            };
            let decoded = pyx_syntax::source::decode(&bytes);
            let parse = pyx_syntax::parse(&decoded.text);
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(pyx_syntax::debug_tree(&parse.syntax_node()).as_bytes());
            for e in parse.errors() {
                let _ = writeln!(out, "error {:?}: {}", e.range, e.msg);
            }
            ExitCode::SUCCESS
        }
    }
}
