package serve_test

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"guide/internal/cli"
	"guide/internal/filetree"
	"guide/internal/serve"
)

// The benchmark measures what an editor waits for: from the moment a page
// is saved to the moment the reload event reaches the browser, through the
// real watcher, the pipeline with the extensions of guide build, and the
// event stream. It reports the median and the 90th percentile; run it with
// a fixed count (the same benchmark on a 1,000-page site is in the bench
// module, bench/corpus):
//
//	go test -run '^$' -bench SaveToReload -benchtime 40x ./internal/serve

// BenchmarkSaveToReloadGuide edits a page of the repository's own guide:
// the first procedure page, or else the first page, in the order of the
// file names.
func BenchmarkSaveToReloadGuide(b *testing.B) {
	files := map[string]string{}
	for _, dir := range []string{"content", "layouts", "static"} {
		readTree(b, "../..", dir, files)
	}
	var page string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasSuffix(name, ".md") && (page == "" || !strings.Contains(files[page], "\nsteps:") && strings.Contains(files[name], "\nsteps:")) {
			page = name
		}
	}
	saveToReload(b, files, page)
}

// saveToReload serves files with the extensions of guide build, saves page
// b.N times with a new paragraph, and reports how long each save took to
// reach the event stream.
func saveToReload(b *testing.B, files map[string]string, page string) {
	original, ok := files[page]
	if !ok {
		b.Fatalf("no page %s", page)
	}
	b.Setenv("GUIDE_CACHE_DIR", b.TempDir())
	dir := b.TempDir()
	writeFiles(b, dir, files)
	opts := serve.Options{}
	opts.Site.Extensions = cli.Extensions(os.DirFS(dir))
	g := startIn(b, dir, opts)
	events := g.listen()
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		edited := original + fmt.Sprintf("\n\n编辑第 %d 次。Edit number %d.\n", i, i)
		t0 := time.Now()
		g.write(page, edited)
		ev := events.next()
		took = append(took, time.Since(t0))
		if ev.name != "reload" {
			b.Fatalf("event %q %s; want reload\n%s", ev.name, ev.data, g.errOut)
		}
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "ms-median")
	b.ReportMetric(ms(took[len(took)*9/10]), "ms-p90")
	lines := strings.Split(strings.TrimSpace(g.out.String()), "\n")
	b.Logf("%s\n%s", lines[0], strings.Join(lines[1:], "\n"))
}

// readTree reads the files under root/dir into files, by their path
// relative to root.
func readTree(b *testing.B, root, dir string, files map[string]string) {
	b.Helper()
	for name, data := range filetree.MustRead(b, filepath.Join(root, dir)) {
		files[path.Join(dir, name)] = data
	}
}
