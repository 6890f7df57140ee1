package site

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/markdown"
	"guide/internal/messages"
)

// Output receives the files of a build. name is a slash-separated path
// below the site's root ("en/interview/index.html"). WriteFile may be called
// from several goroutines at once and must not keep data after it returns.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Result summarises a build.
type Result struct {
	// Pages counts the pages written per language code.
	Pages map[string]int
	// Static counts the files copied from static/ and content/.
	Static   int
	Duration time.Duration
	// Sizes are the sizes of the written HTML pages, by output path.
	Sizes map[string]int
	// Warnings are problems that Dev mode let through.
	Warnings diag.List
	// Budget is the page-weight budget the weights were checked against.
	Budget int
	// Weights are the pages' weights, heaviest first: of every page on a
	// site of up to 1,000 pages, and on a larger one of those that could be
	// over the budget and the largest few.
	Weights []Weight
}

// Summary is the one-line report printed after a build:
// "built 14 pages (zh 7, en 7), 3 static files in 38 ms"; verb says what
// was done, "built" or "checked".
func (r *Result) Summary(verb messages.Text, langs []content.Language) messages.Text {
	total := 0
	var per []string
	for _, l := range langs {
		total += r.Pages[l.Code]
		per = append(per, fmt.Sprintf("%s %d", l.Code, r.Pages[l.Code]))
	}
	return messages.Sprintf("%s %d pages (%s), %d static files in %d ms", verb, total, strings.Join(per, ", "), r.Static, r.Duration.Milliseconds())
}

// pageResult is what rendering one page leaves for the checks that need
// every page: its anchors and its links to anchors.
type pageResult struct {
	// ids counts the page's ids.
	ids  map[string]int
	refs []ref
	errs diag.List
	// assets are the stylesheets and scripts the page loads.
	assets []string
	// facts are the URL paths of the other pages whose facts the text
	// shows, and warnings the advice about the text (facts.go).
	facts    []string
	warnings diag.List
}

// Build renders the whole site into out. It renders the pages on all
// cores, writes each as soon as it is ready, and checks the links between
// pages at the end. Every problem found is returned together, as a
// diag.List.
func (s *Site) Build(ctx context.Context, out Output) (*Result, error) {
	start := time.Now()
	res := &Result{Pages: map[string]int{}, Sizes: map[string]int{}, Warnings: s.Warnings}
	var errs diag.List
	var mu sync.Mutex
	writes := &writeLog{out: out}
	out = writes

	// The static files are copied while the pages are rendered; a page is
	// weighed once the stylesheets and scripts it loads are.
	weights := newWeigher(s)
	res.Budget = weights.budget
	var ferrs diag.List
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		var assets map[string][]byte
		res.Static, assets, ferrs = s.copyFiles(out)
		weights.setAssets(assets)
	}()

	if s.opts.Once {
		// The pages that list a page show its description, made from its
		// Markdown, which is let go of once the page is rendered.
		for _, p := range s.pages {
			p.KeepDescription()
		}
	}
	results := make([]pageResult, len(s.pages))
	errs = append(errs, s.renderPages(ctx, out, nil, results, func(p *content.Page, name string, html []byte, pr pageResult) {
		weights.weigh(name, p.Path, html, pr.assets)
		mu.Lock()
		defer mu.Unlock()
		res.Pages[p.Lang]++
		res.Sizes[name] = len(html)
	})...)
	<-copied
	errs = append(errs, ferrs...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.built = results
	s.Warnings = append(s.Warnings[:s.indexed:s.indexed], pageWarnings(results)...)
	res.Warnings = s.Warnings
	errs = append(errs, s.checkRefs(results)...)
	errs = append(errs, s.checkSourceNames(results)...)

	var werrs diag.List
	res.Weights, werrs = weights.result()
	errs = append(errs, werrs...)

	if len(errs) == 0 {
		errs = append(errs, s.writeExtras(out)...)
	}
	errs = append(errs, writes.problems()...)
	res.Duration = time.Since(start)
	if len(errs) > 0 {
		return res, errs.Sort()
	}
	return res, nil
}

