package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guide/internal/filetree"
)

// build publishes files into dest, failing the test on any error.
func build(t *testing.T, dest string, files map[string]string, protect ...string) {
	t.Helper()
	if err := begin(t, dest, files, protect...).Commit(); err != nil {
		t.Fatal(err)
	}
}

// begin starts a build of dest and writes files into it, failing the test
// on any error.
func begin(t *testing.T, dest string, files map[string]string, protect ...string) *Dir {
	t.Helper()
	d, err := Begin(dest, protect...)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := d.WriteFile(name, []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// TestRefusesFoldersThatAreNotGuides builds into folders that hold
// somebody's files: each is refused with the folder named and the way out
// said, nothing in it changes, and nothing is left beside it.
func TestRefusesFoldersThatAreNotGuides(t *testing.T) {
	parent := t.TempDir()
	docs := filepath.Join(parent, "somefolder")
	os.MkdirAll(filepath.Join(docs, "letters"), 0o755)
	os.WriteFile(filepath.Join(docs, "report.docx"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(docs, "letters", "a.txt"), []byte("mine too"), 0o644)
	before := filetree.MustRead(t, docs)

	for range 2 { // a second try must not find anything the first left
		_, err := Begin(docs)
		want := "cannot build into " + docs + ": the folder is not empty (it holds letters, report.docx) and guide did not build it"
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "Choose another folder with -out, or empty this one first") {
			t.Fatalf("Begin(%s): err = %v; want it refused with %q and the way out", docs, err, want)
		}
	}
	if got := filetree.MustRead(t, docs); len(got) != len(before) || got["report.docx"] != "mine" || got["letters/a.txt"] != "mine too" {
		t.Errorf("the refused folder changed: %v", got)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("a refused build left files beside the folder: %v", entries)
	}
}

// TestBuildsIntoEmptyOrOwnFolder checks that an empty folder is accepted,
// that a folder guide built is built into again, and that a file somebody
// put into it since makes the next build refuse rather than delete it.
func TestBuildsIntoEmptyOrOwnFolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "site")
	os.Mkdir(dest, 0o755)
	build(t, dest, map[string]string{"index.html": "1", "a/index.html": "a"})
	build(t, dest, map[string]string{"index.html": "2", "b/index.html": "b"})

	os.WriteFile(filepath.Join(dest, "a-note.txt"), []byte("keep"), 0o644)
	_, err := Begin(dest)
	want := "cannot build into " + dest + ": it holds a-note.txt, which guide did not write there, and publishing replaces the whole folder; move them out of " + dest + " and build again"
	if err == nil || err.Error() != want {
		t.Fatalf("Begin after a file was added: err = %v; want %q", err, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a-note.txt")); string(b) != "keep" {
		t.Errorf("the added file is gone")
	}
	os.Remove(filepath.Join(dest, "a-note.txt"))
	build(t, dest, map[string]string{"index.html": "3"})
}

// TestKilledAfterTheManifest checks that a build killed between writing
// the new site's manifest and swapping it in, or right after the swap,
// leaves a folder the next build still takes for guide's.
func TestKilledAfterTheManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, map[string]string{"index.html": "1"})
	state := stateDir(dest)
	// As if the next build had swapped in a site with one more file and
	// was killed before renaming its manifest.
	os.WriteFile(filepath.Join(state, manifestNext), []byte("index.html\nnew.html\n"), 0o644)
	os.WriteFile(filepath.Join(dest, "new.html"), []byte("n"), 0o644)
	build(t, dest, map[string]string{"index.html": "2"})
}

