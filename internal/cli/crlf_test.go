package cli

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/site"
	"guide/internal/txtarsite"
)

// crlfSite reads testdata/crlf.txtar into a guide's folder with the
// repository's layouts and static files and a picture for the
// walkthrough. It returns the folder, and the archive's edits that break
// it (broken/NAME) with the problems each must give (errors/NAME), by
// NAME.
func crlfSite(t *testing.T) (root fstest.MapFS, broken, errs map[string]string) {
	t.Helper()
	a := txtarsite.Read(t, nil, filepath.Join("testdata", "crlf.txtar"))
	broken, errs = map[string]string{}, map[string]string{}
	for name, f := range a.Root {
		if rest, ok := strings.CutPrefix(name, "broken/"); ok {
			broken[rest] = string(f.Data)
			delete(a.Root, name)
		}
		if rest, ok := strings.CutPrefix(name, "errors/"); ok {
			errs[rest] = strings.TrimSpace(string(f.Data))
			delete(a.Root, name)
		}
	}
	for _, dir := range []string{"layouts", "static"} {
		err := filepath.WalkDir(filepath.Join("..", "..", dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
			a.Root[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 400, 300))); err != nil {
		t.Fatal(err)
	}
	a.Root["content/booking/one.png"] = &fstest.MapFile{Data: img.Bytes()}
	return a.Root, broken, errs
}

// withCRLF returns a copy of fsys whose Markdown and YAML files under
// content/ end their lines with CRLF, as Windows editors save them.
func withCRLF(fsys fstest.MapFS) fstest.MapFS {
	out := maps.Clone(fsys)
	for name, f := range fsys {
		if strings.HasPrefix(name, "content/") && (strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".yaml")) {
			out[name] = &fstest.MapFile{Data: bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r\n"))}
		}
	}
	return out
}

// breakSite applies edits, one a line: "FILE: OLD => NEW".
func breakSite(t *testing.T, fsys fstest.MapFS, edits string) fstest.MapFS {
	t.Helper()
	out := maps.Clone(fsys)
	for line := range strings.Lines(strings.TrimSpace(edits)) {
		name, edit, _ := strings.Cut(strings.TrimSpace(line), ": ")
		old, new, _ := strings.Cut(edit, " => ")
		data := string(out[name].Data)
		if !strings.Contains(data, old) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		out[name] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1))}
	}
	return out
}

// buildIn builds the guide in fsys into memory and returns its files, its
// errors and its warnings.
func buildIn(t *testing.T, fsys fs.FS) (files map[string][]byte, errs, warnings string) {
	t.Helper()
	s, list := site.Load(site.Options{Root: fsys, Extensions: Extensions(fsys)})
	if s == nil {
		return nil, list.Errors().Sort().Error(), ""
	}
	var out site.Memory
	res, err := s.Build(context.Background(), &out)
	if err != nil {
		return nil, err.Error(), ""
	}
	return out.Files, "", res.Warnings.Warnings().Sort().Error()
}

// TestCRLF checks that a guide whose pages, settings, checker rules and
// frames are saved with Windows line endings builds to the same site as
// with Unix ones, and that a broken one reports the same problems at the
// same lines and columns.
func TestCRLF(t *testing.T) {
	lf, broken, wantErrs := crlfSite(t)
	crlf := withCRLF(lf)
	want, errs, wantWarnings := buildIn(t, lf)
	if errs != "" {
		t.Fatalf("the site does not build:\n%s", errs)
	}
	got, errs, warnings := buildIn(t, crlf)
	if errs != "" {
		t.Fatalf("with CRLF line endings, the site does not build:\n%s", errs)
	}
	if warnings != wantWarnings {
		t.Errorf("with CRLF line endings, the warnings are\n%s\nwant\n%s", warnings, wantWarnings)
	}
	names := slices.Sorted(maps.Keys(want))
	if !slices.Equal(slices.Sorted(maps.Keys(got)), names) {
		t.Errorf("with CRLF line endings, the files are\n%v\nwant\n%v", slices.Sorted(maps.Keys(got)), names)
	}
	for _, name := range names {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("with CRLF line endings, %s differs:\n%s\nwant:\n%s", name, got[name], want[name])
		}
	}

	for _, name := range slices.Sorted(maps.Keys(broken)) {
		_, lfErrs, _ := buildIn(t, breakSite(t, lf, broken[name]))
		_, crlfErrs, _ := buildIn(t, breakSite(t, crlf, broken[name]))
		if lfErrs != wantErrs[name] {
			t.Errorf("broken/%s: got\n%s\nwant\n%s", name, lfErrs, wantErrs[name])
		}
		if crlfErrs != lfErrs {
			t.Errorf("broken/%s, with CRLF line endings: got\n%s\nwant\n%s", name, crlfErrs, lfErrs)
		}
	}
}
