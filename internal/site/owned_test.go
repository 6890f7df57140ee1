package site_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/changes"
	"guide/internal/checker"
	"guide/internal/site"
	"guide/internal/walkthrough"
)

// TestLayoutsOfExtensions checks that a page cannot pick a layout that one
// of the guide's extensions keeps for the pages it makes (the attack's
// "layout: checker-outcome" published a broken page), and that the layouts
// meant for pages stay allowed.
func TestLayoutsOfExtensions(t *testing.T) {
	tests := []struct{ layout, want string }{
		{"checker-outcome", `content/x.zh.md:3:9: layout "checker-outcome" is used by the eligibility checker for its own pages; a page cannot use it: remove the page's "layout:" line or choose another layout`},
		{"checker-question", `content/x.zh.md:3:9: layout "checker-question" is used by the eligibility checker for its own pages; a page cannot use it: remove the page's "layout:" line or choose another layout`},
		{"changes", `content/x.zh.md:3:9: layout "changes" is used by the list of changes for its own pages; a page cannot use it: remove the page's "layout:" line or choose another layout`},
		{"page", ""},
	}
	for _, tt := range tests {
		t.Run(tt.layout, func(t *testing.T) {
			root := testLayouts(t)
			root["content/site.yaml"] = &fstest.MapFile{Data: []byte("baseURL: https://example.gov.cn/\nconfirmed: 2025-04-08\nlanguages:\n  - {code: zh, tag: zh-CN, name: 中文, title: 指南, cjk: true}\n")}
			root["content/_index.zh.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 首页\n---\n")}
			root["content/x.zh.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 页\nlayout: " + tt.layout + "\n---\n正文。\n")}
			exts := []site.Extension{checker.New(root), changes.Extension{}, walkthrough.New(root, walkthrough.Options{})}
			_, errs := site.Load(site.Options{Root: root, Extensions: exts})
			if got := strings.TrimSpace(errs.Error()); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

// testLayouts returns a site of the shared test layouts.
func testLayouts(t *testing.T) fstest.MapFS {
	root := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata"), "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile("testdata/" + p)
		root[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}
