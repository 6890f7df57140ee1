package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/markdown"
)

// PageData is what a layout sees as "." when it renders a page.
type PageData struct {
	Site *Site
	// Lang is the page's language, and Languages all the site's.
	Lang      *content.Language
	Languages []content.Language
	Page      *content.Page
	// URL is the page's address as published (with the base's path),
	// Permalink its absolute URL.
	URL       string
	Permalink string
	// Home is the address of the home page in the page's language.
	Home string
	// Intro is the body before the first level-2 heading.
	Intro template.HTML
	// Steps are the page's steps with their prose, in order.
	Steps []StepData
	// Sections are the body's level-2 sections that are not steps.
	Sections []markdown.Section
	// Checklist is what to bring for the whole procedure, gathered from
	// the steps.
	Checklist []ChecklistItem
	// Translations lists the page in every language, the current one
	// included, for the language switcher and hreflang links.
	Translations []Translation
	// Children are the pages listed under a home or folder page.
	Children []Child
	// Confirmed is the date the procedure was last confirmed, and
	// LastChange the latest entry of its changes, or of the changes that
	// extensions record for it (records.go).
	Confirmed  content.Date
	LastChange *content.Change
	layouts    interface {
		String(lang, key string) (string, error)
	}
	// layout is the name of the layout the page is rendered with.
	layout string
}

// StepData is what a layout sees of a step: the fields of its front
// matter, its number and its prose. The front matter's fields are copied
// rather than embedded: text/template looks a promoted field up anew
// through the embedded struct, allocating, at every use, which made a
// tenth of what a build allocates. TestStepDataHasStepFields keeps the
// copy complete.
type StepData struct {
	ID, Title, Where, Fee, Time, Logic string
	Bring                              []string
	// Links are the step's links, checked and resolved as the links of
	// the page's text are.
	Links    []StepLink
	Optional bool
	// Number counts the steps that are not alternatives or companions of
	// the step before; such steps share the number before them.
	Number  int
	Heading template.HTML
	Body    template.HTML
	// WalkthroughURL is the address of the step's Walkthrough, checked.
	WalkthroughURL string
	// src is the step in the front matter.
	src *content.Step
}

// stepData copies the fields of st that layouts show.
func stepData(st *content.Step, number int) StepData {
	return StepData{
		ID: st.ID, Title: st.Title, Where: st.Where, Fee: st.Fee, Time: st.Time, Logic: st.Logic,
		Bring: st.Bring, Optional: st.Optional, Number: number, src: st,
	}
}

// StepLink is a link of a step, as a layout shows it.
type StepLink struct {
	Text string
	// URL is the address as written, which print shows; Href the
	// address to publish, checked (its scheme is http, https, mailto or
	// tel, or it is a page or file of the guide).
	URL      string
	Href     template.URL
	External bool
}

// ChecklistItem is one thing to bring and the steps that need it.
type ChecklistItem struct {
	Text  string
	Steps []StepRef
}

// StepRef names a step for a checklist.
type StepRef struct {
	ID     string
	Number int
	Title  string
}

// Translation is the page in one language.
type Translation struct {
	Lang *content.Language
	// URL is the address of the page in that language, or of that
	// language's home page when the page is not translated.
	URL        string
	Permalink  string
	Current    bool
	Translated bool
}

// Child is a page listed by a home or folder page.
type Child struct {
	Title, Summary, URL string
	Steps               int
}

// T returns the interface string key in the page's language.
func (d *PageData) T(key string) (string, error) { return d.layouts.String(d.Lang.Code, key) }

// TL returns the interface string key in the language lang.
func (d *PageData) TL(lang, key string) (string, error) { return d.layouts.String(lang, key) }

// Rel turns a path below the site's root ("/en/waiver/") into the address
// to publish.
func (d *PageData) Rel(p string) string { return d.Site.Rel(p) }

// Asset turns the path of a stylesheet, script, picture or other file below
// the site's root ("/css/site.css") into the address to publish, under the
// file's hashed name ("/css/site.3f2a9c1e.css"; see Site.Asset).
func (d *PageData) Asset(p string) string { return d.Site.Asset(p) }

// Shared renders the partial name ("partials/footer.html") once per
// language and returns it, for a part that every page of a language shows
// alike: {{.Shared "partials/footer.html"}}. The partial sees a SharedData
// as ".", not the page, so that one that shows something of a page fails
// to render instead of showing the first page's on every page.
func (d *PageData) Shared(name string) (template.HTML, error) {
	return d.Site.renderShared(d.layout, name, d.Lang)
}

// SharedData is what a partial rendered with PageData.Shared sees as ".":
// what is the same on every page of a language.
type SharedData struct {
	Site      *Site
	Lang      *content.Language
	Languages []content.Language
	// Home is the address of the home page in the language.
	Home string
}

// T returns the interface string key in the language.
func (d *SharedData) T(key string) (string, error) { return d.Site.Layouts.String(d.Lang.Code, key) }

