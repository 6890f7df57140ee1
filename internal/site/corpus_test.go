package site

import (
	"context"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCorpusIsComplete builds the benchmark corpus (../shared/bench/
// gencorpus.py) and checks, from the sources read independently of the
// pipeline, that every page is published in both languages with all its
// steps and their details, and every link rewritten for the base URL: the
// speed of a build must never come from skipping work.
func TestCorpusIsComplete(t *testing.T) {
	dir := corpus(t, 25)
	s, errs := Load(Options{Root: os.DirFS(dir)})
	if s == nil {
		t.Fatal(errs.Err())
	}
	out := &Memory{}
	if _, err := s.Build(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(s.baseURL.Path, "/") // "/visa"
	stepID := regexp.MustCompile(`^  - id: "([^"]+)"`)
	quoted := regexp.MustCompile(`(?m)^ *(?:- )?(?:(?:title|summary|where|fee|time|text|url): )?"([^"]+)"$`)
	link := regexp.MustCompile(`\]\((/[^)#]*)\)`)
	pages, values := 0, 0
	langs := map[string]int{}
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "content"), p)
		rel = filepath.ToSlash(rel)
		stem := strings.TrimSuffix(rel, ".md")
		lang := stem[strings.LastIndexByte(stem, '.')+1:]
		key := strings.TrimSuffix(strings.TrimSuffix(stem, "."+lang), "_index")
		name := key + "/index.html"
		if key == "" {
			name = "index.html"
		}
		if lang == "en" {
			name = "en/" + name
		}
		name = strings.ReplaceAll(name, "//", "/")
		page, ok := out.Files[name]
		if !ok {
			t.Errorf("%s: no %s in the output", rel, name)
			return nil
		}
		pages++
		langs[lang]++
		text := html.UnescapeString(string(page))
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		front, body, _ := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
		// The page's own title and summary, anywhere on the page.
		head, steps, _ := strings.Cut(front, "\nsteps:\n")
		for _, m := range quoted.FindAllStringSubmatch(head, -1) {
			values++
			if !strings.Contains(text, m[1]) {
				t.Errorf("%s: %q is missing from %s", rel, m[1], name)
			}
		}
		// Each step, in its own item of the list of steps: its title,
		// place, fee, things to bring, link texts and addresses.
		for _, st := range strings.Split(steps, "\n  - id: ")[1:] {
			id := stepID.FindStringSubmatch("  - id: " + st)
			if id == nil {
				t.Fatalf("%s: cannot read the step %q", rel, st)
			}
			_, item, ok := strings.Cut(text, `<h2 id="`+id[1]+`"`)
			if !ok {
				t.Errorf("%s: step %s has no heading in %s", rel, id[1], name)
				continue
			}
			if i := strings.Index(item, `<li class="step`); i >= 0 {
				item = item[:i]
			}
			_, details, _ := strings.Cut(st, "\n")
			for _, m := range quoted.FindAllStringSubmatch(details, -1) {
				values++
				if !strings.Contains(item, m[1]) {
					t.Errorf("%s: step %s: %q is missing from %s", rel, id[1], m[1], name)
				}
			}
		}
		for _, m := range link.FindAllStringSubmatch(body, -1) {
			if !strings.Contains(text, `href="`+base+m[1]+`"`) {
				t.Errorf("%s: the link to %s is not published as %s%s", rel, m[1], base, m[1])
			}
		}
		// The other language's version is linked.
		other := "/en/" + strings.TrimPrefix(strings.TrimSuffix(name, "index.html"), "/")
		if lang == "en" {
			other = "/" + strings.TrimPrefix(strings.TrimSuffix(name, "index.html"), "en/")
		}
		if !strings.Contains(text, `href="`+base+other+`"`) {
			t.Errorf("%s: no link to the translation %s%s", rel, base, other)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 50 || langs["zh"] != langs["en"] || values < 20*pages {
		t.Fatalf("checked %d pages (%v) and %d values of their front matter; want every page of both languages", pages, langs, values)
	}
	t.Logf("checked %d pages (%v) and %d values of their front matter", pages, langs, values)
	// No address inside the site escapes the base path.
	stray := regexp.MustCompile(`href="/[^"]*"`)
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, h := range stray.FindAllString(string(data), -1) {
			if !strings.HasPrefix(h, `href="`+base+"/") {
				t.Errorf("%s: %s is not below the base path %s", name, h, base)
			}
		}
	}
}

// TestCorpusCompiledLayouts builds the corpus with the layouts compiled and
// with html/template evaluating them, and requires the same bytes in every
// file, most pages having been rendered by the compiled programs.
func TestCorpusCompiledLayouts(t *testing.T) {
	dir := corpus(t, 40)
	build := func(interpret bool) (*Site, map[string][]byte) {
		s, errs := Load(Options{Root: os.DirFS(dir)})
		if s == nil {
			t.Fatal(errs.Err())
		}
		s.Layouts.Interpret = interpret
		out := &Memory{}
		if _, err := s.Build(context.Background(), out); err != nil {
			t.Fatal(err)
		}
		return s, out.Files
	}
	_, want := build(true)
	s, got := build(false)
	compareOutputs(t, "compiled layouts", got, want)
	compiled, interpreted := s.Layouts.Rendered()
	if compiled < 2*interpreted {
		t.Errorf("%d pages rendered by compiled layouts and %d by html/template: most should be compiled", compiled, interpreted)
	}
}
