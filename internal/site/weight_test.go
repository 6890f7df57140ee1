package site

import (
	"testing"
)

// TestWeights checks the figures the build reports for each page: the
// gzipped HTML plus the gzipped stylesheets and scripts it loads, and only
// those.
func TestWeights(t *testing.T) {
	root, _, _ := fixture(t, "testdata/errors/over-budget.txtar")
	root["content/_index.zh.md"].Data = []byte("---\ntitle: 首页\n---\n短。\n")
	s, errs := Load(Options{Root: root})
	if s == nil {
		t.Fatal(errs)
	}
	res, err := s.Build(t.Context(), &memOutput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Weights) != 1 {
		t.Fatalf("weights = %+v; want one page", res.Weights)
	}
	w := res.Weights[0]
	if w.Page != "index.html" || len(w.Files) != 2 || w.Files[0] != "site.css" || w.Files[1] != "app.js" {
		t.Errorf("weight = %+v; want index.html loading site.css and app.js", w)
	}
	if w.HTML < 100 || w.Assets < 40 || w.Total != w.HTML+w.Assets || w.Total > 1024 {
		t.Errorf("weight = %+v; want a small page whose total is HTML plus assets", w)
	}
	if got := res.Heaviest(3); got != "heaviest pages (gzipped, with their CSS and JS; budget 14.0 KB): index.html "+kb(w.Total) {
		t.Errorf("Heaviest = %q", got)
	}
}
