// Package changes publishes the history of the guide's procedures: a "what
// changed" page per language and an Atom feed per language, made from the
// changes: lists in the pages' front matter, and from the changes that
// other extensions record (site.Record: a new rule set of the eligibility
// checker, with its source), so that readers and other sites can follow
// changes of the US process. A record is listed once, under its first page,
// with the other pages it concerns.
//
// It is a site.Extension: the page of a language is published at
// /changes/ (/en/changes/) with the layout "changes", which sees the entries
// newest first as .Page.Data ([]Entry); the feed is /feed.xml
// (/en/feed.xml). A site without a "changes" layout gets neither. The page's title and the feed's title are the interface
// strings "changes_title" of layouts/i18n/.
package changes

import (
	"bytes"
	"encoding/xml"
	"sort"
	"strconv"
	"strings"
	"time"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/site"
)

// Key is the page key of the "what changed" pages.
const Key = "changes"

// Entry is one change of one page.
type Entry struct {
	Date  content.Date
	Note  string
	Title string
	// URL is the address of the page that changed, as published.
	URL       string
	Permalink string
	// Source names the document that a recorded change comes from, and
	// SourceURL, when not empty, is its address; Also are the other pages
	// the change concerns. A change of a page's front matter has none.
	Source, SourceURL string
	Also              []Link
}

// Link is a page that a change concerns.
type Link struct{ Title, URL string }

// Extension publishes the pages and feeds.
type Extension struct{}

// OwnLayouts implements site.LayoutOwner: the layout "changes" needs the
// entries of every page, which only the list of changes has.
func (Extension) OwnLayouts() ([]string, messages.Text) {
	return []string{"changes"}, messages.Sprintf("the list of changes")
}

// Extend implements site.Extension.
// A site whose layouts have no "changes" layout gets neither pages nor
// feeds.
func (Extension) Extend(s *site.Site) diag.List {
	var errs diag.List
	if !s.Layouts.Has("changes") {
		return nil
	}
	for _, l := range s.Content.Site.Languages {
		entries := collect(s, l.Code)
		title, err := s.Layouts.String(l.Code, "changes_title")
		if err != nil {
			errs.Add(diag.Pos{File: "layouts/i18n/" + l.Code + ".yaml"}, "%v; the \"what changed\" page needs it", err)
			continue
		}
		summary, _ := s.Layouts.String(l.Code, "changes_summary")
		p := &content.Page{Key: Key, Lang: l.Code, Meta: content.Meta{Title: title, Summary: summary, Layout: "changes", Unlisted: true}, Data: entries}
		if s.Page(s.URLPath(p)) != nil {
			errs.Add(diag.Pos{File: "content/" + Key + "." + l.Code + ".md"}, "%s is the address of the generated \"what changed\" page; rename this page", s.URLPath(p))
			continue
		}
		s.AddPage(p)
		s.AddFile(feedPath(s, l.Code), feed(s, l, title, entries))
	}
	return errs
}

func feedPath(s *site.Site, lang string) string {
	if lang == s.Content.Site.Languages[0].Code {
		return "feed.xml"
	}
	return lang + "/feed.xml"
}

// collect gathers the changes of the published pages of one language,
// newest first, then by page title.
func collect(s *site.Site, lang string) []Entry {
	var out []Entry
	for _, p := range s.Pages() {
		if p.Lang != lang {
			continue
		}
		for _, c := range p.Changes {
			u := s.URLPath(p)
			out = append(out, Entry{Date: c.Date, Note: c.Note, Title: p.Title, URL: s.Rel(u), Permalink: s.Abs(u)})
		}
	}
	for _, r := range s.Records(lang) {
		p, u := r.Pages[0], s.URLPath(r.Pages[0])
		e := Entry{Date: r.Date, Note: r.Note, Title: p.Title, URL: s.Rel(u), Permalink: s.Abs(u), Source: r.Source, SourceURL: r.SourceURL}
		for _, q := range r.Pages[1:] {
			e.Also = append(e.Also, Link{Title: q.Title, URL: s.Rel(s.URLPath(q))})
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Date.Equal(out[j].Date.Time) {
			return out[i].Date.After(out[j].Date.Time)
		}
		return out[i].Title < out[j].Title
	})
	return out
}

// feed writes an Atom 1.0 feed of the entries.
func feed(s *site.Site, l content.Language, title string, entries []Entry) []byte {
	type link struct {
		Rel  string `xml:"rel,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	type text struct {
		Type string `xml:"type,attr,omitempty"`
		Body string `xml:",chardata"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    link   `xml:"link"`
		Summary text   `xml:"summary"`
		Content *text  `xml:"content,omitempty"`
	}
	type author struct {
		Name string `xml:"name"`
	}
	type atom struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Author  author   `xml:"author"`
		Links   []link   `xml:"link"`
		Entries []entry  `xml:"entry"`
	}
	page := s.Abs(s.URLPath(&content.Page{Key: Key, Lang: l.Code}))
	f := atom{
		Lang: l.Tag, Title: l.Title + " - " + title, ID: page, Author: author{Name: l.Title},
		Links: []link{{Rel: "self", Href: s.Abs(feedPath(s, l.Code))}, {Rel: "alternate", Href: page}},
	}
	// A feed without entries still needs an updated date; the site's
	// confirmation date is the truest one there is.
	updated := s.Content.Site.Confirmed.Time
	ids := map[string]int{}
	for _, e := range entries {
		// Two changes of one page on one day need distinct ids.
		id := e.Permalink + "#changed-" + e.Date.String()
		if n := ids[id]; n > 0 {
			ids[id]++
			id += "-" + strconv.Itoa(n+1)
		} else {
			ids[id] = 1
		}
		if e.Date.After(updated) {
			updated = e.Date.Time
		}
		ent := entry{Title: e.Title, ID: id, Updated: e.Date.Format(time.RFC3339), Link: link{Href: e.Permalink}, Summary: text{Type: "text", Body: e.Note}}
		// The content of a recorded change names its source, and the
		// source's address, after the note; the entry's one link is the
		// page's, which is what feed readers open.
		if e.Source != "" {
			ent.Content = &text{Type: "text", Body: strings.TrimSpace(e.Note + "\n\n" + e.Source + " " + e.SourceURL)}
		}
		f.Entries = append(f.Entries, ent)
	}
	f.Updated = updated.Format(time.RFC3339)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	_ = enc.Encode(f)
	b.WriteByte('\n')
	return b.Bytes()
}
