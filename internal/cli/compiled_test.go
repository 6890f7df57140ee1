package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"guide/internal/layout"
	"guide/internal/site"
)

// TestCompiledLayoutsMatchHTMLTemplate builds the real guide, with every
// extension, once with the layouts compiled and once with html/template
// evaluating them, and requires the same bytes in every file. It also
// requires that the compiled programs rendered the pages, so that the
// comparison is not of html/template with itself.
func TestCompiledLayoutsMatchHTMLTemplate(t *testing.T) {
	t.Setenv("GUIDE_CACHE_DIR", t.TempDir())
	build := func(interpret bool) (*site.Site, map[string][]byte) {
		root := os.DirFS("../..")
		s, errs := site.Load(site.Options{Root: root, Extensions: Extensions(root)})
		if s == nil {
			t.Fatal(errs.Err())
		}
		s.Layouts.Interpret = interpret
		out := &site.Memory{}
		if _, err := s.Build(context.Background(), out); err != nil {
			t.Fatal(err)
		}
		return s, out.Files
	}
	_, want := build(true)
	s, got := build(false)
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s is missing", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s differs:\ncompiled:      %.400s\nhtml/template: %.400s", name, g, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files compiled, %d with html/template", len(got), len(want))
	}
	for _, name := range s.Layouts.Names() {
		if err := s.Layouts.Compiled(name); err != nil && !errors.Is(err, layout.ErrNotRendered) {
			t.Errorf("layout %s is not compiled: %v", name, err)
		}
	}
	compiled, interpreted := s.Layouts.Rendered()
	t.Logf("compiled %d pages, interpreted %d", compiled, interpreted)
	if compiled == 0 {
		t.Error("no page was rendered by a compiled layout")
	}
}