// TL returns the interface string key in the language lang.
func (d *SharedData) TL(lang, key string) (string, error) { return d.Site.Layouts.String(lang, key) }

// Rel is PageData.Rel.
func (d *SharedData) Rel(p string) string { return d.Site.Rel(p) }

// Asset is PageData.Asset.
func (d *SharedData) Asset(p string) string { return d.Site.Asset(p) }

// sharedParts holds the partials rendered by PageData.Shared, by layout,
// partial and language: a layout may define a partial of its own.
type sharedParts struct {
	mu    sync.Mutex
	parts map[sharedKey]sharedPart
}

type sharedKey struct{ layout, name, lang string }

type sharedPart struct {
	html template.HTML
	err  error
}

// renderShared renders the partial name of layout for lang the first time
// it is asked for, and returns what it rendered then. Pages asking for it
// meanwhile wait: it is rendered once for a whole language.
func (s *Site) renderShared(layout, name string, lang *content.Language) (template.HTML, error) {
	k := sharedKey{layout, name, lang.Code}
	s.shared.mu.Lock()
	defer s.shared.mu.Unlock()
	if part, ok := s.shared.parts[k]; ok {
		return part.html, part.err
	}
	var b strings.Builder
	data := &SharedData{Site: s, Lang: lang, Languages: s.Content.Site.Languages, Home: s.Rel(s.urlFor("_index", lang.Code))}
	err := s.Layouts.ExecuteTemplate(&b, layout, name, data)
	if e, ok := err.(*diag.Error); ok && strings.HasSuffix(e.Msg, "in type *site.SharedData") {
		e.Msg += `; a partial rendered with .Shared sees only what every page of a language shares (.Site, .Lang, .Languages, .Home, .T, .TL, .Rel, .Asset): show the page's own parts with {{template}}`
	}
	if s.shared.parts == nil {
		s.shared.parts = map[sharedKey]sharedPart{}
	}
	part := sharedPart{template.HTML(b.String()), err}
	s.shared.parts[k] = part
	return part.html, part.err
}

// pageData assembles what the layout of p sees. It checks the body against
// the steps of the front matter, and for full-width punctuation typed
// where Markdown's syntax needs ASCII.
func (s *Site) pageData(p *content.Page, doc *markdown.Doc, errs *diag.List) *PageData {
	if fw := markdown.FullWidth(p.Body); len(fw) > 0 {
		*errs = append(*errs, positioned(p, fw)...)
	}
	lang := s.Content.Site.Lang(p.Lang)
	d := &PageData{
		Site: s, Lang: lang, Languages: s.Content.Site.Languages, Page: p,
		URL: s.Rel(s.URLPath(p)), Permalink: s.Abs(s.URLPath(p)),
		Confirmed: p.ConfirmedOn(s.Content.Site), LastChange: s.LastChange(p),
		Home: s.Rel(s.urlFor("_index", p.Lang)), layouts: s.Layouts, layout: s.layoutOf(p),
	}
	d.Intro = doc.Sections[0].Body
	d.Steps, d.Sections = s.steps(p, doc.Sections[1:], errs)
	d.Checklist = checklist(d.Steps)
	for i, q := range s.Translations(p) {
		l := &s.Content.Site.Languages[i]
		t := Translation{Lang: l, Current: q == p, Translated: q != nil}
		target := s.urlFor("_index", l.Code)
		if q != nil {
			target = s.URLPath(q)
		}
		t.URL, t.Permalink = s.Rel(target), s.Abs(target)
		d.Translations = append(d.Translations, t)
	}
	d.Children = s.childList(p)
	return d
}

// childList returns what a home or folder page shows of its children.
// Update compares it between builds to tell whether p must be rendered
// again.
func (s *Site) childList(p *content.Page) []Child {
	var out []Child
	for _, c := range s.Children(p) {
		out = append(out, Child{Title: c.Title, Summary: c.Description(), URL: s.Rel(s.URLPath(c)), Steps: len(c.Steps)})
	}
	return out
}

