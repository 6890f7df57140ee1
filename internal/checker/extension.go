package checker

import (
	"encoding/json"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/site"
)

// Names the checker uses in a site.
const (
	// Layout is the layout of a checker's own page; a page whose front
	// matter says layout: checker is one.
	Layout = "checker"
	// LayoutQuestion and LayoutOutcome are the layouts of the pages made
	// for every question and outcome.
	LayoutQuestion = "checker-question"
	LayoutOutcome  = "checker-outcome"
	// RulesFile is the rules file, beside the checker's page.
	RulesFile = "rules.yaml"
	// JSONFile is the rules as published for the script, in the checker's
	// folder.
	JSONFile = "rules.json"
	// Script is the address of the script below the site's root.
	Script = "/js/checker.js"
)

// Extension publishes the checkers of a site: for every checker page it
// reads the rules file beside it, attaches a View to the page, adds a page
// for every question but the first and for every outcome, in every
// language of the checker page, and publishes the rules as JSON.
type Extension struct {
	// Root is the folder that holds content/, as in site.Options.
	Root fs.FS
	// Today returns the day that chooses the rule set in force. Nil means
	// the date of the computer that builds the site.
	Today func() Day
}

// New returns the extension for the sources in root.
func New(root fs.FS) *Extension { return &Extension{Root: root} }

func (e *Extension) today() Day {
	if e.Today != nil {
		return e.Today()
	}
	return DayOf(time.Now())
}

// OwnLayouts implements site.LayoutOwner: the layouts of the question and
// outcome pages need the data the checker attaches to its own pages.
func (e *Extension) OwnLayouts() ([]string, messages.Text) {
	return []string{LayoutQuestion, LayoutOutcome}, messages.Sprintf("the eligibility checker")
}

// Extend implements site.Extension.
func (e *Extension) Extend(s *site.Site) diag.List {
	var errs diag.List
	byDir := map[string][]*content.Page{}
	var dirs []string
	for _, p := range s.Pages() {
		if p.Layout != Layout {
			continue
		}
		if !p.IsIndex() || p.IsHome() {
			errs.Add(p.At("layout"), "layout %q is for a folder's own page, such as content/eligibility/_index.%s.md, because the checker's questions get addresses below it", Layout, p.Lang)
			continue
		}
		dir := p.Section()
		if byDir[dir] == nil {
			dirs = append(dirs, dir)
		}
		byDir[dir] = append(byDir[dir], p)
	}
	for _, dir := range dirs {
		errs = append(errs, e.extend(s, dir, byDir[dir])...)
	}
	return errs
}

