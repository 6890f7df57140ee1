package checker

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// FuzzLoad loads arbitrary rules files: no panic, no hang, every problem
// names the file and a line, and rules that load have paths that all end in
// an outcome the evaluator reaches again by following them, within
// MaxPaths and MaxAnswers.
//
// Fuzz it with -fuzzminimizetime=100x, in .ci/fuzz and by hand. With Go's
// default of 60s, fuzzing stalls: the execs counter stops for a minute at a
// time, and a 5-second run makes about ten executions. That is the engine,
// not Load: every input that finds new coverage is minimized before
// fuzzing goes on, and the runs of a minimization are counted only when it
// ends. Go's minimizer tries cutting every substring, about n²/2 runs for
// an input of n bytes when no cut keeps the new coverage, as with
// mutations of the docs example (3.4 KB): some 6 million runs of a few
// milliseconds, so after 60 s the coordinator kills the worker, drops its
// count and starts another. A count bounds every minimization instead.
func FuzzLoad(f *testing.F) {
	// The seeds are complete rules files: the example of docs/checker.md
	// and a one-question file; testdata/fuzz/FuzzLoad holds the shapes
	// that took seconds or longer to load (see the tests below).
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
			answers := 0
			for _, p := range rs.Paths() {
				answers += len(p.Choices)
			}
			if len(rs.Paths()) > MaxPaths || answers > MaxAnswers {
				t.Fatalf("%s has %d paths of %d answers in all, over MaxPaths or MaxAnswers", rs, len(rs.Paths()), answers)
			}
			for _, p := range rs.Paths() {
				q, o, err := rs.Follow(p.Choices)
				if err != nil || q != nil || o != p.Outcome {
					t.Fatalf("path %s: Follow gives %v, %v, %v; want outcome %s", Fragment(p.Choices), q, o, err, p.Outcome.ID)
				}
			}
		}
	})
}

// fanAndChain is a rules file whose start is k questions of two answers
// that both lead to the next question, so that there are 2^k paths, and
// then a chain of n questions of one answer each before the one outcome.
func fanAndChain(k, n int) []byte {
	var b strings.Builder
	b.WriteString("sources: [{id: s, title: {zh: s, en: s}}]\nroutes: [{id: r, page: p}]\nrulesets:\n  - effective: 2025-01-01\n    source: s\n    start: b0\n    questions:\n")
	ids := make([]string, 0, k+n)
	for i := range k {
		ids = append(ids, fmt.Sprintf("b%d", i))
	}
	for i := range n {
		ids = append(ids, fmt.Sprintf("c%d", i))
	}
	ids = append(ids, "o")
	for i, id := range ids[:k+n] {
		answers := fmt.Sprintf("{id: x, text: {zh: x, en: x}, next: %s}", ids[i+1])
		if i < k {
			answers += fmt.Sprintf(", {id: y, text: {zh: y, en: y}, next: %s}", ids[i+1])
		}
		fmt.Fprintf(&b, "      - {id: %s, text: {zh: %s, en: %s}, answers: [%s]}\n", id, id, id, answers)
	}
	b.WriteString("    outcomes:\n      - {id: o, route: r, title: {zh: o, en: o}, text: {zh: o, en: o}}\n")
	return []byte(b.String())
}

// misdirected is a rules file of n questions with ids of l letters, each
// with an answer that leads to an id of the same length that no question
// has, differing from its own question's id in its first letter.
func misdirected(n, l int) []byte {
	var b strings.Builder
	b.WriteString("sources: [{id: s, title: {zh: s, en: s}}]\nroutes: [{id: r, page: p}]\nrulesets:\n  - effective: 2025-01-01\n    source: s\n    start: q0\n    outcomes: []\n    questions:\n")
	id := func(prefix string, i int) string {
		s := fmt.Sprintf("%s%d-", prefix, i)
		return s + strings.Repeat("a", max(0, l-len(s)))
	}
	for i := range n {
		fmt.Fprintf(&b, "      - {id: %s, text: {zh: %d, en: %d}, answers: [{id: x, text: {zh: x, en: x}, next: %s}]}\n", id("q", i), i, i, id("z", i))
	}
	return []byte(b.String())
}

