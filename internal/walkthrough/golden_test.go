package walkthrough_test

import (
	"bytes"
	"flag"
	"maps"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"guide/internal/txtarsite"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/golden")

// TestGolden builds each site of testdata/golden and compares the pages it
// wrote with the archive's want/ files. Run with -update to rewrite them,
// then review the change like code.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			root, want, _ := fixture(t, file)
			out, _, _, err := build(root, t.TempDir())
			if err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			if *update {
				rewriteGolden(t, file, out)
				return
			}
			if len(want) == 0 {
				t.Fatalf("%s has no want/ files; run with -update", file)
			}
			got := goldenFiles(out)
			for name, w := range want {
				g, ok := got[name]
				if !ok {
					t.Errorf("%s: %s was not written", file, name)
					continue
				}
				if g != w {
					t.Errorf("%s: %s differs from want/%s:\ngot:\n%s\nwant:\n%s", file, name, name, g, w)
				}
			}
		})
	}
}

// filesList is the name of the golden file that lists every file written.
const filesList = "FILES"

// goldenFiles returns what golden files compare: the HTML pages written,
// one tag per line for readable diffs, and the list of all files.
func goldenFiles(out *memOutput) map[string]string {
	m := map[string]string{}
	var names []string
	for name, data := range out.Files {
		names = append(names, name)
		if path.Ext(name) == ".html" {
			m[name] = txtarsite.GoldenForm(data)
		}
	}
	sort.Strings(names)
	m[filesList] = strings.Join(names, "\n") + "\n"
	return m
}

// rewriteGolden replaces the want/ files of an archive with what the build
// wrote.
func rewriteGolden(t *testing.T, file string, out *memOutput) {
	txtarsite.SetWant(t, file, goldenFiles(out))
}

// TestRebuildUsesCache builds a site twice with one cache folder: the
// second build must resize nothing and write the same files.
func TestRebuildUsesCache(t *testing.T) {
	root, _, _ := fixture(t, "testdata/golden/walkthrough.txtar")
	cache := t.TempDir()
	first, _, ext, err := build(root, cache)
	if err != nil {
		t.Fatal(err)
	}
	cold := ext.Stats()
	if cold.Resized == 0 || cold.Cached != 0 || cold.Decoded != 3 {
		t.Errorf("first build: %+v; want copies resized, none cached and the 3 raster images decoded", cold)
	}
	second, _, ext, err := build(root, cache)
	if err != nil {
		t.Fatal(err)
	}
	warm := ext.Stats()
	if warm.Resized != 0 || warm.Cached != cold.Resized || warm.Decoded != 0 {
		t.Errorf("second build: %+v; want nothing resized or decoded and %d copies from the cache", warm, cold.Resized)
	}
	if warm.Variants != cold.Variants || warm.Images != cold.Images {
		t.Errorf("second build published %d copies of %d images; the first %d of %d", warm.Variants, warm.Images, cold.Variants, cold.Images)
	}
	if !maps.EqualFunc(first.Files, second.Files, bytes.Equal) {
		t.Error("the second build wrote other files than the first")
	}
}