// extend publishes the checker of one folder, whose own page is pages in
// one or more languages.
func (e *Extension) extend(s *site.Site, dir string, pages []*content.Page) diag.List {
	var errs diag.List
	name := "content/" + path.Join(dir, RulesFile)
	data, err := readFile(e.Root, name)
	if err != nil {
		errs.Add(pages[0].Meta.Pos, "the checker's rules cannot be read: %v; write them in %s (see docs/checker.md)", err, name)
		return errs
	}
	var langs []string
	for _, l := range s.Content.Site.Languages {
		langs = append(langs, l.Code)
	}
	f, ferrs := Load(name, data, langs)
	errs = append(errs, ferrs...)
	if f == nil {
		return errs
	}
	// The route pages must exist in every language of the checker.
	for _, r := range f.Routes {
		for _, p := range pages {
			if routePage(s, r.Page, p.Lang) == nil {
				errs.Add(r.At("page"), "route %q: page %q does not exist in %s: there is no content/%s.%s.md", r.ID, r.Page, p.Lang, r.Page, p.Lang)
			}
		}
	}
	today := e.today()
	rs := f.InForce(today)
	if rs == nil {
		errs.Add(f.Rules[0].Pos, "no rule set is in force on %s: every rule set takes effect later", today)
	}
	if len(errs.Errors()) > 0 {
		return errs
	}

	b := &builder{s: s, dir: dir, rs: rs, checkers: pages}
	// Claim the addresses first, so that a question that takes the
	// address of a page of content/ is reported before anything is added.
	for _, id := range b.ids() {
		for _, p := range pages {
			u := s.URLPath(&content.Page{Key: path.Join(dir, id), Lang: p.Lang})
			if q := s.Page(u); q != nil {
				errs.Add(b.pos(id), "%q would be published at %s, where content/%s is already; rename the question or outcome", id, u, q.Path)
			}
		}
	}
	if len(errs.Errors()) > 0 {
		return errs
	}
	errs = append(errs, b.publish(today)...)
	js := map[string]*jsonRules{}
	for _, p := range pages {
		v, err := b.view(p.Lang)
		if err != nil {
			errs.Add(p.Meta.Pos, "%v", err)
			return errs
		}
		p.Data = v
		b.addPages(p, v)
		js[p.Lang] = b.json(p.Lang, v)
	}
	out, err := json.Marshal(js)
	if err != nil {
		errs.Add(diag.Pos{File: name}, "cannot write the rules as JSON: %v", err)
		return errs
	}
	s.AddFile(path.Join(dir, JSONFile), out)
	// The rules are published under a name that carries the hash of the
	// JSON, which exists only now.
	rules := s.Asset("/" + path.Join(dir, JSONFile))
	for _, p := range s.Pages() {
		if v, ok := p.Data.(*View); ok {
			v.Rules = rules
		}
	}
	return errs
}

