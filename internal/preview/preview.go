// Package preview tells an editor what a build changes on the published
// site before it is published: the pages it adds, removes and changes, and
// for the first few changed pages the lines of their text that change, like
// a short diff.
//
// A Recorder stands between the build and its output (site.Output): it
// passes every file on and compares it with the file of the same name in
// the published folder (public/). Files are compared byte for byte first;
// only a page whose bytes differ has its text taken out (Text) and compared
// line by line (Diff), so that a build of 10,000 pages that changes a few
// reads the published pages once and compares text only for those few. A
// page whose bytes change but whose text does not, such as every page when
// a stylesheet's published name changes, counts as changed in its markup
// only. When the build that published the folder recorded the SHA-256 of
// its files (publish.Sums), files are compared by their sums instead, and
// only the pages that changed are read.
package preview

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

// Output receives the files of a build, as site.Output does.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Recorder passes the files of a build on to an Output and compares each
// with the published file of the same name. It is safe for concurrent use.
type Recorder struct {
	out       Output
	published fs.FS
	// exists is whether the published folder exists: when it does not,
	// every file is new, and none is looked for.
	exists bool
	sums   map[string][sha256.Size]byte

	mu      sync.Mutex
	written map[string]bool
	report  Report
}

// New returns a Recorder that writes to out (which may be nil, for a build
// that writes nothing) and compares with the files of published, the
// published folder; a folder that does not exist holds no files.
func New(published fs.FS, out Output) *Recorder {
	_, err := fs.Stat(published, ".")
	return &Recorder{out: out, published: published, exists: err == nil, written: map[string]bool{}}
}

// CompareSums gives the SHA-256 of each published file, by name, as the
// build that published them recorded them (publish.Sums), or nil. With
// them, a file is compared by its sum, and read only when it is a page
// that changed, for the lines that change; the published files that the
// build does not write are found among the sums instead of by walking the
// published folder. Call it before the first WriteFile.
func (r *Recorder) CompareSums(sums map[string][sha256.Size]byte) { r.sums = sums }

// summedOutput is an Output that keeps the SHA-256 of each file it
// writes, as publish.Dir does for the next build's preview: the Recorder
// hands it the sum it made, so that no file is hashed twice.
type summedOutput interface {
	WriteSummed(name string, data []byte, sum [sha256.Size]byte) error
}

// compare reports whether the published file name is missing, or the same
// as data, whose SHA-256 is sum when hashed is set; old is the published
// file when it was read.
func (r *Recorder) compare(name string, data []byte, sum [sha256.Size]byte, hashed bool) (missing, same bool, old []byte) {
	if !r.exists {
		return true, false, nil
	}
	if r.sums != nil {
		if !hashed {
			sum = sha256.Sum256(data)
		}
		published, ok := r.sums[name]
		return !ok, ok && published == sum, nil
	}
	old, err := fs.ReadFile(r.published, name)
	return err != nil, err == nil && bytes.Equal(old, data), old
}

// write passes the file on to the Output, and returns its SHA-256 when it
// had to make it.
func (r *Recorder) write(name string, data []byte) (sum [sha256.Size]byte, hashed bool, err error) {
	switch out := r.out.(type) {
	case nil:
		return sum, false, nil
	case summedOutput:
		sum = sha256.Sum256(data)
		return sum, true, out.WriteSummed(name, data, sum)
	}
	return sum, false, r.out.WriteFile(name, data)
}

// WriteFile implements Output.
func (r *Recorder) WriteFile(name string, data []byte) error {
	sum, hashed, err := r.write(name, data)
	if err != nil {
		return err
	}
	missing, same, old := r.compare(name, data, sum, hashed)
	var lines []Line
	if !missing && !same && isPage(name) {
		if old == nil {
			old, _ = fs.ReadFile(r.published, name)
		}
		lines = Diff(Text(old), Text(data))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.written[name] = true
	rp := &r.report
	switch {
	case !isPage(name):
		rp.Files.count(missing, same)
	case missing:
		rp.Added = append(rp.Added, name)
	case same:
		rp.Unchanged++
	case len(lines) == 0:
		rp.Markup++
	default:
		rp.Changed = append(rp.Changed, Page{Name: name, Lines: lines})
	}
	return nil
}

// isPage reports whether name is the file of a page: pages are published
// as index.html in a folder of their own. Other HTML files, such as the
// 404 page, count as other files, as in the build's summary.
func isPage(name string) bool { return path.Base(name) == "index.html" }

// Report returns what the files written so far change: it adds the
// published files that were not written as removed. Call it once the build
// is done.
func (r *Recorder) Report() *Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	rp := r.report
	rp.Added, rp.Changed = slices.Clone(rp.Added), slices.Clone(rp.Changed)
	rp.Published = r.exists
	removed := func(p string) {
		if isPage(p) {
			rp.Removed = append(rp.Removed, p)
		} else {
			rp.Files.Removed++
		}
	}
	for p := range r.sums {
		if !r.written[p] {
			removed(p)
		}
	}
	if r.sums == nil && r.exists {
		_ = fs.WalkDir(r.published, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !r.written[p] {
				removed(p)
			}
			return nil
		})
	}
	slices.Sort(rp.Added)
	slices.Sort(rp.Removed)
	slices.SortFunc(rp.Changed, func(a, b Page) int { return strings.Compare(a.Name, b.Name) })
	return &rp
}

// Report is what a build changes on the published site.
type Report struct {
	// Published is false when the published folder does not exist yet.
	Published bool
	// Added and Removed are the pages the build adds and removes, and
	// Changed those whose text it changes, by output path, sorted.
	Added, Removed []string
	Changed        []Page
	// Markup counts the pages whose HTML changes but not their text, and
	// Unchanged those that stay as they are.
	Markup, Unchanged int
	// Files counts the other files (pictures, stylesheets, feeds).
	Files Counts
}

// Page is a page whose text a build changes, and the lines that change.
type Page struct {
	Name  string
	Lines []Line
}

// Counts counts the files that a build adds, removes, changes and leaves.
type Counts struct{ Added, Removed, Changed, Unchanged int }

func (c *Counts) count(missing, same bool) {
	switch {
	case missing:
		c.Added++
	case same:
		c.Unchanged++
	default:
		c.Changed++
	}
}

// Empty reports whether the build changes nothing.
func (rp *Report) Empty() bool {
	return len(rp.Added)+len(rp.Removed)+len(rp.Changed)+rp.Markup+rp.Files.Added+rp.Files.Removed+rp.Files.Changed == 0
}
