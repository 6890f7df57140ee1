package acceptance

import (
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guide/internal/diag"
)

// crawl fetches every page of the build from a tab on its home page, as a
// search engine does (the HTML as served, no script run), and returns
// what each page says about itself, by address.
func crawl(t *testing.T, b *build) map[string]pageFacts {
	t.Helper()
	tb := openTab(t, b.base)
	urls := make([]string, len(b.pages))
	for i, p := range b.pages {
		urls[i] = b.url(p)
	}
	list, _ := jsonMarshal(urls)
	facts := eval[map[string]pageFacts](tb, "window.__acceptance.crawl("+list+")")
	if len(facts) != len(urls) {
		t.Fatalf("crawled %d pages of %d", len(facts), len(urls))
	}
	return facts
}

// get fetches an address of the build's server and returns the body.
func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, res.Status)
	}
	return string(body)
}

// TestSEO checks what search engines and sharing read, in both builds:
// robots.txt names the sitemap; the sitemap lists every page of both
// languages with its translations; every page carries its title and its
// description as guide check has judged them (a title of its own, a
// description long enough and of its own: internal/site, checks.go), its
// own address as canonical URL, and hreflang alternates that point at
// each other and at pages that exist.
func TestSEO(t *testing.T) {
	for _, b := range []*build{guide, subpath} {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			seo(t, b)
		})
	}
}

func seo(t *testing.T, b *build) {
	if robots := get(t, b.base+"robots.txt"); !strings.Contains(robots, "\nSitemap: "+b.base+"sitemap.xml\n") {
		t.Errorf("robots.txt does not name the sitemap %ssitemap.xml:\n%s", b.base, robots)
	} else if strings.Contains(robots, "Disallow: /\n") {
		t.Errorf("robots.txt keeps search engines out of the whole guide:\n%s", robots)
	}
	listed := checkSitemap(t, b)

	// The content's part is guide check's: its problems fail the test, its
	// warnings (advice, which stops no build) are shown.
	for _, e := range b.site.ContentProblems() {
		if e.Level == diag.LevelWarning {
			t.Logf("guide check says: %v", e)
		} else {
			t.Errorf("guide check says: %v", e)
		}
	}

	// Every page, as served.
	facts := crawl(t, b)
	for _, p := range b.pages {
		checkServedPage(t, b, p, facts, listed)
	}
}

// checkSitemap checks the sitemap against the pages on disk, and returns
// the alternates of every address it lists: loc → hreflang → href.
func checkSitemap(t *testing.T, b *build) map[string]map[string]string {
	sm, err := readSitemap(b.dir)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]map[string]string{} // loc → hreflang → href
	for _, u := range sm.URLs {
		alts := map[string]string{}
		for _, l := range u.Links {
			if l.Rel == "alternate" {
				alts[l.Hreflang] = l.Href
			}
		}
		listed[u.Loc] = alts
	}
	onDisk := pagesOnDisk(t, b)
	for _, loc := range onDisk {
		if listed[loc] == nil {
			t.Errorf("sitemap.xml does not list the page %s", loc)
		}
	}
	langs := b.languages()
	perLang := map[string]int{}
	for _, loc := range sortedKeys(listed) {
		if !slices.Contains(onDisk, loc) {
			t.Errorf("sitemap.xml lists %s, which is no page", loc)
		}
		for _, l := range langs {
			if listed[loc][l.tag] == "" {
				t.Errorf("sitemap.xml: %s has no alternate in %s", loc, l.tag)
			}
		}
		for _, href := range listed[loc] {
			if listed[href] == nil {
				t.Errorf("sitemap.xml: %s has the alternate %s, which it does not list", loc, href)
			}
		}
		perLang[b.langOf(loc)]++
	}
	for _, l := range langs {
		if perLang[l.code] != perLang[langs[0].code] {
			t.Errorf("sitemap.xml lists %d pages in %s and %d in %s; every page needs its translation", perLang[l.code], l.code, perLang[langs[0].code], langs[0].code)
		}
	}
	return listed
}

