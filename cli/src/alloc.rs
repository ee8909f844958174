//! The global allocator of the `pyx` and `pyls` binaries: mimalloc (its
//! version 2: see the workspace's Cargo.toml), called the way its own
//! `malloc` is meant to be called.
//!
//! The `mimalloc` crate's allocator passes every request to
//! `mi_malloc_aligned`, even for the 8-byte alignment nearly every Rust type
//! has. In mimalloc 3 that takes the fast path only when the size class
//! has a free block ready; otherwise a block whose size is not a power of
//! two (24, 40, 48… bytes: most AST nodes) is over-allocated into a larger
//! size class ("aligned at overalloc"). Every mimalloc block is at least
//! word-aligned, so a request aligned to a word or less needs no aligned
//! call at all: it goes to `mi_malloc`, as `std`'s system allocator does
//! with `malloc`. (Measured on `pyx check` over the standard library:
//! docs/benchmarks.md.)

// The `mimalloc` crate builds and links the C library.
extern crate mimalloc;

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

extern "C" {
    fn mi_malloc(size: usize) -> *mut c_void;
    fn mi_zalloc(size: usize) -> *mut c_void;
    fn mi_realloc(p: *mut c_void, newsize: usize) -> *mut c_void;
    fn mi_free(p: *mut c_void);
    fn mi_malloc_aligned(size: usize, alignment: usize) -> *mut c_void;
    fn mi_zalloc_aligned(size: usize, alignment: usize) -> *mut c_void;
    fn mi_realloc_aligned(p: *mut c_void, newsize: usize, alignment: usize) -> *mut c_void;
}

/// The alignment every block `mi_malloc` returns has (its size classes
/// are multiples of a machine word).
const MI_WORD_ALIGN: usize = std::mem::size_of::<usize>();

pub struct MiMalloc;

// SAFETY: mimalloc's functions are thread-safe and return blocks of at
// least the requested size, aligned as asked (the unaligned ones to a
// word, which is all that is asked of them here), or null.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= MI_WORD_ALIGN {
            mi_malloc(layout.size()) as *mut u8
        } else {
            mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= MI_WORD_ALIGN {
            mi_zalloc(layout.size()) as *mut u8
        } else {
            mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi_free(ptr as *mut c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= MI_WORD_ALIGN {
            mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_as_asked() {
        let a = MiMalloc;
        for size in [1usize, 3, 8, 13, 24, 40, 100, 1000, 5000, 70_000, 1 << 20] {
            for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null() && p as usize % align == 0, "alloc {size} {align}");
                    p.write_bytes(0xAB, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert!(!q.is_null() && q as usize % align == 0, "realloc {size} {align}");
                    assert_eq!(*q, 0xAB);
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert!(!z.is_null() && z as usize % align == 0, "zalloc {size} {align}");
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
