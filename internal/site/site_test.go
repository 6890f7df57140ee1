package site

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/content"
	"guide/internal/txtarsite"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// memOutput keeps the files of a test build in memory.
type memOutput = Memory

// fixture reads a txtar archive into a file system. Archives without their
// own layouts/ get the shared test layouts of testdata/layouts. Files under
// want/ are returned separately, as are the expected errors of a file named
// "errors".
func fixture(t testing.TB, file string) (root fstest.MapFS, want map[string]string, wantErrs string) {
	t.Helper()
	a := txtarsite.Read(t, nil, file)
	hasLayouts := false
	for name := range a.Root {
		hasLayouts = hasLayouts || strings.HasPrefix(name, "layouts/")
	}
	if !hasLayouts {
		err := filepath.WalkDir("testdata/layouts", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			a.Root[filepath.ToSlash(strings.TrimPrefix(p, "testdata/"))] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return a.Root, a.Want, a.Errors
}

func build(root fs.FS, opts Options) (*memOutput, error) {
	opts.Root = root
	s, errs := Load(opts)
	if s == nil {
		return nil, errs.Err()
	}
	out := &memOutput{}
	_, err := s.Build(context.Background(), out)
	return out, err
}

// TestGolden builds each site of testdata/golden and compares the pages
// it lists under want/ with what the build wrote. Run with -update to
// rewrite them, then review the change like code.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			root, want, _ := fixture(t, file)
			out, err := build(root, Options{})
			if err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			if *update {
				rewriteGolden(t, file, out)
				return
			}
			for name, w := range want {
				got, ok := out.Files[name]
				if !ok {
					t.Errorf("%s: %s was not written", file, name)
					continue
				}
				if g := txtarsite.GoldenForm(got); g != w {
					t.Errorf("%s: %s differs from want/%s:\ngot:\n%s\nwant:\n%s", file, name, name, g, w)
				}
			}
		})
	}
}

// rewriteGolden replaces the want/ files of an archive with the HTML,
// XML and text files the build wrote, one line per tag for readable diffs.
func rewriteGolden(t *testing.T, file string, out *memOutput) {
	want := map[string]string{}
	for name, data := range out.Files {
		switch path.Ext(name) {
		case ".html", ".xml", ".txt":
			want[name] = txtarsite.GoldenForm(data)
		}
	}
	txtarsite.SetWant(t, file, want)
}

// TestErrors builds each broken site of testdata/errors and compares the
// problems reported with the archive's "errors" file, line by line.
func TestErrors(t *testing.T) {
	eachSite(t, "testdata/errors/*.txtar", func(t *testing.T, file string, root fstest.MapFS, wantErrs string) {
		if wantErrs == "" {
			t.Fatalf("%s has no errors file", file)
		}
		_, err := build(root, Options{})
		if err == nil {
			t.Fatalf("%s: build succeeded; want errors:\n%s", file, wantErrs)
		}
		got := strings.TrimSpace(err.Error())
		if want := strings.TrimSpace(wantErrs); got != want {
			t.Errorf("%s: errors differ\ngot:\n%s\nwant:\n%s", file, got, want)
		}
	})
}

// TestStepDataHasStepFields checks that what a layout sees of a step has
// every field of the front matter's step, with the same type, so that a
// field added to content.Step reaches the layouts (or is named here as
// kept from them on purpose).
func TestStepDataHasStepFields(t *testing.T) {
	// WalkthroughURL and the resolved Links replace two; Pos and Keys
	// are for messages.
	kept := map[string]bool{"Walkthrough": true, "Links": true, "Pos": true, "Keys": true}
	st := reflect.TypeFor[content.Step]()
	sd := reflect.TypeFor[StepData]()
	for f := range st.Fields() {
		if kept[f.Name] {
			continue
		}
		g, ok := sd.FieldByName(f.Name)
		if !ok || g.Type != f.Type {
			t.Errorf("StepData lacks content.Step's field %s %v: add it, and copy it in stepData", f.Name, f.Type)
			continue
		}
	}
	// And stepData copies each of them: every field of src is set.
	var src content.Step
	fill(reflect.ValueOf(&src).Elem())
	got := reflect.ValueOf(stepData(&src, 1))
	for f := range st.Fields() {
		if kept[f.Name] {
			continue
		}
		if !reflect.DeepEqual(got.FieldByName(f.Name).Interface(), reflect.ValueOf(src).FieldByName(f.Name).Interface()) {
			t.Errorf("stepData does not copy %s", f.Name)
		}
	}
}

// fill sets every field of v, recursively, to a value that is not zero.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int:
		v.SetInt(1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	}
}

// TestBuildOnce checks that a build that lets go of each page's Markdown
// once the page is rendered (Options.Once, as guide build loads the site)
// writes the same files as one that keeps it, lets go of the positions of
// the front matter's keys too, and that the pages keep the
// descriptions that the lists of pages show, made from their Markdown when
// they have no summary.
func TestBuildOnce(t *testing.T) {
	root, _, _ := fixture(t, "testdata/golden/procedure.txtar")
	for _, name := range []string{"content/apply.zh.md", "content/apply.en.md"} {
		var kept []byte
		for line := range bytes.Lines(root[name].Data) {
			if !bytes.HasPrefix(line, []byte("summary: ")) {
				kept = append(kept, line...)
			}
		}
		root[name].Data = kept
	}
	kept, err := build(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, errs := Load(Options{Root: root, Once: true})
	if s == nil {
		t.Fatal(errs)
	}
	want := map[string]string{}
	for _, p := range s.Pages() {
		want[p.Path] = p.Description()
	}
	once := &memOutput{}
	if _, err := s.Build(t.Context(), once); err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Pages() {
		if p.Body != nil || p.Keys != nil || p.Description() != want[p.Path] {
			t.Errorf("%s after the build: body %q, keys %v, description %q; want no body, no keys and the description %q", p.Path, p.Body, p.Keys, p.Description(), want[p.Path])
		}
		for _, st := range p.Steps {
			if st.Keys != nil {
				t.Errorf("%s, step %s after the build: keys %v; want none", p.Path, st.ID, st.Keys)
			}
		}
	}
	if len(once.Files) != len(kept.Files) {
		t.Errorf("the build wrote %d files; want %d", len(once.Files), len(kept.Files))
	}
	for name, data := range kept.Files {
		if got := once.Files[name]; !bytes.Equal(got, data) {
			t.Errorf("%s: got\n%s\nwant\n%s", name, got, data)
		}
	}
}
