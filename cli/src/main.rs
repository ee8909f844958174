//! The `pyx` command line.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// pyx allocates many small nodes (syntax trees, ASTs, symbol tables) from
/// several threads at once; mimalloc serves that pattern much faster than
/// the system allocator (measured with `pyx check` over the standard
/// library, docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// `pyx` is `sys.executable`, so programs start it as they start
/// `python3` (`subprocess.run([sys.executable, "-c", code])`): a command
/// line that begins with `-c`, `-m`, a `.py` file or CPython's interpreter
/// options is `pyx run …` (the options pyx does not implement — `-u`,
/// `-E`, `-I`, `-s`, `-S`, `-B`, `-b`, `-q`, `-O`, `-R`, `-d`, `-v`, `-W
/// ARG`, `-X ARG` — are accepted and ignored).
fn python_style_args(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let Some(first) = args.get(1).and_then(|a| a.to_str()) else { return args };
    let is_flag = |a: &str| {
        a.len() >= 2
            && a.starts_with('-')
            && !a.starts_with("--")
            && (a[1..].chars().all(|c| "uEIsSBbqORdv".contains(c)) || a.starts_with("-W") || a.starts_with("-X"))
    };
    let python_like = first == "-c" || first == "-m" || first.starts_with("-c") || first.starts_with("-m") || is_flag(first) || (first.ends_with(".py") && !first.starts_with('-'));
    if !python_like {
        return args;
    }
    let mut out = vec![args[0].clone(), "run".into()];
    let mut i = 1;
    while i < args.len() {
        let Some(a) = args[i].to_str() else { break };
        if !is_flag(a) {
            break;
        }
        // `-W ARG` / `-X ARG` take the next argument when it is not attached.
        if (a == "-W" || a == "-X") && i + 1 < args.len() {
            i += 1;
        }
        i += 1;
    }
    // The program's own arguments follow `--`, so that its options
    // (`-m json.tool --help`) are not taken for pyx's.
    if let Some(a) = args.get(i).and_then(|a| a.to_str()) {
        if a == "-c" || a == "-m" {
            out.push(a.into());
            if let Some(v) = args.get(i + 1) {
                out.push(v.clone());
            }
            i += 2;
        } else if let Some(rest) = a.strip_prefix("-c").or_else(|| a.strip_prefix("-m")).filter(|r| !r.is_empty()) {
            out.push(a[..2].into());
            out.push(rest.into());
            i += 1;
        }
    }
    out.push("--".into());
    out.extend(args.get(i..).unwrap_or(&[]).iter().cloned());
    out
}

fn main() -> ExitCode {
    let cli = Cli::parse_from(python_style_args(std::env::args_os().collect()));
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
