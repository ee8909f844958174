//! An output fingerprint for speed work on the front end: one hash per
//! input of everything `parse_module` produces (the lossless tree, the AST
//! with every position, every error), so that an optimization can be
//! checked to change nothing. Also checks that `parse_ast` (the path
//! without the lossless tree) gives exactly `parse_module`'s AST and errors.
//!
//!     cargo run --release -p pyx-syntax --example ast_snapshot -- DIR... > before.txt
//!     (change the parser)
//!     cargo run --release -p pyx-syntax --example ast_snapshot -- DIR... > after.txt
//!     diff before.txt after.txt
//!
//! Inputs: every `.py` file under the directories given, as is and broken
//! (cut at a third and at two thirds, every seventh line dropped, brackets
//! dropped), each with type comments off and on, so that error recovery is
//! covered too.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use pyx_syntax::ParseOptions;

fn fingerprint(text: &str, type_comments: bool) -> u64 {
    let options = ParseOptions { type_comments };
    let parsed = pyx_syntax::parse_module(text, options);
    let alone = pyx_syntax::parse_ast(text, options);
    assert!(alone.module == parsed.module && alone.errors == parsed.errors, "parse_ast differs from parse_module");
    let mut h = DefaultHasher::new();
    pyx_syntax::debug_tree(&parsed.parse.syntax_node()).hash(&mut h);
    format!("{:?}", parsed.module).hash(&mut h);
    format!("{:?}", parsed.errors).hash(&mut h);
    format!("{:?}", parsed.parse.errors()).hash(&mut h);
    h.finish()
}

fn cut(text: &str, num: usize, den: usize) -> &str {
    let mut at = text.len() * num / den;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[..at]
}

fn variants(text: &str) -> Vec<(&'static str, String)> {
    let drop7: String = text.split_inclusive('\n').enumerate().filter(|(i, _)| i % 7 != 6).map(|(_, l)| l).collect();
    let nobrackets: String =
        text.chars().enumerate().filter(|&(i, c)| !(matches!(c, ')' | ']' | '}') && i % 5 == 0)).map(|(_, c)| c).collect();
    vec![
        ("full", text.to_string()),
        ("cut1/3", cut(text, 1, 3).to_string()),
        ("cut2/3", cut(text, 2, 3).to_string()),
        ("drop7", drop7),
        ("nobrackets", nobrackets),
    ]
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            let name = e.file_name();
            if name != "__pycache__" && name != "site-packages" {
                walk(&path, out);
            }
        } else if ft.is_file() && path.extension().is_some_and(|x| x == "py") {
            out.push(path);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        let p = PathBuf::from(a);
        if p.is_dir() {
            walk(&p, &mut files);
        } else {
            files.push(p);
        }
    }
    files.sort();
    for path in files {
        let Ok(raw) = std::fs::read(&path) else { continue };
        let decoded = pyx_syntax::source::decode(&raw);
        for (what, v) in variants(&decoded.text) {
            println!("{} {what} {:016x} {:016x}", path.display(), fingerprint(&v, false), fingerprint(&v, true));
        }
    }
}
