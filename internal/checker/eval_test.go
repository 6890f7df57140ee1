package checker

import (
	"errors"
	"testing"

	"guide/internal/txtarsite"
)

// siteRules loads the rules of the checker's test site, testdata/site.txtar:
// the office's notice of 8 April 2025 as the guide first recorded it,
// frozen there so that these tests do not follow the guide's own rules.
func siteRules(t testing.TB) *RuleSet {
	t.Helper()
	a := txtarsite.Read(t, nil, "testdata/site.txtar")
	file, ok := a.Root["content/eligibility/rules.yaml"]
	if !ok {
		t.Fatal("testdata/site.txtar has no content/eligibility/rules.yaml")
	}
	f, errs := Load(rulesName, file.Data, langs)
	if len(errs) > 0 {
		t.Fatalf("the test site's rules do not load:\n%v", errs)
	}
	rs := f.InForce(Day{2025, 4, 8})
	if rs == nil {
		t.Fatal("no rules in force on 2025-04-08")
	}
	return rs
}

// TestSitePaths checks every path through the test site's checker against
// the notice: a lost or stolen passport means an interview; otherwise a
// visa still valid or expired no more than 12 months ago, or an age under
// 14 or over 79, opens the waiver route.
func TestSitePaths(t *testing.T) {
	rs := siteRules(t)
	want := map[string]string{
		"lost-passport=yes":                              "interview-lost",
		"lost-passport=no&last-visa=recent":              "waiver-visa",
		"lost-passport=no&last-visa=expired&age=under":   "waiver-age",
		"lost-passport=no&last-visa=expired&age=between": "interview",
		"lost-passport=no&last-visa=expired&age=over":    "waiver-age",
		"lost-passport=no&last-visa=never&age=under":     "waiver-age",
		"lost-passport=no&last-visa=never&age=between":   "interview",
		"lost-passport=no&last-visa=never&age=over":      "waiver-age",
	}
	got := map[string]string{}
	for _, p := range rs.Paths() {
		got[Fragment(p.Choices)] = p.Outcome.ID
		// Follow, which pages and the script's fragments use, agrees
		// with the walk.
		choices, err := ParseFragment(Fragment(p.Choices))
		if err != nil {
			t.Fatal(err)
		}
		if q, o, err := rs.Follow(choices); err != nil || q != nil || o != p.Outcome {
			t.Errorf("Follow(%s) = %v, %v, %v; want outcome %s", Fragment(p.Choices), q, o, err, p.Outcome.ID)
		}
	}
	for path, o := range want {
		if got[path] != o {
			t.Errorf("%s leads to %q; want %q", path, got[path], o)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d paths; want %d: %v", len(got), len(want), got)
	}
	for _, p := range rs.Paths() {
		route := rs.File().Route(p.Outcome.Route)
		if p.Outcome.Route == "waiver" && route.Note["zh"] == "" {
			t.Errorf("outcome %s leads to the waiver route, which has no note", p.Outcome.ID)
		}
	}
}

func TestFollow(t *testing.T) {
	rs := siteRules(t)
	for _, c := range []struct {
		fragment string
		question string // the next question, or
		outcome  string // the outcome reached, or
		bad      bool   // a fragment that is no path
	}{
		{fragment: "", question: "lost-passport"},
		{fragment: "#lost-passport=no", question: "last-visa"},
		{fragment: "lost-passport=no&last-visa=never", question: "age"},
		{fragment: "lost-passport=yes", outcome: "interview-lost"},
		{fragment: "last-visa=recent", bad: true},                      // skips a question
		{fragment: "lost-passport=maybe", bad: true},                   // no such answer
		{fragment: "lost-passport=yes&last-visa=recent", bad: true},    // after the outcome
		{fragment: "lost-passport=no&age=under", bad: true},            // out of order
		{fragment: "lost-passport=no&lost-passport=no", bad: true},     // twice
		{fragment: "lost-passport", bad: true},                         // no answer
		{fragment: "lost-passport=no=yes", bad: true},                  // garbage
		{fragment: "%3Cscript%3E", bad: true},                          // garbage
		{fragment: "constructor=valueOf", bad: true},                   // names of JavaScript
		{fragment: "lost-passport=no&last-visa=recent&", bad: true},    // trailing &
		{fragment: "lost-passport=NO", bad: true},                      // ids are lower case
		{fragment: "lost-passport=no&last-visa=recent&x=y", bad: true}, // after the outcome
		{fragment: "lost-passport=no&&last-visa=recent", bad: true},    // empty part
		{fragment: "lost-passport=%6Eo", bad: true},                    // escaped
		{fragment: "lost-passport=no&last-visa=recent#x", bad: true},   // second fragment
		{fragment: "lost-passport=no&last-visa=expired&age=over", outcome: "waiver-age"},
	} {
		choices, err := ParseFragment(c.fragment)
		var q *Question
		var o *Outcome
		if err == nil {
			q, o, err = rs.Follow(choices)
		}
		switch {
		case c.bad:
			if err == nil {
				t.Errorf("%q: no error; want one", c.fragment)
			}
		case err != nil:
			t.Errorf("%q: %v", c.fragment, err)
		case c.question != "" && (q == nil || q.ID != c.question):
			t.Errorf("%q leads to question %v, outcome %v; want question %s", c.fragment, q, o, c.question)
		case c.outcome != "" && (o == nil || o.ID != c.outcome):
			t.Errorf("%q leads to question %v, outcome %v; want outcome %s", c.fragment, q, o, c.outcome)
		}
	}
}

// DateCase is a date typed in answer to a date question on a given day,
// and the answer it must give. The browser tests (package checker_test)
// run the same cases.
type DateCase struct {
	Question, Date, Today, Answer string
	Err                           error
}

// DateCases are the boundaries of the test site's rules: exactly 12 months
// since the visa expired and the day after, the ages 13 and 14, 79 and 80,
// and the 29th of February.
var DateCases = []DateCase{
	{Question: "last-visa", Date: "2026-01-01", Today: "2025-04-08", Answer: "recent"},  // still valid
	{Question: "last-visa", Date: "2025-04-08", Today: "2025-04-08", Answer: "recent"},  // expires today
	{Question: "last-visa", Date: "2024-04-08", Today: "2025-04-08", Answer: "recent"},  // exactly 12 months ago
	{Question: "last-visa", Date: "2024-04-07", Today: "2025-04-08", Answer: "expired"}, // a day more
	{Question: "last-visa", Date: "2024-04-08", Today: "2025-04-09", Answer: "expired"}, // the day after
	{Question: "last-visa", Date: "2024-02-29", Today: "2025-02-28", Answer: "recent"},
	{Question: "last-visa", Date: "2024-02-29", Today: "2025-03-01", Answer: "expired"},
	{Question: "last-visa", Date: "2010-06-30", Today: "2025-04-08", Answer: "expired"},
	{Question: "age", Date: "2011-04-09", Today: "2025-04-08", Answer: "under"},   // 13, 14 tomorrow
	{Question: "age", Date: "2011-04-08", Today: "2025-04-08", Answer: "between"}, // 14 today
	{Question: "age", Date: "1945-04-09", Today: "2025-04-08", Answer: "between"}, // 79, 80 tomorrow
	{Question: "age", Date: "1945-04-08", Today: "2025-04-08", Answer: "over"},    // 80 today
	{Question: "age", Date: "2025-04-08", Today: "2025-04-08", Answer: "under"},   // born today
	{Question: "age", Date: "2010-02-28", Today: "2024-02-28", Answer: "between"},
	{Question: "age", Date: "2010-02-28", Today: "2024-02-27", Answer: "under"},
	{Question: "age", Date: "2008-02-29", Today: "2022-02-28", Answer: "between"}, // a leap-day birthday
	{Question: "age", Date: "2008-02-29", Today: "2022-02-27", Answer: "under"},
	{Question: "age", Date: "2025-04-09", Today: "2025-04-08", Err: ErrFuture},
}

func TestAnswerForDate(t *testing.T) {
	rs := siteRules(t)
	for _, c := range DateCases {
		a, err := rs.Question(c.Question).AnswerForDate(day(t, c.Date), day(t, c.Today))
		switch {
		case c.Err != nil:
			if !errors.Is(err, c.Err) {
				t.Errorf("%s: %s on %s: error %v; want %v", c.Question, c.Date, c.Today, err, c.Err)
			}
		case err != nil:
			t.Errorf("%s: %s on %s: %v", c.Question, c.Date, c.Today, err)
		case a.ID != c.Answer:
			t.Errorf("%s: %s on %s gives %q; want %q", c.Question, c.Date, c.Today, a.ID, c.Answer)
		}
	}
}
