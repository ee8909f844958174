//! A profiling target: pyx alone over the whole stdlib, no peers, so a
//! sampling profiler sees only pyx-syntax.
//!
//!     cargo build --release --example profile --manifest-path bench/Cargo.toml
//!     perf record -e cpu-clock -g bench/target/release/examples/profile parse_module 3
//!
//! Arguments: `parse_module` (default) or `parse`, then a number of passes
//! (default 3).

use std::hint::black_box;
use std::time::Instant;

use pyx_bench::{load, py_files, stdlib_dir};
use pyx_syntax::ParseOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "parse_module".into());
    let passes: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    let files = load(&py_files(&stdlib_dir()));
    let texts: Vec<&str> = files.iter().filter_map(|f| f.text.as_deref()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    for _ in 0..passes {
        let start = Instant::now();
        for text in &texts {
            match what.as_str() {
                "parse" => {
                    black_box(pyx_syntax::parse(text));
                }
                _ => {
                    black_box(pyx_syntax::parse_module(text, ParseOptions { type_comments: false }));
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!("{what}: {} files, {:.2} MB in {secs:.3}s ({:.1} MB/s)", texts.len(), bytes as f64 / 1e6, bytes as f64 / 1e6 / secs);
    }
}
