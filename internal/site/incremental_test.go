package site

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/diag"
	"guide/internal/txtarsite"
)

// filesOutput keeps the files of a test build in memory.
type filesOutput = Memory

// repoSources returns the sources of the incremental tests' site: the
// pages of testdata/incremental.txtar, a small guide of the tests' own,
// and the repository's layouts and static files, in a file system that
// tests can change. The real guide's content/ is no part of it.
func repoSources(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := txtarsite.Read(t, nil, filepath.Join("testdata", "incremental.txtar")).Root
	txtarsite.AddFolders(t, fsys, "../..", "layouts", "static")
	return fsys
}

func mdPage(title, summary string, weight int, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: %q\nsummary: %q\nweight: %d\n---\n\n%s\n", title, summary, weight, body)}
}

// titleIndex is an extension that publishes the titles of all pages as a
// file and attaches to the page "interview" the number of pages, so that
// extension data and files take part in the test.
type titleIndex struct{}

func (titleIndex) Extend(s *Site) diag.List {
	var titles []string
	for _, p := range s.Pages() {
		titles = append(titles, fmt.Sprintf("%q", p.Title))
		if p.Key == "interview" {
			p.Data = len(s.Pages())
		}
	}
	sort.Strings(titles)
	s.AddFile("titles.json", []byte("["+strings.Join(titles, ",")+"]"))
	// Indented XML, which the minifier rewrites in place.
	s.AddFile("titles.xml", []byte("<titles>\n  <count>"+fmt.Sprint(len(titles))+"</count>\n</titles>\n"))
	return nil
}

// TestUpdateMatchesBuild makes a series of changes to the test site
// (repoSources) and checks after each that Update, starting from the
// last good site with every path changed since, leaves the same files, byte
// for byte, and the same errors, as loading and building everything again;
// and that it rendered no more than the change needs.
func TestUpdateMatchesBuild(t *testing.T) {
	fsys := repoSources(t)
	fsys["content/sec/_index.zh.md"] = mdPage("栏目", "栏目摘要", 5, "栏目正文。")
	fsys["content/sec/_index.en.md"] = mdPage("Section", "Section summary", 5, "Section text.")
	fsys["content/sec/a.zh.md"] = mdPage("甲", "甲摘要", 1, "见[面谈](../interview.zh.md#ds160)和[乙](b.zh.md)。\n\n## 标题 {#head}\n\n文字。")
	fsys["content/sec/a.en.md"] = mdPage("A", "A summary", 1, "See [the interview](/en/interview/#ds160) and [B](b.en.md).\n\n## Heading {#head}\n\nText.")
	fsys["content/sec/b.zh.md"] = mdPage("乙", "乙摘要", 2, "见[甲的标题](a.zh.md#head)。")
	fsys["content/sec/b.en.md"] = mdPage("B", "B summary", 2, "See [the heading of A](a.en.md#head).")
	fsys["content/sec/photo.png"] = &fstest.MapFile{Data: []byte("\x89PNG one")}
	fsys["content/sec/form.pdf"] = &fstest.MapFile{Data: []byte("%PDF one")}

	opts := Options{Root: fsys, Dev: true, Extensions: []Extension{titleIndex{}}}
	good, errs := Load(opts)
	if good == nil {
		t.Fatalf("load: %v", errs)
	}
	served := &filesOutput{}
	if _, err := good.Build(context.Background(), served); err != nil {
		t.Fatalf("build: %v", err)
	}
	r := &updateRun{opts: opts, good: good, served: served}
	e := sourceEdits{t, fsys}
	for _, st := range slices.Concat(pageSteps(e), fileSteps(e)) {
		st.change()
		r.check(t, st)
	}
}

// updateStep is a change of TestUpdateMatchesBuild and what Update must
// do after it.
type updateStep struct {
	name    string
	change  func()
	paths   []string
	full    bool
	fails   bool
	renders []string // the pages rendered, when not full; nil for any
	// writes are the other files written, when renders is set, with
	// the hashes taken out of their names.
	writes []string
	// renamed are the files published under a new name, by their
	// source path below the root; nil for any.
	renamed []string
}

