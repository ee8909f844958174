//! An output fingerprint for speed work: one hash per input of everything
//! `parse_module` produces (the lossless tree, the AST with every position,
//! every error), so that an optimization can be checked to change nothing.
//!
//!     cargo run --release --example snapshot --manifest-path bench/Cargo.toml > before.txt
//!     (change the parser)
//!     cargo run --release --example snapshot --manifest-path bench/Cargo.toml > after.txt
//!     diff before.txt after.txt
//!
//! Inputs: every stdlib file as is, and broken variants of it (cut at a
//! third and at two thirds, every seventh line dropped, brackets dropped),
//! each with type comments off and on, so that error recovery is covered
//! too. Extra files or directories (a fuzz corpus, say) can be given as
//! arguments; they are decoded as pyx decodes source.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use pyx_bench::{load, py_files, stdlib_dir};
use pyx_syntax::ParseOptions;

fn fingerprint(text: &str, type_comments: bool) -> u64 {
    let options = ParseOptions { type_comments };
    let parsed = pyx_syntax::parse_module(text, options);
    // `parse_ast` (no lossless tree) must give exactly the same AST and errors.
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
    let nobrackets: String = text.chars().enumerate().filter(|&(i, c)| !(matches!(c, ')' | ']' | '}') && i % 5 == 0)).map(|(_, c)| c).collect();
    vec![
        ("full", text.to_string()),
        ("cut1/3", cut(text, 1, 3).to_string()),
        ("cut2/3", cut(text, 2, 3).to_string()),
        ("drop7", drop7),
        ("nobrackets", nobrackets),
    ]
}

fn extra_files(args: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for a in args {
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p).expect("read dir").flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
            v.sort();
            out.extend(v);
        } else {
            out.push(p);
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = stdlib_dir();
    for f in load(&py_files(&root)) {
        let Some(text) = &f.text else { continue };
        let name = f.path.strip_prefix(&root).unwrap_or(&f.path).display().to_string();
        for (what, v) in variants(text) {
            println!("{name} {what} {:016x} {:016x}", fingerprint(&v, false), fingerprint(&v, true));
        }
    }
    for path in extra_files(&args) {
        let raw = std::fs::read(&path).expect("read input");
        let decoded = pyx_syntax::source::decode(&raw);
        println!("{} {:016x} {:016x}", path.display(), fingerprint(&decoded.text, false), fingerprint(&decoded.text, true));
    }
}
