//! pyx-eval: the interpreter — compiler from the shared AST and symbol
//! tables to bytecode, the VM, the object model, builtins and native modules.
//!
//! Its runtime state (objects, frames, modules) must never be stored in the
//! salsa database, and a Rust panic must never be its answer to a Python
//! program.

pub mod builtins;
pub mod code;
pub mod codecache;
pub mod compile;
pub mod io;
pub mod modules;
pub mod objects;
pub mod run;
pub mod traceback;
pub mod types;
pub mod value;
pub mod vm;

/// A raised Python exception: the exception instance.
pub struct PyErr(pub value::Value);

pub type PyResult<T> = Result<T, PyErr>;
