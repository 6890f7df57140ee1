package site

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"guide/internal/benchcorpus"
	"guide/internal/content"
)

// corpus lays out the benchmark corpus with n pages per language as a
// guide site in a temporary folder (see package benchcorpus). It skips the
// benchmark or test when Python or the generator is missing.
func corpus(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "site")
	if err := benchcorpus.Site("../..", dir, n); errors.Is(err, benchcorpus.ErrUnavailable) {
		tb.Skip(err)
	} else if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// countOutput counts what a build writes.
type countOutput struct {
	mu    sync.Mutex
	files int
	bytes int64
}

func (c *countOutput) WriteFile(name string, data []byte) error {
	c.mu.Lock()
	c.files++
	c.bytes += int64(len(data))
	c.mu.Unlock()
	return nil
}

func load(b *testing.B, dir string) *Site {
	s, errs := Load(Options{Root: os.DirFS(dir)})
	if s == nil {
		b.Fatal(errs.Err())
	}
	return s
}

// BenchmarkLoad measures reading and checking the sources of a corpus of
// 1,000 pages per language.
func BenchmarkLoad(b *testing.B) {
	dir := corpus(b, 1000)
	var pages int
	for b.Loop() {
		pages = len(load(b, dir).Pages())
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkRender measures rendering, laying out and minifying every page
// of the corpus, writing nothing.
func BenchmarkRender(b *testing.B) {
	dir := corpus(b, 1000)
	s := load(b, dir)
	out := &countOutput{}
	for b.Loop() {
		out = &countOutput{}
		if _, err := s.Build(context.Background(), out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(s.Pages()))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(out.bytes)/float64(out.files), "bytes/file")
}

// BenchmarkMinify measures minifying one rendered corpus page.
func BenchmarkMinify(b *testing.B) {
	dir := corpus(b, 20)
	s := load(b, dir)
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
