package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guide/internal/filetree"
)

// TestOutFolderIsGuarded replays the attack on -out: a folder of the
// editor's with files in it, the content folder, the source folder itself
// and the root. Each build is refused with the folder named and the way
// out said; nothing in the folder changes; no lock file or spare is left
// in the source folder, the root or beside the refused folder; and two
// builds in a row do not delete anything either.
func TestOutFolderIsGuarded(t *testing.T) {
	dir := newSite(t)
	home := t.TempDir()
	mine := filepath.Join(home, "somefolder")
	write(t, filepath.Join(mine, "report.docx"), "the editor's work")
	write(t, filepath.Join(mine, "photos", "a.jpg"), "a photo")
	sources := filetree.MustRead(t, dir)

	for _, tc := range []struct{ out, want string }{
		{mine, "cannot build into " + mine + ": the folder is not empty (it holds photos, report.docx) and guide did not build it"},
		{filepath.Join(dir, "content"), "cannot build into " + filepath.Join(dir, "content") + ": it is the folder " + filepath.Join(dir, "content") + ", which holds the guide's sources"},
		{filepath.Join(dir, "layouts", "x"), "it is inside " + filepath.Join(dir, "layouts")},
		{dir, "cannot build into " + dir + ": it contains " + filepath.Join(dir, "content")},
		{"/", "cannot build into /: it is the root of the file system"},
	} {
		for range 2 {
			code, stdout, stderr := run("build", "-src", dir, "-out", tc.out)
			if code != 1 || !strings.Contains(stderr, tc.want) || stdout != "" {
				t.Errorf("build -out %s: exit %d, stdout %q, stderr %q; want 1 and %q", tc.out, code, stdout, stderr, tc.want)
			}
		}
	}
	if got := filetree.MustRead(t, mine); len(got) != 2 || got["report.docx"] != "the editor's work" || got["photos/a.jpg"] != "a photo" {
		t.Errorf("the editor's folder changed: %v", got)
	}
	if entries, _ := os.ReadDir(home); len(entries) != 1 {
		t.Errorf("refused builds left files beside the editor's folder: %v", entries)
	}
	if got := filetree.MustRead(t, dir); len(got) != len(sources) {
		t.Errorf("refused builds changed the source folder: %d files, had %d", len(got), len(sources))
	}
	for _, stray := range []string{"/.lock", "/..lock", "/.guide", "/..guide"} {
		if _, err := os.Lstat(stray); err == nil {
			t.Errorf("a refused build left %s", stray)
		}
	}

	// The default output builds, twice, and keeps its state in one hidden
	// folder beside it, not loose in the source folder.
	for range 2 {
		if code, _, stderr := run("build", "-src", dir); code != 0 {
			t.Fatal(stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	var hidden []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			hidden = append(hidden, e.Name())
		}
	}
	if len(hidden) != 1 || hidden[0] != ".public.guide" {
		t.Errorf("hidden files in the source folder after two builds: %v; want only .public.guide", hidden)
	}
}
