package site

import (
	"errors"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/layout"
	"guide/internal/markdown"
	"guide/internal/messages"
	"guide/internal/watch"
)

// Options configure Load.
type Options struct {
	// Root holds the folders content/, layouts/ and static/.
	Root fs.FS
	// BaseURL, if set, overrides the base URL of content/site.yaml.
	BaseURL string
	// Dev relaxes what an editor may leave unfinished while writing: a
	// missing translation is a warning, and drafts are published.
	Dev bool
	// Extensions add pages and files made from data under content/, such
	// as the eligibility checker's questions.
	Extensions []Extension
	// Once says that the site is built once and then dropped, as guide
	// build and guide check do: Build lets go of each page's Markdown and
	// the positions of its front matter's keys as soon as the page is
	// rendered (content.Page.Release), which keeps a large site's memory
	// down, and Update loads the site again instead of re-rendering
	// pages.
	Once bool
}

// An Extension adds to the site what is made from data rather than from
// Markdown. Extend runs once per Load, after the pages and layouts are
// loaded and before anything is rendered; it may read the site, attach Data
// to pages, and call AddPage and AddFile.
type Extension interface {
	Extend(s *Site) diag.List
}

// A LayoutOwner is an Extension that renders some layouts only for the
// pages it makes itself, with data that a page of content/ does not have.
// The site refuses those layouts in the front matter of a page.
type LayoutOwner interface {
	// OwnLayouts returns the names of the layouts the extension keeps for
	// its own pages, and how messages name the extension ("the
	// eligibility checker").
	OwnLayouts() (layouts []string, owner messages.Text)
}

// notFoundLayout is the layout of the page the site makes for addresses
// that do not exist, 404.html.
const notFoundLayout = "404"

// Site is everything the pipeline needs to render the pages: the loaded
// content, the parsed layouts and the map from pages to URLs.
type Site struct {
	opts     Options
	Content  *content.Content
	Layouts  *layout.Set
	baseURL  *url.URL
	renderer map[string]*markdown.Renderer // by language code
	// pages are the published pages in a stable order.
	pages []*content.Page
	// byURL finds a published page by its URL path below the base
	// ("/interview/", "/en/interview/").
	byURL map[string]*content.Page
	// byPath finds a page by its path under content/.
	byPath map[string]*content.Page
	// assets are the published files under content/ and static/, by their
	// path below the base ("/booking/form.png", "/css/site.css").
	assets map[string]bool
	// Static are the paths of the files under static/, and static the
	// same as a set.
	Static []string
	static map[string]bool
	// named are the files whose published names were asked for
	// (assets.go).
	named namedFiles
	// shared are the partials that layouts render once per language
	// (PageData.Shared).
	shared sharedParts
	// Warnings are problems that Dev mode lets through, and the
	// warnings of the pages' texts once they are built; indexed counts
	// those of the first kind.
	Warnings diag.List
	indexed  int
	// facts are the facts that pages may show as {rules.NAME}
	// (facts.go), and records the changes that extensions record for
	// pages (records.go).
	facts   map[string]string
	records []Record
	// files are generated files added by extensions, by output path.
	files map[string][]byte
	// built holds what rendering each page left, in the order of pages,
	// for Update (incremental.go).
	built []pageResult
	// read holds the files under content/ that extensions read with
	// ReadContentFile, by path, for the build to copy without reading
	// them again.
	readMu sync.Mutex
	read   map[string][]byte
}

// ReadContentFile reads the file p under content/ for an extension,
// refusing with content.ErrTooLarge one of more than limit bytes. When p is
// an asset, the build copies it from what was read here.
func (s *Site) ReadContentFile(p string, limit int64) ([]byte, error) {
	fsys, err := fs.Sub(s.opts.Root, "content")
	if err != nil {
		return nil, err
	}
	data, err := content.ReadFile(fsys, p, limit)
	if err == nil {
		s.readMu.Lock()
		if s.read == nil {
			s.read = map[string][]byte{}
		}
		s.read[p] = data
		s.readMu.Unlock()
	}
	return data, err
}

