// Package txtarsite reads the test sites that the golden and error tests
// keep as txtar archives, and rewrites their expectations. In an archive,
// want/NAME is a file the build must write, "errors" the problems it must
// report, and every other file a file of the site.
package txtarsite

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// Archive is a test site and what building it must give.
type Archive struct {
	Root   fstest.MapFS
	Want   map[string]string
	Errors string
}

// Read reads archives, in order, into one site: a later file replaces an
// earlier one of the same name. transform, when not nil, may rewrite the
// data of each file of the site.
func Read(tb testing.TB, transform func([]byte) []byte, files ...string) Archive {
	tb.Helper()
	a := Archive{Root: fstest.MapFS{}, Want: map[string]string{}}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range ar.Files {
			switch {
			case f.Name == "errors":
				a.Errors = string(f.Data)
			case strings.HasPrefix(f.Name, "want/"):
				a.Want[strings.TrimPrefix(f.Name, "want/")] = string(f.Data)
			default:
				data := f.Data
				if transform != nil {
					data = transform(data)
				}
				a.Root[f.Name] = &fstest.MapFile{Data: data}
			}
		}
	}
	return a
}

// AddFolders copies the folders dirs of the repository whose root is repo
// (such as "../.." from a package's folder) into the site root, under the
// same names: a test site of its own pages can take the repository's
// layouts and static files, and stay apart from the real guide's content.
func AddFolders(tb testing.TB, root fstest.MapFS, repo string, dirs ...string) {
	tb.Helper()
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(repo, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(repo, p)
			root[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// GoldenForm puts a line break between adjacent tags of minified output,
// so that golden files show a reviewable diff, and ends it in a newline as
// txtar needs.
func GoldenForm(b []byte) string {
	s := strings.ReplaceAll(string(b), "><", ">\n<")
	return strings.TrimRight(s, "\n") + "\n"
}

// SetWant replaces the want/ files of the archive file with want, by name.
func SetWant(tb testing.TB, file string, want map[string]string) {
	tb.Helper()
	rewrite(tb, file, func(a *txtar.Archive) {
		a.Files = slices.DeleteFunc(a.Files, func(f txtar.File) bool { return strings.HasPrefix(f.Name, "want/") })
		var names []string
		for name := range want {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			a.Files = append(a.Files, txtar.File{Name: "want/" + name, Data: []byte(want[name])})
		}
	})
}

// SetErrors replaces the errors file of the archive file with errs.
func SetErrors(tb testing.TB, file, errs string) {
	tb.Helper()
	rewrite(tb, file, func(a *txtar.Archive) {
		for i := range a.Files {
			if a.Files[i].Name == "errors" {
				a.Files[i].Data = []byte(strings.TrimSpace(errs) + "\n")
			}
		}
	})
}

func rewrite(tb testing.TB, file string, change func(*txtar.Archive)) {
	a, err := txtar.ParseFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	change(a)
	if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
		tb.Fatal(err)
	}
}
