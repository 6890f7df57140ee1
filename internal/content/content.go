package content

import (
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"guide/internal/diag"
	"guide/internal/yamlfile"
)

// SiteFile is the name of the site settings file under content/.
const SiteFile = "site.yaml"

// MaxFileSize bounds the size of one source file. The guide's pages are a
// few kilobytes; a file this large is a mistake, and refusing it keeps the
// build's memory bounded.
const MaxFileSize = 4 << 20

// MaxFrontMatter bounds the size of a page's front matter. The guide's
// longest, a procedure's steps, is 2 KB; YAML this large is a mistake, and
// the YAML decoder reads some shapes of it, and above all a syntax error
// in it, in time that grows faster than its size.
const MaxFrontMatter = 32 << 10

// Site holds the site settings of content/site.yaml.
type Site struct {
	// BaseURL is the absolute URL the site is published at, ending in a
	// slash; the -base-url flag overrides it.
	BaseURL string `yaml:"baseURL,required"`
	// Confirmed is the date on which the procedures were last confirmed
	// against the official sources; a page may give its own.
	Confirmed Date       `yaml:"confirmed,required"`
	Languages []Language `yaml:"languages,required"`
	// PageBudget, in bytes, overrides the most a page may weigh gzipped
	// with its stylesheets and scripts (14 KB: one network round trip).
	PageBudget int `yaml:"pageBudget"`
	// Source names the notice the guide is based on, per language code.
	Source map[string]string `yaml:"source"`
	// Office is the office that publishes the guide and its contact, and
	// Registration the numbers of a Chinese government website; every
	// page's footer and printout show what is set (office.go).
	Office       Office       `yaml:"office"`
	Registration Registration `yaml:"registration"`
	Pos          diag.Pos     `yaml:"-"`
}

// Language is one of the site's languages.
type Language struct {
	// Code is the short code used in file names: zh in interview.zh.md.
	Code string `yaml:"code,required"`
	// Tag is the BCP 47 tag for lang and hreflang attributes: zh-CN.
	Tag string `yaml:"tag,required"`
	// Name is the language's name in itself, shown by the switcher.
	Name string `yaml:"name,required"`
	// Title is the site's title in this language.
	Title string `yaml:"title,required"`
	// CJK selects Markdown line breaking for Chinese, Japanese and
	// Korean: a line break inside a paragraph adds no space.
	CJK bool     `yaml:"cjk"`
	Pos diag.Pos `yaml:"-"`
}

// Date is a calendar date written as YYYY-MM-DD.
type Date struct{ time.Time }

// UnmarshalText parses a YYYY-MM-DD date.
func (d *Date) UnmarshalText(b []byte) error {
	t, err := time.Parse(time.DateOnly, string(b))
	if err != nil {
		return fmt.Errorf("%q is not a date written as YYYY-MM-DD", b)
	}
	d.Time = t
	return nil
}

// String formats the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// Page is one Markdown file: one page in one language.
type Page struct {
	// Path is the file's path under content/, with slashes.
	Path string
	// Key names the page independently of its language: "interview",
	// "booking/_index", "_index". Translations share it.
	Key string
	// Lang is the language code from the file name.
	Lang string
	// Body is the Markdown after the front matter, and BodyLine the line
	// of the file on which it starts.
	Body     []byte
	BodyLine int
	Meta
	// Data is what an extension of the pipeline attaches to a page it
	// makes or reads (a checker question, a walkthrough); layouts see it
	// as .Page.Data.
	Data any
	// sections are the page's sections with their hashes, made once for
	// the translations that record them (translated.go).
	sections []SectionHash
}

