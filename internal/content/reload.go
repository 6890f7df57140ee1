package content

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"guide/internal/diag"
	"guide/internal/watch"
)

// Reload returns a copy of c in which the files at paths, slash-separated
// paths under fsys (the content/ folder), are read again as Load reads them.
// A path may name a file or a folder, and may no longer exist: whatever c
// held at or below it is dropped and whatever is there now is read. The
// pages, assets and data files of c that lie elsewhere are kept as they are,
// as the same *Page values. The site settings are not read again; a change
// to site.yaml needs Load.
//
// The returned list holds the problems of the files read and of the
// translations of the whole content, as Load would report them; the
// Content is returned even when the list holds errors.
func (c *Content) Reload(fsys fs.FS, paths []string) (*Content, diag.List) {
	paths = outermost(paths)
	under := func(p string) bool {
		for _, q := range paths {
			if q == "." || p == q || strings.HasPrefix(p, q+"/") {
				return true
			}
		}
		return false
	}
	n := &Content{Site: c.Site, broken: map[string]bool{}}
	for _, p := range c.Pages {
		if !under(p.Path) {
			n.Pages = append(n.Pages, p)
		}
	}
	for _, a := range c.Assets {
		if !under(a) {
			n.Assets = append(n.Assets, a)
		}
	}
	for _, d := range c.Data {
		if !under(d) {
			n.Data = append(n.Data, d)
		}
	}
	var errs diag.List
	for _, p := range paths {
		if inIgnoredFolder(p) {
			continue
		}
		// Lstat, so that a symbolic link is refused as Load refuses it.
		info, err := fs.Lstat(fsys, p)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs.Add(diag.Pos{File: "content/" + p}, "cannot read: %v", err)
			}
			continue
		}
		if !info.IsDir() {
			_ = n.visit(fsys, p, fs.FileInfoToDirEntry(info), nil, &errs)
			continue
		}
		err = fs.WalkDir(fsys, p, func(q string, d fs.DirEntry, err error) error {
			return n.visit(fsys, q, d, err, &errs)
		})
		if err != nil {
			errs.Add(diag.Pos{File: "content/" + p}, "cannot read: %v", err)
		}
	}
	errs = append(errs, n.parsePending(fsys)...)
	sort.Slice(n.Pages, func(i, j int) bool { return n.Pages[i].Path < n.Pages[j].Path })
	sort.Strings(n.Assets)
	sort.Strings(n.Data)
	errs = append(errs, n.validate()...)
	return n, errs
}

// Ignored reports whether Load passes over the file at p, a slash-separated
// path under content/: a hidden file, an editor's temporary file, or a file
// inside a folder whose name starts with "." or "_".
func Ignored(p string) bool {
	name := path.Base(p)
	return inIgnoredFolder(p) || strings.HasPrefix(name, ".") || watch.IsTempFile(name)
}

// inIgnoredFolder reports whether one of the folders above p is one that
// Load skips.
func inIgnoredFolder(p string) bool {
	dir := path.Dir(p)
	for dir != "." && dir != "/" {
		if name := path.Base(dir); strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return true
		}
		dir = path.Dir(dir)
	}
	return false
}

// outermost returns the paths without those that lie below another of
// them, so that no file is read twice.
func outermost(paths []string) []string {
	sorted := make([]string, len(paths))
	for i, p := range paths {
		sorted[i] = path.Clean(p)
		if sorted[i] == "." {
			return []string{"."}
		}
	}
	// Order "a/x" right after "a", before "a-b", so that a path below
	// another follows it.
	key := func(p string) string { return strings.ReplaceAll(p, "/", "\x00") }
	sort.Slice(sorted, func(i, j int) bool { return key(sorted[i]) < key(sorted[j]) })
	var out []string
	for _, p := range sorted {
		if len(out) > 0 {
			last := out[len(out)-1]
			if p == last || strings.HasPrefix(p, last+"/") {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
