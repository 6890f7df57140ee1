package diag

import "testing"

// TestLevels checks what each level of problem stops, as the pipeline
// reads it: Errors are what stop even serve, Warnings stop nothing, and
// the printed list marks both kinds of non-error as warnings.
func TestLevels(t *testing.T) {
	var l List
	l.Add(Pos{File: "a.md", Line: 1}, "broken")
	l.Unfinished(Pos{File: "b.md"}, "the %s translation is missing", "English")
	l.Warn(Pos{File: "c.md", Line: 3, Col: 2}, "the English may be out of date")
	if got := len(l.Errors()); got != 1 || l.Errors()[0].Msg != "broken" {
		t.Errorf("Errors() = %v; want the one error", l.Errors())
	}
	if got := l.Warnings(); len(got) != 1 || got[0].Msg != "the English may be out of date" {
		t.Errorf("Warnings() = %v; want the one warning", got)
	}
	want := "a.md:1: broken\nb.md: warning: the English translation is missing\nc.md:3:2: warning: the English may be out of date"
	if got := l.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
}
