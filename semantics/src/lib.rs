//! pyx-semantics: everything derived from source text without running it —
//! symbol tables now; the salsa database, module resolution, diagnostics and
//! lint rules next.
//!
//! It must never execute Python code, touch the disk outside its `System`
//! trait, or know about LSP, JSON or terminals.

pub mod symtable;
