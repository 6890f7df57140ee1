package checker

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"guide/internal/content"
	"guide/internal/diag"
)

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

// At returns the position of the value of key in the source, or that of
// the source when the key is not written, so that a message points at the
// key it is about; so do the At methods below.
func (s *Source) At(key string) diag.Pos { return s.Keys.At(key, s.Pos) }

// At returns the position of the value of key in the route.
func (r *Route) At(key string) diag.Pos { return r.Keys.At(key, r.Pos) }

// At returns the position of the value of key in the rule set.
func (rs *RuleSet) At(key string) diag.Pos { return rs.Keys.At(key, rs.Pos) }

// At returns the position of the value of key in the threshold.
func (t *Threshold) At(key string) diag.Pos { return t.Keys.At(key, t.Pos) }

// At returns the position of the value of key in the question.
func (q *Question) At(key string) diag.Pos { return q.Keys.At(key, q.Pos) }

// At returns the position of the value of key in the date input.
func (d *DateInput) At(key string) diag.Pos { return d.Keys.At(key, d.Pos) }

// At returns the position of the value of key in the answer.
func (a *Answer) At(key string) diag.Pos { return a.Keys.At(key, a.Pos) }

// At returns the position of the value of key in the outcome.
func (o *Outcome) At(key string) diag.Pos { return o.Keys.At(key, o.Pos) }

func (v *validator) validate() {
	f := v.f
	f.sources = map[string]*Source{}
	for i := range f.Sources {
		s := &f.Sources[i]
		if v.id(s.At("id"), s.ID) && f.sources[s.ID] != nil {
			v.add(s.At("id"), "there are two sources with the id %q", s.ID)
		}
		f.sources[s.ID] = s
		v.text(s.At("title"), "title", s.Title, nil)
		if s.URL != "" {
			if err := content.CheckURL(s.URL); err != nil {
				v.add(s.At("url"), "url: %v", err)
			} else if !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
				v.add(s.At("url"), "url %q must be a full https:// address", s.URL)
			}
		}
	}
	f.routes = map[string]*Route{}
	for i := range f.Routes {
		r := &f.Routes[i]
		if v.id(r.At("id"), r.ID) && f.routes[r.ID] != nil {
			v.add(r.At("id"), "there are two routes with the id %q", r.ID)
		}
		f.routes[r.ID] = r
		if strings.TrimSpace(r.Page) == "" {
			v.add(r.At("page"), "route %q: page must name the route's page, such as %q for waiver.zh.md and waiver.en.md", r.ID, "waiver")
		}
		if r.Note != nil {
			v.text(r.At("note"), "note", r.Note, nil)
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
			v.add(rs.At("effective"), "there are two rule sets that take effect on %s; give each change its own date", d)
		} else {
			dates[d] = true
		}
		v.ruleSet(rs)
	}
}

// id checks the form of an id and reports whether it is usable.
func (v *validator) id(pos diag.Pos, id string) bool {
	if !content.ValidID(id) {
		v.add(pos, "id %q must be lowercase letters, digits and hyphens, as in %q", id, "last-visa")
		return false
	}
	return true
}

// source checks a reference to a source at pos.
func (v *validator) source(pos diag.Pos, id string) {
	if id == "" || v.f.sources[id] != nil {
		return
	}
	if s := suggestKey(v, id, v.f.sources); s != "" {
		v.add(pos, "source %q is not one of the sources listed under sources; did you mean %q?", id, s)
		return
	}
	v.add(pos, "source %q is not one of the sources listed under sources", id)
}

