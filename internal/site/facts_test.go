package site

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/diag"
)

// ageRules is an extension that adds thresholds as facts, as the
// eligibility checker does.
type ageRules struct{}

func (ageRules) Extend(s *Site) diag.List {
	s.AddFact(RulesFacts+".min-age", "14")
	s.AddFact(RulesFacts+".max-age", "79")
	return nil
}

func buildFacts(t *testing.T, root fstest.MapFS) (*Site, *Memory, *Result) {
	t.Helper()
	s, errs := Load(Options{Root: root, Extensions: []Extension{ageRules{}}})
	if s == nil {
		t.Fatalf("load: %v", errs)
	}
	out := &Memory{}
	res, err := s.Build(context.Background(), out)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return s, out, res
}

func TestFacts(t *testing.T) {
	root, _, _ := fixture(t, "testdata/facts.txtar")
	_, out, _ := buildFacts(t, root)
	for _, tc := range []struct{ file, want string }{
		{"apply/index.html", "到省外办领表；递交时付每人 110 元，寄回护照另付120 元。不满 14 周岁，或满 80 周岁。写作 {dropoff.fee}。"},
		{"en/apply/index.html", "Collect the form at The office; pay 110 yuan per person at the bank and\n120 yuan for the return of your passport."},
	} {
		if got := string(out.Files[tc.file]); !strings.Contains(got, tc.want) {
			t.Errorf("%s = %s\nwant it to contain %q", tc.file, got, tc.want)
		}
	}
}

func TestRepeatedFact(t *testing.T) {
	root, _, _ := fixture(t, "testdata/facts.txtar")
	s, _, res := buildFacts(t, root)
	want := `content/apply.zh.md:22:4: the text repeats the fee of step "dropoff" ("每人 110 元"); write {dropoff.fee} instead, so that the text follows when the step's fee changes`
	for name, got := range map[string]diag.List{"Site.Warnings": s.Warnings, "Result.Warnings": res.Warnings} {
		if len(got) != 1 || got[0].Error() != want {
			t.Errorf("%s = %v; want the one warning\n%s", name, got, want)
		}
	}
}

// A page that shows a fact of another page is rendered again when that
// page's front matter changes, and only then.
func TestUpdateShowsChangedFacts(t *testing.T) {
	root, _, _ := fixture(t, "testdata/facts.txtar")
	s, _, _ := buildFacts(t, root)
	change := func(name, old, new string) {
		t.Helper()
		data := string(root[name].Data)
		if !strings.Contains(data, old) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		root[name] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1))}
	}

	change("content/return.en.md", "fee: 120 yuan", "fee: 130 yuan")
	out := &Memory{}
	ns, ch, err := s.Update(context.Background(), out, []string{"content/return.en.md"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"en/apply/index.html", "en/return/index.html"}; ch.Full || !slices.Equal(ch.Pages, want) {
		t.Errorf("rendered %v (full %v); want %v", ch.Pages, ch.Full, want)
	}
	if got := string(out.Files["en/apply/index.html"]); !strings.Contains(got, "130 yuan for the return") {
		t.Errorf("en/apply/index.html does not show the new fee:\n%s", got)
	}

	// A change of the text alone shows no other page's facts anew.
	change("content/return.zh.md", "文字。", "新的文字。")
	_, ch, err = ns.Update(context.Background(), &Memory{}, []string{"content/return.zh.md"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"return/index.html"}; !slices.Equal(ch.Pages, want) {
		t.Errorf("rendered %v; want %v", ch.Pages, want)
	}
}

// The warning about a repeated fee stays after an update that does not
// render the page again, and goes when the text is fixed.
func TestUpdateKeepsWarnings(t *testing.T) {
	root, _, _ := fixture(t, "testdata/facts.txtar")
	s, _, _ := buildFacts(t, root)
	root["content/other.zh.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 其他\nsummary: 一个不引用任何其他页面上的事实的普通页面。\n---\n改过。\n")}
	ns, _, err := s.Update(context.Background(), &Memory{}, []string{"content/other.zh.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ns.Warnings) != 1 {
		t.Errorf("warnings after an update elsewhere: %v; want the one about the fee", ns.Warnings)
	}
	data := strings.Replace(string(root["content/apply.zh.md"].Data), "费用：每人110元。", "费用：{dropoff.fee}。", 1)
	root["content/apply.zh.md"] = &fstest.MapFile{Data: []byte(data)}
	ns, _, err = ns.Update(context.Background(), &Memory{}, []string{"content/apply.zh.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ns.Warnings) != 0 {
		t.Errorf("warnings after the fix: %v; want none", ns.Warnings)
	}
}
