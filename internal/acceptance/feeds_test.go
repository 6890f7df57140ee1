package acceptance

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"
)

// atomFeed is the part of an Atom feed the test reads.
type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

// TestWhatChanged checks that the changes: lists of the pages reach
// readers and other sites, in both builds and both languages: each page
// shows its latest change as "last updated"; the "what changed" page of a
// language lists every change of its pages, newest first, each linking to
// a page; the Atom feed of the language has the same entries as that
// page; and every page links to the feed of its language. What it expects
// is read from the pages' front matter.
func TestWhatChanged(t *testing.T) {
	for _, b := range []*build{guide, subpath} {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			facts := crawl(t, b)
			want, latest := changesOf(b)
			checkLastUpdated(t, b, facts, latest)
			for _, l := range b.languages() {
				pageURL := b.base + b.prefixOf(l.code) + "changes/"
				feedURL := b.base + b.prefixOf(l.code) + "feed.xml"
				checkChangesPage(t, b, l, facts, pageURL, want[l.code])
				checkFeed(t, l, feedURL, pageURL, facts[pageURL])
			}
		})
	}
}

// change is an entry of a page's changes: list.
type change struct{ date, note string }

// changesOf reads the changes of the pages of b from their front matter:
// every change by language, and the latest change by page address.
func changesOf(b *build) (want map[string][]change, latest map[string]change) {
	want = map[string][]change{} // language → every change
	latest = map[string]change{} // address → its latest change
	for _, p := range b.site.Pages() {
		u := b.site.Abs(b.site.URLPath(p))
		for _, c := range p.Changes {
			want[p.Lang] = append(want[p.Lang], change{c.Date.String(), c.Note})
		}
		if c := p.LastChange(); c != nil {
			latest[u] = change{c.Date.String(), c.Note}
		}
	}
	return want, latest
}

// checkLastUpdated checks that each page shows its latest change.
func checkLastUpdated(t *testing.T, b *build, facts map[string]pageFacts, latest map[string]change) {
	for _, p := range b.pages {
		u := b.url(p)
		f := facts[u]
		// A page shows its latest change, which may be one that an
		// extension records for it (a new rule set of the checker, on
		// the pages of its routes): never older than its own latest.
		c, ok := latest[u]
		switch {
		case ok && (f.Updated == nil || *f.Updated < c.date):
			t.Errorf("%s: the last updated date is %v; want %s or later, from its changes", u, deref(f.Updated), c.date)
		case ok && *f.Updated == c.date && !strings.Contains(squash(deref(f.UpdatedText)), squash(c.note)):
			t.Errorf("%s: the last updated line %q does not say what changed: %q", u, deref(f.UpdatedText), c.note)
		}
		if f.Updated != nil && f.Confirmed == nil {
			t.Errorf("%s shows when it was last updated but not when it was last confirmed", u)
		}
	}
}

// checkChangesPage checks the "what changed" page at pageURL, of the
// language l, against want, the changes of the pages in l.
func checkChangesPage(t *testing.T, b *build, l lang, facts map[string]pageFacts, pageURL string, want []change) {
	// Every change of a page is listed; the list may hold more, such as
	// the changes of the checker's rules, each with a page to read.
	list := facts[pageURL].Changes
	var listed []change
	for i, e := range list {
		listed = append(listed, change{e.Date, strings.TrimSpace(e.Note)})
		if i > 0 && e.Date > list[i-1].Date {
			t.Errorf("%s: %s comes after %s; want newest first", pageURL, e.Date, list[i-1].Date)
		}
		if _, ok := facts[e.Href]; !ok || b.langOf(e.Href) != l.code {
			t.Errorf("%s: the change of %s links to %s, which is no page in %s", pageURL, e.Date, e.Href, l.code)
		}
		if strings.TrimSpace(e.Note) == "" {
			t.Errorf("%s: the change of %s says nothing", pageURL, e.Date)
		}
	}
	for _, c := range want {
		if !slices.Contains(listed, c) {
			t.Errorf("%s does not list the change %s %q of a page in %s", pageURL, c.date, c.note, l.code)
		}
	}
}

// checkFeed checks the Atom feed at feedURL, of the language l, against
// the "what changed" page at pageURL, whose facts are changes.
func checkFeed(t *testing.T, l lang, feedURL, pageURL string, changes pageFacts) {
	list := changes.Changes
	var feed atomFeed
	if err := xml.Unmarshal([]byte(get(t, feedURL)), &feed); err != nil {
		t.Errorf("%s is no Atom feed: %v", feedURL, err)
		return
	}
	if feed.Lang != l.tag || feed.Title == "" || feed.ID == "" {
		t.Errorf("%s: xml:lang %q, title %q, id %q; want %s and a title and id", feedURL, feed.Lang, feed.Title, feed.ID, l.tag)
	}
	links := map[string]string{}
	for _, k := range feed.Links {
		links[k.Rel] = k.Href
	}
	if links["self"] != feedURL || links["alternate"] != pageURL {
		t.Errorf("%s: links self %q, alternate %q; want %s and %s", feedURL, links["self"], links["alternate"], feedURL, pageURL)
	}
	if len(feed.Entries) != len(list) {
		t.Errorf("%s has %d entries; %s lists %d changes", feedURL, len(feed.Entries), pageURL, len(list))
	}
	ids := map[string]bool{}
	newest := ""
	for i, e := range feed.Entries {
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("%s: entry %q: updated %q is no RFC 3339 time", feedURL, e.Title, e.Updated)
		}
		newest = max(newest, e.Updated)
		if ids[e.ID] || e.ID == "" {
			t.Errorf("%s: entry %q: id %q is missing or not unique", feedURL, e.Title, e.ID)
		}
		ids[e.ID] = true
		if i < len(list) && (e.Link.Href != list[i].Href || e.Title != list[i].Title ||
			!strings.HasPrefix(e.Updated, list[i].Date) || strings.TrimSpace(e.Summary) != strings.TrimSpace(list[i].Note)) {
			t.Errorf("%s: entry %d is %s %q %s; %s lists %s %q %s", feedURL, i+1,
				e.Updated, e.Title, e.Link.Href, pageURL, list[i].Date, list[i].Title, list[i].Href)
		}
	}
	if feed.Updated != newest {
		t.Errorf("%s: updated %q; want its newest entry's, %q", feedURL, feed.Updated, newest)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}
