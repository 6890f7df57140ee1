package site

import "guide/internal/content"

// A Record is a change of the procedure that an extension records from its
// own data rather than from a page's changes: list, such as a new rule set
// of the eligibility checker, with the document it comes from. It counts
// as a change of each of its pages: their "last updated" line and the
// sitemap's dates show it, and the list of changes (internal/changes)
// lists it once, under the first page, naming the others.
type Record struct {
	Date content.Date
	Note string
	// Source names the document the change comes from, and SourceURL,
	// when it is not empty, is its address.
	Source, SourceURL string
	// Pages are the pages the change concerns, all in one language; the
	// first is the one the list of changes links to.
	Pages []*content.Page
}

// AddRecord records a change for its pages. Extensions call it from
// Extend, so that it is made anew, like their pages, at every build.
func (s *Site) AddRecord(r Record) {
	if len(r.Pages) > 0 {
		s.records = append(s.records, r)
	}
}

// Records returns the records of the pages in language lang, in the order
// in which they were added.
func (s *Site) Records(lang string) []Record {
	var out []Record
	for _, r := range s.records {
		if r.Pages[0].Lang == lang {
			out = append(out, r)
		}
	}
	return out
}

// LastChange returns the latest change of p: an entry of its changes:
// list, or a record that concerns it, the entry when both have the same
// date; nil when it has neither.
func (s *Site) LastChange(p *content.Page) *content.Change {
	last := p.LastChange()
	for _, r := range s.records {
		for _, q := range r.Pages {
			if q == p && (last == nil || r.Date.After(last.Date.Time)) {
				last = &content.Change{Date: r.Date, Note: r.Note}
			}
		}
	}
	return last
}
