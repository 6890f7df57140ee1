package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestCommitSwapsAndAbortKeeps(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")

	d, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "a/index.html")); string(got) != "one" {
		t.Fatalf("after the first build a/index.html = %q; want one", got)
	}

	// A second build that fails leaves the first in place.
	d, err = Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("a/index.html", []byte("two"))
	d.Abort()
	if got, _ := os.ReadFile(filepath.Join(dest, "a/index.html")); string(got) != "one" {
		t.Fatalf("after an aborted build a/index.html = %q; want one", got)
	}

	// A third that succeeds replaces everything: files it did not write
	// are gone.
	d, _ = Begin(dest)
	d.WriteFile("b/index.html", []byte("three"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "a/index.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a/index.html lingers after a build without it")
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != ".public.guide" {
			t.Errorf("left beside public/: %s", e.Name())
		}
	}
}

func TestSecondBuildIsRefused(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	if _, err := Begin(dest); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Begin: err = %v; want ErrLocked", err)
	}
}

func TestLeftoversOfKilledBuildsAreRemoved(t *testing.T) {
	parent := t.TempDir()
	stale := filepath.Join(parent, ".public.guide", "tmp-123")
	first, err := Begin(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	first.Abort()
	os.MkdirAll(filepath.Join(stale, "x"), 0o755)
	d, err := Begin(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the leftover %s was not removed", stale)
	}
}

func TestBadDestinations(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, dest := range []string{filepath.Join(parent, "missing", "public"), file, filepath.Join(file, "public")} {
		if _, err := Begin(dest); err == nil {
			t.Errorf("Begin(%s) succeeded; want an error", dest)
		}
	}
}

func TestWriteFileStaysInside(t *testing.T) {
	d, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../escape.html", "/etc/x", "a/../../b"} {
		if err := d.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded; want it refused", name)
		}
	}
}

// TestConcurrentWrites writes a site from many goroutines at once, as the
// build's workers do, into a new folder and then over the spare: every
// file arrives, in folders created once or found.
func TestConcurrentWrites(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for round := range 3 {
		d, err := Begin(dest)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Go(func() {
				for i := range 50 {
					name := fmt.Sprintf("s%d/p%d-%d/index.html", i%5, i, w)
					if err := d.WriteFile(name, []byte(fmt.Sprint(round))); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		for w := range 8 {
			for i := range 50 {
				b, err := os.ReadFile(filepath.Join(dest, fmt.Sprintf("s%d/p%d-%d/index.html", i%5, i, w)))
				if err != nil || string(b) != fmt.Sprint(round) {
					t.Fatalf("round %d: %q, %v", round, b, err)
				}
			}
		}
	}
}
