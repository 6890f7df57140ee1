package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
)

// TestWeights checks the figures the build reports for each page: the
// gzipped HTML plus the gzipped stylesheets and scripts it loads, and only
// those.
func TestWeights(t *testing.T) {
	root, _, _ := fixture(t, "testdata/errors/over-budget.txtar")
	root["content/_index.zh.md"].Data = []byte("---\ntitle: 首页\n---\n短。\n")
	res := buildWeighed(t, root)
	if len(res.Weights) != 1 {
		t.Fatalf("weights = %+v; want one page", res.Weights)
	}
	w := res.Weights[0]
	if files := unhashed(w.Files); w.Page != "index.html" || len(files) != 2 || files[0] != "site.css" || files[1] != "app.js" {
		t.Errorf("weight = %+v; want index.html loading site.css and app.js", w)
	}
	if w.HTML < 100 || w.Assets < 40 || w.Total != w.HTML+w.Assets || w.Total > 1024 {
		t.Errorf("weight = %+v; want a small page whose total is HTML plus assets", w)
	}
	if got := res.Heaviest(3).String(); got != "heaviest pages (gzipped, with their CSS and JS; budget 14.0 KB): index.html "+KB(w.Total) {
		t.Errorf("Heaviest = %q", got)
	}
}

// TestWeightsCountJSON checks that a JSON file that a page names in an
// attribute, for its script to fetch (the checker's rules), counts in its
// weight, and that one it does not name does not.
func TestWeightsCountJSON(t *testing.T) {
	root, _, _ := fixture(t, "testdata/errors/over-budget.txtar")
	root["content/_index.zh.md"].Data = []byte("---\ntitle: 首页\n---\n短。\n")
	root["layouts/home.html"].Data = []byte(`{{define "main"}}<div data-rules="{{.Asset "/rules.json"}}"></div>{{.Intro}}{{end}}`)
	var rules []string
	for i := range 400 {
		rules = append(rules, fmt.Sprint(i*7919%10007))
	}
	root["static/rules.json"] = &fstest.MapFile{Data: []byte(`{"rules": [` + strings.Join(rules, ",") + `]}`)}
	root["static/other.json"] = &fstest.MapFile{Data: []byte(`{"other": 1}`)}
	w := buildWeighed(t, root).Weights[0]
	if files := unhashed(w.Files); len(files) != 3 || files[2] != "rules.json" {
		t.Fatalf("weight = %+v; want the page loading site.css, app.js and rules.json", w)
	}
	if w.Assets < 1000 {
		t.Errorf("the page's stylesheets, scripts and JSON weigh %d bytes; want more than the 1,000 of rules.json gzipped", w.Assets)
	}
}

