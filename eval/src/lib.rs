//! pyx-eval: the interpreter — compiler from the shared AST and symbol
//! tables to bytecode, the VM, the object model, builtins and native modules.
//!
//! Its runtime state (objects, frames, modules) must never be stored in the
//! salsa database, and a Rust panic must never be its answer to a Python
//! program.
