// Command guide builds, checks and serves the bilingual procedure guide.
// Run "guide help" for its usage; the work is done in internal/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"guide/internal/cli"
	"guide/internal/lategc"
)

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "build" || os.Args[1] == "check") {
		// A build runs once and exits: no collection until the heap
		// reaches 64 MiB, which the guide's own build never does.
		lategc.Start(64 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
