// Package lategc lets a short-lived process's heap grow to a floor before
// the garbage collector first runs.
//
// By default Go collects when the heap doubles, from 4 MiB: a build of the
// guide, which allocates a few tens of megabytes and exits, spent about 5
// of its 65 milliseconds collecting garbage it was about to free by
// exiting, and faulting in the memory the collector's bookkeeping touches.
// With Start, no collection runs until the heap reaches the floor; at the
// first one the collector returns to its settings, so a large site is
// built in as little memory as before.
package lategc

import (
	"os"
	"runtime"
	_ "unsafe" // for go:linkname
)

// Overridden reports whether GOGC or GOMEMLIMIT in the environment set the
// collector: Start then leaves it alone, and so should anything else that
// tunes it for a build.
func Overridden() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }

// Start delays the first collection until the heap reaches about floor bytes,
// unless the environment sets GOGC or GOMEMLIMIT, which it respects. It
// must be called once, by the command, while the heap is small.
func Start(floor int64) {
	if Overridden() {
		return
	}
	percent := SetPercent(percentFor(floor, heapNow()))
	// The cleanup of an object that only the first collection finds
	// unreachable restores the setting. (A 64-byte object: smaller
	// pointer-free ones may share a block with others, and run their
	// cleanups late.)
	sentinel := new([64]byte)
	runtime.AddCleanup(sentinel, func(int) { SetPercent(percent) }, 0)
}

// percentFor returns the GOGC that makes the first collection come when the
// heap reaches floor, for a heap that holds live bytes now.
//
// Go first collects when the heap reaches 4 MiB scaled by GOGC/100, or what
// the last collection left scaled by 1+GOGC/100, if that is more. Scaled so
// that the 4 MiB becomes the floor, GOGC delays the first collection to it;
// but if the heap holds more than 4 MiB, the second term is larger, and the
// collection comes later: with 5 MB held (internal/hugeheap keeps a 4 MiB
// block), a 1,000-page build first collected at 93 MB rather than 64, and
// peaked 20 MB higher. So GOGC is the smaller of the two that put each term
// at the floor. (A memory limit would do the same, but it also counts the
// free pages the heap keeps mapped, such as those of internal/hugeheap's
// reservation.)
func percentFor(floor, live int64) int {
	percent := floor * 100 / (4 << 20)
	if live > 0 {
		percent = min(percent, (floor-live)*100/live)
	}
	return int(max(100, percent))
}

// heapNow returns the bytes of heap allocated and not yet freed: what the
// last collection left and what was allocated since.
func heapNow() int64 {
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	return int64(stats.HeapAlloc)
}

// SetPercent sets the collector's target percentage, GOGC, and returns the
// previous setting, as runtime/debug.SetGCPercent does: it calls the same
// function of the runtime.
//
// This package does not import runtime/debug so that internal/earlyheap,
// which imports it, is initialized before most of the standard library
// and the libraries: among the packages whose imports are initialized, Go
// initializes first the one whose import path sorts first, and a package
// that imports runtime/debug (or strings) waits until the packages sorting
// before "runtime/debug" that are ready have been initialized (regexp,
// yaml.v3, encoding/xml and some 50 more).
func SetPercent(percent int) int { return int(setGCPercent(int32(percent))) }

// setGCPercent is the runtime's, which gives it to runtime/debug under this
// name. If a release of Go renames it, the command fails to link: it cannot
// silently stop working.
//
//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(int32) int32
