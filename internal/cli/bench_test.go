package cli

import (
	"path/filepath"
	"testing"
)

// BenchmarkBuildGuide measures a whole guide build of the repository's own
// guide, from loading the sources to swapping the new public/ in.
func BenchmarkBuildGuide(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if code, _, stderr := run("build", "-src", "../..", "-out", out); code != 0 {
			b.Fatal(stderr)
		}
	}
}

// BenchmarkCheckGuide measures guide check: every step of the build but
// writing.
func BenchmarkCheckGuide(b *testing.B) {
	for b.Loop() {
		if code, _, stderr := run("check", "-src", "../.."); code != 0 {
			b.Fatal(stderr)
		}
	}
}