// pagesOnDisk returns the address of every index.html of the build.
func pagesOnDisk(t *testing.T, b *build) []string {
	t.Helper()
	var onDisk []string
	err := filepath.WalkDir(b.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(b.dir, filepath.Dir(p))
		loc := b.base
		if rel != "." {
			loc += filepath.ToSlash(rel) + "/"
		}
		onDisk = append(onDisk, loc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return onDisk
}

// checkServedPage checks what the page p says about itself as served,
// with the facts of every page crawled, against the sitemap's alternates
// listed.
func checkServedPage(t *testing.T, b *build, p page, facts map[string]pageFacts, listed map[string]map[string]string) {
	u := b.url(p)
	f := facts[u]
	if f.Status != http.StatusOK {
		t.Errorf("%s: status %d", u, f.Status)
		return
	}
	tag := b.tagOf(p.lang)
	if f.Lang != tag {
		t.Errorf("%s: <html lang=%q>; want %q", u, f.Lang, tag)
	}
	src := b.site.Page("/" + p.rel)
	switch {
	case strings.TrimSpace(f.Title) == "":
		t.Errorf("%s has no title", u)
	case src != nil && !strings.Contains(f.Title, src.Title):
		t.Errorf("%s: the title %q does not show the page's title %q", u, f.Title, src.Title)
	}
	feed := b.base + b.prefixOf(p.lang) + "feed.xml"
	if !slices.Equal(f.Feeds, []string{feed}) {
		t.Errorf("%s: feeds %q; want %s", u, f.Feeds, feed)
	}
	if p.rel == "404.html" {
		// A page that stands for every missing address has none of its
		// own to give search engines.
		if len(f.Canonical) != 0 {
			t.Errorf("%s: canonical %q; the 404 page must have none", u, f.Canonical)
		}
		return
	}
	if src == nil {
		t.Errorf("%s is in the sitemap but is no page of the site", u)
	} else if d := src.Description(); d != "" && (f.Description == nil || *f.Description != d) {
		t.Errorf("%s: meta description %s; want the page's description %q", u, deref(f.Description), d)
	}
	if !slices.Equal(f.Canonical, []string{u}) {
		t.Errorf("%s: canonical %q; want its own address", u, f.Canonical)
	}
	checkAlternates(t, u, tag, f, facts, listed)
}

// checkAlternates checks the hreflang alternates of the page at u, in
// the language tag: one per language, the same as the sitemap's, each a
// page in that language that points back.
func checkAlternates(t *testing.T, u, tag string, f pageFacts, facts map[string]pageFacts, listed map[string]map[string]string) {
	alts := map[string]string{}
	for _, a := range f.Alternates {
		if alts[a.Hreflang] != "" {
			t.Errorf("%s: two alternates in %s", u, a.Hreflang)
		}
		alts[a.Hreflang] = a.Href
	}
	if alts[tag] != u {
		t.Errorf("%s: the alternate in its own language %s is %q; want the page itself", u, tag, alts[tag])
	}
	if fmt.Sprint(alts) != fmt.Sprint(listed[u]) {
		t.Errorf("%s: alternates %v; the sitemap says %v", u, alts, listed[u])
	}
	for lang, href := range alts {
		other, ok := facts[href]
		if !ok {
			t.Errorf("%s: the alternate in %s, %s, is no page of the guide", u, lang, href)
			continue
		}
		back := false
		for _, a := range other.Alternates {
			back = back || a.Hreflang == tag && a.Href == u
		}
		if !back {
			t.Errorf("%s: the alternate in %s, %s, does not point back to it", u, lang, href)
		}
		if other.Lang != lang {
			t.Errorf("%s: the alternate %s says hreflang %s, but the page is in %s", u, href, lang, other.Lang)
		}
	}
}

// lang is a language of the guide.
type lang struct{ code, tag string }

// languages returns the guide's languages, first the one at the root.
func (b *build) languages() []lang {
	var out []lang
	for _, l := range b.site.Content.Site.Languages {
		out = append(out, lang{l.Code, l.Tag})
	}
	return out
}

// tagOf returns the language tag of a language code.
func (b *build) tagOf(code string) string {
	for _, l := range b.languages() {
		if l.code == code {
			return l.tag
		}
	}
	return ""
}

// prefixOf returns the address prefix of a language: "" for the first,
// "en/" for English.
func (b *build) prefixOf(code string) string {
	if code == b.languages()[0].code {
		return ""
	}
	return code + "/"
}

// langOf returns the language of an absolute address of the build.
func (b *build) langOf(u string) string {
	rel := strings.TrimPrefix(u, b.base)
	for _, l := range b.languages()[1:] {
		if strings.HasPrefix(rel, l.code+"/") {
			return l.code
		}
	}
	return b.languages()[0].code
}