// pageSteps are the changes of TestUpdateMatchesBuild to pages.
func pageSteps(e sourceEdits) []updateStep {
	fsys := e.fsys
	return []updateStep{
		{name: "body of one page", change: e.replace("content/sec/a.zh.md", "文字。", "新的文字。"),
			paths: []string{"content/sec/a.zh.md"}, renders: []string{"sec/a/index.html"}},
		{name: "first paragraph of a page without summary", change: func() {
			fsys["content/sec/nosum.zh.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 无摘要\nweight: 9\n---\n\n第一段。\n")}
			fsys["content/sec/nosum.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: No summary\nweight: 9\n---\n\nFirst paragraph.\n")}
		}, paths: []string{"content/sec/nosum.zh.md", "content/sec/nosum.en.md"}},
		{name: "its description shown by the folder page", change: e.replace("content/sec/nosum.en.md", "First paragraph.", "A new first paragraph."),
			paths: []string{"content/sec/nosum.en.md"}, renders: []string{"en/sec/nosum/index.html", "en/sec/index.html"}, writes: []string{"404.html", "robots.txt", "sitemap.xml"}},
		{name: "save without change", change: func() {},
			paths: []string{"content/sec/a.zh.md"}, renders: []string{}},
		{name: "title shown by the folder page", change: e.replace("content/sec/b.en.md", `title: "B"`, `title: "Bee"`),
			paths: []string{"content/sec/b.en.md"}, renders: []string{"en/sec/b/index.html", "en/sec/index.html"}, writes: []string{"404.html", "robots.txt", "sitemap.xml", "titles.json"},
			renamed: []string{"titles.json"}},
		{name: "weight reorders the folder page", change: e.replace("content/sec/b.zh.md", "weight: 2", "weight: 0"),
			paths: []string{"content/sec/b.zh.md"}, renders: []string{"sec/b/index.html", "sec/index.html"}, writes: []string{"404.html", "robots.txt", "sitemap.xml"}},
		// The page count that titleIndex attaches to "interview" changes
		// with every page added or removed.
		{name: "new page without translation", change: func() { fsys["content/sec/c.zh.md"] = mdPage("丙", "丙摘要", 3, "丙。") },
			paths: []string{"content/sec/c.zh.md"}, renders: []string{"sec/c/index.html", "sec/index.html", "interview/index.html", "en/interview/index.html"},
			writes: []string{"404.html", "robots.txt", "sitemap.xml", "titles.json", "titles.xml"}},
		{name: "its translation", change: func() { fsys["content/sec/c.en.md"] = mdPage("C", "C summary", 3, "C.") },
			paths: []string{"content/sec/c.en.md"}, renders: []string{"en/sec/c/index.html", "en/sec/index.html", "sec/c/index.html", "interview/index.html", "en/interview/index.html"},
			writes: []string{"404.html", "robots.txt", "sitemap.xml", "titles.json", "titles.xml"}},
		{name: "rename", change: func() {
			e.move("content/sec/c.zh.md", "content/sec/d.zh.md")()
			e.move("content/sec/c.en.md", "content/sec/d.en.md")()
		},
			paths: []string{"content/sec/c.zh.md", "content/sec/d.zh.md", "content/sec/c.en.md", "content/sec/d.en.md"}},
		{name: "delete a page others link to", change: e.remove("content/sec/b.zh.md"),
			paths: []string{"content/sec/b.zh.md"}, fails: true},
		{name: "bring it back", change: func() {
			fsys["content/sec/b.zh.md"] = mdPage("乙", "乙摘要", 2, "见[甲的标题](a.zh.md#head)。")
		},
			paths: []string{"content/sec/b.zh.md"}},
		{name: "anchor others link to", change: e.replace("content/interview.en.md", "{#ds160}", "{#ds-160}"),
			paths: []string{"content/interview.en.md"}, fails: true},
		{name: "anchor back", change: e.replace("content/interview.en.md", "{#ds-160}", "{#ds160}"),
			paths: []string{"content/interview.en.md"}, renders: []string{}}, // as the last good build had it
		{name: "broken front matter", change: e.replace("content/waiver.zh.md", "title:", "title: [\n"),
			paths: []string{"content/waiver.zh.md"}, fails: true},
		{name: "other page saved while broken", change: e.replace("content/sec/a.en.md", "Text.", "More text."),
			paths: []string{"content/sec/a.en.md"}, fails: true},
		{name: "fixed", change: e.replace("content/waiver.zh.md", "title: [\n", "title:"),
			paths: []string{"content/waiver.zh.md"}},
		{name: "steps differ between translations", change: e.replace("content/waiver.en.md", `id: "ds160"`, `id: "ds-160"`),
			paths: []string{"content/waiver.en.md"}, fails: true},
		{name: "steps agree again", change: e.replace("content/waiver.en.md", `id: "ds-160"`, `id: "ds160"`),
			paths: []string{"content/waiver.en.md"}},
	}
}

