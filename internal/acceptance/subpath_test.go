package acceptance

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSubPath checks the guide built for, and served under, the sub-path
// /visa/, as the office publishes it: every address any page refers to on
// its own site (links, stylesheet, icon, scripts, images) stays under
// /visa/ and exists; and a page of each kind in each language (pageKinds),
// opened in the browser, gets
// its stylesheet, asks no other host for anything and logs no error.
// (TestCheckerByKeyboard runs the checker's script under /visa/ too.)
func TestSubPath(t *testing.T) {
	b := subpath
	t.Run("links", func(t *testing.T) {
		t.Parallel()
		checked := map[string]string{} // address → why it fails, "" when it exists
		for page, f := range crawl(t, b) {
			for _, raw := range f.Links {
				u, err := url.Parse(raw)
				if err != nil {
					t.Errorf("%s refers to %q: %v", page, raw, err)
					continue
				}
				if u.Scheme+"://"+u.Host != b.origin() {
					continue
				}
				u.Fragment = ""
				if !strings.HasPrefix(u.String(), b.base) {
					t.Errorf("%s refers to %s, outside %s", page, u, b.base)
					continue
				}
				msg, ok := checked[u.String()]
				if !ok {
					msg = head(u.String())
					checked[u.String()] = msg
				}
				if msg != "" {
					t.Errorf("%s refers to %s: %s", page, u, msg)
				}
			}
		}
		if len(checked) < len(b.pages) {
			t.Errorf("the pages refer to %d addresses of the guide; want at least one per page", len(checked))
		}
	})
	for _, p := range b.pageKinds() {
		t.Run(p.name(), func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, b.url(p))
			if bg := eval[string](tb, "getComputedStyle(document.querySelector('.masthead')).backgroundColor"); bg == "rgba(0, 0, 0, 0)" {
				t.Errorf("%s: the stylesheet does not apply (the masthead has no background)", tb.url)
			}
			tb.assertClean(t, b.origin())
		})
	}
}

// pageKinds returns a page of each kind the build has, in every language:
// the first page of the sitemap made with each layout, and 404.html.
func (b *build) pageKinds() []page {
	seen := map[string]bool{}
	var out []page
	for _, p := range b.pages {
		src := b.site.Page("/" + p.rel)
		if src == nil {
			out = append(out, p)
			continue
		}
		kind := src.Layout
		switch {
		case kind != "":
		case src.IsHome():
			kind = "home"
		case src.IsIndex():
			kind = "section"
		case len(src.Steps) > 0:
			kind = "procedure"
		default:
			kind = "page"
		}
		if !seen[p.lang+" "+kind] {
			seen[p.lang+" "+kind] = true
			out = append(out, p)
		}
	}
	return out
}

// head asks for an address and returns why it fails, or "".
func head(u string) string {
	res, err := http.Head(u)
	if err != nil {
		return err.Error()
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return res.Status
	}
	return ""
}

// TestMissingPage asks for an address that does not exist, deep under the
// sub-path, as a reader following an old link does: the server answers 404
// with the guide's 404 page, whose stylesheet and links work from there.
func TestMissingPage(t *testing.T) {
	b := subpath
	u := b.base + "no/such/page/"
	tb := openTab(t, u)
	if bg := eval[string](tb, "getComputedStyle(document.querySelector('.masthead')).backgroundColor"); bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("%s: the 404 page's stylesheet does not apply", u)
	}
	links := call[[]string](tb, "links")
	home := 0
	for _, l := range links {
		if l == b.base || l == b.base+"en/" {
			home++
		}
		if strings.HasPrefix(l, b.origin()) && !strings.HasPrefix(l, b.base) {
			t.Errorf("%s: the 404 page refers to %s, outside %s", u, l, b.base)
		}
	}
	if home < 2 {
		t.Errorf("%s: the 404 page does not link to both home pages: %q", u, links)
	}
	if out := tb.rec.RequestsOutside(b.origin()); len(out) > 0 {
		t.Errorf("%s asked other hosts for %q", u, out)
	}
	// The one error allowed is the browser's note of the status 404 of
	// the page itself.
	for _, m := range tb.rec.Errors() {
		if m.URL == u && strings.Contains(m.Text, "404") {
			continue
		}
		t.Errorf("%s: %s", u, m)
	}
}