// Load reads and checks the sources. The returned list holds every problem
// found; the Site is nil when any of them is an error.
func Load(opts Options) (*Site, diag.List) {
	var errs diag.List
	contentFS, err := fs.Sub(opts.Root, "content")
	if err != nil {
		errs.Add(diag.Pos{File: "content"}, "%v", err)
		return nil, errs
	}
	settings, serrs := content.LoadSite(contentFS)
	errs = append(errs, serrs...)
	if settings == nil {
		return nil, errs
	}
	var codes []string
	for _, l := range settings.Languages {
		codes = append(codes, l.Code)
	}
	layoutsFS, err := fs.Sub(opts.Root, "layouts")
	if err != nil {
		errs.Add(diag.Pos{File: "layouts"}, "%v", err)
		return nil, errs
	}
	// The layouts are parsed while the pages are read.
	var layouts *layout.Set
	var lerrs diag.List
	parsed := make(chan struct{})
	go func() {
		defer close(parsed)
		layouts, lerrs = layout.Load(layoutsFS, codes, templateFuncs)
	}()
	c, cerrs := content.LoadPages(contentFS, settings)
	<-parsed
	errs = append(errs, cerrs...)
	s := &Site{opts: opts, Content: c, Layouts: layouts, renderer: map[string]*markdown.Renderer{},
		byURL: map[string]*content.Page{}, byPath: map[string]*content.Page{}, assets: map[string]bool{}, static: map[string]bool{}, files: map[string][]byte{}}
	base := c.Site.BaseURL
	if opts.BaseURL != "" {
		base = opts.BaseURL
		if !strings.HasSuffix(base, "/") {
			base += "/"
		}
		if err := content.CheckBaseURL(base); err != nil {
			errs.Add(diag.Pos{File: "-base-url"}, "%v", err)
			return nil, errs
		}
	}
	s.baseURL, _ = url.Parse(base)
	for _, l := range c.Site.Languages {
		s.renderer[l.Code] = markdown.New(l.CJK, s.markdownLabels(l.Code))
	}
	errs = append(errs, lerrs...)
	return s.index(errs, len(lerrs) == 0)
}

// index publishes the loaded pages, assets and static files, runs the
// extensions and sorts the problems found into errors and warnings. It is
// the part of Load that Update repeats after reading changed pages again.
func (s *Site) index(errs diag.List, layoutsOK bool) (*Site, diag.List) {
	owners := s.layoutOwners()
	for _, p := range s.Content.Pages {
		s.byPath[p.Path] = p
		if p.Draft && !s.opts.Dev {
			continue
		}
		s.pages = append(s.pages, p)
		s.byURL[s.URLPath(p)] = p
		if owner, ok := owners[p.Layout]; ok {
			errs.Add(p.At("layout"), "layout %q is used by %s for its own pages; a page cannot use it: remove the page's \"layout:\" line or choose another layout", p.Layout, owner)
		} else if layoutsOK && !s.Layouts.Has(s.layoutOf(p)) {
			if sug := diag.Suggest(s.layoutOf(p), s.Layouts.Names()); sug != "" {
				errs.Add(p.At("layout"), "layout %q does not exist in layouts/, did you mean %q?", s.layoutOf(p), sug)
			} else {
				errs.Add(p.At("layout"), "layout %q does not exist in layouts/", s.layoutOf(p))
			}
		}
	}
	for _, a := range s.Content.Assets {
		s.assets["/"+a] = true
	}
	staticFS, err := fs.Sub(s.opts.Root, "static")
	if err == nil {
		_ = fs.WalkDir(staticFS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p != "." || !errors.Is(err, fs.ErrNotExist) {
					errs.Add(diag.Pos{File: "static/" + p}, "cannot read: %v", err)
				}
				return nil
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") || watch.IsTempFile(d.Name()) {
				return nil
			}
			if !d.Type().IsRegular() {
				errs.Add(diag.Pos{File: "static/" + p}, "not a regular file (a symbolic link or device); only plain files are published")
				return nil
			}
			s.Static = append(s.Static, p)
			s.static[p] = true
			if s.assets["/"+p] {
				errs.Add(diag.Pos{File: "static/" + p}, "content/%s is published at the same address; rename one of them", p)
			}
			s.assets["/"+p] = true
			return nil
		})
	}
	if len(errs.Errors()) == 0 {
		for _, ext := range s.opts.Extensions {
			errs = append(errs, ext.Extend(s)...)
		}
		errs = append(errs, s.checkPages()...)
	}
	// Warnings stop nothing; unfinished work, such as a missing
	// translation, is a warning in Dev and an error otherwise.
	var hard diag.List
	for _, e := range errs {
		switch {
		case e.Level == diag.LevelWarning:
			s.Warnings = append(s.Warnings, e)
		case e.Level == diag.LevelUnfinished && s.opts.Dev:
			s.Warnings = append(s.Warnings, e)
		case e.Level == diag.LevelUnfinished:
			w := *e
			w.Level = diag.LevelError
			hard = append(hard, &w)
		default:
			hard = append(hard, e)
		}
	}
	if len(hard) > 0 {
		return nil, hard
	}
	s.indexed = len(s.Warnings)
	return s, nil
}

