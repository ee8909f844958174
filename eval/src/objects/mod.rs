//! Built-in types: representations, methods and protocols.

pub mod dict;
pub mod format;
pub mod iter;
pub mod methods;
pub mod repr;
pub mod str;
