//! pyx-cli: the `pyx` and `pyls` binaries — argument parsing and output only.
//!
//! It must never hold feature logic: everything it prints is computed by the
//! library crates.

pub mod alloc;
pub mod ast_command;
pub mod check;
pub mod run_command;
pub mod symtable_command;
