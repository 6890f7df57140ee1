package content

import (
	"io/fs"
	"regexp"
	"strings"
	"time"

	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/yamlfile"
)

// SiteFile is the name of the site settings file under content/.
const SiteFile = "site.yaml"

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
	// ImageBudget, in bytes, overrides the most the pictures of one
	// walkthrough page may weigh on a phone (200 KB).
	ImageBudget int `yaml:"imageBudget"`
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
		return messages.Errorf("%q is not a date written as YYYY-MM-DD", b)
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

// Lang returns the language with the given code, or nil.
func (s *Site) Lang(code string) *Language {
	for i := range s.Languages {
		if s.Languages[i].Code == code {
			return &s.Languages[i]
		}
	}
	return nil
}

// langCode is the form of a language's code in site.yaml.
var langCode = regexp.MustCompile(`^[a-z]{2,3}$`)

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
		if !langCode.MatchString(l.Code) {
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
	if s.ImageBudget < 0 {
		errs.Add(s.Pos, "imageBudget must be a number of bytes, such as 204800, not %d", s.ImageBudget)
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
		return messages.Errorf("%q must be an absolute http:// or https:// address such as https://example.gov.cn/visa/, with only letters, digits and - . _ ~ / %% in its path, and no query or #fragment", u)
	}
	return nil
}

// baseURLPattern is a host name or IP address, an optional port and a
// path of the characters an address needs no escaping for.
var baseURLPattern = regexp.MustCompile(`^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?$`)
