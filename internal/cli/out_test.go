package cli

import (
	"maps"
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

// TestOutFolderWhileLoading: the output folder is checked while the
// sources are read. A refused folder is still what the editor is told
// about, even when the sources have mistakes too, and a build whose
// sources fail leaves the published site as it was and the folder free
// for the next build.
func TestOutFolderWhileLoading(t *testing.T) {
	dir := newSite(t)
	mine := filepath.Join(t.TempDir(), "somefolder")
	write(t, filepath.Join(mine, "report.docx"), "the editor's work")
	write(t, filepath.Join(dir, "content", "a.en.md"), "---\ntitle: [Steps\n---\nText.\n")

	code, _, stderr := run("build", "-src", dir, "-out", mine)
	if code != 1 || !strings.Contains(stderr, "cannot build into "+mine) || strings.Contains(stderr, "a.en.md") {
		t.Errorf("bad sources into a refused folder: exit %d, stderr %q; want only the folder refused", code, stderr)
	}

	out := filepath.Join(t.TempDir(), "public")
	write(t, filepath.Join(dir, "content", "a.en.md"), "---\ntitle: Steps\nsummary: Summary.\n---\nText.\n")
	if code, _, stderr := run("build", "-src", dir, "-out", out); code != 0 {
		t.Fatal(stderr)
	}
	published := filetree.MustRead(t, out)
	write(t, filepath.Join(dir, "content", "a.en.md"), "---\ntitle: [Steps\n---\nText.\n")
	if code, _, stderr := run("build", "-src", dir, "-out", out); code != 1 || !strings.Contains(stderr, "content/a.en.md:2:") {
		t.Errorf("bad sources: exit %d, stderr %q; want the page's mistake", code, stderr)
	}
	if got := filetree.MustRead(t, out); !maps.Equal(got, published) {
		t.Errorf("a failed build changed the published site")
	}
	write(t, filepath.Join(dir, "content", "a.en.md"), "---\ntitle: Steps again\nsummary: Summary.\n---\nText.\n")
	if code, _, stderr := run("build", "-src", dir, "-out", out); code != 0 {
		t.Errorf("the build after a failed one: %s", stderr)
	}
}
