package checker

import (
	"os"
	"strings"
	"testing"
)

// FuzzLoad loads arbitrary rules files: no panic, no hang, every problem
// names the file and a line, and rules that load have paths that all end in
// an outcome the evaluator reaches again by following them.
func FuzzLoad(f *testing.F) {
	// The seeds are small complete rules files: the example of
	// docs/checker.md and a one-question file. With the guide's own rules
	// (8 KB, with long comments) as a seed, Go's fuzzing engine stalled
	// after a few executions, its workers idle, while the same inputs load
	// in a millisecond each outside it; small seeds cover the same keys.
	doc, err := os.ReadFile("../../docs/checker.md")
	if err != nil {
		f.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(doc), "```yaml\n")
	example, _, _ := strings.Cut(rest, "```")
	f.Add([]byte(example))
	f.Add([]byte("rulesets: []\n"))
	f.Add([]byte("routes: [{id: a, page: a}]\nrulesets:\n  - {effective: 2025-01-01, source: x, start: q, questions: [{id: q, text: {zh: 问, en: Q}, answers: [{id: a, text: {zh: 甲, en: A}, next: q}]}]}\n"))
	f.Add([]byte("a: &x [*x, *x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, errs := Load("rules.yaml", data, langs)
		for _, e := range errs {
			if e.Pos.File != "rules.yaml" || e.Pos.Line < 1 {
				t.Fatalf("problem without file and line: %q", e.Error())
			}
		}
		if len(errs.Errors()) > 0 || file == nil {
			return
		}
		for i := range file.Rules {
			rs := &file.Rules[i]
			for _, p := range rs.Paths() {
				q, o, err := rs.Follow(p.Choices)
				if err != nil || q != nil || o != p.Outcome {
					t.Fatalf("path %s: Follow gives %v, %v, %v; want outcome %s", Fragment(p.Choices), q, o, err, p.Outcome.ID)
				}
			}
		}
	})
}

// FuzzFragment is the Go twin of the script's reading of the address
// fragment: whatever a reader or a tampered link puts after "#", reading
// it and following it through the guide's rules never panics, and a
// fragment that reads cleanly writes back to itself.
func FuzzFragment(f *testing.F) {
	rs := guideRules(f)
	for _, p := range rs.Paths() {
		f.Add(Fragment(p.Choices))
	}
	for _, s := range []string{"", "#", "lost-passport=", "=no", "lost-passport=no&&", "lost-passport=no&last-visa=recent&age=under", "%00", "a=b=c", strings.Repeat("x=y&", 100)} {
		f.Add(s)
	}
	today := Day{2025, 4, 8}
	f.Fuzz(func(t *testing.T, s string) {
		choices, err := ParseFragment(s)
		if err != nil {
			return
		}
		if got := Fragment(choices); got != strings.TrimPrefix(s, "#") {
			t.Fatalf("ParseFragment(%q) writes back as %q", s, got)
		}
		q, o, err := rs.Follow(choices)
		if err == nil && q == nil && o == nil {
			t.Fatalf("Follow(%q) gives neither a question nor an outcome", s)
		}
		if q != nil && q.Date.Measure != "" {
			// A date question answers any date without panicking.
			d := today
			if len(s) > 0 {
				d = today.AddMonths(-int(s[0]))
			}
			q.AnswerForDate(d, today)
		}
	})
}
