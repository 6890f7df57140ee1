package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"guide/internal/messages"
)

// printVersion writes the version of guide to w: stamped, the version the
// release build gave it (cmd/release); otherwise the version control
// revision Go recorded at build time, or that it is a development build.
// It speaks the language of p.
func printVersion(w io.Writer, p messages.Printer, stamped string) {
	if stamped != "" {
		fmt.Fprintf(w, "guide %s (%s/%s)\n", stamped, runtime.GOOS, runtime.GOARCH)
		return
	}
	revision, modified := "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	switch {
	case revision == "":
		p.Fprintf(w, "guide, a development build (%s/%s)\n", runtime.GOOS, runtime.GOARCH)
	case modified:
		p.Fprintf(w, "guide, a development build of revision %.12s with changes (%s/%s)\n", revision, runtime.GOOS, runtime.GOARCH)
	default:
		p.Fprintf(w, "guide, a development build of revision %.12s (%s/%s)\n", revision, runtime.GOOS, runtime.GOARCH)
	}
}
