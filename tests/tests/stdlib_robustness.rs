//! The parser on the standard library: lossless on every file, and never a
//! panic (or an error outside the text) on any cut-up piece of one.

use pyx_syntax::{parse_module, ParseOptions, TextSize};

fn read_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).expect("read stdlib file");
    pyx_syntax::source::decode(&bytes).text.into_owned()
}

/// Parse and lower `text`; check the tree is lossless and every error lies
/// within the text. Returns a description of the first violation.
fn check(text: &str, type_comments: bool) -> Result<(), String> {
    let parsed = parse_module(text, ParseOptions { type_comments });
    let tree_text = parsed.parse.syntax_node().text().to_string();
    if tree_text != text {
        return Err("tree text differs from the source".into());
    }
    let len = TextSize::of(text);
    for e in &parsed.errors {
        if e.range.end() > len || !text.is_char_boundary(e.range.start().into()) || !text.is_char_boundary(e.range.end().into()) {
            return Err(format!("error range {:?} outside the text or inside a character: {}", e.range, e.msg));
        }
        if e.msg.contains("step limit") {
            return Err(format!("parser step limit hit (a loop that does not advance): {}", e.msg));
        }
    }
    // The printer must cope with whatever lowering produced.
    let _ = pyx_syntax::ast::dump(&parsed.module, true);
    Ok(())
}

#[test]
fn every_stdlib_file_is_lossless() {
    let files = pyx_tests::stdlib_files();
    let mut bad = Vec::new();
    for path in &files {
        let text = read_text(path);
        let parse = pyx_syntax::parse(&text);
        if parse.syntax_node().text().to_string() != text {
            bad.push(path.display().to_string());
        }
    }
    println!("lossless: {} of {} files", files.len() - bad.len(), files.len());
    assert!(bad.is_empty(), "tree text differs from the source for: {bad:?}");
}

/// Offsets spread evenly over the text, moved back to character boundaries.
fn cut_points(text: &str, n: usize) -> Vec<usize> {
    (1..=n)
        .map(|k| {
            let mut at = text.len() * k / (n + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        })
        .collect()
}

#[test]
fn cut_up_stdlib_files_never_break_the_parser() {
    const PREFIXES: usize = 12;
    const DELETIONS: usize = 12;
    let files = pyx_tests::stdlib_files();
    let pieces = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let chunks: Vec<&[std::path::PathBuf]> = files.chunks(files.len().div_ceil(2)).collect();
    std::thread::scope(|s| {
        for chunk in chunks {
            let pieces = &pieces;
            let failures = &failures;
            s.spawn(move || {
                for path in chunk {
                    let text = read_text(path);
                    let mut fail = |what: String, e: String| {
                        failures.lock().expect("no panics while holding it").push(format!("{}: {what}: {e}", path.display()));
                    };
                    // Prefixes: the file as an editor sees it while typing.
                    for at in cut_points(&text, PREFIXES) {
                        let piece = &text[..at];
                        let r = std::panic::catch_unwind(|| check(piece, at % 2 == 0));
                        pieces.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        match r {
                            Ok(Ok(())) => {}
                            Ok(Err(e)) => fail(format!("prefix of {at} bytes"), e),
                            Err(_) => fail(format!("prefix of {at} bytes"), "panic".into()),
                        }
                    }
                    // Single-token deletions, spread over the file.
                    let tokens: Vec<_> = pyx_syntax::lexer::lex(&text)
                        .tokens
                        .into_iter()
                        .filter(|t| !t.kind.is_trivia() && !t.is_empty())
                        .collect();
                    if tokens.is_empty() {
                        continue;
                    }
                    for k in 0..DELETIONS.min(tokens.len()) {
                        let t = tokens[tokens.len() * k / DELETIONS.min(tokens.len())];
                        let mut piece = String::with_capacity(text.len());
                        piece.push_str(&text[..t.start as usize]);
                        piece.push_str(&text[t.end as usize..]);
                        let r = std::panic::catch_unwind(|| check(&piece, k % 2 == 0));
                        pieces.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        match r {
                            Ok(Ok(())) => {}
                            Ok(Err(e)) => fail(format!("without the token at {}..{}", t.start, t.end), e),
                            Err(_) => fail(format!("without the token at {}..{}", t.start, t.end), "panic".into()),
                        }
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().expect("threads finished");
    println!("cut-up pieces parsed: {}, failures: {}", pieces.into_inner(), failures.len());
    for f in failures.iter().take(30) {
        println!("  {f}");
    }
    assert!(failures.is_empty(), "{} pieces broke the parser", failures.len());
}
