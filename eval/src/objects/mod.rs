//! Built-in types: representations, methods and protocols.

pub mod async_gen;
pub mod bytes;
pub mod codecs;
pub mod mappingproxy;
pub mod reduce;
pub mod containers;
pub mod dict;
pub mod exception_group;
pub mod exceptions;
pub mod files;
pub mod format;
pub mod generic_alias;
pub mod hashing;
pub mod frames;
pub mod iter;
pub mod member;
pub mod memoryview;
pub mod methods;
pub mod numbers;
pub mod repr;
pub mod slots;
pub mod str;
pub mod str_methods;
pub mod tbobject;
pub mod unicode_tables;
