// Command reserve is the child process of hugeheap's tests that need a
// process of their own, whose heap is small and reserved as a build's is.
// It is built without the race detector, whose shadow memory takes page
// faults of its own, so that the tests run under -race too.
//
//	reserve collapse
//
// grows the heap until it has just entered a new huge page, reserves, and
// prints the page faults that 9 MiB of objects allocated after on four
// goroutines take, as "faults N", and each of its mappings advised for huge
// pages, as "advised START-END".
//
//	reserve again
//
// reserves 64 MiB, then 32 MiB more, as a build of a large site does, and
// prints by how much the second reservation made the process's resident
// memory grow, as "grew N" (bytes).
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"guide/internal/hugeheap"
)

const hugePage = 2 << 20

func main() {
	debug.SetGCPercent(-1)
	if len(os.Args) != 2 {
		fail("usage: reserve collapse|again")
	}
	switch os.Args[1] {
	case "collapse":
		collapse()
	case "again":
		again()
	default:
		fail("usage: reserve collapse|again")
	}
}

func collapse() {
	var kept [][]byte
	alloc := func() uintptr {
		b := make([]byte, 4096)
		b[0] = 1
		kept = append(kept, b)
		return uintptr(unsafe.Pointer(&b[0]))
	}
	first := alloc() &^ (hugePage - 1)
	for {
		if a := alloc(); a&^(hugePage-1) != first && a&(hugePage-1) < 256<<10 {
			break
		}
	}
	reserve(64 << 20)

	before := minorFaults()
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range 4 {
		wg.Go(func() {
			// 16 bytes to 4 KiB, 2.25 MiB in all.
			var mine [][]byte
			for i := range 2048 {
				b := make([]byte, 16<<(i%9))
				b[0] = 1
				mine = append(mine, b)
			}
			mu.Lock()
			kept = append(kept, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	fmt.Println("faults", minorFaults()-before)

	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		fail(err.Error())
	}
	var mapping string
	for line := range strings.Lines(string(smaps)) {
		f := strings.Fields(line)
		if len(f) > 0 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			mapping = f[0]
		}
		if len(f) > 0 && f[0] == "VmFlags:" && strings.Contains(line, " hg") {
			fmt.Println("advised", mapping)
		}
	}
}

func again() {
	reserve(64 << 20)
	before := residentBytes()
	reserve(32 << 20)
	fmt.Println("grew", residentBytes()-before)
}

func reserve(n int64) {
	if p := hugeheap.Reserve(n); p.Bytes == 0 {
		fail("no reservation: " + p.Reason)
	}
}

func minorFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		fail(err.Error())
	}
	return ru.Minflt
}

func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		fail(err.Error())
	}
	f := strings.Fields(string(b))
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		fail(err.Error())
	}
	return pages * int64(os.Getpagesize())
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}
