package hugeheap

import (
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// arenaBytes is the size of the Go heap's arenas on 64-bit Linux: the heap
// starts at an arena boundary.
const arenaBytes = 64 << 20

const madvHugepage = 14 // MADV_HUGEPAGE, absent from package syscall

func reserve(n int64) error {
	if unsafe.Sizeof(uintptr(0)) < 8 {
		return errors.New("huge pages are only asked for on 64-bit systems")
	}
	early := new([64]byte)
	start, keep := allocate(n)
	end := start + uintptr(n)
	// Advise the heap that exists as well, from the start of its arena:
	// what of it is still untouched can be mapped in huge pages too. If it
	// is not next to the block, advise the block alone.
	lo := min(uintptr(unsafe.Pointer(early)), start) &^ (arenaBytes - 1)
	if end-lo > uintptr(n)+2*arenaBytes {
		lo = start &^ (hugePage - 1)
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, end-lo, madvHugepage)
	runtime.KeepAlive(keep)
	runtime.KeepAlive(early)
	// ENOMEM means part of the range is not mapped (reserved address
	// space between arenas); the mapped parts are advised all the same.
	if errno != 0 && errno != syscall.ENOMEM {
		return errno
	}
	return nil
}

// reserved is set once the first block is allocated.
var reserved atomic.Bool

// allocate allocates a block of n bytes without touching it, and returns
// its address and something that keeps it alive.
//
// The first block is a new part of the heap, which the runtime knows to
// be zero. A later block would reuse the pages the first one freed, which
// the runtime zeroes before it hands them out again: zeroing, say, 64 MiB
// would touch every page, for nothing. strings.Builder.Grow allocates
// without zeroing, but its address can only be read once a byte is
// written, so that it touches the block's first page before it is
// advised; that page is most likely already in use, and what it costs is
// at most one 2 MiB range in small pages.
func allocate(n int64) (uintptr, any) {
	if !reserved.Swap(true) {
		block := make([]byte, n)
		return uintptr(unsafe.Pointer(unsafe.SliceData(block))), block
	}
	var b strings.Builder
	b.Grow(int(n))
	b.WriteByte(0)
	s := b.String()
	return uintptr(unsafe.Pointer(unsafe.StringData(s))), &b
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
