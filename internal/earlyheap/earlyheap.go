// Package earlyheap prepares the heap of a one-shot build before the
// packages linked into the command are initialized; cmd/guide imports it.
//
// When the process runs "build" or "check", earlyheap's initialization
// turns the garbage collector off and reserves floor bytes of heap in huge
// pages (internal/hugeheap). It runs before the libraries' own
// initialization, which allocates most of the 900 KB a process has
// allocated when main starts: goldmark's, for one, compiles its patterns.
// Reserved in main, as it was, that memory was in 4 KiB pages, each
// faulted in on first touch: about 800 page faults and 9 ms of a 56 ms
// build of the guide.
//
// Go initializes a package once the packages it imports are, and among
// those that are ready, first the one whose import path sorts first. So
// earlyheap, hugeheap and lategc import only packages initialized early
// (os, syscall, errors and the runtime): while they imported runtime/debug
// and strings, earlyheap was initialized after some 70 other packages
// (yaml.v3, regexp, encoding/xml and content among them), whose
// allocations, in 4 KiB pages, cost the guide's build about 80 page faults
// and 3 ms.
//
// Once the build knows how many files its site has, Sized reserves more for
// a large site and lets the collector run, from floor (internal/lategc).
package earlyheap

import (
	"os"

	"guide/internal/hugeheap"
	"guide/internal/lategc"
)

// floor is the heap reserved at start, and the size below which a build
// collects no garbage: the guide's own build never reaches it.
const floor = 64 << 20

// prepared is whether init prepared the heap, and paused whether it
// turned the collector off, whose setting was percent.
var (
	prepared, paused bool
	percent          int
)

func init() {
	if len(os.Args) < 2 || (os.Args[1] != "build" && os.Args[1] != "check") {
		return
	}
	percent = lategc.SetPercent(-1)
	hugeheap.Reserve(floor)
	// GOGC or GOMEMLIMIT in the environment take precedence: the
	// collector is then off only while the heap is reserved.
	if lategc.Overridden() {
		lategc.SetPercent(percent)
	} else {
		paused = true
	}
	prepared = true
}

// Sized reserves the rest of the heap a site of files files needs, beyond
// floor, and lets the garbage collector run once the heap reaches floor.
// It does nothing in a process that is not a build or check.
func Sized(files int) {
	if !prepared {
		return
	}
	if more := heapFor(files) - floor; more > 0 {
		reserve(more)
	}
	if paused {
		lategc.SetPercent(percent)
	}
	lategc.Start(floor)
}

// reserve reserves n bytes of heap with the collector off, as Reserve
// needs, whether or not the environment turned it back on.
func reserve(n int64) {
	before := lategc.SetPercent(-1)
	hugeheap.Reserve(n)
	lategc.SetPercent(before)
}

// heapFor is the heap to reserve for a site of files files under content/:
// floor, and 32 KiB for each file (a build of the 10,000-page benchmark
// corpus peaks at about 330 MiB of heap), up to 512 MiB. Reserving costs
// about 5 µs per MiB and a collection, so a small site reserves floor
// only; a heap that outgrows its reservation is in small pages.
func heapFor(files int) int64 {
	return min(floor+int64(files)<<15, 512<<20)
}
