//! Module resolution (being written: see docs/semantics.md).
