//! pyx-semantics: everything derived from source text without running it —
//! the salsa database over files, symbol tables, module resolution,
//! diagnostics and lint rules, (later) type inference.
//!
//! It must never execute Python code, touch the disk outside its `System`
//! trait, or know about LSP, JSON or terminals.

pub mod config;
pub mod db;
pub mod diagnostics;
pub mod imports;
pub mod lint;
pub mod project;
pub mod queries;
pub mod resolve;
pub mod static_cond;
pub mod suppress;
pub mod symtable;
pub mod system;

pub use db::{Db, File, RootDatabase};
