// Command guide builds, checks and serves the bilingual procedure guide.
// Run "guide help" for its usage; started without a command in a guide's
// folder, it serves the guide and opens it in the browser. The work is
// done in internal/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"guide/internal/cli"
)

// version is the version of this build of guide, stamped by the release
// build (go run ./cmd/release) with -ldflags "-X main.version=…"; a build
// without it reports the version control revision instead.
var version string

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.NewProgram(version).Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
