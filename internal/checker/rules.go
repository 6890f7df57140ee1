package checker

import (
	"fmt"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/yamlfile"
)

// File is a rules file, content/eligibility/rules.yaml: the sources the
// rules come from, the routes an outcome can send a reader to, and the
// dated rule sets.
type File struct {
	// Name is the file's path as shown in messages:
	// "content/eligibility/rules.yaml".
	Name    string    `yaml:"-"`
	Sources []Source  `yaml:"sources"`
	Routes  []Route   `yaml:"routes,required"`
	Rules   []RuleSet `yaml:"rulesets,required"`
	Pos     diag.Pos  `yaml:"-"`

	sources map[string]*Source
	routes  map[string]*Route
}

// Text is one text in every language, by language code.
type Text map[string]string

// Source is a document that rules come from: the office's notice, a section
// of the US Foreign Affairs Manual.
type Source struct {
	ID    string `yaml:"id,required"`
	Title Text   `yaml:"title,required"`
	// URL, if given, links the title to the document.
	URL string   `yaml:"url"`
	Pos diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`
}

// Route is a way of applying that outcomes lead to, with its procedure
// page.
type Route struct {
	ID string `yaml:"id,required"`
	// Page is the procedure page's name under content/ without the
	// language: "waiver" for waiver.zh.md and waiver.en.md.
	Page string `yaml:"page,required"`
	// Note is said by every outcome that leads to this route.
	Note Text     `yaml:"note"`
	Pos  diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`
}

// RuleSet is the checker as the rules stood from one date on: its
// thresholds, questions and outcomes. A later change of the US rules is a
// new rule set with a later date; the older ones stay as the record.
type RuleSet struct {
	// Effective is the date from which the rule set applies.
	Effective content.Date `yaml:"effective,required"`
	// Source is the ID of the source that set these rules; thresholds
	// and questions may name their own.
	Source string `yaml:"source,required"`
	// Change says in a sentence or two what changed from the rule set
	// before; the list of changes, the feeds and the pages of the routes
	// the rules lead to show it (changes.go). Every rule set but the
	// oldest needs one.
	Change     Text        `yaml:"change"`
	Start      string      `yaml:"start,required"`
	Thresholds []Threshold `yaml:"thresholds"`
	Questions  []Question  `yaml:"questions,required"`
	Outcomes   []Outcome   `yaml:"outcomes,required"`
	Pos        diag.Pos    `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`

	file       *File
	thresholds map[string]*Threshold
	questions  map[string]*Question
	outcomes   map[string]*Outcome
	// shown are the thresholds that texts show.
	shown map[string]bool
	paths []Path
}

// Threshold is a number the rules compare with: 12 months, the ages 14
// and 79. Texts refer to it as {id}, {id+1} or {id-1}, and answers of date
// questions compare with it, so that it is written once.
type Threshold struct {
	ID    string `yaml:"id,required"`
	Value int    `yaml:"value,required"`
	// Unit is "years" or "months".
	Unit string `yaml:"unit,required"`
	// Effective and Source default to those of the rule set.
	Effective content.Date `yaml:"effective"`
	Source    string       `yaml:"source"`
	Pos       diag.Pos     `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`
}

// Question is one question of the checker, answered by choosing one of
// its answers.
type Question struct {
	ID   string `yaml:"id,required"`
	Text Text   `yaml:"text,required"`
	// Hint explains the question in a sentence, under it.
	Hint Text `yaml:"hint"`
	// Date, when it has a measure, lets the reader type a date instead,
	// from which the checker picks the answer.
	Date DateInput `yaml:"date"`
	// Effective and Source default to those of the rule set.
	Effective content.Date `yaml:"effective"`
	Source    string       `yaml:"source"`
	Answers   []Answer     `yaml:"answers,required"`
	Pos       diag.Pos     `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`
}