// Meta is a page's front matter.
type Meta struct {
	Title string `yaml:"title,required"`
	// Summary is one sentence about the page, for lists of pages and
	// search engines; Description falls back to the body's first
	// paragraph when it is empty.
	Summary string `yaml:"summary"`
	// Weight orders pages in lists, lowest first; ties go by title.
	Weight int  `yaml:"weight"`
	Draft  bool `yaml:"draft"`
	// Layout overrides the layout chosen by the page's kind.
	Layout string `yaml:"layout"`
	// Unlisted keeps the page out of the lists of the home and folder
	// pages; it is still published and in the sitemap.
	Unlisted bool `yaml:"unlisted"`
	// Confirmed overrides the site's date of last confirmation.
	Confirmed Date     `yaml:"confirmed"`
	Changes   []Change `yaml:"changes"`
	Steps     []Step   `yaml:"steps"`
	// Translated, on a translation, records the sections of the page in
	// the site's first language as they were when it was last brought in
	// line with them; "guide translated" writes it (translated.go).
	Translated string   `yaml:"translated"`
	Pos        diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys map[string]diag.Pos `yaml:"-"`
}

// Change is one entry of a page's history of changes to the procedure.
type Change struct {
	Date Date     `yaml:"date,required"`
	Note string   `yaml:"note,required"`
	Pos  diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys map[string]diag.Pos `yaml:"-"`
}

// Step is one step of a procedure page.
type Step struct {
	ID    string `yaml:"id,required"`
	Title string `yaml:"title,required"`
	// Where says where the step is done: an office, a website.
	Where string `yaml:"where"`
	// Bring lists what to take along; the route's checklist is made of
	// these lists.
	Bring []string `yaml:"bring"`
	Fee   string   `yaml:"fee"`
	Time  string   `yaml:"time"`
	Links []Link   `yaml:"links"`
	// Optional marks a step that not every reader has to do.
	Optional bool `yaml:"optional"`
	// Logic relates the step to the one before: "and" (the default) or
	// "or" when the two are alternatives.
	Logic string `yaml:"logic"`
	// Walkthrough links to the walkthrough page, or one of its frames,
	// that shows the step's screens: "booking/interview.zh.md#delivery".
	Walkthrough string   `yaml:"walkthrough"`
	Pos         diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys map[string]diag.Pos `yaml:"-"`
}

// Link is a link of a step.
type Link struct {
	Text string   `yaml:"text,required"`
	URL  string   `yaml:"url,required"`
	Pos  diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys map[string]diag.Pos `yaml:"-"`
}

// IsIndex reports whether the page is a folder's own page (_index).
func (p *Page) IsIndex() bool { return path.Base(p.Key) == "_index" }

// IsHome reports whether the page is the site's home page.
func (p *Page) IsHome() bool { return p.Key == "_index" }

// Section is the folder of the page under content/, "" at the top.
func (p *Page) Section() string {
	dir := path.Dir(p.Key)
	if dir == "." {
		return ""
	}
	return dir
}

// Slug is the page's path below its language's root, without slashes at
// either end: "interview", "booking", or "" for the home page.
func (p *Page) Slug() string {
	if p.IsIndex() {
		return p.Section()
	}
	return p.Key
}

// Description returns the page's summary or, when it has none, the text of
// the first paragraph of its body, shortened to about 160 characters. It is
// plain text: Markdown and HTML are taken out, and no "<" or ">" is left,
// so that it can stand in any attribute, even one that a tool reads
// without parsing the HTML.
func (p *Page) Description() string {
	if s := plainText(p.Summary); s != "" {
		return s
	}
	return firstParagraph(p.Body, 160)
}

var (
	mdAutoLink = regexp.MustCompile(`<((?:https?|mailto|tel):[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>`)
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])?`)
	mdTag      = regexp.MustCompile(`<[/!?A-Za-z][^<>]*>`)
	mdEscape   = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
	mdMarks    = regexp.MustCompile("[*_`~]+")
	mdSpaces   = regexp.MustCompile(`\s+`)
	angles     = strings.NewReplacer("<", " ", ">", " ")
)

