package content

import (
	"path"
	"strings"
	"unicode/utf8"

	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/yamlfile"
)

// MaxFrontMatter bounds the size of a page's front matter. The guide's
// longest, a procedure's steps, is 2 KB; YAML this large is a mistake, and
// the YAML decoder reads some shapes of it, and above all a syntax error
// in it, in time that grows faster than its size.
const MaxFrontMatter = 32 << 10

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
	// description is the page's description once KeepDescription has
	// made it, so that it outlives the Body.
	description *string
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
	Keys diag.Keys `yaml:"-"`
}

// Change is one entry of a page's history of changes to the procedure.
type Change struct {
	Date Date     `yaml:"date,required"`
	Note string   `yaml:"note,required"`
	Pos  diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`
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
		// The message is one of SplitFrontMatter's constant texts, said
		// in the editor's language as any other.
		errs.Add(diag.Pos{File: file, Line: err.Line, Col: 1}, "%s", messages.Sprintf(err.Msg))
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
