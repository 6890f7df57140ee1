// Package lategc lets a short-lived process's heap grow to a floor before
// the garbage collector first runs.
//
// By default Go collects when the heap doubles, from 4 MiB: a build of the
// guide, which allocates a few tens of megabytes and exits, spent about 5
// of its 65 milliseconds collecting garbage it was about to free by
// exiting, and faulting in the memory the collector's bookkeeping touches. With Start,
// no collection runs until the heap reaches the floor; at the first one
// the collector returns to its settings, so a large site is built in as
// little memory as before.
package lategc

import (
	"os"
	"runtime"
	"runtime/debug"
)

// Start turns collection off until the heap reaches floor bytes, unless the
// environment sets GOGC or GOMEMLIMIT, which it respects. It must be
// called once, by the command's main.
func Start(floor int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(floor)
	// The memory limit makes the first collection; the cleanup of an
	// object that only it finds unreachable restores the settings. (A
	// 64-byte object: smaller pointer-free ones may share a block with
	// others, and run their cleanups late.)
	sentinel := new([64]byte)
	runtime.AddCleanup(sentinel, func(int) {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}, 0)
}
