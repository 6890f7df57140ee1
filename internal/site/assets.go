package site

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"
	"sync"

	"guide/internal/diag"
)

// Stylesheets, scripts, pictures and JSON files are published under names
// that carry a hash of their content: static/css/site.css is published as
// css/site.3f2a9c1e.css. A new version of a file is a new address, so the
// office's web server may let browsers keep these files for a year, and a
// reader never gets yesterday's stylesheet with today's page. Pages, feeds
// and other files (a PDF form, the files under .well-known/) keep their
// names.
//
// Everything that writes the address of a file goes through AssetName:
// the layouts with {{.Asset "/css/site.css"}}, the links and images of the
// Markdown, and the extensions (the walkthroughs' srcset, the checker's
// rules). A file is read and minified the first time its name is asked
// for, and its name is the hash of what is published; the build then
// writes those same bytes.

// hashDigits is the number of hexadecimal digits of the hash in a name:
// 32 bits, which tell the versions of one file apart.
const hashDigits = 8

// hashedExts are the kinds of file published under hashed names.
var hashedExts = map[string]bool{
	".css": true, ".js": true, ".json": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true,
}

// hashed reports whether the file at p, below the site's root, is
// published under a hashed name. Files in folders whose names start with a
// dot (.well-known/) are read by other programs at fixed addresses.
func hashed(p string) bool {
	if !hashedExts[strings.ToLower(path.Ext(p))] {
		return false
	}
	for _, seg := range strings.Split(path.Dir(p), "/") {
		if strings.HasPrefix(seg, ".") && seg != "." {
			return false
		}
	}
	return true
}

// hashedName inserts the hash of data before the extension of p:
// "css/site.css" becomes "css/site.3f2a9c1e.css".
func hashedName(p string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:])[:hashDigits] + ext
}

// published is a file of the site read, minified and named.
type published struct {
	once sync.Once
	// name is its output path, data what is written there, and err the
	// problem that stops it from being published (a diag.List).
	name string
	data []byte
	err  error
}

// namedFiles holds the files whose names were asked for, by their path
// below the root without the leading slash.
type namedFiles struct {
	mu    sync.Mutex
	files map[string]*published
}

// Asset returns the address to publish of the file at p, a path below the
// site's root ("/css/site.css"): the address of its hashed name
// ("/visa/css/site.3f2a9c1e.css") when it is a stylesheet, script, picture
// or JSON file of static/, content/ or an extension, and otherwise what Rel
// returns.
func (s *Site) Asset(p string) string { return s.Rel(s.AssetName(p)) }

// AssetName returns the output path of the file at p, a path below the
// site's root: "css/site.3f2a9c1e.css" for "/css/site.css". A path that is
// not a published file, or that is not published under a hashed name, is
// returned as it is, without its leading slash.
func (s *Site) AssetName(p string) string {
	p = strings.TrimPrefix(p, "/")
	if !hashed(p) || !s.assets["/"+p] {
		return p
	}
	f := s.publish(p)
	if f.err != nil {
		// Build reports the problem when it copies the file.
		return p
	}
	return f.name
}

// publish reads, minifies and names the file at p (below the root, without
// the leading slash) the first time it is asked for, and returns it.
func (s *Site) publish(p string) *published {
	s.named.mu.Lock()
	if s.named.files == nil {
		s.named.files = map[string]*published{}
	}
	f := s.named.files[p]
	if f == nil {
		f = &published{}
		s.named.files[p] = f
	}
	s.named.mu.Unlock()
	f.once.Do(func() {
		data, err := s.minified(p)
		f.name, f.data, f.err = p, data, err
		if err == nil && hashed(p) {
			f.name = hashedName(p, data)
		}
	})
	return f
}

// publishedFile returns the output path of the file at p (below the root,
// without the leading slash) and what is written there. Only the files
// with hashed names are kept in memory, until the site is dropped.
func (s *Site) publishedFile(p string) (string, []byte, error) {
	if hashed(p) {
		f := s.publish(p)
		return f.name, f.data, f.err
	}
	data, err := s.minified(p)
	return p, data, err
}

// minified reads the file at p and minifies it as it is published.
func (s *Site) minified(p string) ([]byte, error) {
	file, data, err := s.assetSource(p)
	if err != nil {
		return nil, &diag.Error{Pos: diag.Pos{File: file}, Msg: "cannot read: " + err.Error()}
	}
	return minifyFile(file, data)
}

// forget drops what publish knows of p, for a file an extension adds again.
func (s *Site) forget(p string) {
	s.named.mu.Lock()
	delete(s.named.files, p)
	s.named.mu.Unlock()
}

// assetSource reads the file published at p: a file of an extension, or of
// static/ or content/. file names it in messages.
func (s *Site) assetSource(p string) (file string, data []byte, err error) {
	if d, ok := s.files[p]; ok {
		return p, d, nil
	}
	root := "content"
	if s.static[p] {
		root = "static"
	}
	if root == "content" {
		// A file of content/ that an extension read is not read again.
		s.readMu.Lock()
		d, ok := s.read[p]
		s.readMu.Unlock()
		if ok {
			return root + "/" + p, d, nil
		}
	}
	data, err = fs.ReadFile(s.opts.Root, root+"/"+p)
	if err != nil {
		return root + "/" + p, nil, err
	}
	return root + "/" + p, data, nil
}

// shareNamed gives ns what s knows of the names of the files of static/ and
// content/, which an update that reads pages again leaves as they were.
// The files of extensions are named anew, as the extensions add them.
func (s *Site) shareNamed(ns *Site) {
	s.named.mu.Lock()
	defer s.named.mu.Unlock()
	ns.named.files = make(map[string]*published, len(s.named.files))
	for p, f := range s.named.files {
		if _, ext := s.files[p]; !ext {
			ns.named.files[p] = f
		}
	}
}

// Renamed returns the files of s that ns publishes under another name, by
// their old output path, with the new one: a stylesheet that changed, and
// so the pages that load it.
func (s *Site) Renamed(ns *Site) map[string]string {
	s.named.mu.Lock()
	var paths []string
	for p := range s.named.files {
		paths = append(paths, p)
	}
	s.named.mu.Unlock()
	out := map[string]string{}
	for _, p := range paths {
		old := s.publish(p)
		if old.err != nil || !ns.assets["/"+p] {
			continue
		}
		if n := ns.AssetName(p); n != old.name {
			out[old.name] = n
		}
	}
	return out
}

// checkSourceNames reports the stylesheets, scripts and JSON files that
// the pages load by the name of their source, which is not published: a
// layout that writes {{.Rel "/css/site.css"}} where it means
// {{.Asset "/css/site.css"}}. Each layout and file is reported once.
func (s *Site) checkSourceNames(results []pageResult) diag.List {
	var errs diag.List
	seen := map[string]bool{}
	for i, r := range results {
		layout := "layouts/" + s.layoutOf(s.pages[i]) + ".html"
		for _, ref := range r.assets {
			if !hashed(ref) || !s.assets["/"+ref] || seen[layout+" "+ref] {
				continue
			}
			seen[layout+" "+ref] = true
			if name := s.AssetName(ref); name != ref {
				errs.Add(diag.Pos{File: layout}, "the pages of this layout load /%s by the name of its source, but it is published as %s: write {{.Asset %q}} for its address, not {{.Rel %q}}", ref, name, "/"+ref, "/"+ref)
			}
		}
	}
	return errs
}
