package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"guide/internal/diag"
	"guide/internal/messages"
)

// Budget is the most a page may weigh, unless content/site.yaml sets
// pageBudget: its HTML with the stylesheets, scripts and JSON data it
// loads, each gzipped, fits in the first round trip of a
// connection (ten TCP segments of about 1,400 bytes), which is what a
// reader on a slow mobile network waits for before anything shows.
const Budget = 14 * 1024

// Weight is what one page costs to load, gzipped.
type Weight struct {
	// Page is the page's output path, and Source its file under
	// content/ ("" for a page made by an extension).
	Page, Source string
	// HTML is the gzipped size of the page's HTML; Assets the gzipped size
	// of the stylesheets, scripts and JSON files it loads; Total their sum.
	// Both are gzipped at gzip's fastest level, which never understates,
	// and at its best level when the page comes near the budget, so that a
	// page is found over the budget only by its smallest figure.
	HTML, Assets, Total int
	// Files are the output paths of those files.
	Files []string
}

var (
	stylesheetRef = regexp.MustCompile(`<link[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"`)
	scriptRef     = regexp.MustCompile(`<script[^>]*\bsrc="([^"]+)"`)
	// jsonRef finds the JSON files that a page's scripts fetch, by the
	// attributes that name them (the checker's data-rules).
	jsonRef = regexp.MustCompile(`="([^"]+\.json)"`)
)

// assetRefs returns the output paths of the site's own stylesheets and
// scripts that minified HTML loads, and of the JSON files its attributes
// name, which its scripts fetch. It looks for the tags with a plain search
// and matches only the tags found.
func (s *Site) assetRefs(html []byte) []string {
	var out []string
	base := strings.TrimSuffix(s.baseURL.Path, "/") + "/"
	for _, t := range []struct {
		open, needs string
		re          *regexp.Regexp
	}{{"<link", `rel="stylesheet"`, stylesheetRef}, {"<script", "src=", scriptRef}} {
		rest := html
		for {
			i := bytes.Index(rest, []byte(t.open))
			if i < 0 {
				break
			}
			rest = rest[i:]
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				end = len(rest) - 1
			}
			tag := rest[:end+1]
			if !bytes.Contains(tag, []byte(t.needs)) {
				rest = rest[end+1:]
				continue
			}
			if m := t.re.FindSubmatch(tag); m != nil {
				href := unescapeHTML(string(m[1]))
				if p, ok := strings.CutPrefix(href, base); ok {
					out = append(out, p)
				}
			}
			rest = rest[end+1:]
		}
	}
	if bytes.Contains(html, []byte(`.json"`)) {
		for _, m := range jsonRef.FindAllSubmatch(html, -1) {
			if p, ok := strings.CutPrefix(unescapeHTML(string(m[1])), base); ok {
				out = append(out, p)
			}
		}
	}
	return out
}

// gzipSizer measures gzipped sizes with one compressor, whose level is
// that of its first use, kept for the whole build: a compressor allocates
// over a megabyte, and a sync.Pool would drop it at every garbage
// collection. Measurements wait for one another.
type gzipSizer struct {
	mu sync.Mutex
	w  *gzip.Writer
	n  counter
}

func (g *gzipSizer) size(data []byte, level int) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n = 0
	if g.w == nil {
		g.w, _ = gzip.NewWriterLevel(&g.n, level)
	} else {
		g.w.Reset(&g.n)
	}
	g.w.Write(data)
	g.w.Close()
	return int(g.n)
}

// counter counts the bytes written to it.
type counter int

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

// weighAll is the number of pages up to which every page is weighed.
// Above it, gzipping every page would cost a large site a tenth of its
// build, so only the pages that could be over the budget, and the largest
// few, are weighed.
const weighAll = 1000

// weigher measures the pages as they are rendered.
type weigher struct {
	s      *Site
	budget int
	all    bool
	mu     sync.Mutex
	// assets is set, under mu, once the stylesheets and scripts are
	// weighed at gzip's fastest level; until then the pages rendered wait
	// in waiting, so that no renderer waits for the static files.
	assets  map[string]int
	waiting []candidate
	// files are the stylesheets and scripts, and bestSizes their
	// gzipped sizes at gzip's best level, measured under mu for the pages
	// near the budget only.
	files     map[string][]byte
	bestSizes map[string]int
	pages     []Weight
	// largest holds the largest pages not weighed yet, when not all are.
	largest []candidate
	// fast and best are the compressors at gzip's fastest and best levels.
	fast, best gzipSizer
}

// candidate is a page kept to be weighed later.
type candidate struct {
	wt   Weight
	html []byte
}

// newWeigher weighs the pages of s, once setAssets has given it the
// gzipped sizes of the stylesheets and scripts.
func newWeigher(s *Site) *weigher {
	return &weigher{s: s, budget: s.Budget(), all: len(s.pages) <= weighAll}
}

// setAssets gives the stylesheets, scripts and JSON files that pages
// load, by output path, weighs them at gzip's fastest level, and weighs
// the pages rendered before them.
func (w *weigher) setAssets(files map[string][]byte) {
	assets := make(map[string]int, len(files))
	for name, data := range files {
		assets[name] = w.fast.size(data, gzip.BestSpeed)
	}
	w.mu.Lock()
	w.assets, w.files, w.bestSizes = assets, files, map[string]int{}
	waiting := w.waiting
	w.waiting = nil
	w.mu.Unlock()
	for _, c := range waiting {
		w.finish(c.wt, c.html)
	}
}

