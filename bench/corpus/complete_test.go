package corpus_test

import (
	"context"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guide/bench/corpus"
	"guide/internal/site"
)

// root is the repository's root, whose layouts, static files and site
// settings the corpus site uses.
const root = "../.."

// layOut lays out the corpus with n pages per language as a guide site in
// a temporary folder.
func layOut(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "site")
	if err := corpus.Site(root, dir, n); err != nil {
		tb.Fatal(err)
	}
	return dir
}

var (
	stepID = regexp.MustCompile(`^  - id: "([^"]+)"`)
	quoted = regexp.MustCompile(`(?m)^ *(?:- )?(?:(?:title|summary|where|fee|time|text|url): )?"([^"]+)"$`)
	mdLink = regexp.MustCompile(`\]\((/[^)#]*)\)`)
	href   = regexp.MustCompile(`href="/[^"]*"`)
)

// TestCorpusIsComplete builds the corpus and checks, from the sources read
// independently of the pipeline, that every page is published in both
// languages with all its steps and their details, and every link rewritten
// for the base URL: the speed of a build must never come from skipping
// work.
func TestCorpusIsComplete(t *testing.T) {
	dir := layOut(t, 25)
	s, errs := site.Load(site.Options{Root: os.DirFS(dir)})
	if s == nil {
		t.Fatal(errs.Err())
	}
	out := &site.Memory{}
	if _, err := s.Build(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(s.BaseURL())
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(u.Path, "/") // "/visa"
	pages, values := 0, 0
	langs := map[string]int{}
	content := filepath.Join(dir, "content")
	err = filepath.WalkDir(content, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(content, p)
		rel = filepath.ToSlash(rel)
		name, lang := outputOf(rel)
		page, ok := out.Files[name]
		if !ok {
			t.Errorf("%s: no %s in the output", rel, name)
			return nil
		}
		pages++
		langs[lang]++
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		values += checkPage(t, rel, name, base, lang, string(src), html.UnescapeString(string(page)))
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
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, h := range href.FindAllString(string(data), -1) {
			if !strings.HasPrefix(h, `href="`+base+"/") {
				t.Errorf("%s: %s is not below the base path %s", name, h, base)
			}
		}
	}
}

// outputOf returns the output file of the page whose source is rel, under
// content/, and the page's language.
func outputOf(rel string) (name, lang string) {
	stem := strings.TrimSuffix(rel, ".md")
	lang = stem[strings.LastIndexByte(stem, '.')+1:]
	key := strings.TrimSuffix(strings.TrimSuffix(stem, "."+lang), "_index")
	name = key + "/index.html"
	if key == "" {
		name = "index.html"
	}
	if lang == "en" {
		name = "en/" + name
	}
	return strings.ReplaceAll(name, "//", "/"), lang
}

// checkPage checks the published page text (unescaped), output file name,
// against its source src, and returns how many values of the front matter
// it found.
func checkPage(t *testing.T, rel, name, base, lang, src, text string) (values int) {
	t.Helper()
	front, body, _ := strings.Cut(strings.TrimPrefix(src, "---\n"), "\n---\n")
	// The page's own title and summary, anywhere on the page.
	head, steps, _ := strings.Cut(front, "\nsteps:\n")
	for _, m := range quoted.FindAllStringSubmatch(head, -1) {
		values++
		if !strings.Contains(text, m[1]) {
			t.Errorf("%s: %q is missing from %s", rel, m[1], name)
		}
	}
	// Each step, in its own item of the list of steps: its title, place,
	// fee, things to bring, link texts and addresses.
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
	for _, m := range mdLink.FindAllStringSubmatch(body, -1) {
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
	return values
}
