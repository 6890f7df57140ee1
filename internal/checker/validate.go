package checker

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"guide/internal/content"
	"guide/internal/diag"
)

// idPattern is the form of every id: it appears in addresses
// (/eligibility/last-visa/) and in the checker's URL fragment.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Units of thresholds and the range a threshold in them may take. The ranges
// are wide enough for any rule and narrow enough to catch a slip of the
// keyboard (a threshold of 790 years).
var units = map[string]struct{ max int }{
	"years":  {120},
	"months": {600},
}

// unitOf is the unit of the thresholds a measure is compared with.
var unitOf = map[string]string{MeasureAge: "years", MeasureMonthsAgo: "months"}

type validator struct {
	f     *File
	langs []string
	errs  diag.List
	// suggested is the work spent on suggestions so far; see suggest.
	suggested int
}

// suggestBudget bounds the work of the "did you mean" suggestions of one
// rules file, in cells of the edit-distance tables they fill: a word's
// length times a candidate's, for every candidate. Each suggestion compares
// a word with every candidate, so without the bound a file of 800 answers
// leading to misspelt 100-letter ids (230 KB) took half a minute to load.
// Past the budget, problems are still reported, without a suggestion.
const suggestBudget = 1 << 20

// suggest returns the candidate that word is probably a misspelling of, as
// diag.Suggest does, or "" when there is none or when the suggestions of
// the file have used up suggestBudget.
func (v *validator) suggest(word string, candidates []string) string {
	if v.cost(word, candidates) {
		return diag.Suggest(word, candidates)
	}
	return ""
}

// suggestKey is suggest with the keys of m as the candidates.
func suggestKey[V any](v *validator, word string, m map[string]V) string {
	if v.suggested >= suggestBudget {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	if !v.cost(word, keys) {
		return ""
	}
	sort.Strings(keys)
	return diag.Suggest(word, keys)
}

// cost charges the comparison of word with candidates to the budget of
// suggestions and reports whether it fits; once one does not, none does.
func (v *validator) cost(word string, candidates []string) bool {
	if v.suggested >= suggestBudget {
		return false
	}
	n := utf8.RuneCountInString(word) + 1
	c := 0
	for _, k := range candidates {
		c += n * (utf8.RuneCountInString(k) + 1)
		if v.suggested+c > suggestBudget {
			v.suggested = suggestBudget
			return false
		}
	}
	v.suggested += c
	return true
}

func (v *validator) add(pos diag.Pos, format string, args ...any) {
	v.errs.Add(pos, format, args...)
}

// pos returns p, or the file's position when p is unknown.
func (v *validator) pos(p diag.Pos) diag.Pos {
	if p.File == "" {
		return diag.Pos{File: v.f.Name}
	}
	return p
}

func (v *validator) validate() {
	f := v.f
	f.sources = map[string]*Source{}
	for i := range f.Sources {
		s := &f.Sources[i]
		what := fmt.Sprintf("source %q", s.ID)
		if v.id(s.Pos, "source", s.ID) && f.sources[s.ID] != nil {
			v.add(s.Pos, "there are two sources with the id %q", s.ID)
		}
		f.sources[s.ID] = s
		v.text(s.Pos, what, "title", s.Title, nil)
		if s.URL != "" {
			if err := content.CheckURL(s.URL); err != nil {
				v.add(s.Pos, "%s: url: %v", what, err)
			} else if !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
				v.add(s.Pos, "%s: url %q must be a full https:// address", what, s.URL)
			}
		}
	}
	f.routes = map[string]*Route{}
	for i := range f.Routes {
		r := &f.Routes[i]
		if v.id(r.Pos, "route", r.ID) && f.routes[r.ID] != nil {
			v.add(r.Pos, "there are two routes with the id %q", r.ID)
		}
		f.routes[r.ID] = r
		if strings.TrimSpace(r.Page) == "" {
			v.add(r.Pos, "route %q: page must name the route's page, such as %q for waiver.zh.md and waiver.en.md", r.ID, "waiver")
		}
		if r.Note != nil {
			v.text(r.Pos, fmt.Sprintf("route %q", r.ID), "note", r.Note, nil)
		}
	}
	if len(f.Routes) == 0 {
		v.add(v.pos(f.Pos), "routes: list at least one route")
	}
	if len(f.Rules) == 0 {
		v.add(v.pos(f.Pos), "rulesets: list at least one rule set")
	}
	dates := map[string]bool{}
	for i := range f.Rules {
		rs := &f.Rules[i]
		if d := rs.Effective.String(); dates[d] {
			v.add(rs.Pos, "there are two rule sets that take effect on %s; give each change its own date", d)
		} else {
			dates[d] = true
		}
		v.ruleSet(rs)
	}
}

