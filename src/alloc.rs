//! The process's allocator: the system's (glibc's) until a command that
//! reads many documents calls [`use_mimalloc`], mimalloc's after.
//!
//! Reading, extracting and indexing run on several threads that allocate
//! and free without pause; under glibc they wait on each other's arena
//! locks, and a rebuild of 100,000 documents takes about a fifth more time
//! than under mimalloc. A search is one short process, where mimalloc's
//! pages, one for each size of block, are faulted in fresh: it starts 0.7
//! to 1.1 ms later than under glibc. So each command gets the one it runs
//! best under.
//!
//! A block is always freed, or grown, by the allocator that gave it, as
//! mimalloc's own page map says ([`mi_is_in_heap_region`]): blocks given
//! before the switch go back to glibc, whenever they are freed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};

use libmimalloc_sys::{mi_free, mi_is_in_heap_region, mi_malloc_aligned, mi_realloc_aligned, mi_zalloc_aligned};

/// Whether new blocks come from mimalloc.
static MIMALLOC: AtomicBool = AtomicBool::new(false);

/// From now on, new blocks come from mimalloc.
pub fn use_mimalloc() {
    MIMALLOC.store(true, Ordering::Relaxed);
}

/// The system's allocator, or mimalloc's after [`use_mimalloc`].
pub struct Switch;

/// Whether mimalloc gave the block at `p`.
fn from_mimalloc(p: *mut u8) -> bool {
    // SAFETY: the page map is only read; any address may be asked about.
    unsafe { mi_is_in_heap_region(p as *const c_void) }
}

// SAFETY: each block is handed to the allocator that gave it (mimalloc's
// page map tells them apart), and each allocator keeps the contract of
// `GlobalAlloc` for the blocks it gives.
unsafe impl GlobalAlloc for Switch {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if MIMALLOC.load(Ordering::Relaxed) {
            // SAFETY: as `GlobalAlloc::alloc` (a non-zero size).
            unsafe { mi_malloc_aligned(layout.size(), layout.align()) as *mut u8 }
        } else {
            // SAFETY: as `GlobalAlloc::alloc`.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if MIMALLOC.load(Ordering::Relaxed) {
            // SAFETY: as `GlobalAlloc::alloc_zeroed`.
            unsafe { mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8 }
        } else {
            // SAFETY: as `GlobalAlloc::alloc_zeroed`.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if from_mimalloc(ptr) {
            // SAFETY: mimalloc gave this block.
            unsafe { mi_free(ptr as *mut c_void) }
        } else {
            // SAFETY: the system's allocator gave this block, with `layout`.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if from_mimalloc(ptr) {
            // SAFETY: mimalloc gave this block.
            unsafe { mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8 }
        } else {
            // SAFETY: the system's allocator gave this block, with `layout`.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_given_before_the_switch_are_grown_and_freed_by_the_allocator_that_gave_them() {
        // Tests run side by side in this process: the switch, once made,
        // holds for all of them, as it does for a command.
        let before: Vec<Vec<u8>> = (0..64).map(|n| vec![n as u8; 16 << (n % 12)]).collect();
        let text_before = String::from("khuyến học, khuyến tài");
        assert!(!MIMALLOC.load(Ordering::Relaxed), "nothing else switches");
        assert!(before.iter().all(|b| !from_mimalloc(b.as_ptr() as *mut u8)));
        use_mimalloc();
        let after: Vec<Vec<u8>> = (0..64).map(|n| vec![n as u8; 16 << (n % 12)]).collect();
        assert!(after.iter().all(|b| from_mimalloc(b.as_ptr() as *mut u8)));
        // A block from before, grown after: glibc grows it, and it stays
        // whole.
        assert!(!from_mimalloc(text_before.as_ptr() as *mut u8));
        let mut grown = text_before;
        for _ in 0..1000 {
            grown.push_str(" xây dựng xã hội học tập");
        }
        assert!(grown.starts_with("khuyến học, khuyến tài xây dựng"));
        for (n, (b, a)) in before.iter().zip(&after).enumerate() {
            assert_eq!(b.len(), 16 << (n % 12));
            assert!(b.iter().chain(a).all(|&x| x == n as u8));
        }
        drop(before);
        drop(after);
        drop(grown);
        // Large, zeroed and over-aligned blocks after the switch.
        let big = vec![0u8; 64 << 20];
        assert!(from_mimalloc(big.as_ptr() as *mut u8) && big.iter().all(|&x| x == 0));
        let layout = Layout::from_size_align(4096, 4096).expect("a valid layout");
        // SAFETY: a non-zero size; freed below with the same layout.
        let p = unsafe { Switch.alloc(layout) };
        assert!(!p.is_null() && (p as usize).is_multiple_of(4096));
        // SAFETY: given above by `Switch` with this layout.
        unsafe { Switch.dealloc(p, layout) };
    }
}