func readFile(fsys fs.FS, name string) ([]byte, error) {
	if fsys == nil {
		return nil, messages.Errorf("the checker has no source folder")
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if info.Size() > content.MaxFileSize {
		return nil, messages.Errorf("%s is larger than %d MiB", name, content.MaxFileSize>>20)
	}
	return fs.ReadFile(fsys, name)
}

// routePage returns the page of a route in language lang: the page
// content/NAME.LANG.md or, for a folder, content/NAME/_index.LANG.md.
func routePage(s *site.Site, name, lang string) *content.Page {
	name = strings.Trim(name, "/")
	for _, key := range []string{name, name + "/_index"} {
		if p := s.Page(s.URLPath(&content.Page{Key: key, Lang: lang})); p != nil && p.Lang == lang {
			return p
		}
	}
	return nil
}

// builder makes the views and pages of one checker.
type builder struct {
	s        *site.Site
	dir      string
	rs       *RuleSet
	checkers []*content.Page
}

// ids returns the ids that get pages: every question but the first, whose
// page is the checker's own, and every outcome.
func (b *builder) ids() []string {
	var ids []string
	for _, q := range b.rs.Questions {
		if q.ID != b.rs.Start {
			ids = append(ids, q.ID)
		}
	}
	for _, o := range b.rs.Outcomes {
		ids = append(ids, o.ID)
	}
	return ids
}

func (b *builder) pos(id string) diag.Pos {
	if q := b.rs.Question(id); q != nil {
		return q.Pos
	}
	return b.rs.Outcome(id).Pos
}

// url returns the address of the page of a question or outcome.
func (b *builder) url(id, lang string) string {
	key := path.Join(b.dir, id)
	if id == b.rs.Start {
		key = path.Join(b.dir, "_index")
	}
	return b.s.Rel(b.s.URLPath(&content.Page{Key: key, Lang: lang}))
}

// view returns the View of the checker's own page in language lang.
func (b *builder) view(lang string) (*View, error) {
	var checker *content.Page
	for _, p := range b.checkers {
		if p.Lang == lang {
			checker = p
		}
	}
	// The script shows interface strings that no layout may use, so
	// check here that they exist.
	for _, key := range append([]string{"checker_date_layout", "checker_as_of"}, slices.Sorted(maps.Values(uiStrings))...) {
		if _, err := b.s.Layouts.String(lang, key); err != nil {
			return nil, messages.Errorf("the checker needs the interface string %q: add it to layouts/i18n/%s.yaml", key, lang)
		}
	}
	dateLayout, _ := b.s.Layouts.String(lang, "checker_date_layout")
	v := &View{
		Title:   checker.Title,
		Start:   b.url(b.rs.Start, lang),
		Script:  b.s.Asset(Script),
		AsOf:    b.rs.Effective.Format(dateLayout),
		RuleSet: b.rs,
		File:    b.rs.File(),
	}
	v.Question = b.question(b.rs.Question(b.rs.Start), lang)
	return v, nil
}

func (b *builder) question(q *Question, lang string) *QuestionView {
	qv := &QuestionView{ID: q.ID, Text: joinLines(q.Text[lang]), Hint: joinLines(q.Hint[lang])}
	if q.Date.Measure != "" {
		qv.DateLabel = joinLines(q.Date.Label[lang])
	}
	for _, a := range q.Answers {
		qv.Answers = append(qv.Answers, AnswerView{ID: a.ID, Text: joinLines(a.Text[lang]), URL: b.url(a.Next, lang), Next: a.Next})
	}
	return qv
}

func (b *builder) outcome(o *Outcome, lang string) *OutcomeView {
	f := b.rs.File()
	r := f.Route(o.Route)
	ov := &OutcomeView{ID: o.ID, Route: o.Route, Title: joinLines(o.Title[lang]), Paragraphs: paragraphs(o.Text[lang])}
	ov.Note = joinLines(r.Note[lang])
	if p := routePage(b.s, r.Page, lang); p != nil {
		ov.Next = Link{Text: p.Title, URL: b.s.Rel(b.s.URLPath(p))}
	}
	for _, id := range b.rs.sourcesOf(o.ID) {
		src := f.Source(id)
		ov.Sources = append(ov.Sources, Link{Text: joinLines(src.Title[lang]), URL: src.URL})
	}
	return ov
}

// sourcesOf returns the ids of the sources of the rules that a reader
// meets on the way to the outcome id: the rule set's own, those of the
// questions asked and those of the thresholds their answers compare with
// or their texts show, in the order of the file's sources.
func (rs *RuleSet) sourcesOf(id string) []string {
	used := map[string]bool{rs.Source: true}
	for _, p := range rs.paths {
		if p.Outcome.ID != id {
			continue
		}
		for _, c := range p.Choices {
			q := rs.Question(c.Question)
			used[q.Source] = true
			for _, a := range q.Answers {
				for _, t := range []string{a.Under, a.Over, a.From, a.UpTo} {
					if th := rs.Threshold(t); th != nil {
						used[th.Source] = true
					}
				}
			}
		}
	}
	var out []string
	for _, s := range rs.file.Sources {
		if used[s.ID] {
			out = append(out, s.ID)
		}
	}
	return out
}

// addPages adds the page of every question but the first and of every
// outcome in the language of the checker page p.
func (b *builder) addPages(p *content.Page, v *View) {
	back := func(id string) string {
		parents := b.rs.Parents(id)
		if len(parents) != 1 {
			return ""
		}
		return b.url(parents[0].ID, p.Lang)
	}
	for i := range b.rs.Questions {
		q := &b.rs.Questions[i]
		if q.ID == b.rs.Start {
			continue
		}
		qv := *v
		qv.Question, qv.Back = b.question(q, p.Lang), back(q.ID)
		// The question and its hint say what the page is: with only the
		// hint, or the checker's summary, pages would share it.
		summary := strings.TrimSpace(qv.Question.Text + " " + qv.Question.Hint)
		b.s.AddPage(&content.Page{
			Key: path.Join(b.dir, q.ID), Lang: p.Lang, Data: &qv,
			Meta: content.Meta{Title: qv.Question.Text, Summary: summary, Layout: LayoutQuestion, Draft: p.Draft, Pos: q.Pos},
		})
	}
	for i := range b.rs.Outcomes {
		o := &b.rs.Outcomes[i]
		ov := *v
		ov.Question, ov.Outcome, ov.Back = nil, b.outcome(o, p.Lang), back(o.ID)
		summary := ""
		if len(ov.Outcome.Paragraphs) > 0 {
			summary = ov.Outcome.Paragraphs[0]
		}
		b.s.AddPage(&content.Page{
			Key: path.Join(b.dir, o.ID), Lang: p.Lang, Data: &ov,
			Meta: content.Meta{Title: ov.Outcome.Title, Summary: summary, Layout: LayoutOutcome, Draft: p.Draft, Pos: o.Pos},
		})
	}
}

// jsonRules is the checker in one language as the script reads it.
type jsonRules struct {
	Start string                   `json:"start"`
	Q     map[string]*jsonQuestion `json:"q"`
	O     map[string]*jsonOutcome  `json:"o"`
	UI    map[string]string        `json:"ui"`
}

type jsonQuestion struct {
	Text    string       `json:"text"`
	Hint    string       `json:"hint,omitempty"`
	Measure string       `json:"measure,omitempty"`
	Label   string       `json:"label,omitempty"`
	Answers []jsonAnswer `json:"answers"`
}

type jsonAnswer struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Next string `json:"next"`
	Min  *int   `json:"min,omitempty"`
	Max  *int   `json:"max,omitempty"`
}

