// Command collapse is the child process of hugeheap's
// TestReserveLeavesNoSmallPages. It grows its heap until the heap has just
// entered a new huge page, reserves, and prints the page faults that 9 MiB
// of objects allocated after on four goroutines take, as "faults N", and
// each of its mappings advised for huge pages, as "advised START-END". It
// is built without the race detector, whose shadow memory takes page
// faults of its own, so that the test runs under -race too.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"guide/internal/hugeheap"
)

const hugePage = 2 << 20

func main() {
	debug.SetGCPercent(-1)
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
	if p := hugeheap.Reserve(64 << 20); p.Bytes == 0 {
		fmt.Println("no reservation:", p.Reason)
		os.Exit(1)
	}

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
		fmt.Println(err)
		os.Exit(1)
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

func minorFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return ru.Minflt
}