// fileSteps are the changes of TestUpdateMatchesBuild to folders, assets,
// layouts and settings.
func fileSteps(e sourceEdits) []updateStep {
	fsys := e.fsys
	return []updateStep{
		{name: "new folder", change: func() {
			fsys["content/new/_index.zh.md"] = mdPage("新栏目", "摘要", 9, "正文。")
			fsys["content/new/_index.en.md"] = mdPage("New", "Summary", 9, "Text.")
			fsys["content/new/x.zh.md"] = mdPage("新页", "摘要", 1, "正文。")
			fsys["content/new/x.en.md"] = mdPage("New page", "Summary", 1, "Text.")
		}, paths: []string{"content/new"}},
		{name: "folder renamed", change: e.move("content/new", "content/newer"), paths: []string{"content/new", "content/newer"}},
		{name: "folder deleted", change: e.remove("content/newer"), paths: []string{"content/newer"}},
		{name: "draft", change: e.replace("content/sec/a.zh.md", "weight: 1", "weight: 1\ndraft: true"),
			paths: []string{"content/sec/a.zh.md"}},
		{name: "extension data of another page", change: func() {
			fsys["content/sec/e.zh.md"] = mdPage("戊", "戊摘要", 7, "戊。")
			fsys["content/sec/e.en.md"] = mdPage("E", "E summary", 7, "E.")
		}, paths: []string{"content/sec/e.zh.md", "content/sec/e.en.md"}},
		{name: "editor files", change: func() {
			fsys["content/sec/.a.zh.md.swp"] = &fstest.MapFile{Data: []byte("x")}
			fsys["content/sec/a.zh.md~"] = &fstest.MapFile{Data: []byte("x")}
			fsys["content/sec/4913"] = &fstest.MapFile{Data: []byte("")}
		}, paths: []string{"content/sec/.a.zh.md.swp", "content/sec/a.zh.md~", "content/sec/4913"}, renders: []string{}},
		// A stylesheet changes its name, which every page names.
		{name: "stylesheet", change: e.edit("static/css/site.css", func(s string) string { return s + "\nbody { color: #111; }\n" }),
			paths: []string{"static/css/site.css"}, full: true, renamed: []string{"css/site.css"}},
		{name: "asset changed", change: func() { fsys["content/sec/form.pdf"] = &fstest.MapFile{Data: []byte("%PDF two")} },
			paths: []string{"content/sec/form.pdf"}, renders: []string{}, writes: []string{"sec/form.pdf"}},
		{name: "picture changed", change: func() { fsys["content/sec/photo.png"] = &fstest.MapFile{Data: []byte("\x89PNG two")} },
			paths: []string{"content/sec/photo.png"}, full: true},
		{name: "asset added", change: func() { fsys["content/sec/photo2.png"] = &fstest.MapFile{Data: []byte("\x89PNG")} },
			paths: []string{"content/sec/photo2.png"}, full: true},
		{name: "static file added", change: func() { fsys["static/robots2.txt"] = &fstest.MapFile{Data: []byte("x")} },
			paths: []string{"static/robots2.txt"}, full: true},
		{name: "layout", change: e.replace("layouts/section.html", "<h1>", `<h1 class="title">`),
			paths: []string{"layouts/section.html"}, full: true},
		{name: "broken layout", change: e.replace("layouts/page.html", "{{.Page.Title}}", "{{.Page.Title"),
			paths: []string{"layouts/page.html"}, full: true, fails: true},
		{name: "page saved while the layout is broken", change: e.replace("content/sec/b.en.md", "See", "Read"),
			paths: []string{"content/sec/b.en.md"}, full: true, fails: true},
		{name: "layout fixed", change: e.replace("layouts/page.html", "{{.Page.Title", "{{.Page.Title}}"),
			paths: []string{"layouts/page.html"}, full: true},
		{name: "site settings", change: e.replace("content/site.yaml", "confirmed: 2025-04-08", "confirmed: 2025-05-01"),
			paths: []string{"content/site.yaml"}, full: true},
		{name: "data file", change: func() { fsys["content/rules.yaml"] = &fstest.MapFile{Data: []byte("a: 1\n")} },
			paths: []string{"content/rules.yaml"}, full: true},
		{name: "everything", change: e.replace("content/_index.en.md", "There are", "There are still"),
			paths: []string{"."}, full: true},
	}
}

