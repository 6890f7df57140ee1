//go:build unix

package publish

import (
	"maps"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"guide/internal/filetree"
)

// TestRebuildReusesTheReplacedSite checks that a build writes into the
// site the previous build replaced, and that what it publishes is exactly
// what it wrote: files it no longer makes are gone, a file may become a
// folder and a folder a file, and a link planted in the spare is removed,
// not followed.
func TestRebuildReusesTheReplacedSite(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	publish := func(files map[string]string) {
		t.Helper()
		build(t, dest, files)
		if got := filetree.MustRead(t, dest); !maps.Equal(got, files) {
			t.Fatalf("published %v; want exactly %v", got, files)
		}
	}
	publish(map[string]string{"index.html": "1", "a/index.html": "a1, longer than what overwrites it", "gone/index.html": "g1", "x": "file", "d/e/f.html": "f"})
	publish(map[string]string{"index.html": "2", "a/index.html": "a2"})
	if _, err := os.Stat(filepath.Join(parent, ".public.guide", "prev", "gone/index.html")); err != nil {
		t.Fatalf("the replaced site was not kept as the spare: %v", err)
	}
	inode := func(p string) uint64 {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return st.Sys().(*syscall.Stat_t).Ino
	}
	spareFile := inode(filepath.Join(parent, ".public.guide", "prev", "a/index.html"))

	// Plant a link in the spare that points outside it, where the next
	// build writes a file.
	outside := filepath.Join(parent, "outside.txt")
	os.WriteFile(outside, []byte("keep me"), 0o644)
	os.Remove(filepath.Join(parent, ".public.guide", "prev", "index.html"))
	if err := os.Symlink(outside, filepath.Join(parent, ".public.guide", "prev", "index.html")); err != nil {
		t.Fatal(err)
	}
	// "x" was a file and becomes a folder; "d/e" was a folder and becomes
	// a file.
	publish(map[string]string{"index.html": "3", "a/index.html": "a3", "x/index.html": "x", "d/e": "now a file", "new/index.html": "n"})
	if got := inode(filepath.Join(dest, "a/index.html")); got != spareFile {
		t.Errorf("a/index.html was written as a new file (inode %d), not over the spare's (inode %d)", got, spareFile)
	}
	if b, _ := os.ReadFile(outside); string(b) != "keep me" {
		t.Errorf("the build wrote through a link in the spare: outside.txt = %q", b)
	}

	// An aborted build keeps public/ and leaves a spare that the next
	// build still publishes exactly from.
	d, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("half/index.html", []byte("half"))
	d.Abort()
	if got := filetree.MustRead(t, dest); got["index.html"] != "3" || len(got) != 5 {
		t.Fatalf("an aborted build changed public/: %v", got)
	}
	publish(map[string]string{"index.html": "4"})
}
