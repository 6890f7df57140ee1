package acceptance

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"guide/internal/site"
)

// gzipped returns the size of data compressed as a web server does at
// its best level.
func gzipped(t *testing.T, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return buf.Len()
}

// assetRef finds what a page loads: its stylesheets and scripts, and the
// JSON files its attributes name, which its scripts fetch (the checker's
// rules).
var assetRef = regexp.MustCompile(`<(?:link[^>]*\brel="?stylesheet"?[^>]*\bhref|script[^>]*\bsrc)="?([^" >]+)|="([^"]+\.json)"`)

// TestWeight checks that every page the guide publishes, with the
// stylesheets and scripts it loads, gzipped, fits the budget that the
// build checked it against (site.Budget, or pageBudget of site.yaml), by
// the sizes the build measured and by the files it wrote. Run with -v for
// the table of every page.
func TestWeight(t *testing.T) {
	b := guide
	budget := b.res.Budget
	if budget != b.site.Budget() {
		t.Errorf("the build checked the pages against %s; the site's budget is %s", site.KB(budget), site.KB(b.site.Budget()))
	}
	weights := map[string]site.Weight{}
	for _, w := range b.res.Weights {
		weights[w.Page] = w
	}

	// Every page on disk, weighed again from the files as published: the
	// HTML and each stylesheet and script it refers to.
	files := htmlFiles(t, b)
	if len(files) < len(b.pages) {
		t.Fatalf("found %d HTML files; the sitemap and 404.html make %d pages", len(files), len(b.pages))
	}
	var rows []weightRow
	for _, name := range files {
		r := weighPage(t, b, name, weights)
		if r.all > budget {
			t.Errorf("%s weighs %s gzipped (HTML %s, CSS and JS %s), over the budget of %s", name, site.KB(r.all), site.KB(r.html), site.KB(r.assets), site.KB(budget))
		}
		rows = append(rows, r)
	}
	for _, w := range b.res.Weights {
		if w.Total > budget {
			t.Errorf("the build weighed %s at %s, over the budget of %s", w.Page, site.KB(w.Total), site.KB(budget))
		}
		if !slices.Contains(files, w.Page) {
			t.Errorf("the build weighed %s, which it did not publish", w.Page)
		}
	}
	logWeights(t, rows, budget)
}

// htmlFiles returns the HTML files of the build, with slashes.
func htmlFiles(t *testing.T, b *build) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(b.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(b.dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// weightRow is a page's weight, gzipped at the best level, and the
// build's, -1 when it did not weigh the page.
type weightRow struct {
	page              string
	html, assets, all int
	build             int
}

// weighPage weighs the published page name and the stylesheets and
// scripts it loads, and checks that they are those that the build
// weighed, at no less than they weigh.
func weighPage(t *testing.T, b *build, name string, weights map[string]site.Weight) weightRow {
	prefix := strings.TrimPrefix(b.base, b.origin())
	html, err := os.ReadFile(filepath.Join(b.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	r := weightRow{page: name, html: gzipped(t, html), build: -1}
	var refs []string
	for _, m := range assetRef.FindAllSubmatch(html, -1) {
		ref := string(m[1]) + string(m[2])
		rel, ok := strings.CutPrefix(ref, prefix)
		if !ok {
			t.Errorf("%s loads %s, outside the guide", name, ref)
			continue
		}
		data, err := os.ReadFile(filepath.Join(b.dir, filepath.FromSlash(path.Clean(rel))))
		if err != nil {
			t.Errorf("%s loads %s: %v", name, ref, err)
			continue
		}
		refs = append(refs, rel)
		r.assets += gzipped(t, data)
	}
	r.all = r.html + r.assets
	if w, ok := weights[name]; ok {
		r.build = w.Total
		slices.Sort(refs)
		built := slices.Sorted(slices.Values(w.Files))
		if !slices.Equal(refs, built) {
			t.Errorf("%s loads %q; the build weighed %q", name, refs, built)
		}
		// The build measures before writing, at gzip's fastest level
		// unless the page comes near the budget: never less than the
		// file at its best level.
		if w.Total+64 < r.all {
			t.Errorf("%s weighs %d bytes gzipped; the build said %d", name, r.all, w.Total)
		}
	} else if name != "404.html" {
		t.Errorf("%s was published but not weighed by the build", name)
	}
	return r
}

// logWeights logs the table of the pages' weights, heaviest first.
func logWeights(t *testing.T, rows []weightRow, budget int) {
	slices.SortFunc(rows, func(a, b weightRow) int { return b.all - a.all })
	var tbl strings.Builder
	fmt.Fprintf(&tbl, "page weights, gzipped at the best level (budget %s):\n", site.KB(budget))
	fmt.Fprintf(&tbl, "%-40s %8s %8s %8s %5s %8s\n", "page", "HTML", "CSS+JS", "total", "%", "build")
	for _, r := range rows {
		build := "-"
		if r.build >= 0 {
			build = site.KB(r.build)
		}
		fmt.Fprintf(&tbl, "%-40s %8s %8s %8s %4.0f%% %8s\n", r.page, site.KB(r.html), site.KB(r.assets), site.KB(r.all), 100*float64(r.all)/float64(budget), build)
	}
	t.Log(tbl.String())
}