// updateRun is the state of TestUpdateMatchesBuild between its steps:
// the last good site, the files served, and the paths changed since the
// last good site.
type updateRun struct {
	opts   Options
	good   *Site
	served *filesOutput
	dirty  []string
}

// check checks Update after the change of st against loading and building
// everything again.
func (r *updateRun) check(t *testing.T, st updateStep) {
	t.Helper()
	r.dirty = append(r.dirty, st.paths...)
	ctx := context.Background()

	staged := &filesOutput{}
	ns, ch, err := r.good.Update(ctx, staged, r.dirty)

	want := &filesOutput{}
	var wantErr error
	full, lerrs := Load(r.opts)
	if full == nil {
		wantErr = lerrs.Err()
	} else {
		_, wantErr = full.Build(ctx, want)
	}

	if (err != nil) != st.fails || (wantErr != nil) != st.fails {
		t.Fatalf("%s: Update error: %v\nBuild error: %v\nwant failure: %v", st.name, err, wantErr, st.fails)
	}
	if ch.Full != st.full {
		t.Errorf("%s: Full = %v; want %v", st.name, ch.Full, st.full)
	}
	if st.fails {
		if err.Error() != wantErr.Error() {
			t.Errorf("%s: Update reports\n%v\nBuild reports\n%v", st.name, err, wantErr)
		}
		return
	}
	if !ch.Full && st.renders != nil {
		if !slices.Equal(ch.Pages, sorted(st.renders)) {
			t.Errorf("%s: rendered %v; want %v", st.name, ch.Pages, sorted(st.renders))
		}
		if got := sorted(unhashed(ch.Files)); !slices.Equal(got, sorted(st.writes)) {
			t.Errorf("%s: wrote %v; want %v", st.name, got, sorted(st.writes))
		}
	}
	if st.renamed != nil {
		want := map[string]string{}
		for _, p := range st.renamed {
			want[r.good.AssetName(p)] = ns.AssetName(p)
		}
		if !maps.Equal(ch.Renamed, want) {
			t.Errorf("%s: renamed %v; want %v", st.name, ch.Renamed, want)
		}
	}
	if ch.Full {
		r.served = staged
	} else {
		for name, data := range staged.Files {
			r.served.Files[name] = data
		}
		for _, name := range ch.Removed {
			delete(r.served.Files, name)
		}
	}
	compareOutputs(t, st.name, r.served.Files, want.Files)
	r.good, r.dirty = ns, nil
}

// sourceEdits makes the changes of TestUpdateMatchesBuild to its sources.
type sourceEdits struct {
	t    *testing.T
	fsys fstest.MapFS
}