// TestLoadLongPaths: a file of 82 KB with 8,192 paths of 813 answers took
// seven seconds and 220 MB to walk; now the walk stops at MaxAnswers and
// says where.
func TestLoadLongPaths(t *testing.T) {
	f, errs := Load("rules.yaml", fanAndChain(13, 800), langs)
	if f != nil || len(errs) != 1 {
		t.Fatalf("loaded: %t, %d problems; want one problem:\n%v", f != nil, len(errs), errs)
	}
	e := errs[0]
	if !strings.Contains(e.Error(), fmt.Sprintf("more than %d answers in all", MaxAnswers)) || e.Pos.File != "rules.yaml" || e.Pos.Line < 10 || e.Pos.Col < 1 {
		t.Errorf("want the bound on answers, at the answer that passes it; got %s", e.Error())
	}

	// Many short paths are still fine: 8,192 paths of 13 answers.
	f, errs = Load("rules.yaml", fanAndChain(13, 0), langs)
	if len(errs) > 0 {
		t.Fatalf("fan of 13 questions: %v", errs)
	}
	if n := len(f.Rules[0].Paths()); n != 1<<13 {
		t.Errorf("fan of 13 questions: %d paths, want %d", n, 1<<13)
	}
}

// deadEndAfterFan is fanAndChain(k, 1) with no answers to the question
// after the fan, and an outcome that nothing reaches.
func deadEndAfterFan(k int) []byte {
	s := strings.Replace(string(fanAndChain(k, 1)), "answers: [{id: x, text: {zh: x, en: x}, next: o}]", "answers: []", 1)
	return []byte(s + "      - {id: p, route: r, title: {zh: p, en: p}, text: {zh: p, en: p}}\n")
}

// TestLoadDeadEndAfterFan: a question without answers after k questions of
// two answers was walked to 2^k times, since no path reached an outcome
// for MaxPaths to count; 40 questions (4 KB) would have taken days.
func TestLoadDeadEndAfterFan(t *testing.T) {
	_, errs := Load("rules.yaml", deadEndAfterFan(40), langs)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `question "c0" has no answers`) || errs[0].Pos.Line < 1 || errs[0].Pos.Col < 1 {
		t.Errorf("want the question without answers, and nothing else; got:\n%v", errs)
	}

	// The walk itself stops at the first answer that leads to one.
	f, errs := Load("rules.yaml", fanAndChain(13, 1), langs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rs := &f.Rules[0]
	rs.Question("c0").Answers = nil
	visited := 0
	err := rs.walk(func(Path) {}, func(string) { visited++ })
	if err == nil || !strings.Contains(err.Error(), `leads to question "c0", which has no answers`) {
		t.Errorf("walk: got %v, want the question without answers", err)
	}
	if visited > 14 {
		t.Errorf("walk: %d questions visited before stopping, want at most the 14 on one path", visited)
	}
}

// TestLoadMisdirectedAnswers: 800 answers leading to misspelt ids of 100
// letters (230 KB) took half a minute to load, each problem's suggestion
// comparing with every id. Every problem is still reported, and
// suggestions stop once they have cost suggestBudget.
func TestLoadMisdirectedAnswers(t *testing.T) {
	for _, c := range []struct{ n, l int }{{5, 10}, {100, 100}, {800, 100}} {
		_, errs := Load("rules.yaml", misdirected(c.n, c.l), langs)
		leads, suggested := 0, 0
		for _, e := range errs {
			if e.Pos.File != "rules.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Errorf("problem without file, line and column: %s", e.Error())
			}
			if strings.Contains(e.Error(), "which is no question or outcome") {
				leads++
				if strings.Contains(e.Error(), "did you mean") {
					suggested++
				}
			}
		}
		if leads != c.n {
			t.Errorf("%d ids of %d: %d answers reported as leading nowhere, want %d", c.n, c.l, leads, c.n)
		}
		// A suggestion compares the answer's next with every id: about
		// (l+1)² cells of the edit-distance table each.
		within := min(c.n, suggestBudget/(c.n*(c.l+1)*(c.l+1)))
		if suggested > within {
			t.Errorf("%d ids of %d: %d problems with a suggestion, more than the %d that suggestBudget allows", c.n, c.l, suggested, within)
		}
		if within > 0 && suggested == 0 {
			t.Errorf("%d ids of %d: no suggestion, want up to %d:\n%v", c.n, c.l, within, errs)
		}
		if c.n == 5 && suggested != 5 {
			t.Errorf("a small file: %d of 5 problems with a suggestion, want all", suggested)
		}
	}
}

// FuzzFragment is the Go twin of the script's reading of the address
// fragment: whatever a reader or a tampered link puts after "#", reading
// it and following it through the test site's rules never panics, and a
// fragment that reads cleanly writes back to itself.
func FuzzFragment(f *testing.F) {
	rs := siteRules(f)
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