// text checks that t, the value of the key field at pos, has a text in
// every language and no other, and, when rs is not nil, replaces the
// names of thresholds in braces with their values. A missing translation
// is a warning, and the text of another language stands in for it, so
// that an editor can see the page while translating.
func (v *validator) text(pos diag.Pos, field string, t Text, rs *RuleSet) {
	if t == nil {
		v.add(pos, "%s is missing", field)
		return
	}
	for _, k := range sortedKeys(t) {
		if !slices.Contains(v.langs, k) {
			if s := v.suggest(k, v.langs); s != "" {
				v.add(pos, "%s: unknown language %q, did you mean %q?", field, k, s)
			} else {
				v.add(pos, "%s: %q is not one of the site's languages (%s)", field, k, strings.Join(v.langs, ", "))
			}
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
		v.add(pos, "%s is empty; write it in every language (%s)", field, strings.Join(v.langs, ", "))
		return
	}
	for _, l := range v.langs {
		if strings.TrimSpace(t[l]) == "" {
			v.errs.Unfinished(pos, "the %[1]s translation of %[2]s is missing; add %[1]s: under %[2]s:", l, field)
			t[l] = fallback
		}
		// Texts are plain: paragraphs split at blank lines, each with
		// its line breaks folded as the language writes them.
		t[l] = strings.Join(paragraphs(t[l]), "\n\n")
		if rs != nil {
			t[l] = v.substitute(pos, field, t[l], rs)
		}
	}
}

var placeholder = regexp.MustCompile(`\{([^{}]*)\}`)
var offset = regexp.MustCompile(`^(.*?)\s*([+-])\s*(\d{1,3})$`)

// substitute replaces {threshold}, {threshold+N} and {threshold-N} with
// numbers.
func (v *validator) substitute(pos diag.Pos, field, s string, rs *RuleSet) string {
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
		if s := suggestKey(v, name, rs.thresholds); s != "" {
			v.add(pos, "%s: %s names no threshold of the rules of %s, did you mean {%s}?", field, m, rs.Effective, s)
		} else {
			v.add(pos, "%s: %s names no threshold of the rules of %s", field, m, rs.Effective)
		}
		return m
	})
}

func (v *validator) ruleSet(rs *RuleSet) {
	rs.file = v.f
	rs.thresholds = map[string]*Threshold{}
	rs.questions = map[string]*Question{}
	rs.outcomes = map[string]*Outcome{}
	rs.shown = map[string]bool{}
	v.source(rs.At("source"), rs.Source)
	v.thresholds(rs)

	ids := map[string]diag.Pos{}
	claim := func(pos diag.Pos, id string) {
		if !v.id(pos, id) {
			return
		}
		if first, ok := ids[id]; ok {
			v.add(pos, "id %q is already used at line %d; questions and outcomes need ids of their own", id, first.Line)
			return
		}
		ids[id] = pos
	}
	for i := range rs.Questions {
		q := &rs.Questions[i]
		claim(q.At("id"), q.ID)
		rs.questions[q.ID] = q
	}
	for i := range rs.Outcomes {
		o := &rs.Outcomes[i]
		claim(o.At("id"), o.ID)
		rs.outcomes[o.ID] = o
	}

	used := map[string]bool{}
	nextOK := true
	for i := range rs.Questions {
		if !v.question(rs, &rs.Questions[i], ids, used) {
			nextOK = false
		}
	}
	for i := range rs.Outcomes {
		o := &rs.Outcomes[i]
		if v.f.routes[o.Route] == nil {
			if s := suggestKey(v, o.Route, v.f.routes); s != "" {
				v.add(o.At("route"), "route %q is not one of the routes listed under routes; did you mean %q?", o.Route, s)
			} else {
				v.add(o.At("route"), "route %q is not one of the routes listed under routes", o.Route)
			}
		}
		v.text(o.At("title"), "title", o.Title, rs)
		v.text(o.At("text"), "text", o.Text, rs)
	}
	v.distinct(rs)
	for i := range rs.Thresholds {
		t := &rs.Thresholds[i]
		if !used[t.ID] && !rs.shown[t.ID] {
			// A threshold left over from a change of the rules stops
			// nothing, but the editor should remove it.
			v.errs.Warn(t.At("id"), "threshold %q is not used by the rules of %s: no answer compares with it and no text shows it; remove it", t.ID, rs.Effective)
		}
	}
	if v.start(rs) && nextOK {
		v.reach(rs)
	}
}

// thresholds checks the thresholds of rs and indexes them by id.
func (v *validator) thresholds(rs *RuleSet) {
	for i := range rs.Thresholds {
		t := &rs.Thresholds[i]
		if v.id(t.At("id"), t.ID) && rs.thresholds[t.ID] != nil {
			v.add(t.At("id"), "there are two thresholds with the id %q", t.ID)
		}
		rs.thresholds[t.ID] = t
		if u, ok := units[t.Unit]; !ok {
			v.add(t.At("unit"), "threshold %q: unit must be \"years\" or \"months\", not %q", t.ID, t.Unit)
		} else if t.Value < 0 || t.Value > u.max {
			v.add(t.At("value"), "threshold %q: %d %s is out of range; a threshold in %s must be between 0 and %d", t.ID, t.Value, t.Unit, t.Unit, u.max)
		}
		v.source(t.At("source"), t.Source)
		if t.Source == "" {
			t.Source = rs.Source
		}
		if t.Effective.IsZero() {
			t.Effective = rs.Effective
		}
	}
}