// renderPages renders the pages marked in which (every page when which is
// nil) on all cores, one renderer with its buffers per core, writes each to
// out as soon as it is ready and calls written for it; written may be
// called from several goroutines at once, and html is valid only during
// the call. What each page left is stored in results, and the problems of
// rendering and writing are returned.
func (s *Site) renderPages(ctx context.Context, out Output, which []bool, results []pageResult, written func(p *content.Page, name string, html []byte, pr pageResult)) diag.List {
	var errs diag.List
	var mu sync.Mutex
	// Each worker takes the next page itself, with no goroutine handing
	// pages out over a channel: a 2,000-page build switches threads 400
	// times instead of 1,500 (it was not measurably faster for it).
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			r := newRenderer(s)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(s.pages) || ctx.Err() != nil {
					return
				}
				if which != nil && !which[i] {
					continue
				}
				p := s.pages[i]
				html, pr := r.page(p)
				results[i] = pr
				if s.opts.Once {
					p.Release()
				}
				if html == nil {
					continue
				}
				name := s.OutputPath(p)
				if err := out.WriteFile(name, html); err != nil {
					mu.Lock()
					reportWrite(&errs, name, err)
					mu.Unlock()
					continue
				}
				written(p, name, html, pr)
			}
		})
	}
	wg.Wait()
	for i, r := range results {
		if which == nil || which[i] {
			errs = append(errs, r.errs...)
		}
	}
	return errs
}

// checkRefs checks every link to an anchor against the ids of the page it
// targets.
func (s *Site) checkRefs(results []pageResult) diag.List {
	var errs diag.List
	ids := make(map[string]map[string]int, len(s.pages))
	for i, p := range s.pages {
		ids[s.URLPath(p)] = results[i].ids
	}
	for _, r := range results {
		for _, rf := range r.refs {
			if rf.fragment == "" {
				continue
			}
			set := ids[rf.target]
			if set == nil || set[rf.fragment] > 0 {
				continue
			}
			var cands []string
			for id := range set {
				cands = append(cands, id)
			}
			if sug := diag.Suggest(rf.fragment, cands); sug != "" {
				errs.Add(rf.pos, "link %q: there is no #%s on %s, did you mean #%s?", rf.written, rf.fragment, rf.target, sug)
				continue
			}
			errs.Add(rf.pos, "link %q: there is no #%s on %s", rf.written, rf.fragment, rf.target)
		}
	}
	return errs
}

// renderer holds one worker's reusable buffers.
type renderer struct {
	s        *Site
	buf, min bytes.Buffer
}

func newRenderer(s *Site) *renderer { return &renderer{s: s} }

// page renders one page. It returns the minified HTML, or nil with errors.
// The returned slice is valid until the next call.
func (r *renderer) page(p *content.Page) ([]byte, pageResult) {
	s := r.s
	res := resolver{s: s, page: p}
	out := pageResult{}
	doc, err := s.renderer[p.Lang].Render(p.Body, &res)
	if err != nil {
		out.errs = positioned(p, err)
		return nil, out
	}
	out.facts, out.warnings = res.facts, repeatedFacts(p, doc)
	data := s.pageData(p, doc, &res.errs)
	res.stepLinks(data.Steps)
	out.refs, out.errs = res.refs, res.errs
	if len(out.errs) > 0 {
		return nil, out
	}
	r.buf.Reset()
	if err := s.Layouts.Execute(&r.buf, data.layout, data); err != nil {
		out.errs.Append(err)
		out.errs.Add(diag.Pos{File: "content/" + p.Path}, "the page could not be rendered with layout %q", data.layout)
		return nil, out
	}
	r.min.Reset()
	// A *bytes.Buffer is read by the minifier without a copy.
	if err := minifier.Minify("text/html", &r.min, &r.buf); err != nil {
		out.errs.Add(diag.Pos{File: "content/" + p.Path}, "cannot minify the rendered page: %v", err)
		return nil, out
	}
	// The ids and the stylesheets and scripts are read from the minified
	// page, a third the size; the minifier keeps the quotes of attributes.
	out.ids = htmlIDs(r.min.Bytes())
	out.errs = append(headingClashes(p, doc.Anchors, out.ids), s.checkOutline(p, doc.Outline)...)
	if len(out.errs) > 0 {
		return nil, out
	}
	out.assets = s.assetRefs(r.min.Bytes())
	return r.min.Bytes(), out
}

// positioned places the problems of a page's Markdown in the page's file.
func positioned(p *content.Page, err error) diag.List {
	var errs diag.List
	file := "content/" + p.Path
	list, ok := err.(markdown.Errors)
	if !ok {
		errs.Add(diag.Pos{File: file}, "%v", err)
		return errs
	}
	for _, e := range list {
		errs.Add(diag.Pos{File: file, Line: p.BodyLine + e.Line - 1, Col: e.Col}, "%s", e.Text)
	}
	return errs
}

