package site

import (
	"maps"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/markdown"
)

// ref is a link to an anchor of a page, checked once every page is
// rendered.
type ref struct {
	pos      diag.Pos
	target   string // URL path of the target page
	fragment string
	written  string
}

// resolver checks the destinations of one page and rewrites them to the
// addresses to publish.
type resolver struct {
	s    *Site
	page *content.Page
	errs diag.List
	refs []ref
	// facts are the URL paths of the other pages whose facts the text
	// shows (facts.go).
	facts []string
}

func (r *resolver) pos(line, col int) diag.Pos {
	return diag.Pos{File: "content/" + r.page.Path, Line: r.page.BodyLine + line - 1, Col: col}
}

// Resolve implements markdown.Resolver.
func (r *resolver) Resolve(kind markdown.Kind, dest string, line, col int) (string, bool) {
	pos := r.pos(line, col)
	if strings.TrimSpace(dest) == "" {
		r.fail(pos, kind, "link has no address", "image has no address")
		return "", false
	}
	if strings.Contains(dest, "\\") && !strings.Contains(dest, "://") {
		// A Windows path: folders are separated by "/" in addresses.
		r.fail(pos, kind, "link %q: separate folders with \"/\", not \"\\\"; did you mean %q?", "image %q: separate folders with \"/\", not \"\\\"; did you mean %q?", dest, strings.ReplaceAll(dest, "\\", "/"))
		return "", false
	}
	if strings.HasPrefix(dest, "//") || strings.Contains(dest, "\\") {
		r.fail(pos, kind, "link %q: write a full https:// address, or a path such as /waiver/", "image %q: write a full https:// address, or a path such as /waiver/", dest)
		return "", false
	}
	u, err := url.Parse(dest)
	if err != nil {
		r.fail(pos, kind, "link %q is not a valid address: %v", "image %q is not a valid address: %v", dest, err)
		return "", false
	}
	if u.Scheme != "" {
		if err := content.CheckURL(dest); err != nil {
			r.fail(pos, kind, "link %q: %v", "image %q: %v", dest, err)
			return "", false
		}
		if kind == markdown.KindImage {
			r.errs.Add(pos, "image %q is on another site; put the image under content/ beside the page, because the guide loads nothing from other hosts", dest)
			return "", false
		}
		return dest, u.Scheme == "http" || u.Scheme == "https"
	}
	if u.Path == "" { // "#anchor" on this page
		r.refs = append(r.refs, ref{pos: pos, target: r.s.URLPath(r.page), fragment: u.Fragment, written: dest})
		return dest, false
	}
	sitePath, ok := r.sitePath(u.Path)
	if !ok {
		r.fail(pos, kind, "link %q points outside content/; link to pages and files of the guide only", "image %q points outside content/; link to pages and files of the guide only", dest)
		return "", false
	}
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	switch {
	case strings.HasSuffix(sitePath, ".md"):
		return r.pageFile(pos, dest, u, sitePath)
	case r.s.assets[sitePath]:
		if u.Fragment != "" && kind == markdown.KindImage {
			r.errs.Add(pos, "image %q: an image address cannot have a #fragment", dest)
		}
		// A picture is published under a hashed name (assets.go).
		return r.s.Asset(sitePath) + frag, false
	}
	if kind == markdown.KindImage {
		if sug := r.suggestFile(u.Path, sitePath, r.s.assetPaths()); sug != "" {
			r.errs.Add(pos, "image %q does not exist: there is no file content%s; did you mean %q?", dest, sitePath, sug)
		} else {
			r.errs.Add(pos, "image %q does not exist: there is no file content%s", dest, sitePath)
		}
		return "", false
	}
	page := sitePath
	if !strings.HasSuffix(page, "/") && path.Ext(page) == "" {
		page += "/"
	}
	if r.s.byURL[page] == nil {
		if sug := diag.Suggest(page, r.s.urlPaths()); sug != "" {
			r.errs.Add(pos, "link %q points to no page of the guide; did you mean %q?", dest, sug)
		} else {
			r.errs.Add(pos, "link %q points to no page of the guide", dest)
		}
		return "", false
	}
	r.refs = append(r.refs, ref{pos: pos, target: page, fragment: u.Fragment, written: dest})
	return r.s.Rel(page) + frag, false
}

// fail reports a problem with a destination in the words of a link or of
// an image.
func (r *resolver) fail(pos diag.Pos, kind markdown.Kind, link, image string, args ...any) {
	if kind == markdown.KindImage {
		r.errs.Add(pos, image, args...)
		return
	}
	r.errs.Add(pos, link, args...)
}

