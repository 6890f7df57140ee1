package checker

import (
	"os"
	"strings"
	"testing"
)

// TestDocsExample loads the example of the editors' documentation, so that
// the example stays a rules file that works.
func TestDocsExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/checker.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	if !ok {
		t.Fatal("docs/checker.md has no YAML example")
	}
	example, _, _ := strings.Cut(rest, "```")
	f, errs := Load("docs/checker.md", []byte(example), langs)
	if len(errs) > 0 {
		t.Fatalf("the example does not load:\n%v", errs)
	}
	rs := f.InForce(Day{2025, 4, 8})
	if got := len(rs.Paths()); got != 3 {
		t.Errorf("the example has %d paths; want 3", got)
	}
	if a := rs.Question("age").Answer("older"); a.Text["en"] != "14 or over" || !a.HasMin || a.Min != 14 {
		t.Errorf("the example's answer older reads %q from %d; want %q from 14", a.Text["en"], a.Min, "14 or over")
	}
}
