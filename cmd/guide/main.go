// Command guide builds, checks and serves the bilingual procedure guide.
// Run "guide help" for its usage; the work is done in internal/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"guide/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
