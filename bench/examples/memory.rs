//! Memory the front end takes per byte of source: for every standard
//! library file, the peak of live heap bytes while `parse_ast` runs and
//! the bytes its result keeps, both over the file's size.
//!
//!     cargo run --release --example memory --manifest-path bench/Cargo.toml
//!
//! Prints the totals and the ten files with the highest peak.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use pyx_bench::{load, py_files, stdlib_dir};
use pyx_syntax::ParseOptions;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static CALLS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        CALLS.fetch_add(1, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
            PEAK.fetch_max(live, Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        CALLS.fetch_add(1, Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let files = load(&py_files(&stdlib_dir()));
    let mut rows = Vec::new();
    let (mut src, mut peak_sum, mut kept_sum, mut calls_sum) = (0usize, 0usize, 0usize, 0usize);
    for f in &files {
        let Some(text) = f.text.as_deref() else { continue };
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let calls = CALLS.load(Relaxed);
        let parsed = pyx_syntax::parse_ast(text, ParseOptions { type_comments: false });
        let peak = PEAK.load(Relaxed) - base;
        let kept = LIVE.load(Relaxed) - base;
        let n = CALLS.load(Relaxed) - calls;
        drop(parsed);
        src += text.len();
        peak_sum += peak;
        kept_sum += kept;
        calls_sum += n;
        rows.push((peak, kept, text.len(), f.path.display().to_string()));
    }
    println!(
        "{} files, {:.1} MB source: peak {:.1}x source, AST kept {:.1}x, {:.2} allocations per byte",
        rows.len(),
        src as f64 / 1e6,
        peak_sum as f64 / src as f64,
        kept_sum as f64 / src as f64,
        calls_sum as f64 / src as f64
    );
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    for (peak, kept, len, path) in rows.iter().take(10) {
        println!("{:>8} KB source  peak {:>6.1}x  kept {:>5.1}x  {path}", len / 1024, *peak as f64 / *len as f64, *kept as f64 / *len as f64);
    }
}