// headingClashes reports the headings whose ids occur more than once in
// their finished page: an id that the layout or its scripts use ("main",
// "checker"), or that another heading has, would make links to it, and
// the scripts that look for it, find the wrong element.
func headingClashes(p *content.Page, anchors []markdown.Anchor, ids map[string]int) diag.List {
	var errs diag.List
	for _, a := range anchors {
		if ids[a.ID] > 1 {
			errs.Add(diag.Pos{File: "content/" + p.Path, Line: p.BodyLine + a.Line - 1, Col: a.Col},
				"heading id %q is used %d times on the page, by its layout or by other headings; give this heading an id of its own by ending its line with {#another-id}", a.ID, ids[a.ID])
		}
	}
	return errs
}

// htmlIDs counts the values of the id attributes of rendered HTML, which
// are the anchors that links may target.
func htmlIDs(html []byte) map[string]int {
	ids := map[string]int{}
	for {
		i := bytes.Index(html, []byte(` id="`))
		if i < 0 {
			return ids
		}
		html = html[i+5:]
		j := bytes.IndexByte(html, '"')
		if j < 0 {
			return ids
		}
		ids[unescapeHTML(string(html[:j]))]++
		html = html[j:]
	}
}

func unescapeHTML(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

// copyFiles publishes the files of static/, the assets of content/ and the
// files of extensions, minifying those that can be, under their published
// names (assets.go). It returns how many it wrote and each stylesheet,
// script and JSON file by output path, which count in the weight of the
// pages that load them.
func (s *Site) copyFiles(out Output) (int, map[string][]byte, diag.List) {
	var errs diag.List
	n := 0
	weighed := map[string][]byte{}
	copyOne := func(p string) {
		name, data, err := s.publishedFile(p)
		if err != nil {
			errs.Append(err)
			return
		}
		if err := out.WriteFile(name, data); err != nil {
			reportWrite(&errs, name, err)
			return
		}
		switch path.Ext(name) {
		case ".css", ".js", ".json":
			weighed[name] = data
		}
		n++
	}
	for _, p := range s.Static {
		copyOne(p)
	}
	for _, p := range s.Content.Assets {
		copyOne(p)
	}
	for _, name := range slices.Sorted(maps.Keys(s.files)) {
		copyOne(name)
	}
	return n, weighed, errs
}

// writeExtras writes the files made from the whole site: the sitemap,
// robots.txt and the 404 page.
func (s *Site) writeExtras(out Output) diag.List {
	var errs diag.List
	write := func(name string, data []byte) {
		if err := out.WriteFile(name, data); err != nil {
			reportWrite(&errs, name, err)
		}
	}
	write("sitemap.xml", s.sitemap())
	write("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+s.Abs("/sitemap.xml")+"\n"))
	if s.Layouts.Has(notFoundLayout) {
		var buf bytes.Buffer
		home := s.byURL["/"]
		if home == nil {
			errs.Add(diag.Pos{File: "content"}, "the site has no home page: add content/_index.%s.md", s.Content.Site.Languages[0].Code)
			return errs
		}
		data := &PageData{Site: s, Lang: &s.Content.Site.Languages[0], Languages: s.Content.Site.Languages,
			Page: &content.Page{Meta: content.Meta{Title: "404"}}, URL: s.Rel("/404.html"), Home: s.Rel("/"), layouts: s.Layouts, layout: notFoundLayout}
		for i, l := range s.Content.Site.Languages {
			u := s.urlFor("_index", l.Code)
			data.Translations = append(data.Translations, Translation{Lang: &s.Content.Site.Languages[i], URL: s.Rel(u), Permalink: s.Abs(u), Translated: true, Current: i == 0})
		}
		if err := s.Layouts.Execute(&buf, notFoundLayout, data); err != nil {
			errs.Append(err)
			return errs
		}
		html, err := minifier.Bytes("text/html", buf.Bytes())
		if err != nil {
			errs.Add(diag.Pos{File: "layouts/404.html"}, "cannot minify: %v", err)
			return errs
		}
		write("404.html", html)
	}
	return errs
}

// sitemap lists every page with its translations as hreflang alternates.
func (s *Site) sitemap() []byte {
	type link struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type entry struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
		Links   []link `xml:"xhtml:link"`
	}
	var entries []entry
	for _, p := range s.pages {
		e := entry{Loc: s.Abs(s.URLPath(p))}
		if c := s.LastChange(p); c != nil {
			e.LastMod = c.Date.String()
		}
		for i, q := range s.Translations(p) {
			if q != nil {
				e.Links = append(e.Links, link{Rel: "alternate", Hreflang: s.Content.Site.Languages[i].Tag, Href: s.Abs(s.URLPath(q))})
			}
		}
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Loc < entries[j].Loc })
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`)
	enc := xml.NewEncoder(&b)
	for _, e := range entries {
		_ = enc.EncodeElement(e, xml.StartElement{Name: xml.Name{Local: "url"}})
	}
	_ = enc.Flush()
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
