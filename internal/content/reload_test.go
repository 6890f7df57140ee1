package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

const reloadSiteYAML = "baseURL: https://example.gov.cn/\nconfirmed: 2025-04-08\nlanguages:\n  - {code: zh, tag: zh-CN, name: 中文, title: 指南, cjk: true}\n  - {code: en, tag: en, name: English, title: Guide}\n"

func reloadPage(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nsummary: s\n---\nbody\n")}
}

// reloadBase returns the content that the tests of Reload change.
func reloadBase() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml":          {Data: []byte(reloadSiteYAML)},
		"_index.zh.md":       reloadPage("首页"),
		"_index.en.md":       reloadPage("Home"),
		"a.zh.md":            reloadPage("甲"),
		"a.en.md":            reloadPage("A"),
		"dir/b.zh.md":        reloadPage("乙"),
		"dir/b.en.md":        reloadPage("B"),
		"dir/b.png":          {Data: []byte("png")},
		"dir/sub/c.zh.md":    reloadPage("丙"),
		"dir/sub/c.en.md":    reloadPage("C"),
		"dir/rules.yaml":     {Data: []byte("x: 1\n")},
		"_drafts/d.zh.md":    reloadPage("丁"),
		"dir-b/e.zh.md":      reloadPage("戊"),
		"dir-b/e.en.md":      reloadPage("E"),
		".hidden/f.zh.md":    reloadPage("己"),
		"dir/.g.zh.md.swp":   {Data: []byte("junk")},
		"dir/4913":           {Data: []byte("")},
		"dir/b.zh.md~":       {Data: []byte("junk")},
		"dir/sub/notes.txtx": {Data: []byte("ignored")},
	}
}

// reloadCase is a change of reloadBase and the paths it changes.
type reloadCase struct {
	name   string
	change func(fs fstest.MapFS)
	paths  []string
}

// TestReloadFiles checks Reload after changes to pages and other files.
func TestReloadFiles(t *testing.T) {
	testReload(t, []reloadCase{
		{"edit", func(fs fstest.MapFS) { fs["a.zh.md"] = reloadPage("甲二") }, []string{"a.zh.md"}},
		{"create", func(fs fstest.MapFS) { fs["new.zh.md"] = reloadPage("新") }, []string{"new.zh.md"}},
		{"delete", func(fs fstest.MapFS) { delete(fs, "a.en.md") }, []string{"a.en.md"}},
		{"rename", func(fs fstest.MapFS) { fs["z.zh.md"] = fs["a.zh.md"]; delete(fs, "a.zh.md") }, []string{"a.zh.md", "z.zh.md"}},
		{"temp file", func(fs fstest.MapFS) { fs["dir/.b.zh.md.swx"] = &fstest.MapFile{Data: []byte("x")} }, []string{"dir/.b.zh.md.swx"}},
		{"broken page", func(fs fstest.MapFS) { fs["a.zh.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")} }, []string{"a.zh.md"}},
		{"steps differ", func(fs fstest.MapFS) {
			fs["a.zh.md"] = &fstest.MapFile{Data: []byte("---\ntitle: t\nsummary: s\nsteps:\n  - {id: one, title: 一}\n---\n")}
		}, []string{"a.zh.md"}},
	})
}

// TestReloadFolders checks Reload after changes to folders, and to
// everything.
func TestReloadFolders(t *testing.T) {
	testReload(t, []reloadCase{
		{"delete folder", func(fs fstest.MapFS) {
			for k := range fs {
				if strings.HasPrefix(k, "dir/") {
					delete(fs, k)
				}
			}
		}, []string{"dir"}},
		{"rename folder", func(fs fstest.MapFS) {
			for k, v := range fs {
				if rest, ok := strings.CutPrefix(k, "dir/"); ok {
					fs["moved/"+rest] = v
					delete(fs, k)
				}
			}
		}, []string{"dir", "moved"}},
		{"new folder", func(fs fstest.MapFS) {
			fs["n/x.zh.md"] = reloadPage("新")
			fs["n/x.en.md"] = reloadPage("New")
			fs["n/x.png"] = &fstest.MapFile{Data: []byte("png")}
		}, []string{"n"}},
		{"folder and a file inside it", func(fs fstest.MapFS) { fs["dir/sub/c.zh.md"] = reloadPage("丙二") }, []string{"dir/sub/c.zh.md", "dir", "dir/sub"}},
		{"file replaced by a folder", func(fs fstest.MapFS) {
			delete(fs, "a.zh.md")
			fs["a.zh.md/inner.zh.md"] = reloadPage("内")
		}, []string{"a.zh.md"}},
		{"into a draft folder", func(fs fstest.MapFS) { fs["_drafts/a.zh.md"] = fs["a.zh.md"]; delete(fs, "a.zh.md") }, []string{"a.zh.md", "_drafts/a.zh.md"}},
		{"everything", func(fs fstest.MapFS) { delete(fs, "a.zh.md"); fs["q.zh.md"] = reloadPage("q") }, []string{"."}},
	})
}

