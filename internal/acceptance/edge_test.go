package acceptance

import (
	"os"
	"path/filepath"
	"testing"

	"guide/internal/txtarsite"
)

// TestEdgeCases builds the content of testdata/edge.txtar with the real
// layouts, stylesheet and scripts, and runs every check of TestPages on
// its pages: steps joined by "or" and "and" (whose word must not become a
// heading), an optional step, headings inside a step, a wide table, long
// addresses, words and code, which the real guide does not all have yet.
func TestEdgeCases(t *testing.T) {
	logic, err := logicWords()
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	if err := os.CopyFS(src, txtarsite.Read(t, nil, filepath.Join("testdata", "edge.txtar")).Root); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"layouts", "static"} {
		if err := os.CopyFS(filepath.Join(src, dir), os.DirFS(filepath.Join(repoRoot, dir))); err != nil {
			t.Fatal(err)
		}
	}
	b, err := buildGuide(src, filepath.Join(t.TempDir(), "public"), "edge", "/")
	if err != nil {
		t.Fatalf("building testdata/edge.txtar: %v", err)
	}
	t.Cleanup(b.srv.Close)

	for _, p := range b.pages {
		t.Run(p.name(), func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, b.url(p))
			if p.rel == "apply/" || p.rel == "en/apply/" {
				// The page has the steps the test is for.
				if n := eval[int](tb, `document.querySelectorAll('.step-or .logic, .step-and .logic').length`); n != 2 {
					t.Fatalf("%s shows %d steps joined by or/and; want 2", tb.url, n)
				}
			}
			runPageChecks(t, tb, b.policy, b.origin(), logic)
		})
	}
}
