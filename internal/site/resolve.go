package site

import (
	"fmt"
	"net/url"
	"path"
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
}

func (r *resolver) pos(line, col int) diag.Pos {
	return diag.Pos{File: "content/" + r.page.Path, Line: r.page.BodyLine + line - 1, Col: col}
}

// Resolve implements markdown.Resolver.
func (r *resolver) Resolve(kind markdown.Kind, dest string, line, col int) (string, bool) {
	pos := r.pos(line, col)
	what := "link"
	if kind == markdown.KindImage {
		what = "image"
	}
	if strings.TrimSpace(dest) == "" {
		r.errs.Add(pos, "%s has no address", what)
		return "", false
	}
	if strings.HasPrefix(dest, "//") || strings.Contains(dest, "\\") {
		r.errs.Add(pos, "%s %q: write a full https:// address, or a path such as /waiver/", what, dest)
		return "", false
	}
	u, err := url.Parse(dest)
	if err != nil {
		r.errs.Add(pos, "%s %q is not a valid address: %v", what, dest, err)
		return "", false
	}
	if u.Scheme != "" {
		if err := content.CheckURL(dest); err != nil {
			r.errs.Add(pos, "%s %q: %v", what, dest, err)
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
		r.errs.Add(pos, "%s %q points outside content/; link to pages and files of the guide only", what, dest)
		return "", false
	}
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	switch {
	case strings.HasSuffix(sitePath, ".md"):
		p := r.s.byPath[strings.TrimPrefix(sitePath, "/")]
		if p == nil {
			r.errs.Add(pos, "%s %q: there is no page content%s", what, dest, sitePath)
			return "", false
		}
		if p.Draft && !r.s.opts.Dev {
			r.errs.Add(pos, "%s %q: content%s is a draft and is not published", what, dest, sitePath)
			return "", false
		}
		target := r.s.URLPath(p)
		r.refs = append(r.refs, ref{pos: pos, target: target, fragment: u.Fragment, written: dest})
		return r.s.Rel(target) + frag, false
	case r.s.assets[sitePath]:
		if u.Fragment != "" && kind == markdown.KindImage {
			r.errs.Add(pos, "image %q: an image address cannot have a #fragment", dest)
		}
		return r.s.Rel(sitePath) + frag, false
	}
	if kind == markdown.KindImage {
		r.errs.Add(pos, "image %q does not exist: there is no file content%s", dest, sitePath)
		return "", false
	}
	page := sitePath
	if !strings.HasSuffix(page, "/") && path.Ext(page) == "" {
		page += "/"
	}
	if r.s.byURL[page] == nil {
		msg := fmt.Sprintf("link %q points to no page of the guide", dest)
		if sug := diag.Suggest(page, r.s.urlPaths()); sug != "" {
			msg += fmt.Sprintf(", did you mean %q?", sug)
		}
		r.errs.Add(pos, "%s", msg)
		return "", false
	}
	r.refs = append(r.refs, ref{pos: pos, target: page, fragment: u.Fragment, written: dest})
	return r.s.Rel(page) + frag, false
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

func (s *Site) urlPaths() []string {
	out := make([]string, 0, len(s.byURL))
	for u := range s.byURL {
		out = append(out, u)
	}
	return out
}
