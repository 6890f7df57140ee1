package checker

import (
	"strings"
	"testing"

	"guide/internal/diag"
)

// TestUnusedThreshold checks that a threshold that no answer compares with
// and no text shows, as a change of the rules leaves behind, is a warning
// at the threshold's id: the rules still load.
func TestUnusedThreshold(t *testing.T) {
	src := strings.Replace(base, "      - id: min-age\n", "      - id: max-age\n        value: 79\n        unit: years\n      - id: min-age\n", 1)
	f, errs := Load(rulesName, []byte(src), langs)
	if f == nil {
		t.Fatalf("the rules do not load: %v", errs)
	}
	want := posOf(t, src, "max-age") + `: threshold "max-age" is not used by the rules of 2025-04-08: no answer compares with it and no text shows it; remove it`
	if len(errs) != 1 || errs[0].Level != diag.LevelWarning || errs[0].Pos.String()+": "+errs[0].Msg != want {
		t.Errorf("got %v; want one warning\n\t%s", errs, want)
	}
}

// TestMessagesPointAtKeys checks that a problem with one key of a mapping
// points at that key's value, not at the mapping's first line.
func TestMessagesPointAtKeys(t *testing.T) {
	for _, c := range []struct {
		name, old, new, at, want string
	}{
		{"next", "next: visa", "next: vsia", "vsia", `answer "no" of question "lost" leads to "vsia"`},
		{"route", "route: interview", "route: interveiw", "interveiw", `route "interveiw" is not one`},
		{"unit", "unit: months", "unit: weeks", "weeks", `unit must be "years" or "months"`},
		{"measure", "measure: age", "measure: years", "years\n          label", `measure must be "age" or "months-ago", not "years"`},
		{"start", "start: lost", "start: lots", "lots", `start "lots"`},
		{"source", "    source: notice\n    start", "    source: notic\n    start", "notic\n", `source "notic" is not one of the sources listed under sources; did you mean "notice"?`},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(base, c.old, c.new, 1)
			if src == base {
				t.Fatalf("base does not contain %q", c.old)
			}
			_, errs := Load(rulesName, []byte(src), langs)
			if len(errs) == 0 || errs[0].Pos.String() != posOf(t, src, c.at) || !strings.Contains(errs[0].Msg, c.want) {
				t.Errorf("got %v; want first at %s: %s", errs, posOf(t, src, c.at), c.want)
			}
		})
	}
}
