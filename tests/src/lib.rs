//! pyx-tests: end-to-end tests across crates — the standard-library corpus,
//! the CLI, and (later) LSP and DAP sessions.
//!
//! It must never be a dependency of another crate, and a test here must never
//! pass by skipping: a missing python3 or stdlib is a failure with a message.
