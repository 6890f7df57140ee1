package filetree

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRead checks that Read returns every file by its slash-separated
// path with its contents, and refuses a symbolic link, which the tests
// that use it rely on to catch a build that published one.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("home"), 0o644)
	os.WriteFile(filepath.Join(dir, "a", "b", "c.css"), []byte("p{}"), 0o644)
	got, err := Read(dir)
	if want := map[string]string{"index.html": "home", "a/b/c.css": "p{}"}; err != nil || !maps.Equal(got, want) {
		t.Fatalf("Read = %v, %v; want %v", got, err, want)
	}
	if err := os.Symlink(filepath.Join(dir, "index.html"), filepath.Join(dir, "a", "link.html")); err != nil {
		t.Skip(err)
	}
	if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), "link.html is neither a file nor a folder") {
		t.Errorf("Read with a symbolic link: err = %v; want it named", err)
	}
}