// weigh records the weight of one page: html is its minified HTML, refs
// the files it loads. When every page is weighed, its HTML is gzipped at
// once, at gzip's fastest level, which never understates; the rest needs
// the weights of the stylesheets and scripts, and a page rendered before
// they are known is kept until they are.
func (w *weigher) weigh(name, source string, html []byte, refs []string) {
	wt := Weight{Page: name, Source: source, Files: refs}
	if w.all {
		wt.HTML = w.fast.size(html, gzip.BestSpeed)
	}
	w.mu.Lock()
	if w.assets == nil {
		w.waiting = append(w.waiting, candidate{wt, bytes.Clone(html)})
		w.mu.Unlock()
		return
	}
	w.mu.Unlock()
	w.finish(wt, html)
}

// finish weighs a page once the weights of the stylesheets and scripts are
// known. A page whose HTML, even uncompressed, fits the budget with its
// assets cannot be over it; on a large site it is weighed only if it is
// among the largest.
func (w *weigher) finish(wt Weight, html []byte) {
	for _, r := range wt.Files {
		wt.Assets += w.assets[r]
	}
	if !w.all && len(html)+64+wt.Assets <= w.budget {
		w.keepLargest(wt, html)
		return
	}
	w.measure(&wt, html)
	w.mu.Lock()
	w.pages = append(w.pages, wt)
	w.mu.Unlock()
}

// measure completes wt: the gzipped size of html at gzip's fastest level,
// unless weigh measured it; again, with its stylesheets and scripts, at
// gzip's best level when that comes near the budget; and the total.
func (w *weigher) measure(wt *Weight, html []byte) {
	if wt.HTML == 0 { // gzip never writes nothing
		wt.HTML = w.fast.size(html, gzip.BestSpeed)
	}
	if wt.HTML+wt.Assets > w.budget*9/10 {
		wt.HTML = w.best.size(html, gzip.BestCompression)
		wt.Assets = w.bestAssets(wt.Files)
	}
	wt.Total = wt.HTML + wt.Assets
}

// bestAssets returns the gzipped size at gzip's best level of the files,
// measuring each file once.
func (w *weigher) bestAssets(files []string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	total := 0
	for _, f := range files {
		n, ok := w.bestSizes[f]
		if !ok {
			if data, known := w.files[f]; known {
				n = w.best.size(data, gzip.BestCompression)
			}
			w.bestSizes[f] = n
		}
		total += n
	}
	return total
}

// keepLargest keeps a copy of the few largest unweighed pages.
func (w *weigher) keepLargest(wt Weight, html []byte) {
	const keep = 5
	w.mu.Lock()
	defer w.mu.Unlock()
	size := len(html) + wt.Assets
	if len(w.largest) == keep {
		smallest := 0
		for i, c := range w.largest {
			if len(c.html)+c.wt.Assets < len(w.largest[smallest].html)+w.largest[smallest].wt.Assets {
				smallest = i
			}
		}
		if size <= len(w.largest[smallest].html)+w.largest[smallest].wt.Assets {
			return
		}
		w.largest = append(w.largest[:smallest], w.largest[smallest+1:]...)
	}
	w.largest = append(w.largest, candidate{wt, bytes.Clone(html)})
}

// result sorts the weights heaviest first and reports the pages over the
// budget.
func (w *weigher) result() ([]Weight, diag.List) {
	var errs diag.List
	for _, c := range w.largest {
		w.measure(&c.wt, c.html)
		w.pages = append(w.pages, c.wt)
	}
	w.largest = nil
	sort.Slice(w.pages, func(i, j int) bool {
		if w.pages[i].Total != w.pages[j].Total {
			return w.pages[i].Total > w.pages[j].Total
		}
		return w.pages[i].Page < w.pages[j].Page
	})
	for _, wt := range w.pages {
		if wt.Total > w.budget {
			file := wt.Page
			if wt.Source != "" {
				file = "content/" + wt.Source
			}
			errs.Add(diag.Pos{File: file}, "the page weighs %s gzipped (HTML %s, stylesheets and scripts %s), over the budget of %s; shorten it or split it",
				KB(wt.Total), KB(wt.HTML), KB(wt.Assets), KB(w.budget))
		}
	}
	return w.pages, errs
}

// Budget returns the page-weight budget: pageBudget of content/site.yaml,
// or the constant Budget.
func (s *Site) Budget() int {
	if b := s.Content.Site.PageBudget; b > 0 {
		return b
	}
	return Budget
}

// KB writes a number of bytes in kilobytes, as the weights are printed:
// "10.7 KB".
func KB(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

// Heaviest describes the n heaviest pages in one line:
// "heaviest pages (gzipped, with CSS and JS): en/waiver/index.html 7.9 KB, …".
func (r *Result) Heaviest(n int) messages.Text {
	var parts []string
	for i, w := range r.Weights {
		if i == n {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %s", w.Page, KB(w.Total)))
	}
	return messages.Sprintf("heaviest pages (gzipped, with their CSS and JS; budget %s): %s", KB(r.Budget), strings.Join(parts, ", "))
}
