package content

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/watch"
)

// MaxFileSize bounds the size of one source file. The guide's pages are a
// few kilobytes; a file this large is a mistake, and refusing it keeps the
// build's memory bounded.
const MaxFileSize = 4 << 20

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
	if strings.HasPrefix(name, ".") || watch.IsTempFile(name) {
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

// readFile reads a source of the content folder.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	b, err := ReadFile(fsys, name, MaxFileSize)
	if errors.Is(err, ErrTooLarge) {
		return nil, messages.Errorf("file is larger than %d MiB", MaxFileSize>>20)
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
			return nil, messages.Errorf("it is a folder")
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

func loadPage(fsys fs.FS, p string, site *Site) (*Page, diag.List) {
	src, err := readFile(fsys, p)
	if err != nil {
		var errs diag.List
		errs.Add(diag.Pos{File: "content/" + p}, "cannot read: %v", err)
		return nil, errs
	}
	return ParsePage(p, src, site)
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
