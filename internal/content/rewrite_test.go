package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/txtarsite"
)

// TestMarkTranslated checks the rewrite of "guide translated" against the
// golden files of testdata/translated.txtar, with LF and with CRLF line
// endings, and that the rewritten page is no longer stale.
func TestMarkTranslated(t *testing.T) {
	a := txtarsite.Read(t, nil, "testdata/translated.txtar")
	for _, eol := range []string{"\n", "\r\n"} {
		fsys := fstest.MapFS{}
		for name, f := range a.Root {
			fsys[name] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(f.Data), "\n", eol))}
		}
		site, errs := LoadSite(fsys)
		if site == nil {
			t.Fatal(errs)
		}
		for name, want := range a.Want {
			want = strings.ReplaceAll(want, "\n", eol)
			got, err := MarkTranslated(fsys, name, site)
			if err != nil {
				t.Fatalf("%q: %s: %v", eol, name, err)
			}
			if string(got) != want {
				t.Errorf("%q: %s:\ngot:\n%s\nwant:\n%s", eol, name, got, want)
			}
			fsys[name] = &fstest.MapFile{Data: got}
		}
		if _, errs := Load(fsys); len(errs) > 0 {
			t.Errorf("%q: after the rewrite: %v; want no problem", eol, errs)
		}
	}
}

func TestMarkTranslatedRefuses(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":     {Data: []byte(siteYAML)},
		"a.zh.md":       {Data: []byte("---\ntitle: 甲\n---\n")},
		"b.en.md":       {Data: []byte("---\ntitle: B\n---\n")},
		"c.zh.md":       {Data: []byte("---\ntitle: [\n---\n")},
		"c.en.md":       {Data: []byte("---\ntitle: C\n---\n")},
		"d.en.md":       {Data: []byte("no front matter\n")},
		"d.zh.md":       {Data: []byte("---\ntitle: 丁\n---\n")},
		"notes.txt":     {Data: []byte("x")},
		"e.en.md":       {Data: []byte("---\ntitle: E\n---\n")},
		"e.zh.md":       {Data: []byte("\ufeff---\ntitle: 戊\n---\n")},
		"bom/f.en.md":   {Data: []byte("\ufeff---\r\ntitle: F\r\n---\r\n")},
		"bom/f.zh.md":   {Data: []byte("---\ntitle: 己\n---\n")},
		"missing.en.md": {Data: []byte("---\ntitle: M\n---\n")},
	}
	site, _ := LoadSite(fsys)
	for _, c := range []struct{ page, want string }{
		{"a.zh.md", "content/a.zh.md is in the site's first language, which the others are translated from: name the translation, such as a.en.md"},
		{"b.en.md", "content/b.en.md is translated from content/b.zh.md, which cannot be read"},
		{"c.en.md", "content/c.zh.md, which content/c.en.md is translated from, has errors; fix them first:"},
		{"d.en.md", "content/d.en.md: a page must start with front matter"},
		{"notes.txt", "content/notes.txt is not a page"},
	} {
		if _, err := MarkTranslated(fsys, c.page, site); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: err = %v; want it to start %q", c.page, err, c.want)
		}
	}
	got, err := MarkTranslated(fsys, "bom/f.en.md", site)
	if err != nil || !strings.HasPrefix(string(got), "\ufeff---\r\ntitle: F\r\ntranslated: \"front:") || !strings.HasSuffix(string(got), "\"\r\n---\r\n") {
		t.Errorf("a page with a byte-order mark and CRLF: %q, %v", got, err)
	}
}
