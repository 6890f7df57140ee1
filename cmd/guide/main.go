// Command guide builds, checks and serves the bilingual procedure guide.
// Run "guide help" for its usage; the work is done in internal/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"guide/internal/cli"
	"guide/internal/hugeheap"
	"guide/internal/lategc"
)

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "build" || os.Args[1] == "check") {
		// A build runs once and exits. Its heap grows into 512 MiB
		// mapped at once in huge pages (address space: only what is
		// touched is memory), and no collection runs until the heap
		// reaches 64 MiB, which the guide's own build never does.
		hugeheap.Reserve(512 << 20)
		lategc.Start(64 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
