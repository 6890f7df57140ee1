package checker

import (
	"strconv"
	"strings"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/site"
)

// A rule set is a change of the procedure: its change: text says what
// changed from the rule set before, and the site lists it, dated and with
// its source, on the list of changes and in the feeds, and counts it as a
// change of the checker's page and of the pages of the routes its outcomes
// lead to ("last updated"). Its thresholds are facts that the pages' texts
// may show: {rules.expiry-months}.

// changes checks the change: texts: every rule set but the oldest says
// what changed, in every language.
func (v *validator) changes() {
	var oldest *RuleSet
	for i := range v.f.Rules {
		if rs := &v.f.Rules[i]; oldest == nil || rs.Effective.Before(oldest.Effective.Time) {
			oldest = rs
		}
	}
	for i := range v.f.Rules {
		rs := &v.f.Rules[i]
		if rs.Change == nil {
			if rs != oldest {
				v.errs.Unfinished(rs.Pos, "the %s have no change: say in every language (%s) what changed from the rules before, as in change: {%s: …}; the list of changes and the feeds publish it",
					messages.Sprintf("rules of %s", rs.Effective), strings.Join(v.langs, ", "), strings.Join(v.langs, ": …, "))
			}
			continue
		}
		v.text(rs.At("change"), "change", rs.Change, rs)
	}
}

// publish adds the thresholds of the rule set in force as facts, and a
// record of every rule set in force or past that has a change: text, in
// the language of each checker page.
func (b *builder) publish(today Day) diag.List {
	var errs diag.List
	for _, t := range b.rs.Thresholds {
		if !b.s.AddFact(site.RulesFacts+"."+t.ID, strconv.Itoa(t.Value)) {
			errs.Add(t.Pos, "threshold %q has another value in the rules of another checker; {%s.%s} can show only one: give it another id", t.ID, site.RulesFacts, t.ID)
		}
	}
	f := b.rs.File()
	for i := range f.Rules {
		rs := &f.Rules[i]
		if rs.Change == nil || DayOf(rs.Effective.Time).Compare(today) > 0 {
			continue
		}
		src := f.Source(rs.Source)
		for _, p := range b.checkers {
			b.s.AddRecord(site.Record{
				Date: rs.Effective, Note: rs.Change[p.Lang],
				Source: joinLines(src.Title[p.Lang]), SourceURL: src.URL,
				Pages: append([]*content.Page{p}, b.routePages(rs, p.Lang)...),
			})
		}
	}
	return errs
}

// routePages returns the pages, in language lang, of the routes that the
// outcomes of rs lead to, in the order of the file's routes.
func (b *builder) routePages(rs *RuleSet, lang string) []*content.Page {
	used := map[string]bool{}
	for _, o := range rs.Outcomes {
		used[o.Route] = true
	}
	var out []*content.Page
	for _, r := range rs.File().Routes {
		if p := routePage(b.s, r.Page, lang); used[r.ID] && p != nil {
			out = append(out, p)
		}
	}
	return out
}
