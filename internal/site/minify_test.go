package site

import (
	"strings"
	"testing"

	"guide/internal/txtarsite"
)

// TestSVGPublished builds the site of testdata/svg/clean.txtar, whose
// pictures (one saved by Inkscape with its metadata, and the guide's
// favicon) may be published, and compares each with its want/ file: what
// draws is kept, the drawing program's own data is gone. Run with -update
// to rewrite the want/ files, then review them. The pictures are published
// under hashed names, which the comparison leaves out.
func TestSVGPublished(t *testing.T) {
	const file = "testdata/svg/clean.txtar"
	root, want, _ := fixture(t, file)
	out, err := build(root, Options{})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	published := map[string][]byte{}
	for name, data := range out.Files {
		published[unhashed([]string{name})[0]] = data
	}
	if *update {
		got := map[string]string{}
		for name := range want {
			got[name] = string(published[name]) + "\n"
		}
		txtarsite.SetWant(t, file, got)
		return
	}
	if len(want) == 0 {
		t.Fatalf("%s lists no pictures under want/", file)
	}
	for name, w := range want {
		got, ok := published[name]
		if !ok {
			t.Errorf("%s was not published", name)
			continue
		}
		if string(got) != strings.TrimSuffix(w, "\n") {
			t.Errorf("%s:\ngot  %s\nwant %s", name, got, w)
		}
		for _, gone := range []string{"inkscape", "sodipodi", "rdf:", "<metadata", "<!--"} {
			if strings.Contains(string(got), gone) {
				t.Errorf("%s still holds %q:\n%s", name, gone, got)
			}
		}
	}
}
