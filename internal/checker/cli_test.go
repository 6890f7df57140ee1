package checker_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/cli"
)

// writeSite writes the files of fsys into a temporary folder.
func writeSite(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func guide(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = cli.Main(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		m[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBadRulesKeepPublic breaks the guide's rules file as an editor might
// and runs guide build: each mistake must fail the build with a message
// that names the file, the line and the column, and leave the published
// public/ folder exactly as it was.
func TestBadRulesKeepPublic(t *testing.T) {
	fsys := testSite(t, nil)
	rules := string(fsys["content/eligibility/rules.yaml"].Data)
	for _, c := range []struct {
		name     string
		old, new string
		at, want string
	}{
		{"answer leads to a missing question", "next: last-visa\n", "next: last-vista\n",
			"last-vista", `answer "no" of question "lost-passport" leads to "last-vista", which is no question or outcome of the rules of 2025-04-08; did you mean "last-visa"?`},
		{"cycle", "upTo: max-age\n            next: interview\n", "upTo: max-age\n            next: last-visa\n",
			"last-visa\n          - id: over", `answer "between" of question "age" leads back to question "last-visa", so the checker would go round in a circle: last-visa → age → last-visa`},
		{"unreachable outcome", "upTo: max-age\n            next: interview\n", "upTo: max-age\n            next: interview-lost\n",
			"interview\n        route", `outcome "interview" is never reached: no answer leads to it from the start question "lost-passport"`},
		{"missing translation", "          en: How old are you?\n", "",
			"zh: 您今年多少周岁？", `the en translation of text is missing; add en: under text:`},
		{"threshold not a number", "value: 12\n", "value: 12 months\n",
			"12 months\n        unit", `"value" must be a whole number, not "12 months"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, fsys)
			out := filepath.Join(dir, "public")
			if code, _, stderr := guide("build", "-src", dir, "-out", out); code != 0 {
				t.Fatalf("the good site does not build:\n%s", stderr)
			}
			before := snapshot(t, out)
			if !strings.Contains(rules, c.old) {
				t.Fatalf("the rules do not contain %q", c.old)
			}
			broken := strings.Replace(rules, c.old, c.new, 1)
			if err := os.WriteFile(filepath.Join(dir, "content/eligibility/rules.yaml"), []byte(broken), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := guide("build", "-src", dir, "-out", out)
			if code != 1 {
				t.Errorf("build exits with %d; want 1", code)
			}
			if want := posIn(t, broken, c.at) + ": " + c.want; !strings.Contains(stderr, want) {
				t.Errorf("build says\n\t%s\nwant\n\t%s", strings.ReplaceAll(strings.TrimSpace(stderr), "\n", "\n\t"), want)
			}
			after := snapshot(t, out)
			if len(after) != len(before) {
				t.Errorf("public/ has %d files after the failed build; want %d", len(after), len(before))
			}
			for name, data := range before {
				if after[name] != data {
					t.Errorf("the failed build changed %s", name)
				}
			}
		})
	}
}

// TestCheckPaths checks the table of guide check -paths: every path of the
// guide's checker, with its outcome, in both languages.
func TestCheckPaths(t *testing.T) {
	dir := writeSite(t, testSite(t, nil))
	code, stdout, stderr := guide("check", "-src", dir, "-paths")
	if code != 0 {
		t.Fatalf("check -paths exits with %d:\n%s", code, stderr)
	}
	for _, want := range []string{
		"content/eligibility/rules.yaml: 1 rule set",
		"== rules of 2025-04-08 (in force), source notice: 8 paths",
		"expiry-months  12 months  from 2025-04-08  source notice",
		"max-age        79 years   from 2025-04-08  source fam",
		"1  lost-passport=yes                               interview-lost  interview",
		"2  lost-passport=no last-visa=recent               waiver-visa     waiver",
		"5  lost-passport=no last-visa=expired age=over     waiver-age      waiver",
		"7  lost-passport=no last-visa=never age=between    interview       interview",
		"in 中文:", "  2. → 您可以选择免面谈代传递",
		"last-visa=recent  您最近一次获得的美国签证，有效期到什么时候？  仍然有效，或过期不超过 12 个月",
		"in English:", "  5. → You can apply without an interview",
		"age=over           How old are you?  80 or over",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check -paths does not print %q:\n%s", want, stdout)
		}
	}
	// Without -paths, check prints no table.
	if _, stdout, _ := guide("check", "-src", dir); strings.Contains(stdout, "lost-passport") {
		t.Errorf("check without -paths prints the table:\n%s", stdout)
	}
}
