// Command guide builds, checks and serves the bilingual procedure guide.
// Run "guide help" for its usage; the work is done in internal/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"guide/internal/cli"
	"guide/internal/hugeheap"
	"guide/internal/lategc"
)

// gcFloor is the heap size below which a build never collects garbage:
// the guide's own build never reaches it.
const gcFloor = 64 << 20

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "build" || os.Args[1] == "check") {
		// A build runs once and exits. Until it knows how large the
		// site is, nothing is collected; then its heap grows into a
		// range mapped at once in huge pages (address space: only what
		// is touched is memory), sized to the site, and no collection
		// runs until the heap reaches gcFloor.
		percent := debug.SetGCPercent(-1)
		cli.Sized = func(files int) {
			hugeheap.Reserve(heapFor(files))
			debug.SetGCPercent(percent)
			lategc.Start(gcFloor)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// heapFor is the heap to reserve for a site of files files under
// content/: gcFloor, and 32 KiB for each file (a build of the
// 10,000-page benchmark corpus peaks at about 330 MiB of heap), up to
// 512 MiB. Reserving costs about 5 µs per MiB, so a small site reserves
// little; a heap that outgrows its reservation is in small pages.
func heapFor(files int) int64 {
	return min(gcFloor+int64(files)<<15, 512<<20)
}