// id checks the form of an id and reports whether it is usable.
func (v *validator) id(pos diag.Pos, kind, id string) bool {
	if !idPattern.MatchString(id) {
		v.add(pos, "%s id %q must be lowercase letters, digits and hyphens, as in %q", kind, id, "last-visa")
		return false
	}
	return true
}

// source checks a reference to a source.
func (v *validator) source(pos diag.Pos, what, id string) {
	if id == "" || v.f.sources[id] != nil {
		return
	}
	msg := fmt.Sprintf("%s: source %q is not one of the sources listed under sources:", what, id)
	if s := suggestKey(v, id, v.f.sources); s != "" {
		msg += fmt.Sprintf(", did you mean %q?", s)
	}
	v.add(pos, "%s", msg)
}

// text checks that t has a text in every language and no other, and, when
// rs is not nil, replaces the names of thresholds in braces with their
// values. A missing translation is a warning, and the text of another
// language stands in for it, so that an editor can see the page while
// translating.
func (v *validator) text(pos diag.Pos, what, field string, t Text, rs *RuleSet) {
	if t == nil {
		v.add(pos, "%s: %s is missing", what, field)
		return
	}
	for _, k := range sortedKeys(t) {
		if !slices.Contains(v.langs, k) {
			msg := fmt.Sprintf("%s: %s: %q is not one of the site's languages (%s)", what, field, k, strings.Join(v.langs, ", "))
			if s := v.suggest(k, v.langs); s != "" {
				msg = fmt.Sprintf("%s: %s: unknown language %q, did you mean %q?", what, field, k, s)
			}
			v.add(pos, "%s", msg)
			delete(t, k)
		}
	}
	fallback := ""
	for _, l := range v.langs {
		if strings.TrimSpace(t[l]) != "" {
			fallback = t[l]
			break
		}
	}
	if fallback == "" {
		v.add(pos, "%s: %s is empty; write it in every language (%s)", what, field, strings.Join(v.langs, ", "))
		return
	}
	for _, l := range v.langs {
		if strings.TrimSpace(t[l]) == "" {
			v.errs.Unfinished(pos, "%s: the %s translation of %s is missing; add %s: under %s:", what, l, field, l, field)
			t[l] = fallback
		}
		// Texts are plain: paragraphs split at blank lines, each with
		// its line breaks folded as the language writes them.
		t[l] = strings.Join(paragraphs(t[l]), "\n\n")
		if rs != nil {
			t[l] = v.substitute(pos, what, field, t[l], rs)
		}
	}
}

var placeholder = regexp.MustCompile(`\{([^{}]*)\}`)
var offset = regexp.MustCompile(`^(.*?)\s*([+-])\s*(\d{1,3})$`)

// substitute replaces {threshold}, {threshold+N} and {threshold-N} with
// numbers.
func (v *validator) substitute(pos diag.Pos, what, field, s string, rs *RuleSet) string {
	return placeholder.ReplaceAllStringFunc(s, func(m string) string {
		name := strings.TrimSpace(m[1 : len(m)-1])
		if t := rs.thresholds[name]; t != nil {
			rs.shown[name] = true
			return strconv.Itoa(t.Value)
		}
		if sm := offset.FindStringSubmatch(name); sm != nil {
			if t := rs.thresholds[sm[1]]; t != nil {
				rs.shown[sm[1]] = true
				n, _ := strconv.Atoi(sm[3])
				if sm[2] == "-" {
					n = -n
				}
				return strconv.Itoa(t.Value + n)
			}
			name = sm[1]
		}
		msg := fmt.Sprintf("%s: %s: %s names no threshold of the %s", what, field, m, rs)
		if s := suggestKey(v, name, rs.thresholds); s != "" {
			msg += fmt.Sprintf(", did you mean {%s}?", s)
		}
		v.add(pos, "%s", msg)
		return m
	})
}