// start checks that the rule set starts with one of its questions.
func (v *validator) start(rs *RuleSet) bool {
	if rs.questions[rs.Start] != nil {
		return true
	}
	switch s := suggestKey(v, rs.Start, rs.questions); {
	case rs.outcomes[rs.Start] != nil:
		v.add(rs.At("start"), "start %q is an outcome; the checker must start with a question", rs.Start)
	case s != "":
		v.add(rs.At("start"), "start %q is not one of the questions of the rules of %s, did you mean %q?", rs.Start, rs.Effective, s)
	default:
		v.add(rs.At("start"), "start %q is not one of the questions of the rules of %s", rs.Start, rs.Effective)
	}
	return false
}

// reach walks the rule set from its start and reports the questions and
// outcomes that no path reaches.
func (v *validator) reach(rs *RuleSet) {
	reached := map[string]bool{}
	err := rs.walk(func(p Path) { rs.paths = append(rs.paths, p) }, func(id string) { reached[id] = true })
	if err != nil {
		if we, ok := err.(*walkError); ok {
			// At the answer's next:, in words the editor's language
			// can say.
			v.add(we.answer.At("next"), "%s", we.msg)
		} else {
			v.add(rs.Pos, "%v", err)
		}
		rs.paths = nil
		return
	}
	for i := range rs.Questions {
		if q := &rs.Questions[i]; !reached[q.ID] {
			v.add(q.At("id"), "question %q is never asked: no answer leads to it from the start question %q", q.ID, rs.Start)
		}
	}
	for i := range rs.Outcomes {
		if o := &rs.Outcomes[i]; !reached[o.ID] {
			v.add(o.At("id"), "outcome %q is never reached: no answer leads to it from the start question %q", o.ID, rs.Start)
		}
	}
}

// distinct checks that no two questions ask the same and no two outcomes
// have the same title in a language: each has a page of its own, which
// readers and search engines tell apart by its title.
func (v *validator) distinct(rs *RuleSet) {
	for _, l := range v.langs {
		seen := map[string]string{}
		for i := range rs.Questions {
			q := &rs.Questions[i]
			if other, ok := seen[q.Text[l]]; ok && q.Text[l] != "" {
				v.add(q.At("text"), "question %q asks the same as question %q in %s; give every question its own wording", q.ID, other, l)
			}
			seen[q.Text[l]] = q.ID
		}
		seen = map[string]string{}
		for i := range rs.Outcomes {
			o := &rs.Outcomes[i]
			if other, ok := seen[o.Title[l]]; ok && o.Title[l] != "" {
				v.add(o.At("title"), "outcome %q has the same title as outcome %q in %s; give every outcome a title of its own, since each has its own page", o.ID, other, l)
			}
			seen[o.Title[l]] = o.ID
		}
	}
}

// question checks one question and its answers. It reports whether it has
// answers and every answer leads to a question or outcome that exists, so
// that the rule set can be walked.
func (v *validator) question(rs *RuleSet, q *Question, ids map[string]diag.Pos, used map[string]bool) bool {
	v.text(q.At("text"), "text", q.Text, rs)
	if q.Hint != nil {
		v.text(q.At("hint"), "hint", q.Hint, rs)
	}
	v.source(q.At("source"), q.Source)
	if q.Source == "" {
		q.Source = rs.Source
	}
	if q.Effective.IsZero() {
		q.Effective = rs.Effective
	}
	isDate := q.Date.Measure != "" || q.Date.Label != nil
	if isDate {
		if _, ok := unitOf[q.Date.Measure]; !ok {
			v.add(q.Date.At("measure"), "question %q: measure must be %q or %q, not %q", q.ID, MeasureAge, MeasureMonthsAgo, q.Date.Measure)
			isDate = false
		}
		v.text(q.Date.At("label"), "label", q.Date.Label, rs)
	}
	ok := true
	if len(q.Answers) == 0 {
		v.add(q.At("answers"), "question %q has no answers; list at least two under answers:", q.ID)
		ok = false
	}
	seen := map[string]bool{}
	bounded := 0
	resolved := true
	for i := range q.Answers {
		a := &q.Answers[i]
		if v.id(a.At("id"), a.ID) && seen[a.ID] {
			v.add(a.At("id"), "question %q has two answers with the id %q", q.ID, a.ID)
		}
		seen[a.ID] = true
		v.text(a.At("text"), "text", a.Text, rs)
		if _, exists := ids[a.Next]; !exists {
			ok = false
			if s := suggestKey(v, a.Next, ids); s != "" {
				v.add(a.At("next"), "answer %q of question %q leads to %q, which is no question or outcome of the rules of %s; did you mean %q?", a.ID, q.ID, a.Next, rs.Effective, s)
			} else {
				v.add(a.At("next"), "answer %q of question %q leads to %q, which is no question or outcome of the rules of %s", a.ID, q.ID, a.Next, rs.Effective)
			}
		}
		if a.Under == "" && a.Over == "" && a.From == "" && a.UpTo == "" {
			continue
		}
		a.Bounded = true
		bounded++
		if !isDate {
			if q.Date.Measure == "" {
				v.add(a.At(firstBound(a)), "answer %q: under, over, from and upTo compare a typed date; give the question a date: with a measure, or remove them", a.ID)
			}
			continue
		}
		resolved = v.bounds(rs, q, a, used) && resolved
	}
	if isDate && bounded == 0 {
		v.add(q.At("date"), "question %q takes a date, but no answer has bounds (under, over, from, upTo) to choose it by", q.ID)
	}
	// With a bound not resolved, the answers' coverage would be
	// reported wrongly.
	if isDate && bounded > 0 && resolved {
		v.coverage(q)
	}
	return ok
}

