//! The invariants both fuzz targets assert about `pyx_syntax` on one text.
//! Shared with `#[path]` rather than a library crate to keep `fuzz/` a
//! single package.

use pyx_syntax::{ast, parse_module, ParseOptions, ParsedModule};

/// Parses and lowers `text` with `type_comments` off and on, and checks
/// every invariant; panics (which libFuzzer reports as a crash) when one
/// fails.
pub fn check_text(text: &str) {
    for type_comments in [false, true] {
        let parsed = parse_module(text, ParseOptions { type_comments });
        check_parsed(text, type_comments, &parsed);
    }
}

fn check_parsed(text: &str, type_comments: bool, parsed: &ParsedModule) {
    // Lossless: the concrete tree spells the input back exactly.
    let root = parsed.parse.syntax_node();
    let round_trip = root.text().to_string();
    assert!(
        round_trip == text,
        "tree is not lossless (type_comments={type_comments}): {} bytes in, {} bytes out",
        text.len(),
        round_trip.len()
    );
    assert_eq!(
        usize::from(root.text_range().end()),
        text.len(),
        "root range does not cover the text (type_comments={type_comments})"
    );

    // Every error (lexer, parser, lowering) points inside the text, on char
    // boundaries, and the list is sorted by start as documented.
    for (list, errors) in [("parse.errors()", parsed.parse.errors()), ("errors", &parsed.errors[..])] {
        let mut last_start = 0usize;
        for e in errors {
            let start = usize::from(e.range.start());
            let end = usize::from(e.range.end());
            assert!(
                start <= end && end <= text.len(),
                "{list}: range {start}..{end} outside 0..={} (type_comments={type_comments}): {e:?}",
                text.len()
            );
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "{list}: range {start}..{end} not on char boundaries (type_comments={type_comments}): {e:?}"
            );
            assert!(start >= last_start, "{list}: not sorted by start (type_comments={type_comments}): {e:?}");
            last_start = start;
        }
    }
    // The lowered errors include the parse errors.
    assert!(parsed.errors.len() >= parsed.parse.errors().len());

    // first_error must not panic and must be one of the errors.
    if let Some(first) = parsed.first_error() {
        assert!(parsed.errors.contains(first));
    }

    // Dumping (what `pyx ast` prints) must not panic, with and without
    // attributes.
    let plain = ast::dump(&parsed.module, false);
    let attrs = ast::dump(&parsed.module, true);
    assert!(plain.starts_with("Module(") && attrs.starts_with("Module("));
}
