//! pyx-lsp: the language server (`pyls`) over the semantics database.
//!
//! Feature logic lives in plain functions over the database
//! ([`features`], one file per feature, tested without the protocol); the
//! [`server`] only converts to and from the protocol. It must never mutate
//! the database from a request handler, hold a snapshot across an `.await`,
//! or let a panic in a handler kill the server.

pub mod analysis;
pub mod features;
pub mod position;
pub mod server;
pub mod transport;
pub mod walk;

#[cfg(test)]
mod testing;

pub use server::run_stdio;