// firstBound returns the first of the bound keys that a has.
func firstBound(a *Answer) string {
	for _, b := range []struct{ key, value string }{{"under", a.Under}, {"over", a.Over}, {"from", a.From}, {"upTo", a.UpTo}} {
		if b.value != "" {
			return b.key
		}
	}
	return "id"
}

// bounds resolves an answer's bounds to inclusive limits on the measure,
// whose values are whole numbers: under 14 is at most 13, over 79 at least
// 80. It reports whether every bound names a threshold in the measure's
// unit.
func (v *validator) bounds(rs *RuleSet, q *Question, a *Answer, used map[string]bool) bool {
	ok := true
	value := func(key, id string) (int, bool) {
		n, found := v.bound(rs, q, a, key, id, used)
		ok = ok && found
		return n, found
	}
	if a.Over != "" && a.From != "" {
		v.add(a.At("from"), "answer %q has both over and from; give one lower bound", a.ID)
	}
	if a.Under != "" && a.UpTo != "" {
		v.add(a.At("upTo"), "answer %q has both under and upTo; give one upper bound", a.ID)
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
		v.add(a.At(firstBound(a)), "answer %q: no %s can be both at least %d and at most %d", a.ID, q.Date.Measure, a.Min, a.Max)
	}
	return ok
}

// bound returns the value of the threshold id that the bound key of the
// answer a names, and whether it names one in the unit of the question's
// measure.
func (v *validator) bound(rs *RuleSet, q *Question, a *Answer, key, id string, used map[string]bool) (int, bool) {
	t := rs.thresholds[id]
	if t == nil {
		if s := suggestKey(v, id, rs.thresholds); s != "" {
			v.add(a.At(key), "answer %q of question %q: %s: %q is not one of the thresholds of the rules of %s, did you mean %q?", a.ID, q.ID, key, id, rs.Effective, s)
		} else {
			v.add(a.At(key), "answer %q of question %q: %s: %q is not one of the thresholds of the rules of %s", a.ID, q.ID, key, id, rs.Effective)
		}
		return 0, false
	}
	used[id] = true
	if _, ok := units[t.Unit]; !ok {
		return 0, false // reported at the threshold
	}
	if want := unitOf[q.Date.Measure]; t.Unit != want {
		v.add(a.At(key), "answer %q of question %q: %s: threshold %q is in %s, but the question measures %s in %s", a.ID, q.ID, key, id, t.Unit, q.Date.Measure, want)
		return 0, false
	}
	return t.Value, true
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
		case len(hits) == 0 && q.Date.Measure == MeasureAge:
			v.add(q.At("answers"), "question %q: no answer is chosen for an age of %d; the answers' under, over, from and upTo must together cover every age", q.ID, n)
		case len(hits) == 0:
			v.add(q.At("answers"), "question %q: no answer is chosen for a date %d months ago; the answers' under, over, from and upTo must together cover every months-ago", q.ID, n)
		case len(hits) > 1 && q.Date.Measure == MeasureAge:
			v.add(q.At("answers"), "question %q: the answers %q and %q are both chosen for an age of %d; their bounds overlap", q.ID, hits[0], hits[1], n)
		case len(hits) > 1:
			v.add(q.At("answers"), "question %q: the answers %q and %q are both chosen for a date %d months ago; their bounds overlap", q.ID, hits[0], hits[1], n)
		default:
			continue
		}
		return
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