// buildWeighed builds the site in root, which must build without error.
func buildWeighed(t *testing.T, root fstest.MapFS) *Result {
	t.Helper()
	s, errs := Load(Options{Root: root})
	if s == nil {
		t.Fatal(errs)
	}
	res, err := s.Build(t.Context(), &memOutput{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestWeightsOfALargeSite checks that a site of more than a thousand pages
// still catches a page over the budget, while weighing only the pages that
// could be over it and the largest few.
func TestWeightsOfALargeSite(t *testing.T) {
	root, _, _ := fixture(t, "testdata/errors/over-budget.txtar")
	big := root["content/_index.zh.md"].Data
	// The home page gives p0007 its text and takes another title: two
	// pages may not share one.
	root["content/_index.zh.md"].Data = []byte("---\ntitle: 短的首页\n---\n短。\n")
	for i := range weighAll + 10 {
		root[fmt.Sprintf("content/p%04d.zh.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: 第 %d 页\n---\n%s\n", i, strings.Repeat("短文。", i%50)))}
	}
	root["content/p0007.zh.md"].Data = big
	root["layouts/page.html"] = root["layouts/home.html"]
	s, errs := Load(Options{Root: root})
	if s == nil {
		t.Fatal(errs)
	}
	res, err := s.Build(t.Context(), &memOutput{})
	if err == nil || !strings.Contains(err.Error(), "content/p0007.zh.md: the page weighs") {
		t.Fatalf("err = %v; want p0007.zh.md over the budget", err)
	}
	if len(res.Weights) > 6 || res.Weights[0].Page != "p0007/index.html" {
		t.Errorf("weighed %d pages, heaviest %s; want the big page and at most 5 others", len(res.Weights), res.Weights[0].Page)
	}
	for _, w := range res.Weights[1:] {
		if w.Total == 0 {
			t.Errorf("%s was kept but not weighed", w.Page)
		}
	}
}

// TestPageBudgetSetting checks that pageBudget of content/site.yaml
// replaces the budget.
func TestPageBudgetSetting(t *testing.T) {
	root, _, _ := fixture(t, "testdata/errors/over-budget.txtar")
	root["content/site.yaml"].Data = append(root["content/site.yaml"].Data, []byte("pageBudget: 40000\n")...)
	s, errs := Load(Options{Root: root})
	if s == nil {
		t.Fatal(errs)
	}
	res, err := s.Build(t.Context(), &memOutput{})
	if err != nil {
		t.Fatalf("a page of about 20 KB fails a budget of 40,000 bytes: %v", err)
	}
	if res.Budget != 40000 || !strings.Contains(res.Heaviest(1).String(), "budget 39.1 KB") {
		t.Errorf("budget %d, %q; want 40000", res.Budget, res.Heaviest(1))
	}
}

// TestWeigherBeforeAndAfterAssets checks that a page rendered before the
// stylesheets and scripts are weighed is weighed the same as one rendered
// after (the renderers do not wait for the static files), on a site where
// every page is weighed and on one where only the heavy and the largest are.
func TestWeigherBeforeAndAfterAssets(t *testing.T) {
	small := []byte("<!doctype html><title>t</title><p>" + strings.Repeat("短文。", 20))
	// Random letters: incompressible enough to be over a 4 KB budget.
	rnd := rand.New(rand.NewPCG(1, 2))
	big := letters(rnd, 8000)
	assets := map[string][]byte{"site.css": rules(rnd, 300), "app.js": rules(rnd, 100)}
	// The light page is weighed at gzip's fastest level, the heavy one,
	// near the budget, at its best, assets and all.
	fast := gzipLen(t, assets["site.css"], gzip.BestSpeed) + gzipLen(t, assets["app.js"], gzip.BestSpeed)
	best := gzipLen(t, assets["site.css"], gzip.BestCompression) + gzipLen(t, assets["app.js"], gzip.BestCompression)
	wantAssets := map[string]int{"a.html": fast, "b.html": best}
	for _, all := range []bool{true, false} {
		weigh := func(early bool) map[string]Weight {
			w := &weigher{budget: 4096, all: all}
			pages := []struct {
				name string
				html []byte
			}{{"a.html", small}, {"b.html", big}}
			for i, p := range pages {
				if i == 1 && !early {
					w.setAssets(assets)
				}
				w.weigh(p.name, "content/"+p.name, p.html, []string{"site.css", "app.js"})
			}
			if early {
				w.setAssets(assets)
			}
			ws, _ := w.result()
			got := map[string]Weight{}
			for _, wt := range ws {
				got[wt.Page] = wt
			}
			return got
		}
		before, after := weigh(true), weigh(false)
		for _, name := range []string{"a.html", "b.html"} {
			b, a := before[name], after[name]
			if b.Total == 0 || b.Total != a.Total || b.HTML != a.HTML || b.Assets != wantAssets[name] || b.Total != b.HTML+b.Assets {
				t.Errorf("all=%v %s: weighed before the assets %+v, after %+v; want the same, with %d bytes of assets", all, name, b, a, wantAssets[name])
			}
		}
		if b := before["b.html"]; b.Total <= 4096 {
			t.Errorf("all=%v: the heavy page weighs %d; want it over the 4096 budget", all, b.Total)
		}
	}
}

// letters returns n random letters: text that gzip compresses a little.
func letters(rnd *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(rnd.IntN(26))
	}
	return b
}

// gzipLen returns the size of data gzipped at level.
func gzipLen(t *testing.T, data []byte, level int) int {
	t.Helper()
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, level)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return b.Len()
}

// rules returns n random CSS rules, which gzip compresses better at its
// best level than at its fastest.
func rules(rnd *rand.Rand, n int) []byte {
	var b bytes.Buffer
	props := []string{"margin", "padding", "color", "border", "width"}
	for range n {
		fmt.Fprintf(&b, ".c%d{%s:%dpx}", rnd.IntN(1000), props[rnd.IntN(len(props))], rnd.IntN(100))
	}
	return b.Bytes()
}
