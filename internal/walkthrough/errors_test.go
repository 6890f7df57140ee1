package walkthrough_test

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/cli"
	"guide/internal/filetree"
	"guide/internal/publish"
	"guide/internal/txtarsite"
	"guide/internal/walkthrough"
)

var updateErrors = flag.Bool("update-errors", false, "rewrite the errors files of testdata/errors")

// TestErrors builds each broken site of testdata/errors and compares the
// problems reported with the archive's errors file, line by line.
func TestErrors(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.txtar")
	if len(files) == 0 {
		t.Fatal("no error cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			root, _, wantErrs := fixture(t, file)
			_, _, _, err := build(root, t.TempDir())
			if err == nil {
				t.Fatalf("%s: build succeeded; want errors:\n%s", file, wantErrs)
			}
			got := strings.TrimSpace(err.Error())
			if *updateErrors {
				txtarsite.SetErrors(t, file, got)
				return
			}
			if want := strings.TrimSpace(wantErrs); got != want {
				t.Errorf("%s: errors differ\ngot:\n%s\nwant:\n%s", file, got, want)
			}
		})
	}
}

// unreadableFS is a file system in which one file cannot be opened. It
// hides the methods of MapFS other than Open, such as Sub, which would
// bypass it.
type unreadableFS struct {
	files fstest.MapFS
	name  string
}

func (u unreadableFS) Open(name string) (fs.File, error) {
	if name == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.files.Open(name)
}

// TestUnreadableImage checks the message for an image that exists but
// cannot be read, which a txtar archive cannot express.
func TestUnreadableImage(t *testing.T) {
	root, _, _ := fixture(t, "testdata/errors/missing-image.txtar")
	root["content/booking/nothing.png"] = &fstest.MapFile{Data: []byte("x")}
	root["content/booking/two-en.png"] = root["content/booking/two.png"]
	_, _, _, err := build(unreadableFS{root, "content/booking/nothing.png"}, t.TempDir())
	want := `content/booking/screens.frames.yaml:4:12: frame "one": image: content/booking/nothing.png cannot be read: permission denied`
	if err == nil || strings.TrimSpace(err.Error()) != want {
		t.Errorf("build error = %v; want %s", err, want)
	}
}

// TestBrokenBuildLeavesPublic runs guide build on a site with a bad
// walkthrough and checks that it fails with the problem and leaves the
// published folder as it was.
func TestBrokenBuildLeavesPublic(t *testing.T) {
	t.Setenv(walkthrough.EnvCacheDir, t.TempDir())
	root, _, _ := fixture(t, "testdata/errors/coordinates.txtar")
	dir := t.TempDir()
	for name, f := range root {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The published folder is one an earlier build made, as guide build
	// only builds into such a folder.
	public := filepath.Join(dir, "public")
	before := map[string]string{"index.html": "the site as published", "booking/old.png": "old"}
	d, err := publish.Begin(public)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range before {
		if err := d.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"build", "-src", dir}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("guide build exited with %d; want 1\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
	want := `content/booking/screens.frames.yaml:9:12: frame "one", callout 1: x is 120, outside the image: write a percentage from 0 to 100`
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr does not report the problem %q:\n%s", want, &stderr)
	}
	after := filetree.MustRead(t, public)
	if !maps.Equal(before, after) {
		t.Errorf("public/ changed: got %q; want %q", after, before)
	}
}
