package checker

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"guide/internal/content"
	"guide/internal/messages"
	"guide/internal/site"
)

// WriteTables prints, for every checker of the loaded site s, every path
// through each of its rule sets with the outcome it reaches: first as a
// table of ids, then in the words of every language. It is the output of
// guide check -paths, for an editor to read through after a change, in
// the language of p. It returns the number of checkers printed.
func WriteTables(w io.Writer, p messages.Printer, s *site.Site) (int, error) {
	n := 0
	seen := map[*File]bool{}
	for _, pg := range s.Pages() {
		v, ok := pg.Data.(*View)
		if !ok || pg.Layout != Layout || seen[v.File] {
			continue
		}
		seen[v.File] = true
		var langs []content.Language
		for _, l := range s.Content.Site.Languages {
			if routePage(s, pg.Key, l.Code) != nil {
				langs = append(langs, l)
			}
		}
		if n > 0 {
			fmt.Fprintln(w)
		}
		if err := writeTable(w, p, v, langs); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func writeTable(w io.Writer, p messages.Printer, v *View, langs []content.Language) error {
	f := v.File
	rules := make([]*RuleSet, len(f.Rules))
	for i := range f.Rules {
		rules[i] = &f.Rules[i]
	}
	// Newest first, as an editor adds them.
	slices.SortFunc(rules, func(a, b *RuleSet) int { return b.Effective.Compare(a.Effective.Time) })
	p.Fprintf(w, "%s: %d rule %s\n", f.Name, len(rules), messages.Plural(len(rules), "set", "sets"))
	for _, rs := range rules {
		state := messages.Sprintf("in force")
		switch {
		case rs.Effective.After(v.RuleSet.Effective.Time):
			state = messages.Sprintf("not yet in force")
		case rs != v.RuleSet:
			state = messages.Sprintf("replaced")
		}
		p.Fprintf(w, "\n== rules of %s (%s), source %s: %d paths\n", rs.Effective, state, rs.Source, len(rs.paths))
		if len(rs.Thresholds) > 0 {
			p.Fprintf(w, "\nthresholds:\n")
			tw := newColumns(w)
			for _, t := range rs.Thresholds {
				p.Fprintf(tw, "  %s\t%d %s\tfrom %s\tsource %s\n", t.ID, t.Value, t.Unit, t.Effective, t.Source)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
		p.Fprintf(w, "\npaths:\n")
		tw := newColumns(w)
		p.Fprintf(tw, "  #\tanswers\toutcome\troute\n")
		for i, path := range rs.paths {
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", i+1, strings.ReplaceAll(Fragment(path.Choices), "&", " "), path.Outcome.ID, path.Outcome.Route)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, l := range langs {
			p.Fprintf(w, "\nin %s:\n", l.Name)
			for i, path := range rs.paths {
				fmt.Fprintf(w, "\n  %d. → %s\n", i+1, path.Outcome.Title[l.Code])
				tw := newColumns(w)
				for _, c := range path.Choices {
					q := rs.Question(c.Question)
					fmt.Fprintf(tw, "     %s=%s\t%s  %s\n", c.Question, c.Answer, q.Text[l.Code], q.Answer(c.Answer).Text[l.Code])
				}
				if err := tw.Flush(); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
