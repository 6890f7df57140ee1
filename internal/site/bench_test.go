package site

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"guide/internal/content"
)

// corpus generates the benchmark corpus of ../shared/bench/gencorpus.py with
// n pages per language into a temporary site that uses the guide's own
// layouts, static files and site settings, plus a home page per language.
// It skips the benchmark or test when Python or the generator is missing.
func corpus(b testing.TB, n int) string {
	b.Helper()
	gen, err := filepath.Abs("../../../shared/bench/gencorpus.py")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("no corpus generator at %s", gen)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		b.Skip("python3 is needed to generate the corpus")
	}
	dir := b.TempDir()
	if out, err := exec.Command("python3", gen, "-n", strconv.Itoa(n), "-o", filepath.Join(dir, "content")).CombinedOutput(); err != nil {
		b.Fatalf("gencorpus: %v\n%s", err, out)
	}
	copyTree(b, "../../layouts", filepath.Join(dir, "layouts"))
	copyTree(b, "../../static", filepath.Join(dir, "static"))
	copyTree(b, "../../content/site.yaml", filepath.Join(dir, "content/site.yaml"))
	// As in cmd/compare-hugo: the corpus's folder pages list up to N/8
	// pages each, far more than a page of the guide may weigh.
	f, err := os.OpenFile(filepath.Join(dir, "content/site.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\npageBudget: 1000000\n"); err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content/_index.zh.md"), []byte("---\ntitle: 办事指南\n---\n示例首页。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content/_index.en.md"), []byte("---\ntitle: Guides\n---\nAn example home page.\n"), 0o644)
	return dir
}

func copyTree(b testing.TB, from, to string) {
	b.Helper()
	if out, err := exec.Command("cp", "-r", from, to).CombinedOutput(); err != nil {
		b.Fatalf("cp %s %s: %v\n%s", from, to, err, out)
	}
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