func (v *validator) ruleSet(rs *RuleSet) {
	rs.file = v.f
	rs.thresholds = map[string]*Threshold{}
	rs.questions = map[string]*Question{}
	rs.outcomes = map[string]*Outcome{}
	rs.shown = map[string]bool{}
	v.source(rs.Pos, rs.String(), rs.Source)

	used := map[string]bool{}
	for i := range rs.Thresholds {
		t := &rs.Thresholds[i]
		what := fmt.Sprintf("threshold %q", t.ID)
		if v.id(t.Pos, "threshold", t.ID) && rs.thresholds[t.ID] != nil {
			v.add(t.Pos, "there are two thresholds with the id %q", t.ID)
		}
		rs.thresholds[t.ID] = t
		if u, ok := units[t.Unit]; !ok {
			v.add(t.Pos, "%s: unit must be \"years\" or \"months\", not %q", what, t.Unit)
		} else if t.Value < 0 || t.Value > u.max {
			v.add(t.Pos, "%s: %d %s is out of range; a threshold in %s must be between 0 and %d", what, t.Value, t.Unit, t.Unit, u.max)
		}
		v.source(t.Pos, what, t.Source)
		if t.Source == "" {
			t.Source = rs.Source
		}
		if t.Effective.IsZero() {
			t.Effective = rs.Effective
		}
	}

	ids := map[string]diag.Pos{}
	claim := func(pos diag.Pos, kind, id string) {
		if !v.id(pos, kind, id) {
			return
		}
		if first, ok := ids[id]; ok {
			v.add(pos, "%s id %q is already used at line %d; questions and outcomes need ids of their own", kind, id, first.Line)
			return
		}
		ids[id] = pos
	}
	for i := range rs.Questions {
		q := &rs.Questions[i]
		claim(q.Pos, "question", q.ID)
		rs.questions[q.ID] = q
	}
	for i := range rs.Outcomes {
		o := &rs.Outcomes[i]
		claim(o.Pos, "outcome", o.ID)
		rs.outcomes[o.ID] = o
	}

	nextOK := true
	for i := range rs.Questions {
		q := &rs.Questions[i]
		if !v.question(rs, q, ids, used) {
			nextOK = false
		}
	}
	for i := range rs.Outcomes {
		o := &rs.Outcomes[i]
		what := fmt.Sprintf("outcome %q", o.ID)
		if v.f.routes[o.Route] == nil {
			msg := fmt.Sprintf("%s: route %q is not one of the routes listed under routes:", what, o.Route)
			if s := suggestKey(v, o.Route, v.f.routes); s != "" {
				msg += fmt.Sprintf(", did you mean %q?", s)
			}
			v.add(o.Pos, "%s", msg)
		}
		v.text(o.Pos, what, "title", o.Title, rs)
		v.text(o.Pos, what, "text", o.Text, rs)
	}
	v.distinct(rs)
	for i := range rs.Thresholds {
		t := &rs.Thresholds[i]
		if !used[t.ID] && !rs.shown[t.ID] {
			v.add(t.Pos, "threshold %q is not used: no answer compares with it and no text shows it; remove it or use it", t.ID)
		}
	}

	start := rs.questions[rs.Start]
	switch {
	case start == nil && rs.outcomes[rs.Start] != nil:
		v.add(rs.Pos, "start %q is an outcome; the checker must start with a question", rs.Start)
		return
	case start == nil:
		msg := fmt.Sprintf("start %q is not one of the questions of the %s", rs.Start, rs)
		if s := suggestKey(v, rs.Start, rs.questions); s != "" {
			msg += fmt.Sprintf(", did you mean %q?", s)
		}
		v.add(rs.Pos, "%s", msg)
		return
	}
	if !nextOK {
		return
	}
	reached := map[string]bool{}
	err := rs.walk(func(p Path) { rs.paths = append(rs.paths, p) }, func(id string) { reached[id] = true })
	if err != nil {
		pos := rs.Pos
		if we, ok := err.(*walkError); ok {
			pos = we.answer.Pos
		}
		v.add(pos, "%v", err)
		rs.paths = nil
		return
	}
	for i := range rs.Questions {
		if q := &rs.Questions[i]; !reached[q.ID] {
			v.add(q.Pos, "question %q is never asked: no answer leads to it from the start question %q", q.ID, rs.Start)
		}
	}
	for i := range rs.Outcomes {
		if o := &rs.Outcomes[i]; !reached[o.ID] {
			v.add(o.Pos, "outcome %q is never reached: no answer leads to it from the start question %q", o.ID, rs.Start)
		}
	}
}

