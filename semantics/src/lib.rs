//! pyx-semantics: the salsa database over source files — module resolution,
//! symbol tables, diagnostics and lint rules, (later) type inference.
//!
//! It derives everything it knows from source text without running it. It must
//! never execute Python code, touch the disk outside its `System` trait, or
//! know about LSP, JSON or terminals.
