package checker

import (
	"fmt"
	"strings"
	"testing"

	"guide/internal/diag"
)

// base is a small valid rules file that the cases below break one way at a
// time.
const base = `sources:
  - id: notice
    title: {zh: 通知, en: The notice}
  - id: fam
    title: {zh: 手册, en: The manual}
routes:
  - id: waiver
    page: waiver
    note: {zh: 仍可能要求面谈。, en: You may still be asked to attend an interview.}
  - id: interview
    page: interview
rulesets:
  - effective: 2025-04-08
    source: notice
    start: lost
    thresholds:
      - id: months
        value: 12
        unit: months
      - id: min-age
        value: 14
        unit: years
        source: fam
    questions:
      - id: lost
        text: {zh: 护照遗失过吗？, en: "Was a passport lost?"}
        answers:
          - id: "yes"
            text: {zh: 是, en: "Yes"}
            next: no-waiver
          - id: "no"
            text: {zh: 否, en: "No"}
            next: visa
      - id: visa
        text: {zh: 签证何时到期？, en: "When did the visa expire?"}
        date:
          measure: months-ago
          label: {zh: 截止日期, en: Expiry date}
        answers:
          - id: recent
            text: {zh: "{months} 个月内", en: "Within {months} months"}
            upTo: months
            next: waiver
          - id: old
            text: {zh: "超过 {months} 个月", en: "More than {months} months ago"}
            over: months
            next: age
      - id: age
        text: {zh: 您多大？, en: "How old are you?"}
        date:
          measure: age
          label: {zh: 出生日期, en: Date of birth}
        answers:
          - id: young
            text: {zh: "不满 {min-age} 周岁", en: "Under {min-age}"}
            under: min-age
            next: waiver
          - id: adult
            text: {zh: "{min-age} 周岁或以上", en: "{min-age} or over"}
            from: min-age
            next: no-waiver
    outcomes:
      - id: waiver
        route: waiver
        title: {zh: 可以免面谈, en: No interview}
        text: {zh: 可以免面谈。, en: You can skip the interview.}
      - id: no-waiver
        route: interview
        title: {zh: 需要面谈, en: Interview}
        text: {zh: 需要面谈。, en: You need an interview.}
`

var langs = []string{"zh", "en"}

const rulesName = "content/eligibility/rules.yaml"

func loadBase(t *testing.T, src string) *File {
	t.Helper()
	f, errs := Load(rulesName, []byte(src), langs)
	if len(errs) > 0 {
		t.Fatalf("the rules do not load:\n%v", errs)
	}
	return f
}

func TestLoadBase(t *testing.T) {
	f := loadBase(t, base)
	rs := f.InForce(Day{2025, 5, 1})
	if rs == nil {
		t.Fatal("no rule set in force")
	}
	if got := rs.Question("visa").Answer("recent").Text["en"]; got != "Within 12 months" {
		t.Errorf("the threshold in a text became %q; want %q", got, "Within 12 months")
	}
	a := rs.Question("age").Answer("young")
	if !a.HasMax || a.Max != 13 || a.HasMin {
		t.Errorf("under: min-age resolved to min %v/%d max %v/%d; want at most 13", a.HasMin, a.Min, a.HasMax, a.Max)
	}
	if got := len(rs.Paths()); got != 4 {
		t.Errorf("%d paths; want 4", got)
	}
	if th := rs.Threshold("months"); th.Source != "notice" || th.Effective.String() != "2025-04-08" {
		t.Errorf("threshold months has source %q from %s; want the rule set's, notice from 2025-04-08", th.Source, th.Effective)
	}
}

// loadError is a case of the tests of Load's errors: an edit of base and
// the error it must cause.
type loadError struct {
	name     string
	old, new string // the edit of base
	at       string // the text the error points at
	want     string // part of the message
	warning  bool
}