// distinct checks that no two questions ask the same and no two outcomes
// have the same title in a language: each has a page of its own, which
// readers and search engines tell apart by its title.
func (v *validator) distinct(rs *RuleSet) {
	for _, l := range v.langs {
		seen := map[string]string{}
		for _, q := range rs.Questions {
			if other, ok := seen[q.Text[l]]; ok && q.Text[l] != "" {
				v.add(q.Pos, "question %q asks the same as question %q in %s; give every question its own wording", q.ID, other, l)
			}
			seen[q.Text[l]] = q.ID
		}
		seen = map[string]string{}
		for _, o := range rs.Outcomes {
			if other, ok := seen[o.Title[l]]; ok && o.Title[l] != "" {
				v.add(o.Pos, "outcome %q has the same title as outcome %q in %s; give every outcome a title of its own, since each has its own page", o.ID, other, l)
			}
			seen[o.Title[l]] = o.ID
		}
	}
}

// question checks one question and its answers. It reports whether it has
// answers and every answer leads to a question or outcome that exists, so
// that the rule set can be walked.
func (v *validator) question(rs *RuleSet, q *Question, ids map[string]diag.Pos, used map[string]bool) bool {
	what := fmt.Sprintf("question %q", q.ID)
	v.text(q.Pos, what, "text", q.Text, rs)
	if q.Hint != nil {
		v.text(q.Pos, what, "hint", q.Hint, rs)
	}
	v.source(q.Pos, what, q.Source)
	if q.Source == "" {
		q.Source = rs.Source
	}
	if q.Effective.IsZero() {
		q.Effective = rs.Effective
	}
	isDate := q.Date.Measure != "" || q.Date.Label != nil
	if isDate {
		if _, ok := unitOf[q.Date.Measure]; !ok {
			v.add(q.Date.Pos, "%s: date: measure must be %q or %q, not %q", what, MeasureAge, MeasureMonthsAgo, q.Date.Measure)
			isDate = false
		}
		v.text(q.Date.Pos, what, "the date's label", q.Date.Label, rs)
	}
	ok := true
	if len(q.Answers) == 0 {
		v.add(q.Pos, "%s has no answers; list at least two under answers:", what)
		ok = false
	}
	seen := map[string]bool{}
	bounded := 0
	for i := range q.Answers {
		a := &q.Answers[i]
		awhat := fmt.Sprintf("answer %q of question %q", a.ID, q.ID)
		if v.id(a.Pos, "answer", a.ID) && seen[a.ID] {
			v.add(a.Pos, "question %q has two answers with the id %q", q.ID, a.ID)
		}
		seen[a.ID] = true
		v.text(a.Pos, awhat, "text", a.Text, rs)
		if _, exists := ids[a.Next]; !exists {
			ok = false
			msg := fmt.Sprintf("%s leads to %q, which is no question or outcome of the %s", awhat, a.Next, rs)
			if s := suggestKey(v, a.Next, ids); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			v.add(a.Pos, "%s", msg)
		}
		if a.Under == "" && a.Over == "" && a.From == "" && a.UpTo == "" {
			continue
		}
		a.Bounded = true
		bounded++
		if !isDate {
			if q.Date.Measure == "" {
				v.add(a.Pos, "%s: under, over, from and upTo compare a typed date; give the question a date: with a measure, or remove them", awhat)
			}
			continue
		}
		v.bounds(rs, q, a, awhat, used)
	}
	if isDate && bounded == 0 {
		v.add(q.Date.Pos, "%s takes a date, but no answer has bounds (under, over, from, upTo) to choose it by", what)
	}
	if isDate && bounded > 0 {
		v.coverage(q)
	}
	return ok
}

