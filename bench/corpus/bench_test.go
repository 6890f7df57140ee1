package corpus_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"guide/internal/site"
)

// The benchmarks build the corpus of 1,000 pages per language with the
// repository's layouts; run them with a fixed count, for example
//
//	go test -run '^$' -bench . -count 5 -benchtime 5x ./corpus

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

func load(b *testing.B, dir string) *site.Site {
	s, errs := site.Load(site.Options{Root: os.DirFS(dir)})
	if s == nil {
		b.Fatal(errs.Err())
	}
	return s
}

// BenchmarkLoad measures reading and checking the sources of the corpus.
func BenchmarkLoad(b *testing.B) {
	dir := layOut(b, 1000)
	var pages int
	for b.Loop() {
		pages = len(load(b, dir).Pages())
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkRender measures rendering, laying out and minifying every page
// of the corpus, writing nothing.
func BenchmarkRender(b *testing.B) {
	dir := layOut(b, 1000)
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
