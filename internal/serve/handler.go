package serve

import (
	"bytes"
	"embed"
	"html"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// assets are the reload script and the overlay's stylesheet and template,
// served under /_guide/.
//
//go:embed assets
var assets embed.FS

// internalPrefix is the reserved path of the server's own files.
const internalPrefix = "/_guide/"

// maxURL bounds the length of a request's URL. The guide's longest
// addresses are well under 200 bytes.
const maxURL = 2048

// csp is the Content-Security-Policy the site is meant to be published
// with; the server sends it so that editors see what readers will.
const csp = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

// svgCSP is the Content-Security-Policy of SVG pictures, which the site is
// meant to be published with too (docs/publishing.md): a picture opened by
// itself runs no script and loads nothing, whatever it holds, and may use
// its own styles and embedded images.
const svgCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"

// ServeHTTP serves the last good build, the server's own files and the
// event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	switch {
	case len(r.RequestURI) > maxURL || len(r.URL.RawQuery) > maxURL:
		http.Error(w, s.p.Sprintf("the address is too long"), http.StatusRequestURITooLong)
		return
	case !s.hostAllowed(r.Host):
		// A page of another site whose name was made to point at this
		// computer (DNS rebinding) must not read the guide.
		http.Error(w, s.hostRefusal(r.Host), http.StatusMisdirectedRequest)
		return
	case !originAllowed(r):
		http.Error(w, s.p.Sprintf("requests from other sites are refused"), http.StatusForbidden)
		return
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		h.Set("Allow", "GET, HEAD")
		http.Error(w, s.p.Sprintf("method not allowed: the guide is read only"), http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !safePath(p, r.URL.EscapedPath()) {
		http.Error(w, s.p.Sprintf("bad path"), http.StatusBadRequest)
		return
	}
	if strings.HasPrefix(p, internalPrefix) {
		s.serveInternal(w, r, strings.TrimPrefix(p, internalPrefix))
		return
	}
	h.Set("Cache-Control", "no-cache")
	st := s.state.Load()
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	f := st.files[name]
	if f == nil && st.files[name+"/index.html"] != nil {
		// "/interview" is the folder "/interview/".
		target := p + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	if f == nil {
		s.notFound(w, r, st)
		return
	}
	data, etag := f.data, f.etag
	h.Set("Content-Type", f.ctype)
	switch {
	case isHTML(f.ctype):
		data = s.inject(st, data)
		etag = strings.TrimSuffix(etag, `"`) + "-" + st.build + `"`
		h.Set("Content-Security-Policy", csp)
	case f.ctype == "image/svg+xml":
		h.Set("Content-Security-Policy", svgCSP)
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// notFound answers with the site's 404 page and status 404. Before the
// first good build there is no site: pages then show the problems alone.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	h := w.Header()
	var page []byte
	status := http.StatusNotFound
	switch {
	case st.files == nil:
		page = []byte("<!DOCTYPE html>\n<html lang=\"" + s.p.Lang.Tag() + "\"><head><meta charset=\"utf-8\"><title>" +
			html.EscapeString(s.p.Sprintf("The guide could not be built")) + "</title></head><body></body></html>")
		status = http.StatusServiceUnavailable
	case st.files["404.html"] != nil:
		page = st.files["404.html"].data
	default:
		page = []byte("<!DOCTYPE html>\n<html lang=\"" + s.p.Lang.Tag() + "\"><head><meta charset=\"utf-8\"><title>" +
			html.EscapeString(s.p.Sprintf("Not found")) + "</title></head><body><p>" + html.EscapeString(s.p.Sprintf("Not found: %s", r.URL.Path)) + "</p></body></html>")
	}
	page = s.inject(st, page)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", csp)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// serveInternal serves the reload script, the overlay's stylesheet and the
// event stream.
func (s *Server) serveInternal(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "events":
		s.serveEvents(w, r)
		return
	case "reload.js", "overlay.css":
		data, err := assets.ReadFile("assets/" + name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", contentType(name, data))
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		return
	}
	http.NotFound(w, r)
}

// inject adds the reload script and stylesheet to an HTML page, and the
// overlay and banner of st, where insertionPoints finds the head's end and
// the body's start.
func (s *Server) inject(st *state, page []byte) []byte {
	head := []byte(`<link rel="stylesheet" href="` + internalPrefix + `overlay.css"><script src="` + internalPrefix + `reload.js" data-build="` + html.EscapeString(st.build) + `" defer></script>`)
	body := append(append([]byte(nil), st.overlay...), st.banner...)
	h, b := insertionPoints(page)
	out := make([]byte, 0, len(page)+len(head)+len(body))
	out = append(out, page[:h]...)
	out = append(out, head...)
	out = append(out, page[h:b]...)
	out = append(out, body...)
	return append(out, page[b:]...)
}

// insertionPoints returns where the server's markup goes in an HTML page:
// head, before the end tag of the head; body, just after the start tag of
// the body. The page is read tag by tag, as a browser's tokenizer reads
// it, so that "</head>" written inside an attribute, a comment, the title
// or a script (a page's description quotes its text) is not taken for
// the end of the head. Without an end tag of the head before the body, the
// head's markup goes before the body's start tag, or at the very start;
// without a body, the body's markup goes at the end.
func insertionPoints(page []byte) (head, body int) {
	head, body = -1, len(page)
	// The lexer lowercases names in place, and page is shared.
	in := parse.NewInputBytes(bytes.Clone(page))
	lex := htmllex.NewLexer(in)
	bodyTag := -1
	for {
		tt, data := lex.Next()
		switch {
		case tt == htmllex.ErrorToken:
			return max(head, 0), body
		case tt == htmllex.EndTagToken && head < 0 && bodyTag < 0 && string(lex.Text()) == "head":
			head = in.Offset() - len(data)
		case tt == htmllex.StartTagToken && bodyTag < 0 && string(lex.Text()) == "body":
			bodyTag = in.Offset() - len(data)
		case (tt == htmllex.StartTagCloseToken || tt == htmllex.StartTagVoidToken) && bodyTag >= 0:
			if head < 0 {
				head = bodyTag
			}
			return head, in.Offset()
		}
	}
}

// safePath reports whether a request's path may be looked up: no ".."
// or "." segments, no empty segments, no backslashes or NUL, whether
// written plainly or percent-encoded, and no encoded slashes.
func safePath(p, escaped string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "//") {
		return false
	}
	lower := strings.ToLower(escaped)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || strings.Contains(lower, "%00") {
		return false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// hostAllowed reports whether the server answers for the Host of a
// request: a loopback name or address, or one of s.hosts.
func (s *Server) hostAllowed(hostport string) bool {
	name := hostName(hostport)
	return isLoopbackName(name) || s.hosts[name]
}

// hostRefusal is the answer to a request for a name the server does not
// answer for. It names no other name, since the page that asks may be
// another site's.
func (s *Server) hostRefusal(hostport string) string {
	name := hostName(hostport)
	if name == "" {
		return s.p.Sprintf("guide serve answers only requests that name its host; open %s", s.baseURL)
	}
	return s.p.Sprintf("guide serve does not answer for the name %q; open %s instead, or allow the name by starting guide serve with -host %s", name, s.baseURL, name)
}

// hostName returns the name of a Host header as the server compares it:
// without the port and the brackets of an IPv6 address, in lower case,
// without a final dot, and an IP address in its usual form.
func hostName(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if ip := net.ParseIP(host); ip != nil {
		return ip.String()
	}
	return host
}

func isLoopbackHost(hostport string) bool { return isLoopbackName(hostName(hostport)) }

func isLoopbackName(name string) bool {
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// originAllowed reports whether a request comes from the guide's own pages
// or from no page at all: a browser sends Origin on cross-site requests,
// and the guide's pages are served from the Host they ask.
func originAllowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && strings.EqualFold(u.Host, r.Host)
}

func isHTML(ctype string) bool { return strings.HasPrefix(ctype, "text/html") }

// contentType returns the media type to send a file with, by its name, or
// by its first bytes when the name says nothing.
func contentType(name string, data []byte) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/x-icon"
	case ".pdf":
		return "application/pdf"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	}
	return http.DetectContentType(data)
}