// layoutOwners maps the layouts that the site and its extensions keep for
// the pages they make themselves to what keeps them.
func (s *Site) layoutOwners() map[string]messages.Text {
	owners := map[string]messages.Text{notFoundLayout: messages.Sprintf("the site")}
	for _, ext := range s.opts.Extensions {
		if o, ok := ext.(LayoutOwner); ok {
			names, owner := o.OwnLayouts()
			for _, n := range names {
				owners[n] = owner
			}
		}
	}
	return owners
}

// markdownLabels returns the interface strings "task_done", "task_open"
// and "table_label" of a language, where the layouts have them.
func (s *Site) markdownLabels(lang string) markdown.Labels {
	str := func(key string) string {
		if s.Layouts == nil {
			return ""
		}
		t, _ := s.Layouts.String(lang, key)
		return t
	}
	return markdown.Labels{TaskDone: str("task_done"), TaskOpen: str("task_open"), Table: str("table_label")}
}

// AddPage publishes a page made by an extension. Its Key and Lang give its
// address, as for a page read from content/; its Path may be empty.
func (s *Site) AddPage(p *content.Page) {
	s.pages = append(s.pages, p)
	s.byURL[s.URLPath(p)] = p
	if p.Path != "" {
		s.byPath[p.Path] = p
	}
}

// Page returns the published page at a URL path below the base
// ("/en/interview/"), or nil.
func (s *Site) Page(urlPath string) *content.Page { return s.byURL[urlPath] }

// AddFile publishes a file made by an extension at name, a slash-separated
// path below the site's root. JSON, JavaScript, CSS and SVG are minified.
// Pictures, scripts and JSON are published under hashed names: the
// extension writes their addresses with Asset, after AddFile.
func (s *Site) AddFile(name string, data []byte) {
	s.files[name] = data
	s.assets["/"+name] = true
	s.forget(name)
}

// BaseURL returns the absolute URL the site is built for.
func (s *Site) BaseURL() string { return s.baseURL.String() }

// Pages returns the published pages.
func (s *Site) Pages() []*content.Page { return s.pages }

// URLPath returns the page's path below the site's base, with slashes at
// both ends: "/interview/", "/en/interview/", "/".
func (s *Site) URLPath(p *content.Page) string {
	prefix := "/"
	if p.Lang != s.Content.Site.Languages[0].Code {
		prefix = "/" + p.Lang + "/"
	}
	if slug := p.Slug(); slug != "" {
		return prefix + slug + "/"
	}
	return prefix
}

// OutputPath returns the file a page is written to: "interview/index.html".
func (s *Site) OutputPath(p *content.Page) string {
	return strings.TrimPrefix(s.URLPath(p), "/") + "index.html"
}

// Rel turns a path below the site's base ("/en/waiver/#ds160") into the
// address to publish, which includes the base's own path
// ("/visa/en/waiver/#ds160").
func (s *Site) Rel(p string) string {
	return strings.TrimSuffix(s.baseURL.Path, "/") + "/" + strings.TrimPrefix(p, "/")
}

// Abs turns a path below the site's base into an absolute URL.
func (s *Site) Abs(p string) string {
	return strings.TrimSuffix(s.baseURL.String(), "/") + "/" + strings.TrimPrefix(p, "/")
}

// layoutOf returns the name of the layout a page uses.
func (s *Site) layoutOf(p *content.Page) string {
	switch {
	case p.Layout != "":
		return p.Layout
	case p.IsHome():
		return "home"
	case p.IsIndex():
		return "section"
	case len(p.Steps) > 0:
		return "procedure"
	}
	return "page"
}

// Translations returns the page in every language of the site, in the
// site's order; a missing translation is nil.
func (s *Site) Translations(p *content.Page) []*content.Page {
	out := make([]*content.Page, len(s.Content.Site.Languages))
	for i, l := range s.Content.Site.Languages {
		if q := s.byURL[s.urlFor(p.Key, l.Code)]; q != nil {
			out[i] = q
		}
	}
	return out
}

func (s *Site) urlFor(key, lang string) string {
	return s.URLPath(&content.Page{Key: key, Lang: lang})
}

// Children returns the published pages listed under p in language lang:
// for the home page, the top-level pages and folders; for a folder's
// _index page, the pages in that folder. They are ordered by weight, then
// title.
func (s *Site) Children(p *content.Page) []*content.Page {
	if !p.IsIndex() {
		return nil
	}
	var out []*content.Page
	for _, q := range s.pages {
		if q == p || q.Lang != p.Lang || q.Unlisted {
			continue
		}
		parent := q.Section()
		if q.IsIndex() {
			parent = path.Dir(parent)
			if parent == "." {
				parent = ""
			}
		}
		if parent == p.Section() && !q.IsHome() {
			out = append(out, q)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight < out[j].Weight
		}
		return out[i].Title < out[j].Title
	})
	return out
}

var templateFuncs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"has": slices.Contains[[]string],
}
