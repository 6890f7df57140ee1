package site

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/txtarsite"
)

// problems loads and builds the site root as guide check does and returns
// every problem it reports, warnings included, sorted.
func problems(t *testing.T, root fs.FS, opts Options) diag.List {
	t.Helper()
	opts.Root = root
	s, errs := Load(opts)
	if s == nil {
		return errs.Sort()
	}
	got := append(diag.List(nil), s.Warnings...)
	if _, err := s.Build(context.Background(), &Memory{}); err != nil {
		got.Append(err)
	}
	return got.Sort()
}

// TestContentChecks loads and builds each site of testdata/checks and
// compares every problem reported, warnings included, with its "errors"
// file. Run with -update to rewrite them, then review the change.
func TestContentChecks(t *testing.T) {
	eachSite(t, "testdata/checks/*.txtar", func(t *testing.T, file string, root fstest.MapFS, wantErrs string) {
		got := strings.TrimSpace(problems(t, root, Options{}).Error())
		if *update {
			txtarsite.SetErrors(t, file, got)
			return
		}
		if want := strings.TrimSpace(wantErrs); got != want {
			t.Errorf("%s: problems differ\ngot:\n%s\nwant:\n%s", file, got, want)
		}
	})
}

// eachSite runs test, as a subtest named for the archive, on each test
// site whose archive matches pattern, with its files and the problems its
// "errors" file expects.
func eachSite(t *testing.T, pattern string, test func(t *testing.T, file string, root fstest.MapFS, wantErrs string)) {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) == 0 {
		t.Fatalf("no test sites %s", pattern)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			root, _, wantErrs := fixture(t, file)
			test(t, file, root, wantErrs)
		})
	}
}

// TestDuplicateTitleInDev: serve shows a page whose title another page
// has, with a warning, while the editor is still writing it.
func TestDuplicateTitleInDev(t *testing.T) {
	root, _, _ := fixture(t, "testdata/checks/titles.txtar")
	got := problems(t, root, Options{Dev: true})
	if len(got) != 1 || got[0].Level != diag.LevelUnfinished || !strings.Contains(got[0].Msg, `the title "DS-160" is also the title of content/a.zh.md`) {
		t.Errorf("Dev: got %v; want the shared title as unfinished work", got)
	}
}

// madePages is an extension that makes two pages of one title, from the
// positions of a data file, as the checker makes its questions' pages.
type madePages struct{}

func (madePages) Extend(s *Site) diag.List {
	for i, key := range []string{"q/one", "q/two"} {
		s.AddPage(&content.Page{Key: key, Lang: "zh", Meta: content.Meta{
			Title: "同一个问题", Summary: fmt.Sprintf("第 %d 个问题的文字和提示，足够长，说明了页面是什么。", i+1),
			Pos: diag.Pos{File: "content/q/data.yaml", Line: 3 * (i + 1), Col: 5},
		}})
	}
	return nil
}

// TestMadePages: the pages an extension makes are held to the same rules,
// and the messages point at the text they are made from.
func TestMadePages(t *testing.T) {
	root, _, _ := fixture(t, "testdata/checks/descriptions.txtar")
	delete(root, "content/short.zh.md")
	delete(root, "content/none.zh.md")
	delete(root, "content/same.zh.md")
	got := problems(t, root, Options{Extensions: []Extension{madePages{}}}).Error()
	want := `content/q/data.yaml:6:5: the page made from this text has the title "同一个问题", which is also the title of /q/one/; make the text differ`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
