//! The owned, CPython-shaped AST (`syntax::ast`): node types mirroring
//! CPython 3.11's `ast` module one for one, `dump` (byte-exact
//! `ast.dump(tree, include_attributes=A, indent=3)`, i.e. `python3 -m ast`),
//! and Python `repr()` of constants.

pub mod dump;
pub mod nodes;
pub mod repr;
pub mod lower;
pub mod relocate;
pub mod unparse;

pub use dump::dump;
pub use nodes::*;
