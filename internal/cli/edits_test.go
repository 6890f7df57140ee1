package cli

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/site"
)

// guideEdit is an editor's change to a copy of the guide, and the paths it
// changes, as the watcher reports them.
type guideEdit struct {
	name   string
	change func()
	paths  []string
}

// guideEdits returns the changes that TestUpdateWithExtensions makes to the
// copy of the guide in dir, whose loaded site is s, one of each kind an
// editor makes: the text of a procedure, a title that the home page shows,
// a change note, the text of a walkthrough, the checker's page and its
// rules, a walkthrough's picture replaced by another, the translation of
// the last walkthrough removed. Each
// is chosen from the guide as it is; a kind the guide has no page for is
// left out, and said so.
func guideEdits(t *testing.T, dir string, s *site.Site) []guideEdit {
	t.Helper()
	find := func(what string, ok func(p *content.Page) bool) *content.Page {
		for _, p := range s.Pages() {
			if p.Path != "" && ok(p) {
				return p
			}
		}
		t.Logf("the guide has no %s: that edit is left out", what)
		return nil
	}
	second := s.Content.Site.Languages[len(s.Content.Site.Languages)-1].Code
	var edits []guideEdit
	add := func(name string, p *content.Page, change func(p *content.Page)) {
		if p != nil {
			edits = append(edits, guideEdit{name, func() { change(p) }, []string{"content/" + p.Path}})
		}
	}
	paragraph := func(p *content.Page) { insertLine(t, dir, p, "A new paragraph.\n\n") }
	retitle := func(p *content.Page) { setValue(t, dir, p.At("title"), "New: "+p.Title) }

	add("text of a procedure", find("procedure page", func(p *content.Page) bool { return len(p.Steps) > 0 }), paragraph)
	if home := s.Page("/"); home != nil && len(s.Children(home)) > 0 {
		add("title shown on the home page", s.Children(home)[0], retitle)
	}
	add("a change note", find("change note on one line", func(p *content.Page) bool {
		return len(p.Changes) > 0 && oneLine(t, dir, p.Changes[0].At("note"))
	}), func(p *content.Page) {
		setValue(t, dir, p.Changes[0].At("note"), "Changed again. "+p.Changes[0].Note)
	})
	walkthrough := find("walkthrough page", func(p *content.Page) bool { return p.Layout == "walkthrough" })
	add("a walkthrough page", walkthrough, paragraph)
	checker := find("checker page in "+second, func(p *content.Page) bool { return p.Layout == "checker" && p.Lang == second })
	add("the checker's page", checker, retitle)
	if checker != nil {
		rules := path.Join("content", path.Dir(checker.Path), "rules.yaml")
		edits = append(edits, guideEdit{"the checker's rules", func() { prepend(t, dir, rules, "# edited\n") }, []string{rules}})
	}
	if pics := pictures(t, dir); len(pics) >= 2 {
		edits = append(edits, guideEdit{"a walkthrough's picture replaced by another", func() {
			data, err := os.ReadFile(filepath.Join(dir, pics[1]))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, pics[0]), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{pics[0]}})
	}
	var last *content.Page
	for _, p := range s.Pages() {
		if p.Path != "" && p.Layout == "walkthrough" && p.Lang == second {
			last = p
		}
	}
	if last != nil {
		edits = append(edits, guideEdit{"a page removed", func() { os.Remove(filepath.Join(dir, "content", last.Path)) }, []string{"content/" + last.Path}})
	}
	return edits
}

// lines reads a file of the guide as lines that keep their line ends.
func lines(t *testing.T, dir, name string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return strings.SplitAfter(string(data), "\n")
}

func writeLines(t *testing.T, dir, name string, ls []string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(strings.Join(ls, "")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// valueAt returns the line of pos and the byte offset of its column.
func valueAt(t *testing.T, dir string, pos diag.Pos) ([]string, int) {
	t.Helper()
	ls := lines(t, dir, pos.File)
	if pos.Line < 1 || pos.Line > len(ls) {
		t.Fatalf("%s: no line %d", pos.File, pos.Line)
	}
	l := ls[pos.Line-1]
	i := 0
	for range pos.Col - 1 {
		_, n := utf8.DecodeRuneInString(l[i:])
		i += n
	}
	return ls, i
}

// oneLine reports whether the YAML value at pos is written on its line
// alone: not a block of lines, nor a quoted text that goes on below.
func oneLine(t *testing.T, dir string, pos diag.Pos) bool {
	ls, i := valueAt(t, dir, pos)
	v := strings.TrimRight(ls[pos.Line-1][i:], "\r\n")
	switch {
	case v == "", v[0] == '>', v[0] == '|':
		return false
	case v[0] == '"' || v[0] == '\'':
		return len(v) > 1 && v[len(v)-1] == v[0]
	}
	return true
}

// setValue writes text, quoted, as the one-line YAML value at pos.
func setValue(t *testing.T, dir string, pos diag.Pos, text string) {
	t.Helper()
	if !oneLine(t, dir, pos) {
		t.Fatalf("%s: the value is not on one line", pos)
	}
	ls, i := valueAt(t, dir, pos)
	l := ls[pos.Line-1]
	end := strings.TrimRight(l, "\r\n")
	ls[pos.Line-1] = l[:i] + strconv.Quote(text) + l[len(end):]
	writeLines(t, dir, pos.File, ls)
}

// insertLine puts text before the first line of the page's body.
func insertLine(t *testing.T, dir string, p *content.Page, text string) {
	t.Helper()
	name := "content/" + p.Path
	ls := lines(t, dir, name)
	ls = slices.Insert(ls, p.BodyLine-1, text)
	writeLines(t, dir, name, ls)
}

// prepend puts text at the start of a file of the guide.
func prepend(t *testing.T, dir, name, text string) {
	t.Helper()
	writeLines(t, dir, name, append([]string{text}, lines(t, dir, name)...))
}

// pictures lists the PNG pictures under content/, by path from dir.
func pictures(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".png") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}