// Measures of a date question.
const (
	// MeasureAge is the age in completed years on today's date of
	// someone born on the date: see Age.
	MeasureAge = "age"
	// MeasureMonthsAgo is how many months before today the date was, a
	// started month counting as a whole one: see MonthsAgo.
	MeasureMonthsAgo = "months-ago"
)

// DateInput describes the date a reader may type to answer a question.
type DateInput struct {
	// Measure is MeasureAge or MeasureMonthsAgo.
	Measure string `yaml:"measure,required"`
	// Label labels the date field: "date of birth".
	Label Text     `yaml:"label,required"`
	Pos   diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`
}

// Answer is one answer to a question and the question or outcome it leads
// to. On a date question, an answer with bounds is the one chosen for a
// typed date whose measure lies within them; each bound names a threshold.
type Answer struct {
	ID   string `yaml:"id,required"`
	Text Text   `yaml:"text,required"`
	Next string `yaml:"next,required"`
	// Under: the measure is less than the threshold. Over: more than it.
	// From: at least it. UpTo: at most it.
	Under string   `yaml:"under"`
	Over  string   `yaml:"over"`
	From  string   `yaml:"from"`
	UpTo  string   `yaml:"upTo"`
	Pos   diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`

	// Bounds are the inclusive bounds on the measure that the above
	// resolve to; Bounded says whether the answer has any.
	Min, Max       int
	HasMin, HasMax bool
	Bounded        bool
}

// Outcome is where a path through the checker ends: the route the reader
// can take, and why.
type Outcome struct {
	ID    string   `yaml:"id,required"`
	Route string   `yaml:"route,required"`
	Title Text     `yaml:"title,required"`
	Text  Text     `yaml:"text,required"`
	Pos   diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`
}

// Load decodes and validates a rules file. name is the path shown in
// messages; langs are the codes of the site's languages, every one of
// which every text must have. The returned list may hold warnings (a
// missing translation, filled from another language) along with a usable
// File; the File is nil when there is any error.
func Load(name string, data []byte, langs []string) (*File, diag.List) {
	f := &File{Name: name}
	if errs := yamlfile.Decode(name, data, 1, f); len(errs) > 0 {
		return nil, errs
	}
	v := &validator{f: f, langs: langs}
	v.validate()
	v.changes()
	if len(v.errs.Errors()) > 0 {
		return nil, v.errs
	}
	return f, v.errs
}

// InForce returns the rule set that applies on the day today, which is the
// one with the latest date that is not after today, or nil when every rule
// set starts later.
func (f *File) InForce(today Day) *RuleSet {
	var best *RuleSet
	for i := range f.Rules {
		rs := &f.Rules[i]
		if DayOf(rs.Effective.Time).Compare(today) > 0 {
			continue
		}
		if best == nil || rs.Effective.After(best.Effective.Time) {
			best = rs
		}
	}
	return best
}

// Source returns the source with the given ID, or nil.
func (f *File) Source(id string) *Source { return f.sources[id] }

// Route returns the route with the given ID, or nil.
func (f *File) Route(id string) *Route { return f.routes[id] }

// File returns the file the rule set belongs to.
func (rs *RuleSet) File() *File { return rs.file }

// Question returns the question with the given ID, or nil.
func (rs *RuleSet) Question(id string) *Question { return rs.questions[id] }

// Outcome returns the outcome with the given ID, or nil.
func (rs *RuleSet) Outcome(id string) *Outcome { return rs.outcomes[id] }

// Threshold returns the threshold with the given ID, or nil.
func (rs *RuleSet) Threshold(id string) *Threshold { return rs.thresholds[id] }

// Answer returns the answer of q with the given ID, or nil.
func (q *Question) Answer(id string) *Answer {
	for i := range q.Answers {
		if q.Answers[i].ID == id {
			return &q.Answers[i]
		}
	}
	return nil
}

// String describes the rule set in messages: "rules of 2025-04-08".
func (rs *RuleSet) String() string { return fmt.Sprintf("rules of %s", rs.Effective) }
