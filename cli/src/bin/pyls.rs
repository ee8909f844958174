//! `pyls`: the pyx language server on standard input and output (the
//! same server as `pyx lsp`).

use std::process::ExitCode;

#[global_allocator]
static GLOBAL: pyx_cli::alloc::MiMalloc = pyx_cli::alloc::MiMalloc;

fn main() -> ExitCode {
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--version" | "-V" => {
                println!("pyls {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            "--help" | "-h" => {
                println!("pyls {}: the pyx language server (LSP over standard input/output)\n\nUsage: pyls [--stdio]", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            // Editors pass `--stdio` to say which transport; it is the only one.
            "--stdio" => {}
            other => {
                eprintln!("pyls: unknown argument `{other}` (try --help)");
                return ExitCode::from(2);
            }
        }
    }
    pyx_lsp::run_stdio()
}