// TestRefusesTheSources checks every way an output folder could cover the
// sources: the source folder itself, a folder above it, content/ and a
// folder inside it, through a link, and the root of the file system.
func TestRefusesTheSources(t *testing.T) {
	src := filepath.Join(t.TempDir(), "guide")
	for _, d := range []string{"content/booking", "layouts", "static"} {
		os.MkdirAll(filepath.Join(src, d), 0o755)
	}
	os.WriteFile(filepath.Join(src, "content", "_index.zh.md"), []byte("---\n---\n"), 0o644)
	link := filepath.Join(filepath.Dir(src), "link-to-content")
	if err := os.Symlink(filepath.Join(src, "content"), link); err != nil {
		t.Fatal(err)
	}
	protect := []string{filepath.Join(src, "content"), filepath.Join(src, "layouts"), filepath.Join(src, "static")}
	for _, tc := range []struct{ dest, want string }{
		{src, "it contains " + protect[0] + ", which holds the guide's sources"},
		{filepath.Dir(src), "it contains " + protect[0] + ", which holds the guide's sources"},
		{protect[0], "it is the folder " + protect[0] + ", which holds the guide's sources"},
		{filepath.Join(src, "content", "booking"), "it is inside " + protect[0] + ", which holds the guide's sources"},
		{filepath.Join(src, "content", "new"), "it is inside " + protect[0]},
		{filepath.Join(src, "static", "public"), "it is inside " + protect[2]},
		{link, "it is the folder " + protect[0]},
		{string(filepath.Separator), "it is the root of the file system"},
	} {
		_, err := Begin(tc.dest, protect...)
		if err == nil || !strings.Contains(err.Error(), "cannot build into "+tc.dest+": "+tc.want) {
			t.Errorf("Begin(%s): err = %v; want %q", tc.dest, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "content", "_index.zh.md")); err != nil {
		t.Errorf("the sources were touched: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(src, ".*")); len(left) > 0 {
		t.Errorf("refused builds left %v in the source folder", left)
	}
	// The default, public/ in the source folder, is fine.
	build(t, filepath.Join(src, "public"), map[string]string{"index.html": "x"}, protect...)
}

// TestStateFolderInTheWay checks that a file or a stranger's folder where
// guide keeps its own files is refused, not used or removed.
func TestStateFolderInTheWay(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	os.WriteFile(filepath.Join(parent, ".public.guide"), []byte("x"), 0o644)
	if _, err := Begin(dest); err == nil || !strings.Contains(err.Error(), ".public.guide is in the way") {
		t.Errorf("a file at the state folder: err = %v; want it refused", err)
	}
	os.Remove(filepath.Join(parent, ".public.guide"))
	os.MkdirAll(filepath.Join(parent, ".public.guide", "prev"), 0o755)
	os.WriteFile(filepath.Join(parent, ".public.guide", "prev", "mine.txt"), []byte("x"), 0o644)
	if _, err := Begin(dest); err == nil || !strings.Contains(err.Error(), "that folder is not guide's") {
		t.Errorf("a stranger's folder at the state folder: err = %v; want it refused", err)
	}
	if _, err := os.Stat(filepath.Join(parent, ".public.guide", "prev", "mine.txt")); err != nil {
		t.Errorf("the stranger's file was removed")
	}
}

// TestFailedWriteLeavesNothing checks that a build whose writes failed (as
// on a full disk) removes what it wrote instead of keeping it as the
// spare, and leaves the published site as it was.
func TestFailedWriteLeavesNothing(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, map[string]string{"index.html": "0"})
	build(t, dest, map[string]string{"index.html": "1"}) // now there is a spare
	d, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("big/index.html", []byte(strings.Repeat("x", 1000)))
	// A file where the build already wrote one cannot become a folder:
	// the write fails as a full disk's would.
	if err := d.WriteFile("big/index.html/x", []byte("y")); err == nil {
		t.Fatal("the write into a file succeeded")
	}
	d.Abort()
	if _, err := os.Stat(filepath.Join(stateDir(dest), "prev")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the half-written build was kept as the spare (%v)", err)
	}
	if left, _ := filepath.Glob(filepath.Join(stateDir(dest), "tmp-*")); len(left) > 0 {
		t.Errorf("the half-written build was left: %v", left)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "1" {
		t.Errorf("public/index.html = %q; want the old site's", b)
	}
}

// TestSymbolicLinkDestination checks that a link where the site goes is
// refused rather than replaced.
func TestSymbolicLinkDestination(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "real")
	os.Mkdir(target, 0o755)
	dest := filepath.Join(parent, "public")
	if err := os.Symlink(target, dest); err != nil {
		t.Skip(err)
	}
	if _, err := Begin(dest); err == nil || !strings.Contains(err.Error(), "it is a symbolic link") {
		t.Errorf("err = %v; want the link refused", err)
	}
}