// firstParagraph returns the plain text of the first paragraph of a
// Markdown body, cut at a word or character boundary after max runes.
func firstParagraph(body []byte, limit int) string {
	var para []string
	for line := range strings.Lines(string(body)) {
		t := strings.TrimSpace(line)
		switch {
		case t == "" && len(para) > 0:
			return shorten(strings.Join(para, " "), limit)
		case t == "", strings.HasPrefix(t, "#"), strings.HasPrefix(t, "|"), strings.HasPrefix(t, "!["), strings.HasPrefix(t, "---"):
			continue
		}
		para = append(para, t)
	}
	return shorten(strings.Join(para, " "), limit)
}

// plainText turns a line of Markdown into plain text: escaped characters
// become themselves, links and addresses their text, tags and emphasis go,
// character references become characters, and any "<" or ">" left becomes
// a space.
func plainText(s string) string {
	s = mdEscape.ReplaceAllString(s, "$1")
	s = mdAutoLink.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdTag.ReplaceAllString(s, " ")
	s = mdMarks.ReplaceAllString(s, "")
	s = angles.Replace(html.UnescapeString(s))
	return strings.TrimSpace(mdSpaces.ReplaceAllString(s, " "))
}

func shorten(s string, limit int) string {
	s = plainText(s)
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	cut := limit
	for i := limit; i > limit*2/3; i-- {
		if r[i] == ' ' || r[i] == '。' || r[i] == '，' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ，,") + "…"
}

// ConfirmedOn returns the date the page's procedure was last confirmed.
func (p *Page) ConfirmedOn(s *Site) Date {
	if !p.Confirmed.IsZero() {
		return p.Confirmed
	}
	return s.Confirmed
}

// LastChange returns the latest entry of the page's changes, or nil.
func (p *Page) LastChange() *Change {
	var last *Change
	for i := range p.Changes {
		if last == nil || p.Changes[i].Date.After(last.Date.Time) {
			last = &p.Changes[i]
		}
	}
	return last
}

// Content is everything loaded from content/.
type Content struct {
	Site  *Site
	Pages []*Page
	// Assets are the paths of the other files under content/ that are
	// published as they are (images, PDFs).
	Assets []string
	// Data are the paths of other YAML files (checker rules, walkthrough
	// frames) for the packages that read them.
	Data []string
	// broken are the keys of pages with errors in one of their languages,
	// whose translations are not compared, to report each problem once.
	broken map[string]bool
	// pending are the pages visit found and parsePending has yet to read.
	pending []string
}

// Lang returns the language with the given code, or nil.
func (s *Site) Lang(code string) *Language {
	for i := range s.Languages {
		if s.Languages[i].Code == code {
			return &s.Languages[i]
		}
	}
	return nil
}

// assetExts are the extensions of files published as they are.
var assetExts = []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf"}

var pageName = regexp.MustCompile(`^(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.md$`)

// Load reads the site settings and every page under fsys, which is the
// content/ folder. It returns every problem it finds, not just the first.
func Load(fsys fs.FS) (*Content, diag.List) {
	site, errs := LoadSite(fsys)
	if site == nil {
		return nil, errs
	}
	return LoadPages(fsys, site)
}

// LoadPages is Load with the site settings already read by LoadSite.
func LoadPages(fsys fs.FS, site *Site) (*Content, diag.List) {
	var errs diag.List
	c := &Content{broken: map[string]bool{}, Site: site}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		return c.visit(fsys, p, d, err, &errs)
	})
	if err != nil {
		errs.Add(diag.Pos{File: "content"}, "cannot read the content folder: %v", err)
	}
	errs = append(errs, c.parsePending(fsys)...)
	sort.Slice(c.Pages, func(i, j int) bool { return c.Pages[i].Path < c.Pages[j].Path })
	errs = append(errs, c.validate()...)
	return c, errs
}