// jsonOutcome is an outcome as the script reads it.
type jsonOutcome struct {
	Route string   `json:"route"`
	Title string   `json:"title"`
	Text  []string `json:"text"`
	Note  string   `json:"note,omitempty"`
	Next  Link     `json:"next"`
	Cite  []Link   `json:"cite,omitempty"`
}

// uiStrings are the interface strings of layouts/i18n/ that the script
// shows, by the name the script knows them by.
var uiStrings = map[string]string{
	"back":         "checker_back",
	"restart":      "checker_restart",
	"continue":     "checker_continue",
	"or_date":      "checker_or_date",
	"err_empty":    "checker_error_empty",
	"err_date":     "checker_error_date",
	"err_no_year":  "checker_error_no_year",
	"err_no_month": "checker_error_no_month",
	"err_no_day":   "checker_error_no_day",
	"err_order":    "checker_error_order",
	"err_old":      "checker_error_old",
	"date_hint":    "checker_date_hint",
	"future":       "checker_error_future",
	"result":       "checker_result",
	"reset":        "checker_reset",
	"sources":      "checker_sources",
	"confirm":      "checker_confirm",
	"next":         "checker_next",
	"error":        "checker_error",
}

func (b *builder) json(lang string, v *View) *jsonRules {
	j := &jsonRules{Start: b.rs.Start, Q: map[string]*jsonQuestion{}, O: map[string]*jsonOutcome{}, UI: map[string]string{}}
	for i := range b.rs.Questions {
		q := &b.rs.Questions[i]
		qv := b.question(q, lang)
		jq := &jsonQuestion{Text: qv.Text, Hint: qv.Hint, Measure: q.Date.Measure, Label: qv.DateLabel}
		for k, a := range q.Answers {
			ja := jsonAnswer{ID: a.ID, Text: qv.Answers[k].Text, Next: a.Next}
			if a.Bounded && a.HasMin {
				ja.Min = new(a.Min)
			}
			if a.Bounded && a.HasMax {
				ja.Max = new(a.Max)
			}
			jq.Answers = append(jq.Answers, ja)
		}
		j.Q[q.ID] = jq
	}
	for i := range b.rs.Outcomes {
		ov := b.outcome(&b.rs.Outcomes[i], lang)
		j.O[ov.ID] = &jsonOutcome{Route: ov.Route, Title: ov.Title, Text: ov.Paragraphs, Note: ov.Note, Next: ov.Next, Cite: ov.Sources}
	}
	for name, key := range uiStrings {
		j.UI[name], _ = b.s.Layouts.String(lang, key)
	}
	asOf, _ := b.s.Layouts.String(lang, "checker_as_of")
	j.UI["as_of"] = strings.Replace(asOf, "%s", v.AsOf, 1)
	return j
}
