//! pyx-debugger: the DAP server and pdb-compatible front end, driving the
//! eval VM through its trace hooks.
//!
//! It must never reach into the VM except through those hooks, and must answer
//! every request, unknown commands included.
