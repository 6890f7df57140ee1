package cli

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guide/internal/checker"
	"guide/internal/content"
	"guide/internal/site"
)

// TestRealGuide builds the repository's own guide with guide build and
// checks that what its sources say reaches the published pages, in every
// language: each page's title; each step's title, place, time, fee,
// documents to bring and links with their addresses; the date the page
// was last confirmed and its latest change; its translations as hreflang
// alternates; and every path through the eligibility checker's rules in
// force, followed from page to page by the answers' links as a reader
// without JavaScript does. Every expectation is read from content/ as it
// is, so that an editor's correct change never fails it.
func TestRealGuide(t *testing.T) {
	t.Setenv("GUIDE_CACHE_DIR", t.TempDir())
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := run("build", "-src", "../..", "-out", out)
	if code != 0 {
		t.Fatalf("the guide does not build:\n%s", stderr)
	}
	t.Log(strings.TrimSpace(stdout))
	root := os.DirFS("../..")
	s, errs := site.Load(site.Options{Root: root, Extensions: Extensions(root)})
	if s == nil {
		t.Fatalf("the guide does not load:\n%v", errs)
	}
	g := &published{t: t, s: s, dir: out}
	checkers := 0
	for _, p := range s.Pages() {
		text := g.text(s.URLPath(p))
		for _, f := range pageFacts(s, p) {
			if !strings.Contains(text, squash(f)) {
				t.Errorf("%s does not show %q, from %s", s.OutputPath(p), f, source(p))
			}
		}
		raw := g.html(s.URLPath(p))
		for i, q := range s.Translations(p) {
			tag := s.Content.Site.Languages[i].Tag
			if q != nil && !strings.Contains(raw, `hreflang="`+tag+`" href="`+s.Abs(s.URLPath(q))+`"`) {
				t.Errorf("%s has no hreflang alternate in %s at %s", s.OutputPath(p), tag, s.Abs(s.URLPath(q)))
			}
		}
		if v, ok := p.Data.(*checker.View); ok && v.Question != nil && s.URLPath(p) == g.urlPath(v.Start) {
			checkers++
			for _, path := range v.RuleSet.Paths() {
				g.follow(p.Lang, v, path)
			}
		}
	}
	if checkers == 0 {
		t.Log("the guide has no eligibility checker")
	}
	for _, name := range []string{"404.html", "sitemap.xml", "robots.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s is missing: %v", name, err)
		}
	}
}

// pageFacts are the texts of the page's front matter that its published
// page must show.
func pageFacts(s *site.Site, p *content.Page) []string {
	facts := []string{p.Title}
	for _, st := range p.Steps {
		facts = append(facts, st.Title, st.Where, st.Time, st.Fee)
		facts = append(facts, st.Bring...)
		for _, l := range st.Links {
			facts = append(facts, l.Text, l.URL)
		}
	}
	// The pages written in content/ with the layouts of their kind show
	// when they were last confirmed. (Their latest change may be one that
	// an extension records for them: TestWhatChanged in
	// internal/acceptance checks it.)
	if p.Path != "" && p.Layout == "" {
		confirmed := p.Confirmed
		if confirmed.IsZero() {
			confirmed = s.Content.Site.Confirmed
		}
		facts = append(facts, confirmed.String())
	}
	var out []string
	for _, f := range facts {
		if strings.TrimSpace(f) != "" {
			out = append(out, f)
		}
	}
	return out
}

func source(p *content.Page) string {
	if p.Path == "" {
		return "an extension's page " + p.Key
	}
	return "content/" + p.Path
}

// published reads the pages of a build.
type published struct {
	t   *testing.T
	s   *site.Site
	dir string
}

// urlPath turns an address as published ("/visa/eligibility/") into the
// site's URL path ("/eligibility/").
func (g *published) urlPath(href string) string {
	return "/" + strings.TrimPrefix(href, g.s.Rel("/"))
}

// html returns the published HTML of the page at a URL path.
func (g *published) html(urlPath string) string {
	g.t.Helper()
	data, err := os.ReadFile(filepath.Join(g.dir, filepath.FromSlash(strings.TrimPrefix(urlPath, "/")), "index.html"))
	if err != nil {
		g.t.Fatalf("%s: %v", urlPath, err)
	}
	return string(data)
}

var tag = regexp.MustCompile(`<[^>]*>`)

// text returns the text of the page at a URL path, without tags,
// character references or white space, in which texts of the sources are
// found whatever the layout's markup and line breaks around them.
func (g *published) text(urlPath string) string {
	return squash(html.UnescapeString(tag.ReplaceAllString(g.html(urlPath), " ")))
}

// squash drops all white space from s.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

var (
	answersList = regexp.MustCompile(`(?s)<ul class="answers"[^>]*>(.*?)</ul>`)
	answerLink  = regexp.MustCompile(`<a href="([^"]+)">([^<]+)</a>`)
	h1          = regexp.MustCompile(`<h1[^>]*>([^<]*)</h1>`)
)

// follow answers the checker's questions along path, from the checker's
// page in lang, by the links of the published pages: each page must ask
// the path's next question, offer its answer as a link, and the last must
// show the path's outcome.
func (g *published) follow(lang string, start *checker.View, path checker.Path) {
	g.t.Helper()
	name := lang + " " + checker.Fragment(path.Choices)
	at := g.urlPath(start.Start)
	for _, c := range path.Choices {
		v, _ := g.s.Page(at).Data.(*checker.View)
		if v == nil || v.Question == nil || v.Question.ID != c.Question {
			g.t.Errorf("%s: %s does not ask question %s", name, at, c.Question)
			return
		}
		want := ""
		for _, a := range v.Question.Answers {
			if a.ID == c.Answer {
				want = a.Text
			}
		}
		href := ""
		if m := answersList.FindStringSubmatch(g.html(at)); m != nil {
			for _, a := range answerLink.FindAllStringSubmatch(m[1], -1) {
				if html.UnescapeString(a[2]) == want {
					href = html.UnescapeString(a[1])
				}
			}
		}
		if href == "" {
			g.t.Errorf("%s: %s has no link for the answer %q", name, at, want)
			return
		}
		at = g.urlPath(href)
	}
	v, _ := g.s.Page(at).Data.(*checker.View)
	if v == nil || v.Outcome == nil || v.Outcome.ID != path.Outcome.ID {
		g.t.Errorf("%s ends at %s; want the outcome %s", name, at, path.Outcome.ID)
		return
	}
	if m := h1.FindStringSubmatch(g.html(at)); m == nil || html.UnescapeString(m[1]) != v.Outcome.Title {
		g.t.Errorf("%s ends on a page titled %v; want %q", name, m, v.Outcome.Title)
	}
}