// bounds resolves an answer's bounds to inclusive limits on the measure,
// whose values are whole numbers: under 14 is at most 13, over 79 at least
// 80.
func (v *validator) bounds(rs *RuleSet, q *Question, a *Answer, what string, used map[string]bool) {
	value := func(key, id string) (int, bool) {
		t := rs.thresholds[id]
		if t == nil {
			msg := fmt.Sprintf("%s: %s: %q is not one of the thresholds of the %s", what, key, id, rs)
			if s := suggestKey(v, id, rs.thresholds); s != "" {
				msg += fmt.Sprintf(", did you mean %q?", s)
			}
			v.add(a.Pos, "%s", msg)
			return 0, false
		}
		used[id] = true
		if want := unitOf[q.Date.Measure]; t.Unit != want {
			v.add(a.Pos, "%s: %s: threshold %q is in %s, but the question measures %s in %s", what, key, id, t.Unit, q.Date.Measure, want)
			return 0, false
		}
		return t.Value, true
	}
	if a.Over != "" && a.From != "" {
		v.add(a.Pos, "%s has both over and from; give one lower bound", what)
	}
	if a.Under != "" && a.UpTo != "" {
		v.add(a.Pos, "%s has both under and upTo; give one upper bound", what)
	}
	if a.Over != "" {
		if n, ok := value("over", a.Over); ok {
			a.Min, a.HasMin = n+1, true
		}
	}
	if a.From != "" {
		if n, ok := value("from", a.From); ok {
			a.Min, a.HasMin = n, true
		}
	}
	if a.Under != "" {
		if n, ok := value("under", a.Under); ok {
			a.Max, a.HasMax = n-1, true
		}
	}
	if a.UpTo != "" {
		if n, ok := value("upTo", a.UpTo); ok {
			a.Max, a.HasMax = n, true
		}
	}
	if a.HasMin && a.HasMax && a.Min > a.Max {
		v.add(a.Pos, "%s: no %s can be both at least %d and at most %d", what, q.Date.Measure, a.Min, a.Max)
	}
}

// coverage checks that every value of a date question's measure chooses
// exactly one answer. The bounds are whole numbers, so it is enough to
// try each bound, the numbers beside it, 0 and a number beyond them all.
func (v *validator) coverage(q *Question) {
	try := map[int]bool{0: true, 1: true, 10_000: true}
	for _, a := range q.Answers {
		for _, b := range []struct {
			n  int
			ok bool
		}{{a.Min, a.HasMin}, {a.Max, a.HasMax}} {
			if b.ok {
				try[b.n-1], try[b.n], try[b.n+1] = true, true, true
			}
		}
	}
	values := make([]int, 0, len(try))
	for n := range try {
		if n >= 0 {
			values = append(values, n)
		}
	}
	sort.Ints(values)
	for _, n := range values {
		var hits []string
		for _, a := range q.Answers {
			if a.Bounded && a.holds(n) {
				hits = append(hits, a.ID)
			}
		}
		switch {
		case len(hits) == 0:
			v.add(q.Date.Pos, "question %q: no answer is chosen for %s; the answers' under, over, from and upTo must together cover every %s",
				q.ID, describe(q.Date.Measure, n), q.Date.Measure)
			return
		case len(hits) > 1:
			v.add(q.Date.Pos, "question %q: the answers %q and %q are both chosen for %s; their bounds overlap",
				q.ID, hits[0], hits[1], describe(q.Date.Measure, n))
			return
		}
	}
}

func describe(measure string, n int) string {
	if measure == MeasureAge {
		return fmt.Sprintf("an age of %d", n)
	}
	return fmt.Sprintf("a date %d months ago", n)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