// testReload checks that reloading the changed paths gives the content
// that loading everything again gives, whatever the change was.
func testReload(t *testing.T, tests []reloadCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := reloadBase()
			old, errs := Load(fsys)
			if len(errs.Errors()) > 0 {
				t.Fatalf("base content: %v", errs)
			}
			tt.change(fsys)
			got, gotErrs := old.Reload(fsys, tt.paths)
			want, wantErrs := Load(fsys)
			if g, w := gotErrs.Sort().Error(), wantErrs.Sort().Error(); g != w {
				t.Errorf("problems:\ngot  %s\nwant %s", g, w)
			}
			if !reflect.DeepEqual(pagePaths(got), pagePaths(want)) {
				t.Errorf("pages: got %v; want %v", pagePaths(got), pagePaths(want))
			}
			for i := range min(len(got.Pages), len(want.Pages)) {
				if !reflect.DeepEqual(got.Pages[i], want.Pages[i]) {
					t.Errorf("page %s: got %+v; want %+v", want.Pages[i].Path, got.Pages[i], want.Pages[i])
				}
			}
			if !reflect.DeepEqual(got.Assets, want.Assets) || !reflect.DeepEqual(got.Data, want.Data) {
				t.Errorf("assets, data: got %v, %v; want %v, %v", got.Assets, got.Data, want.Assets, want.Data)
			}
		})
	}
}

// TestReloadKeepsUnchangedPages checks that the pages of unchanged files
// are the same values, which lets the site tell what changed cheaply.
func TestReloadKeepsUnchangedPages(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte(reloadSiteYAML)},
		"a.zh.md":   reloadPage("甲"),
		"b.zh.md":   reloadPage("乙"),
	}
	old, _ := Load(fsys)
	fsys["b.zh.md"] = reloadPage("乙二")
	c, _ := old.Reload(fsys, []string{"b.zh.md"})
	if c.Pages[0] != old.Pages[0] {
		t.Errorf("a.zh.md was read again; want the same *Page")
	}
	if c.Pages[1] == old.Pages[1] || c.Pages[1].Title != "乙二" {
		t.Errorf("b.zh.md: got title %q; want the new page titled 乙二", c.Pages[1].Title)
	}
	if old.Pages[1].Title != "乙" {
		t.Errorf("Reload changed the old content: b.zh.md has title %q", old.Pages[1].Title)
	}
}

func TestIgnored(t *testing.T) {
	tests := map[string]bool{
		"a.zh.md":               false,
		"dir/a.zh.md":           false,
		"_index.zh.md":          false,
		"dir/_index.zh.md":      false,
		"_drafts/a.zh.md":       true,
		"dir/.git/a.zh.md":      true,
		".a.zh.md":              true,
		"dir/a.zh.md~":          true,
		"dir/a.zh.md___jb_tmp_": true,
		"5036":                  true,
		"5037":                  false,
		"a.zh.md.swn":           true,
		"a.kate-swp":            true,
		"~$report.docx":         true,
		"sedEtGOmY":             true,
		"sedan.zh.md":           false,
	}
	for p, want := range tests {
		if got := Ignored(p); got != want {
			t.Errorf("Ignored(%q) = %v; want %v", p, got, want)
		}
	}
}

func TestOutermost(t *testing.T) {
	got := outermost([]string{"a-b/x", "a/x/y", "a", "a/x", "b", "a-b"})
	want := []string{"a", "a-b", "b"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v; want %v", got, want)
	}
	if got := outermost([]string{"a", "."}); !reflect.DeepEqual(got, []string{"."}) {
		t.Errorf("got %v; want [.]", got)
	}
}

func pagePaths(c *Content) []string {
	var out []string
	for _, p := range c.Pages {
		out = append(out, p.Path)
	}
	return out
}
