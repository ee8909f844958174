//! pyx-syntax: Python 3.11 source text → lossless tokens → rowan concrete
//! syntax tree → an owned AST that mirrors CPython's `ast` module.
//!
//! Parsing never fails and never panics: every entry point returns a tree plus
//! a list of errors. This crate must never know about salsa, files on disk,
//! the LSP, or the interpreter; it is pure functions over text.

pub mod ast;