// visit reads one file or folder of the content/ folder for Load and
// Reload: pages, data files and assets. Hidden files, editors' temporary
// files and folders whose names start with "." or "_" are skipped.
func (c *Content) visit(fsys fs.FS, p string, d fs.DirEntry, err error, errs *diag.List) error {
	if err != nil {
		errs.Add(diag.Pos{File: "content/" + p}, "cannot read: %v", err)
		return nil
	}
	name := d.Name()
	if d.IsDir() {
		if p != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return fs.SkipDir
		}
		return nil
	}
	if strings.HasPrefix(name, ".") || IsTempFile(name) {
		return nil
	}
	if !d.Type().IsRegular() {
		errs.Add(diag.Pos{File: "content/" + p}, "not a regular file (a symbolic link or device); only plain files are published")
		return nil
	}
	switch ext := strings.ToLower(path.Ext(name)); {
	case p == SiteFile:
	case ext == ".md":
		c.pending = append(c.pending, p)
	case ext == ".yaml" || ext == ".yml":
		c.Data = append(c.Data, p)
	case slices.Contains(assetExts, ext):
		c.Assets = append(c.Assets, p)
	}
	return nil
}

// parsePending reads and parses the pages that visit found, on all cores:
// decoding the front matter's YAML is most of the time it takes to load a
// large site.
func (c *Content) parsePending(fsys fs.FS) diag.List {
	type parsed struct {
		page *Page
		errs diag.List
	}
	results := make([]parsed, len(c.pending))
	// Each worker takes the next page itself, with no channel to wake it.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(c.pending))) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(c.pending); i = int(next.Add(1) - 1) {
				pg, perrs := loadPage(fsys, c.pending[i], c.Site)
				results[i] = parsed{pg, perrs}
			}
		})
	}
	wg.Wait()
	var errs diag.List
	for i, r := range results {
		errs = append(errs, r.errs...)
		if r.page != nil {
			c.Pages = append(c.Pages, r.page)
		}
		if m := pageName.FindStringSubmatch(path.Base(c.pending[i])); m != nil && len(r.errs) > 0 {
			c.broken[path.Join(path.Dir(c.pending[i]), m[1])] = true
		}
	}
	c.pending = nil
	return errs
}

// LoadSite reads and checks content/site.yaml.
func LoadSite(fsys fs.FS) (*Site, diag.List) {
	const file = "content/" + SiteFile
	var errs diag.List
	data, err := readFile(fsys, SiteFile)
	if err != nil {
		errs.Add(diag.Pos{File: file}, "cannot read the site settings: %v", err)
		return nil, errs
	}
	s := &Site{}
	if errs = yamlfile.Decode(file, data, 1, s); len(errs) > 0 {
		return nil, errs
	}
	if !strings.HasSuffix(s.BaseURL, "/") {
		s.BaseURL += "/"
	}
	if err := CheckBaseURL(s.BaseURL); err != nil {
		errs.Add(s.Pos, "baseURL: %v", err)
	}
	codes := map[string]bool{}
	for _, l := range s.Languages {
		if !regexp.MustCompile(`^[a-z]{2,3}$`).MatchString(l.Code) {
			errs.Add(l.Pos, "language code %q must be two or three lowercase letters, as in file names (page.zh.md)", l.Code)
		}
		if codes[l.Code] {
			errs.Add(l.Pos, "language %q is listed twice", l.Code)
		}
		codes[l.Code] = true
	}
	if len(s.Languages) == 0 {
		errs.Add(s.Pos, "languages: list at least one language")
	}
	if s.PageBudget < 0 {
		errs.Add(s.Pos, "pageBudget must be a number of bytes, such as 14336, not %d", s.PageBudget)
	}
	s.checkOffice(&errs)
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// CheckBaseURL reports whether u can serve as the site's base URL: an
// absolute http:// or https:// address of a host, with an optional path,
// and nothing that would need escaping where a page names it (quotes,
// angle brackets, spaces), since every page's links start with it.
func CheckBaseURL(u string) error {
	if !baseURLPattern.MatchString(u) {
		return fmt.Errorf("%q must be an absolute http:// or https:// address such as https://example.gov.cn/visa/, with only letters, digits and - . _ ~ / %% in its path, and no query or #fragment", u)
	}
	return nil
}

// baseURLPattern is a host name or IP address, an optional port and a
// path of the characters an address needs no escaping for.
var baseURLPattern = regexp.MustCompile(`^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?$`)

// readFile reads a source of the content folder.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	b, err := ReadFile(fsys, name, MaxFileSize)
	if errors.Is(err, ErrTooLarge) {
		return nil, fmt.Errorf("file is larger than %d MiB", MaxFileSize>>20)
	}
	return b, err
}