// edit changes the file name by f.
func (e sourceEdits) edit(name string, f func(string) string) func() {
	return func() {
		e.fsys[name] = &fstest.MapFile{Data: []byte(f(string(e.fsys[name].Data)))}
	}
}

// replace replaces the first old in the file name by new.
func (e sourceEdits) replace(name, old, new string) func() {
	return e.edit(name, func(s string) string {
		if !strings.Contains(s, old) {
			e.t.Fatalf("%s does not contain %q", name, old)
		}
		return strings.Replace(s, old, new, 1)
	})
}

// remove deletes the files or folders names.
func (e sourceEdits) remove(names ...string) func() {
	return func() {
		for _, n := range names {
			for k := range e.fsys {
				if k == n || strings.HasPrefix(k, n+"/") {
					delete(e.fsys, k)
				}
			}
		}
	}
}

// move renames the file or folder from to to.
func (e sourceEdits) move(from, to string) func() {
	return func() {
		for k, v := range e.fsys {
			if k == from {
				e.fsys[to] = v
				delete(e.fsys, k)
			} else if rest, ok := strings.CutPrefix(k, from+"/"); ok {
				e.fsys[to+"/"+rest] = v
				delete(e.fsys, k)
			}
		}
	}
}

// hashNames finds the hashes in the names of published files.
var hashNames = regexp.MustCompile(`\.[0-9a-f]{8}(\.[a-z]+)$`)

// unhashed takes the hashes out of the names of published files:
// "css/site.3f2a9c1e.css" is "css/site.css".
func unhashed(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = hashNames.ReplaceAllString(n, "$1")
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// compareOutputs compares every file of two builds.
func compareOutputs(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: %s is missing from the updated site", step, name)
		case !bytes.Equal(g, w):
			t.Errorf("%s: %s differs from a full build:\ngot:  %.300s\nwant: %.300s", step, name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is stale: a full build does not have it", step, name)
		}
	}
}

// TestUpdateKeepsOldSite checks that a failed Update leaves the site it was
// called on as it was, extension data included.
func TestUpdateKeepsOldSite(t *testing.T) {
	fsys := repoSources(t)
	opts := Options{Root: fsys, Dev: true, Extensions: []Extension{titleIndex{}}}
	s, errs := Load(opts)
	if s == nil {
		t.Fatal(errs)
	}
	if _, err := s.Build(context.Background(), &filesOutput{}); err != nil {
		t.Fatal(err)
	}
	interview := s.Page("/interview/")
	wantData := interview.Data
	fsys["content/_index.zh.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")}
	ns, _, err := s.Update(context.Background(), &filesOutput{}, []string{"content/_index.zh.md"})
	if err == nil || ns != nil {
		t.Fatalf("Update = %v, %v; want an error", ns, err)
	}
	if !strings.Contains(err.Error(), "content/_index.zh.md:2:") {
		t.Errorf("error %q does not name content/_index.zh.md:2", err)
	}
	if interview.Data != wantData {
		t.Errorf("extension data of the old site: got %v; want %v", interview.Data, wantData)
	}
	if got := s.Page("/").Title; got != "因公申办美国签证指南" {
		t.Errorf("old home page title: got %q", got)
	}
}

// TestUpdateOutsideDev checks that Update applies the checks of build when
// Dev is off: a missing translation is an error.
func TestUpdateOutsideDev(t *testing.T) {
	fsys := repoSources(t)
	s, errs := Load(Options{Root: fsys})
	if s == nil {
		t.Fatal(errs)
	}
	if _, err := s.Build(context.Background(), &filesOutput{}); err != nil {
		t.Fatal(err)
	}
	fsys["content/extra.zh.md"] = mdPage("额外", "摘要", 1, "正文。")
	_, _, err := s.Update(context.Background(), &filesOutput{}, []string{"content/extra.zh.md"})
	if err == nil || !strings.Contains(err.Error(), "translation is missing") {
		t.Errorf("got %v; want an error about the missing translation", err)
	}
}