// TestLoadErrorsOfTheWalk tests the errors in how questions, answers and
// outcomes lead to each other, and in what they name.
func TestLoadErrorsOfTheWalk(t *testing.T) {
	testLoadErrors(t, []loadError{
		{
			name: "answer leads to a missing question",
			old:  "next: visa", new: "next: vsia",
			at: "vsia", want: `answer "no" of question "lost" leads to "vsia", which is no question or outcome of the rules of 2025-04-08; did you mean "visa"?`,
		},
		{
			name: "cycle",
			old:  "            next: no-waiver\n    outcomes:", new: "            next: lost\n    outcomes:",
			at: "lost\n    outcomes:", want: `answer "adult" of question "age" leads back to question "lost", so the checker would go round in a circle: lost → visa → age → lost`,
		},
		{
			name: "unreachable question",
			old:  "            over: months\n            next: age", new: "            over: months\n            next: no-waiver",
			at: "age\n        text: {zh: 您多大", want: `question "age" is never asked: no answer leads to it from the start question "lost"`,
		},
		{
			name: "start is no question",
			old:  "start: lost", new: "start: lots",
			at: "lots", want: `start "lots" is not one of the questions of the rules of 2025-04-08, did you mean "lost"?`,
		},
		{
			name: "two questions with one id",
			old:  "- id: age\n", new: "- id: visa\n",
			at: "visa\n        text: {zh: 您多大", want: `id "visa" is already used at line`,
		},
		{
			name: "bounds on a question without a date",
			old: `            next: no-waiver
          - id: "no"`, new: `            under: min-age
            next: no-waiver
          - id: "no"`,
			at: "min-age\n            next: no-waiver\n          - id: \"no\"", want: "under, over, from and upTo compare a typed date",
		},
		{
			name: "outcome with an unknown route",
			old:  "route: interview", new: "route: interveiw",
			at: "interveiw", want: `route "interveiw" is not one of the routes listed under routes; did you mean "interview"?`,
		},
		{
			name: "unknown source",
			old:  "source: fam", new: "source: fma",
			at: "fma", want: `source "fma" is not one of the sources listed under sources; did you mean "fam"?`,
		},
		{
			name: "two outcomes with one title",
			old:  "title: {zh: 需要面谈, en: Interview}", new: "title: {zh: 需要面谈, en: No interview}",
			at: "{zh: 需要面谈, en: No interview}", want: `outcome "no-waiver" has the same title as outcome "waiver" in en; give every outcome a title of its own`,
		},
		{
			name: "two rule sets on one date",
			old:  "rulesets:\n", new: "rulesets:\n  - {effective: 2025-04-08, source: notice, start: q, questions: [{id: q, text: {zh: 问, en: Q}, answers: [{id: a, text: {zh: 答, en: A}, next: o}]}], outcomes: [{id: o, route: waiver, title: {zh: 果, en: O}, text: {zh: 果。, en: O.}}]}\n",
			at: "2025-04-08\n    source: notice", want: "there are two rule sets that take effect on 2025-04-08",
		},
	})
}

// TestLoadErrorsOfValues tests the errors in the values of keys: texts,
// thresholds and their bounds.
func TestLoadErrorsOfValues(t *testing.T) {
	testLoadErrors(t, []loadError{
		{
			name: "missing translation",
			old:  `text: {zh: 您多大？, en: "How old are you?"}`, new: "text: {zh: 您多大？}",
			at: "{zh: 您多大？}", want: `the en translation of text is missing; add en: under text:`, warning: true,
		},
		{
			name: "unknown language",
			old:  `{zh: 您多大？, en: "How old are you?"}`, new: `{zh: 您多大？, eng: "How old are you?"}`,
			at: "{zh: 您多大？, eng:", want: `text: unknown language "eng", did you mean "en"?`,
		},
		{
			name: "unknown key",
			old:  "next: waiver\n          - id: old", new: "nxet: waiver\n          - id: old",
			at: "nxet", want: `unknown key "nxet", did you mean "next"?`,
		},
		{
			name: "threshold not a number",
			old:  "value: 12", new: "value: twelve",
			at: "twelve", want: `"value" must be a whole number, not "twelve"`,
		},
		{
			name: "threshold with a fraction",
			old:  "value: 12", new: "value: 12.5",
			at: "12.5", want: `"value" must be a whole number, not "12.5"`,
		},
		{
			name: "threshold out of range",
			old:  "value: 14", new: "value: 140",
			at: "140", want: `threshold "min-age": 140 years is out of range; a threshold in years must be between 0 and 120`,
		},
		{
			name: "threshold in an unknown unit",
			old:  "unit: months", new: "unit: weeks",
			at: "weeks", want: `threshold "months": unit must be "years" or "months", not "weeks"`,
		},
		{
			name: "bound in the wrong unit",
			old:  "under: min-age", new: "under: months",
			at: "months\n            next: waiver\n          - id: adult", want: `threshold "months" is in months, but the question measures age in years`,
		},
		{
			name: "bound names no threshold",
			old:  "upTo: months", new: "upTo: month",
			at: "month\n", want: `upTo: "month" is not one of the thresholds of the rules of 2025-04-08, did you mean "months"?`,
		},
		{
			name: "text names no threshold",
			old:  `"Within {months} months"`, new: `"Within {monhts} months"`,
			at: `{zh: "{months} 个月内"`, want: `text: {monhts} names no threshold of the rules of 2025-04-08, did you mean {months}?`,
		},
	})
}