// ErrTooLarge is the error of ReadFile for a file over its limit.
var ErrTooLarge = errors.New("file too large")

// ReadFile reads the file name of fsys, refusing a folder and, with
// ErrTooLarge, a file of more than limit bytes. A file whose size is known
// is read in one call into a slice of that size, which the caller may
// keep: no buffer grows and no byte is copied twice.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 512
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			return nil, errors.New("it is a folder")
		}
		if info.Size() > limit {
			return nil, ErrTooLarge
		}
		// One byte more than the size, to see the end of the file
		// without a second allocation.
		size = int(info.Size()) + 1
	}
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		room := b[len(b):cap(b)]
		if rest := limit + 1 - int64(len(b)); int64(len(room)) > rest {
			room = room[:rest]
		}
		n, err := f.Read(room)
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return nil, ErrTooLarge
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// ParsePage reads one page from its source. file is the path shown in
// messages (content/interview.zh.md); p is the path under content/.
func ParsePage(p string, src []byte, site *Site) (*Page, diag.List) {
	var errs diag.List
	file := "content/" + p
	m := pageName.FindStringSubmatch(path.Base(p))
	if m == nil {
		errs.Add(diag.Pos{File: file}, "a page's file name must be NAME.LANG.md, such as interview.zh.md")
		return nil, errs
	}
	pg := &Page{Path: p, Key: path.Join(path.Dir(p), m[1]), Lang: m[2]}
	if site.Lang(pg.Lang) == nil {
		var codes []string
		for _, l := range site.Languages {
			codes = append(codes, l.Code)
		}
		errs.Add(diag.Pos{File: file}, "language %q of the file name is not one of the site's languages (%s) in content/site.yaml", pg.Lang, strings.Join(codes, ", "))
		return nil, errs
	}
	if !utf8.Valid(src) {
		line, col := diag.NewOffsets(src).Pos(invalidUTF8(src))
		errs.Add(diag.Pos{File: file, Line: line, Col: col}, "the file is not valid UTF-8 text; save it as UTF-8")
		return nil, errs
	}
	fm, body, bodyLine, err := SplitFrontMatter(src)
	if err != nil {
		errs.Add(diag.Pos{File: file, Line: err.Line, Col: 1}, "%s", err.Msg)
		return nil, errs
	}
	if len(fm) > MaxFrontMatter {
		errs.Add(diag.Pos{File: file, Line: 2, Col: 1}, "the front matter is %d KB; it may be at most %d KB: move long text into the page's body", (len(fm)+1<<10-1)>>10, MaxFrontMatter>>10)
		return nil, errs
	}
	pg.Body, pg.BodyLine = body, bodyLine
	if errs = yamlfile.Decode(file, fm, 2, &pg.Meta); len(errs) > 0 {
		return nil, errs
	}
	if pg.Meta.Pos.Line == 1 {
		// An empty front matter: point at its opening line.
		pg.Meta.Pos = diag.Pos{File: file, Line: 1, Col: 1}
	}
	return pg, pg.check()
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func loadPage(fsys fs.FS, p string, site *Site) (*Page, diag.List) {
	src, err := readFile(fsys, p)
	if err != nil {
		var errs diag.List
		errs.Add(diag.Pos{File: "content/" + p}, "cannot read: %v", err)
		return nil, errs
	}
	return ParsePage(p, src, site)
}

// CheckURL reports whether an address written in content may be published:
// links to other sites must be http, https, mailto or tel addresses, so that
// a javascript:, data: or vbscript: address never reaches a reader.
func CheckURL(u string) error {
	if strings.TrimSpace(u) == "" {
		return fmt.Errorf("the address is empty")
	}
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || strings.ContainsAny(scheme, "/?#.") {
		return nil // relative
	}
	switch strings.ToLower(strings.TrimSpace(scheme)) {
	case "http", "https", "mailto", "tel":
		return nil
	}
	return fmt.Errorf("addresses starting with %q are not allowed; use an https:// address", scheme+":")
}

// validate checks what involves more than one page: translations.
func (c *Content) validate() diag.List {
	var errs diag.List
	byKey := c.ByKey()
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if c.broken[k] {
			continue
		}
		tr := byKey[k]
		var first *Page
		for _, l := range c.Site.Languages {
			p := tr[l.Code]
			if p == nil {
				var some *Page
				for _, q := range tr {
					if some == nil || q.Path < some.Path {
						some = q
					}
				}
				errs.Unfinished(diag.Pos{File: "content/" + some.Path}, "the %s translation is missing: add %s.%s.md", l.Name, k, l.Code)
				continue
			}
			if src := tr[c.Site.Languages[0].Code]; src != nil && p != src && p.Translated != "" {
				errs = append(errs, stale(src, p)...)
			}
			if first == nil {
				first = p
				continue
			}
			if a, b := stepIDs(first), stepIDs(p); !slices.Equal(a, b) {
				errs.Add(p.At("steps"), "the steps differ from those of %s: %s has step ids [%s], %s has [%s]; translations must have the same steps in the same order",
					first.Path, first.Path, strings.Join(a, " "), p.Path, strings.Join(b, " "))
			}
		}
	}
	return errs
}

