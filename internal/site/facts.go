package site

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/markdown"
)

// This file gives the values of the references to facts in a page's text
// (markdown/facts.go): {dropoff.fee} is the fee of the step "dropoff" of
// the page, {interview#return.fee} that of the step "return" of the page
// "interview" in the same language, and {rules.expiry-months} a fact that
// an extension added with AddFact (the eligibility checker adds the
// thresholds of the rules in force). It also warns where a page's text
// repeats a fee or time of its steps instead of referring to it.

// RulesFacts is the name before the dot of the facts that extensions add:
// {rules.expiry-months}. A step called "rules" is referred to with its
// page's name: {waiver#rules.fee}.
const RulesFacts = "rules"

// stepFields are the fields of a step that a reference can show.
var stepFields = []string{"title", "where", "fee", "time"}

func stepField(st *content.Step, field string) string {
	switch field {
	case "title":
		return st.Title
	case "where":
		return st.Where
	case "fee":
		return st.Fee
	case "time":
		return st.Time
	}
	return ""
}

// AddFact adds a fact that pages may show as {rules.NAME}, such as a
// threshold of the rules in force. It reports false, and keeps the value
// it has, when the fact was added before with another value.
func (s *Site) AddFact(name, value string) bool {
	if s.facts == nil {
		s.facts = map[string]string{}
	}
	if old, ok := s.facts[name]; ok && old != value {
		return false
	}
	s.facts[name] = value
	return true
}

// Fact implements markdown.FactResolver.
func (r *resolver) Fact(ref markdown.Ref, line, col int) (string, bool) {
	pos := r.pos(line, col)
	if ref.Page == "" && ref.Name == RulesFacts {
		return r.rulesFact(ref, pos)
	}
	page := r.page
	if ref.Page != "" {
		if page = r.s.pageNamed(ref.Page, r.page.Lang); page == nil {
			r.factError(pos, ref.Page, r.s.stepPages(r.page.Lang),
				"%s: there is no page %q in this language", "%s: there is no page %q in this language; did you mean %q?", ref.Written, ref.Page)
			return "", false
		}
		if page != r.page {
			r.facts = append(r.facts, r.s.URLPath(page))
		}
	}
	var st *content.Step
	ids := make([]string, len(page.Steps))
	for i := range page.Steps {
		if ids[i] = page.Steps[i].ID; ids[i] == ref.Name {
			st = &page.Steps[i]
		}
	}
	switch {
	case st == nil:
		r.factError(pos, ref.Name, ids, "%s: %s has no step %q", "%s: %s has no step %q; did you mean %q?", ref.Written, "content/"+page.Path, ref.Name)
	case !slices.Contains(stepFields, ref.Field):
		r.factError(pos, ref.Field, stepFields, "%s: a step has no field %q; a reference can show title, where, fee or time", "%s: a step has no field %q; did you mean %q?", ref.Written, ref.Field)
	case strings.TrimSpace(stepField(st, ref.Field)) == "":
		r.errs.Add(pos, "%s: step %q of %s has no %s: write %s: in the step, or write the text out", ref.Written, ref.Name, "content/"+page.Path, ref.Field, ref.Field)
	case ref.HasOffset:
		r.errs.Add(pos, "%s: only a number of the rules can have + or - after it, as in {rules.max-age+1}", ref.Written)
	default:
		return stepField(st, ref.Field), true
	}
	return "", false
}

// rulesFact resolves {rules.NAME}, {rules.NAME+N} and {rules.NAME-N}.
func (r *resolver) rulesFact(ref markdown.Ref, pos diag.Pos) (string, bool) {
	value, ok := r.s.facts[RulesFacts+"."+ref.Field]
	if !ok {
		var names []string
		for name := range r.s.facts {
			if n, ok := strings.CutPrefix(name, RulesFacts+"."); ok {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			r.errs.Add(pos, "%s: the site has no rules to take %q from (they are the thresholds of the eligibility checker's rules.yaml)", ref.Written, ref.Field)
			return "", false
		}
		slices.Sort(names)
		r.factError(pos, ref.Field, names, "%s: the rules in force have no threshold %q", "%s: the rules in force have no threshold %q; did you mean %q?", ref.Written, ref.Field)
		return "", false
	}
	if !ref.HasOffset {
		return value, true
	}
	n, err := strconv.Atoi(value)
	if err != nil {
		r.errs.Add(pos, "%s: %q is not a number, so it cannot have + or - after it", ref.Written, value)
		return "", false
	}
	return strconv.Itoa(n + ref.Offset), true
}

// factError reports a name that names nothing, with the candidate nearest
// to it when there is one: plain is the message without a suggestion and
// suggest the one with it, which takes the suggestion as its last
// argument.
func (r *resolver) factError(pos diag.Pos, name string, candidates []string, plain, suggest string, args ...any) {
	if sug := diag.Suggest(name, candidates); sug != "" {
		r.errs.Add(pos, suggest, append(args, sug)...)
		return
	}
	r.errs.Add(pos, plain, args...)
}

// pageNamed returns the published page called name in language lang: the
// page content/NAME.LANG.md, or the folder page content/NAME/_index.LANG.md.
func (s *Site) pageNamed(name, lang string) *content.Page {
	name = strings.Trim(name, "/")
	if name == "" {
		return nil
	}
	if p := s.byURL[s.urlFor(name, lang)]; p != nil && p.Lang == lang && p.Slug() == name {
		return p
	}
	return nil
}

// stepPages returns the names of the published pages of a language that
// have steps, for suggestions.
func (s *Site) stepPages(lang string) []string {
	var out []string
	for _, p := range s.pages {
		if p.Lang == lang && len(p.Steps) > 0 {
			out = append(out, p.Slug())
		}
	}
	return out
}

// repeatedFacts warns where the text of p repeats the fee or time of one
// of its steps, which a reference would keep in line with the step.
func repeatedFacts(p *content.Page, doc *markdown.Doc) diag.List {
	var warns diag.List
	for i := range p.Steps {
		st := &p.Steps[i]
		for _, field := range []string{"fee", "time"} {
			value := stepField(st, field)
			if strings.TrimSpace(value) == "" {
				continue
			}
			for _, at := range doc.Repeats(value) {
				pos := diag.Pos{File: "content/" + p.Path, Line: p.BodyLine + at.Line - 1, Col: at.Col}
				warns.Warn(pos, "the text repeats the %s of step %q (%q); write {%s.%s} instead, so that the text follows when the step's %s changes",
					field, st.ID, value, st.ID, field, field)
			}
		}
	}
	return warns
}

// pageWarnings gathers the warnings of the texts of built pages.
func pageWarnings(results []pageResult) diag.List {
	var out diag.List
	for _, r := range results {
		out = append(out, r.warnings...)
	}
	return out
}

// factReaders marks in render the pages of ns, the site after an update of
// s, whose text shows a fact of a page whose steps changed, came or went
// (removed holds the URL paths of the pages that went), so that Update
// renders them again. olds is the index in s.pages of the page at the
// address of each page of ns, or -1.
func (s *Site) factReaders(ns *Site, olds []int, removed map[string]bool, render []bool) {
	changed := maps.Clone(removed)
	for i, q := range ns.pages {
		if olds[i] < 0 || !reflect.DeepEqual(s.pages[olds[i]].Steps, q.Steps) {
			changed[ns.URLPath(q)] = true
		}
	}
	for i := range ns.pages {
		if !render[i] && olds[i] >= 0 && slices.ContainsFunc(s.built[olds[i]].facts, func(u string) bool { return changed[u] }) {
			render[i] = true
		}
	}
}
