package site

import (
	"bytes"
	"testing"

	"guide/internal/content"
)

// The benchmarks of loading and rendering a large site are in the bench
// module (bench/corpus), which generates the synthetic corpus they need.

// BenchmarkMinify measures minifying one rendered procedure page.
func BenchmarkMinify(b *testing.B) {
	root, _, _ := fixture(b, "testdata/golden/procedure.txtar")
	s, errs := Load(Options{Root: root})
	if s == nil {
		b.Fatal(errs.Err())
	}
	r := newRenderer(s)
	var page *content.Page
	for _, p := range s.Pages() {
		if len(p.Steps) > 0 {
			page = p
			break
		}
	}
	doc, err := s.renderer[page.Lang].Render(page.Body, &resolver{s: s, page: page})
	if err != nil {
		b.Fatal(err)
	}
	var html bytes.Buffer
	if err := s.Layouts.Execute(&html, s.layoutOf(page), s.pageData(page, doc, nil)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(html.Len()))
	for b.Loop() {
		r.min.Reset()
		if err := minifier.Minify("text/html", &r.min, bytes.NewReader(html.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(r.min.Len()), "bytes/page")
}