func stepIDs(p *Page) []string {
	ids := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		ids[i] = s.ID
	}
	return ids
}

// ByKey groups the pages by key and language code.
func (c *Content) ByKey() map[string]map[string]*Page {
	m := map[string]map[string]*Page{}
	for _, p := range c.Pages {
		if m[p.Key] == nil {
			m[p.Key] = map[string]*Page{}
		}
		m[p.Key][p.Lang] = p
	}
	return m
}

// IsTempFile reports whether name is an editor's temporary, backup or swap
// file, which is never part of the site. (Hidden files, such as the
// .goutputstream-* of GNOME editors, are skipped for being hidden.)
func IsTempFile(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store", name == "Thumbs.db", name == "desktop.ini":
		return true
	case strings.HasPrefix(name, ".#"), strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	case strings.HasSuffix(name, "~"), strings.Contains(name, "___jb_"):
		return true
	case strings.HasPrefix(name, "~$"): // Microsoft Office's lock files
		return true
	case isVimProbe(name), isSedTemp(name):
		return true
	}
	switch ext := path.Ext(name); ext {
	case ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".crdownload", ".part", ".kate-swp", ".crswap":
		return true
	default:
		// Vim names further swap files .swn, .swm and so on down to .swa.
		return len(ext) == 4 && strings.HasPrefix(ext, ".sw") && ext[3] >= 'a' && ext[3] <= 'z'
	}
}

// isSedTemp reports whether name is the temporary file of sed -i:
// "sed" and six letters or digits.
func isSedTemp(name string) bool {
	if len(name) != 9 || !strings.HasPrefix(name, "sed") {
		return false
	}
	for _, c := range name[3:] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// isVimProbe reports whether name is one of the files Vim creates to test
// whether it may write in a folder: 4913, or 4913 plus a multiple of 123
// when that name is taken.
func isVimProbe(name string) bool {
	n, err := strconv.Atoi(name)
	return err == nil && name[0] != '0' && n >= 4913 && n < 100000 && (n-4913)%123 == 0
}
