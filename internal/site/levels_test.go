package site

import (
	"testing"

	"guide/internal/diag"
)

// warner is an extension that reports one problem of a level.
type warner struct{ level diag.Level }

func (w warner) Extend(*Site) diag.List {
	return diag.List{{Pos: diag.Pos{File: "content/x"}, Msg: "something to look at", Level: w.level}}
}

// TestLevelsOfProblems checks what each level of problem stops: a warning
// stops neither build nor serve and is reported with the build; unfinished
// work stops build but not serve; an error stops both.
func TestLevelsOfProblems(t *testing.T) {
	root, _, _ := fixture(t, "testdata/golden/procedure.txtar")
	for _, tc := range []struct {
		level         diag.Level
		dev, loads    bool
		warningsAfter int
	}{
		{diag.LevelWarning, false, true, 1},
		{diag.LevelWarning, true, true, 1},
		{diag.LevelUnfinished, true, true, 1},
		{diag.LevelUnfinished, false, false, 0},
		{diag.LevelError, true, false, 0},
	} {
		s, errs := Load(Options{Root: root, Dev: tc.dev, Extensions: []Extension{warner{tc.level}}})
		if (s != nil) != tc.loads {
			t.Errorf("level %d, dev %v: loaded %v (%v); want %v", tc.level, tc.dev, s != nil, errs, tc.loads)
			continue
		}
		// The fixture's own advice (its short summaries) is not counted.
		n := 0
		if s != nil {
			for _, w := range s.Warnings {
				if w.Msg == "something to look at" {
					n++
				}
			}
		}
		if s != nil && n != tc.warningsAfter {
			t.Errorf("level %d, dev %v: %d warnings; want %d", tc.level, tc.dev, n, tc.warningsAfter)
		}
		if s == nil && (len(errs) != 1 || errs[0].Level != diag.LevelError) {
			t.Errorf("level %d, dev %v: problems %v; want one error", tc.level, tc.dev, errs)
		}
	}
}