// pageFile resolves a link to a page's Markdown file (interview.zh.md).
// A link to a file that does not exist gets the page that was probably
// meant: the page in the linking page's language when the name lacks the
// language (waiver.md), or the nearest name (intervew.zh.md).
func (r *resolver) pageFile(pos diag.Pos, dest string, u *url.URL, sitePath string) (string, bool) {
	p := r.s.byPath[strings.TrimPrefix(sitePath, "/")]
	if p == nil {
		switch sug, noLang := r.suggestPage(u.Path, sitePath); {
		case noLang && sug != "":
			r.errs.Add(pos, "link %q: a page's file name ends with its language; did you mean %q?", dest, withFragment(sug, u))
		case sug != "":
			r.errs.Add(pos, "link %q: there is no page content%s; did you mean %q?", dest, sitePath, withFragment(sug, u))
		default:
			r.errs.Add(pos, "link %q: there is no page content%s", dest, sitePath)
		}
		return "", false
	}
	if p.Draft && !r.s.opts.Dev {
		r.errs.Add(pos, "link %q: content%s is a draft and is not published", dest, sitePath)
		return "", false
	}
	target := r.s.URLPath(p)
	r.refs = append(r.refs, ref{pos: pos, target: target, fragment: u.Fragment, written: dest})
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	return r.s.Rel(target) + frag, false
}

func withFragment(p string, u *url.URL) string {
	if u.Fragment == "" {
		return p
	}
	return p + "#" + u.Fragment
}

// suggestPage returns the page file that a link to the missing file
// sitePath (written as written) probably meant, written the same way, and
// whether the name lacked the language. Pages in the linking page's
// language come first.
func (r *resolver) suggestPage(written, sitePath string) (sug string, noLang bool) {
	name := strings.TrimPrefix(sitePath, "/")
	stem := strings.TrimSuffix(name, ".md")
	langs := r.langOrder()
	if ext := path.Ext(stem); ext == "" || r.s.Content.Site.Lang(ext[1:]) == nil {
		for _, l := range langs {
			if r.s.byPath[stem+"."+l+".md"] != nil {
				return r.asWritten(written, stem+"."+l+".md"), true
			}
		}
		// A misspelt name without the language: the nearest page in
		// the linking page's language.
		var keys []string
		for _, p := range r.s.Content.Pages {
			if p.Lang == r.page.Lang {
				keys = append(keys, p.Key)
			}
		}
		sort.Strings(keys)
		if k := diag.Suggest(stem, keys); k != "" {
			return r.asWritten(written, k+"."+r.page.Lang+".md"), true
		}
		return "", true
	}
	var paths []string
	for p := range r.s.byPath {
		paths = append(paths, p)
	}
	// The linking page's language first, then by name, so that of two
	// names as near the suggestion is always the same.
	sort.Slice(paths, func(i, j int) bool {
		a, b := strings.HasSuffix(paths[i], "."+r.page.Lang+".md"), strings.HasSuffix(paths[j], "."+r.page.Lang+".md")
		if a != b {
			return a
		}
		return paths[i] < paths[j]
	})
	if p := diag.Suggest(name, paths); p != "" {
		return r.asWritten(written, p), false
	}
	return "", false
}

// langOrder returns the site's language codes, the page's own first.
func (r *resolver) langOrder() []string {
	langs := []string{r.page.Lang}
	for _, l := range r.s.Content.Site.Languages {
		if l.Code != r.page.Lang {
			langs = append(langs, l.Code)
		}
	}
	return langs
}

// suggestFile returns the file of files (paths below the site's root,
// "/booking/form.png") nearest to the missing sitePath, written as written
// was: from the root or relative to the page.
func (r *resolver) suggestFile(written, sitePath string, files []string) string {
	if f := diag.Suggest(sitePath, files); f != "" {
		return r.asWritten(written, strings.TrimPrefix(f, "/"))
	}
	return ""
}

// asWritten writes the path p under content/ as a link written as written
// was: from the site's root when written starts with a slash, otherwise
// relative to the page's folder.
func (r *resolver) asWritten(written, p string) string {
	if strings.HasPrefix(written, "/") {
		return "/" + p
	}
	from := strings.Split(path.Dir(r.page.Path), "/")
	if from[0] == "." {
		from = nil
	}
	to := strings.Split(p, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// sitePath turns a path written in a page into a path below the site's
// base. Paths that start with a slash are site paths already; others are
// relative to the page's folder under content/. ok is false when the path
// climbs out of the site.
func (r *resolver) sitePath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") {
		if strings.HasSuffix(p, ".md") || r.s.assets[path.Clean("/"+path.Join(path.Dir(r.page.Path), p))] || !strings.HasSuffix(p, "/") && path.Ext(p) != "" {
			// A file beside the page.
			joined := path.Join(path.Dir(r.page.Path), p)
			if joined == ".." || strings.HasPrefix(joined, "../") {
				return "", false
			}
			return "/" + joined, true
		}
		// A relative page address such as "../waiver/": relative to
		// the page's own URL.
		joined := path.Join(strings.TrimPrefix(r.s.URLPath(r.page), "/"), p)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return "", false
		}
		joined = path.Clean("/" + joined)
		if strings.HasSuffix(p, "/") && joined != "/" {
			joined += "/"
		}
		return joined, true
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean, true
}

// urlPaths returns the URL paths of the pages, sorted, so that of two
// paths as near a mistyped one the suggestion is always the same.
func (s *Site) urlPaths() []string {
	return slices.Sorted(maps.Keys(s.byURL))
}

// assetPaths returns the paths of the published files, sorted.
func (s *Site) assetPaths() []string {
	return slices.Sorted(maps.Keys(s.assets))
}