// steps pairs the steps of the front matter with the body's sections. The
// step sections must follow one another in the order of the steps; other
// level-2 sections may come before or after them. A heading whose id is
// near the id of a step that has no section is taken for that step's,
// misspelt: it is reported once, and the step is not reported as having
// no section or as out of order.
func (s *Site) steps(p *content.Page, sections []markdown.Section, errs *diag.List) ([]StepData, []markdown.Section) {
	file := "content/" + p.Path
	byID := map[string]int{}
	for i, st := range p.Steps {
		byID[st.ID] = i
	}
	misspelt := misspeltSteps(p, sections, byID, errs)
	found := make([]*markdown.Section, len(p.Steps))
	var rest []markdown.Section
	next := 0 // index of the step expected next
	for i := range sections {
		sec := &sections[i]
		idx, isStep := byID[sec.ID]
		if m, ok := misspelt[i]; ok {
			idx, isStep = m, true
		}
		if !isStep {
			if next > 0 && next < len(p.Steps) {
				errs.Add(diag.Pos{File: file, Line: p.BodyLine + sec.Line - 1, Col: 1},
					"section %q sits between the steps %q and %q; move it after the last step, or make it a ### heading inside a step",
					sec.HeadingText, p.Steps[next-1].ID, p.Steps[next].ID)
			}
			rest = append(rest, *sec)
			continue
		}
		if found[idx] != nil {
			errs.Add(diag.Pos{File: file, Line: p.BodyLine + sec.Line - 1, Col: 1}, "step %q has two sections; give each heading its own id", sec.ID)
			continue
		}
		if idx != next {
			errs.Add(diag.Pos{File: file, Line: p.BodyLine + sec.Line - 1, Col: 1},
				"the section of step %q is out of order: the steps in the front matter are %s", p.Steps[idx].ID, stepList(p))
		}
		found[idx] = sec
		next = idx + 1
	}
	out := make([]StepData, len(p.Steps))
	n := 0
	for i := range p.Steps {
		st := &p.Steps[i]
		if st.Logic == "" || i == 0 {
			n++
		}
		out[i] = stepData(st, n)
		if found[i] == nil {
			errs.Add(st.Pos, "step %q has no section in the page's text: add a heading \"## %s {#%s}\" with the step's details", st.ID, st.Title, st.ID)
			continue
		}
		out[i].Heading, out[i].Body = found[i].Heading, found[i].Body
	}
	return out, rest
}

// misspeltSteps finds the sections meant as the section of a step that
// has none, reports each once, and returns the index of the step each was
// meant for, by the section's index. A section is taken for a step's when
// its heading sets an id ("{#drop-off}") near the step's id ("dropoff"),
// or when it sets none and its text is the step's title or makes an id
// near the step's.
func misspeltSteps(p *content.Page, sections []markdown.Section, byID map[string]int, errs *diag.List) map[int]int {
	has := map[string]bool{}
	for _, sec := range sections {
		has[sec.ID] = true
	}
	var missing []string
	for _, st := range p.Steps {
		if !has[st.ID] {
			missing = append(missing, st.ID)
		}
	}
	out := map[int]int{}
	for i, sec := range sections {
		if _, isStep := byID[sec.ID]; isStep || sec.ID == "" || len(missing) == 0 {
			continue
		}
		pos := diag.Pos{File: "content/" + p.Path, Line: p.BodyLine + sec.Line - 1, Col: 1}
		col := idColumn(p.Body, sec.Line, sec.ID)
		id := diag.Suggest(sec.ID, missing)
		if col == 0 {
			// The id is made from the heading's text.
			for _, m := range missing {
				if strings.TrimSpace(p.Steps[byID[m]].Title) == strings.TrimSpace(sec.HeadingText) {
					id = m
				}
			}
		}
		if id == "" {
			continue
		}
		missing = slices.DeleteFunc(missing, func(m string) bool { return m == id })
		out[i] = byID[id]
		if col == 0 {
			errs.Add(pos, "heading %q has no step id; end its line with {#%[2]s} to make it the section of step %[2]q", sec.HeadingText, id)
			continue
		}
		pos.Col = col
		errs.Add(pos, "heading id %q is no step of this page; did you mean step %q?", sec.ID, id)
	}
	return out
}

// idColumn returns the column of the "{#id" that sets a heading's id on
// the given line of body, or 0 when the line has none.
func idColumn(body []byte, line int, id string) int {
	n := 0
	for l := range bytes.Lines(body) {
		if n++; n != line {
			continue
		}
		attr := []byte("{#" + id)
		for i := bytes.Index(l, attr); i >= 0; {
			end := i + len(attr)
			if end < len(l) && (l[end] == '}' || l[end] == ' ') {
				return 1 + utf8.RuneCount(l[:i])
			}
			j := bytes.Index(l[end:], attr)
			if j < 0 {
				break
			}
			i = end + j
		}
		return 0
	}
	return 0
}

func stepList(p *content.Page) string {
	s := ""
	for i, st := range p.Steps {
		if i > 0 {
			s += ", "
		}
		s += st.ID
	}
	return fmt.Sprintf("[%s]", s)
}

// checklist gathers the things to bring of all the steps, each once, in
// the order in which they are first needed.
func checklist(steps []StepData) []ChecklistItem {
	var items []ChecklistItem
	index := map[string]int{}
	for i := range steps {
		st := &steps[i]
		for _, b := range st.Bring {
			r := StepRef{ID: st.ID, Number: st.Number, Title: st.Title}
			if j, ok := index[b]; ok {
				items[j].Steps = append(items[j].Steps, r)
				continue
			}
			index[b] = len(items)
			items = append(items, ChecklistItem{Text: b, Steps: []StepRef{r}})
		}
	}
	return items
}
