package hugeheap

import (
	"errors"
	"runtime"
	"syscall"
	"unsafe"
)

// arenaBytes is the size of the Go heap's arenas on 64-bit Linux: the heap
// starts at an arena boundary.
const arenaBytes = 64 << 20

// chunkBytes is the unit in which the runtime maps its heap: it grows the
// heap by a multiple of it, from an arena's start.
const chunkBytes = 4 << 20

const (
	madvHugepage = 14 // MADV_HUGEPAGE, absent from package syscall
	madvCollapse = 25 // MADV_COLLAPSE
)

// reserve allocates a block of at least n bytes, advises it and the heap
// around it for huge pages, and lets it go.
func reserve(n int64) error {
	if unsafe.Sizeof(uintptr(0)) < 8 {
		return errors.New("huge pages are only asked for on 64-bit systems")
	}
	early := new([64]byte)
	start, n, keep := allocate(n)
	fence(start + uintptr(n))
	// Advise the heap that exists as well, from the start of its arena:
	// what of it is still untouched can be mapped in huge pages too. If it
	// is not next to the block, advise the block alone.
	//
	// Advise up to the end of the runtime's mapping, too, which it makes
	// in chunks of chunkBytes: the heap grows past the block while it is
	// alive (the collection that frees it allocates its workers' stacks
	// there), and the small objects of those spans are allocated for some
	// time after. Advised only up to the block's end, which is rarely
	// 2 MiB aligned, the huge page it ends in could not be one, and was
	// faulted in 4 KiB at a time: 120 page faults of the guide's build.
	end := (start + uintptr(n) + chunkBytes - 1) &^ (chunkBytes - 1)
	lo := min(uintptr(unsafe.Pointer(early)), start) &^ (arenaBytes - 1)
	if end-lo > uintptr(n)+2*arenaBytes {
		lo = start &^ (hugePage - 1)
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, end-lo, madvHugepage)
	collapse(lo, start)
	runtime.KeepAlive(keep)
	runtime.KeepAlive(early)
	// ENOMEM means part of the range is not mapped (reserved address
	// space between arenas); the mapped parts are advised all the same.
	if errno != 0 && errno != syscall.ENOMEM {
		return errno
	}
	return nil
}

// collapse turns the huge pages from lo up to the one holding end that are
// partly in use into huge pages (MADV_COLLAPSE, Linux 6.1), copying what
// they hold.
//
// The heap allocated before the advice is in small pages, and so is the
// untouched rest of the huge pages it is in. The allocator hands out the
// lowest free pages first and fills the spans it has first, so that rest
// was what the heap grew into after a reservation, one page fault per
// 4 KiB: 160 to 300 faults of the guide's build (depending on where the
// runtime, which picks its heap's address at random, put the heap), about
// 5 ms in all. The copy takes about 0.5 ms; 7 to 12 ms in about one build
// in four on this project's virtual machine, when the huge page the kernel
// takes for it is new to the host, which then backs it 4 KiB at a time.
//
// mincore tells the huge pages in use from those untouched, which the
// advice covers already, and from address space not mapped (ENOMEM).
func collapse(lo, end uintptr) {
	var resident [hugePage / 4096]byte
	for p := lo; p < end; p += hugePage {
		_, _, errno := syscall.Syscall(syscall.SYS_MINCORE, p, hugePage, uintptr(unsafe.Pointer(&resident)))
		if errno != 0 {
			continue
		}
		used := 0
		for _, r := range resident {
			used += int(r & 1)
		}
		if used > 0 && used < len(resident) {
			syscall.Syscall(syscall.SYS_MADVISE, p, hugePage, madvCollapse)
		}
	}
}

// largest is the size of the largest block allocated so far, and fences
// keeps the fences placed after the blocks, for the life of the process.
var (
	largest int64
	fences  [][]byte
)

// allocate allocates a block of at least n bytes without touching it, and
// returns its address, its size and something that keeps it alive.
//
// The runtime zeroes pages it hands out again, and zeroing the block would
// touch every page of it, for nothing (195 ms in one 1,000-page build):
// pages new to the heap are zero already, and are not zeroed. A second
// block is made larger than the first by two chunks, so that it cannot fit
// in the pages the first freed, which its fence closes.
func allocate(n int64) (uintptr, int64, any) {
	if largest > 0 {
		n = max(n, largest+2*chunkBytes)
	}
	largest = max(largest, n)
	block := make([]byte, n)
	return uintptr(unsafe.Pointer(unsafe.SliceData(block))), n, block
}

// fence allocates a chunk at the address end, just after a block that
// reserve is about to let go, and keeps it, so that the pages the block
// frees are a run that ends there: without it, the heap would be extended
// right after them for a larger block, which would begin in them. The
// allocator hands out the lowest run of free pages large enough, and a
// heap that is reserved early has no gap of a chunk before end; a fence
// that lands lower all the same (after a second block, in the first one's
// pages) is let go. A fence costs address space, not memory: it is not
// touched. So a third block could begin in the second's pages, and be
// zeroed; builds reserve twice at most.
func fence(end uintptr) {
	f := make([]byte, chunkBytes)
	if uintptr(unsafe.Pointer(unsafe.SliceData(f))) >= end {
		fences = append(fences, f)
	}
}

func physicalMemory() int64 {
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) != nil {
		return 0
	}
	return int64(info.Totalram) * int64(info.Unit)
}

func addressLimited() bool {
	var lim syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &lim) != nil {
		return true
	}
	return lim.Cur != ^uint64(0) // RLIM_INFINITY
}
