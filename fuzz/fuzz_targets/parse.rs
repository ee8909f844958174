//! Arbitrary bytes → `source::decode` (BOM, coding cookies, lossy UTF-8) →
//! lex + parse + lower with `type_comments` off and on → invariants → dump.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let decoded = pyx_syntax::source::decode(data);
    let text: &str = &decoded.text;
    if let Some(err) = &decoded.error {
        if let Some(offset) = err.offset {
            assert!(offset as usize <= text.len(), "decode error offset {offset} past the text: {err:?}");
        }
    }
    check::check_text(text);
});
