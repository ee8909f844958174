//! Valid UTF-8 only (other inputs are skipped, so libFuzzer's corpus stays
//! text and the time goes into the lexer, parser and lowering rather than
//! the decoder): lex + parse + lower with `type_comments` off and on →
//! invariants → dump. Parsing is also checked to be deterministic.
#![no_main]

use libfuzzer_sys::{fuzz_target, Corpus};

#[path = "../common/check.rs"]
mod check;

fuzz_target!(|data: &[u8]| -> Corpus {
    let Ok(text) = std::str::from_utf8(data) else {
        return Corpus::Reject;
    };
    check::check_text(text);
    let options = pyx_syntax::ParseOptions { type_comments: true };
    assert!(
        pyx_syntax::parse_with(text, options) == pyx_syntax::parse_with(text, options),
        "parsing the same text twice gave different trees or errors"
    );
    Corpus::Keep
});
