package checker

import (
	"strings"
	"testing"

	"guide/internal/diag"
)

// later is a rule set to put before the rule set of base, with what
// follows "source: fam" in its place.
func later(change string) string {
	return strings.Replace(base, "rulesets:\n", `rulesets:
  - effective: 2026-01-01
    source: fam
`+change+`    start: q
    thresholds: [{id: n, value: 3, unit: months}]
    questions: [{id: q, text: {zh: 问, en: Q}, answers: [{id: a, text: {zh: 答, en: A}, next: o}]}]
    outcomes: [{id: o, route: waiver, title: {zh: 果, en: O}, text: {zh: "果 {n}。", en: "O {n}."}}]
`, 1)
}

// TestChangeTexts checks the change: texts of the rule sets: every rule
// set but the oldest needs one, which is unfinished work (serve shows the
// site, check refuses it); a text is checked as the other texts are, and
// shows thresholds.
func TestChangeTexts(t *testing.T) {
	for _, c := range []struct {
		name, change, want string
		level              diag.Level
	}{
		{"missing", "", rulesName + ":13:5: the rules of 2026-01-01 have no change: say in every language (zh, en) what changed from the rules before, as in change: {zh: …, en: …}; the list of changes and the feeds publish it", diag.LevelUnfinished},
		{"a language missing", "    change: {zh: 变了。}\n", rulesName + ":15:13: the en translation of change is missing; add en: under change:", diag.LevelUnfinished},
		{"an unknown language", "    change: {zh: 变了。, en: Changed., fr: Changé.}\n", rulesName + `:15:13: change: unknown language "fr", did you mean "zh"?`, diag.LevelError},
		{"an unknown threshold", "    change: {zh: 变了。, en: \"{m} months.\"}\n", rulesName + `:15:13: change: {m} names no threshold of the rules of 2026-01-01, did you mean {n}?`, diag.LevelError},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := Load(rulesName, []byte(later(c.change)), langs)
			var found *diag.Error
			for _, e := range errs {
				if strings.HasPrefix(e.Error(), c.want) {
					found = e
				}
			}
			if found == nil || found.Level != c.level {
				t.Errorf("got %v; want a problem of level %d starting %s", errs, c.level, c.want)
			}
		})
	}
	f := loadBase(t, later("    change: {zh: \"{n} 个月。\", en: \"{n} months.\"}\n"))
	if got := f.Rules[0].Change; got["zh"] != "3 个月。" || got["en"] != "3 months." {
		t.Errorf("change = %v; want the threshold's value in both languages", got)
	}
}
