//! Editor features as plain functions over the database. Each takes `db`
//! first and answers in byte offsets of the file's text; the server
//! converts to the protocol's positions.

pub mod goto_definition;
pub mod diagnostics;
pub mod document_symbols;
pub mod hover;
pub mod completion;
pub mod code_actions;
pub mod folding;
pub mod references;
pub mod rename;
pub mod selection;
pub mod semantic_tokens;
pub mod signature_help;
pub mod workspace_symbols;
mod robustness;
pub mod inlay_hints;