// testLoadErrors breaks the rules file one way at a time, by the edit of
// each case. Each case names the text at the position the message must
// point to, so that the expected file:line:col follows the edit.
func testLoadErrors(t *testing.T, cases []loadError) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(base, c.old) {
				t.Fatalf("base does not contain %q", c.old)
			}
			src := strings.Replace(base, c.old, c.new, 1)
			f, errs := Load(rulesName, []byte(src), langs)
			if len(errs) == 0 {
				t.Fatalf("no error; want %q", c.want)
			}
			if c.warning != (f != nil) {
				t.Errorf("File is %v with errors %v; want a File only for a warning", f, errs)
			}
			pos := posOf(t, src, c.at)
			want := pos + ": " + c.want
			for _, e := range errs {
				if e.Pos.String() == pos && strings.Contains(e.Msg, c.want) {
					if (e.Level == diag.LevelUnfinished) != c.warning {
						t.Errorf("%v: unfinished is %v; want %v", e, e.Level == diag.LevelUnfinished, c.warning)
					}
					return
				}
			}
			t.Errorf("got\n\t%v\nwant an error containing\n\t%s", strings.ReplaceAll(errs.Error(), "\n", "\n\t"), want)
		})
	}
}

// posOf returns the position of the first occurrence of at in src, as
// file:line:col with the column in characters.
func posOf(t *testing.T, src, at string) string {
	t.Helper()
	i := strings.Index(src, at)
	if i < 0 {
		t.Fatalf("%q is not in the rules", at)
	}
	line, col := diag.NewOffsets([]byte(src)).Pos(i)
	return fmt.Sprintf("%s:%d:%d", rulesName, line, col)
}

func TestUnreachableOutcome(t *testing.T) {
	// Both answers that reached no-waiver now lead elsewhere.
	src := strings.Replace(base, "            next: no-waiver\n          - id: \"no\"", "            next: waiver\n          - id: \"no\"", 1)
	src = strings.Replace(src, "            from: min-age\n            next: no-waiver", "            from: min-age\n            next: waiver", 1)
	_, errs := Load(rulesName, []byte(src), langs)
	want := posOf(t, src, "no-waiver\n        route") + `: outcome "no-waiver" is never reached: no answer leads to it from the start question "lost"`
	if errs.Error() != want {
		t.Errorf("got\n\t%v\nwant\n\t%s", errs, want)
	}
}

func TestBoundsCoverage(t *testing.T) {
	for _, c := range []struct {
		name, old, new, want string
	}{
		{"gap", "            over: months\n", "            over: min-age\n",
			`answer "old" of question "visa": over: threshold "min-age" is in years, but the question measures months-ago in months`},
		{"gap of a month", "            upTo: months\n", "            under: months\n",
			`question "visa": no answer is chosen for a date 12 months ago; the answers' under, over, from and upTo must together cover every months-ago`},
		{"overlap", "            from: min-age\n", "            upTo: min-age\n",
			`question "age": the answers "young" and "adult" are both chosen for an age of 0; their bounds overlap`},
		{"nothing above", "            from: min-age\n", "            from: min-age\n            upTo: min-age\n",
			`question "age": no answer is chosen for an age of 15`},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(base, c.old, c.new, 1)
			if src == base {
				t.Fatalf("base does not contain %q", c.old)
			}
			_, errs := Load(rulesName, []byte(src), langs)
			if !strings.Contains(errs.Error(), c.want) {
				t.Errorf("got\n\t%v\nwant an error containing\n\t%s", errs, c.want)
			}
		})
	}
}

func TestInForce(t *testing.T) {
	src := strings.Replace(base, "rulesets:\n", `rulesets:
  - effective: 2026-01-01
    source: fam
    change: {zh: 变, en: Changed.}
    start: q
    questions: [{id: q, text: {zh: 问, en: Q}, answers: [{id: a, text: {zh: 答, en: A}, next: o}]}]
    outcomes: [{id: o, route: waiver, title: {zh: 果, en: O}, text: {zh: 果。, en: O.}}]
`, 1)
	f := loadBase(t, src)
	for _, c := range []struct {
		today Day
		want  string
	}{
		{Day{2025, 4, 7}, ""},
		{Day{2025, 4, 8}, "2025-04-08"},
		{Day{2025, 12, 31}, "2025-04-08"},
		{Day{2026, 1, 1}, "2026-01-01"},
	} {
		got := ""
		if rs := f.InForce(c.today); rs != nil {
			got = rs.Effective.String()
		}
		if got != c.want {
			t.Errorf("on %s the rules of %q are in force; want %q", c.today, got, c.want)
		}
	}
}
