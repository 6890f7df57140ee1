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

// ServeHTTP serves the last good build, the server's own files and the
// event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	switch {
	case len(r.RequestURI) > maxURL || len(r.URL.RawQuery) > maxURL:
		http.Error(w, "the address is too long", http.StatusRequestURITooLong)
		return
	case !s.hostAllowed(r.Host):
		// A page of another site whose name was made to point at
		// 127.0.0.1 (DNS rebinding) must not read the guide.
		http.Error(w, "this server answers for localhost only; start guide serve with -addr to serve other names", http.StatusMisdirectedRequest)
		return
	case !originAllowed(r):
		http.Error(w, "requests from other sites are refused", http.StatusForbidden)
		return
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed: the guide is read only", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !safePath(p, r.URL.EscapedPath()) {
		http.Error(w, "bad path", http.StatusBadRequest)
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
	if isHTML(f.ctype) {
		data = s.inject(st, data)
		etag = strings.TrimSuffix(etag, `"`) + "-" + st.build + `"`
		h.Set("Content-Security-Policy", csp)
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
		page = []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>The guide could not be built</title></head><body></body></html>")
		status = http.StatusServiceUnavailable
	case st.files["404.html"] != nil:
		page = st.files["404.html"].data
	default:
		page = []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>Not found: " + html.EscapeString(r.URL.Path) + "</p></body></html>")
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
// overlay and banner of st.
func (s *Server) inject(st *state, page []byte) []byte {
	head := []byte(`<link rel="stylesheet" href="` + internalPrefix + `overlay.css"><script src="` + internalPrefix + `reload.js" data-build="` + html.EscapeString(st.build) + `" defer></script>`)
	body := append(append([]byte(nil), st.overlay...), st.banner...)
	out := make([]byte, 0, len(page)+len(head)+len(body))
	i := indexFold(page, "</head>")
	if i < 0 {
		i = 0
	}
	out = append(out, page[:i]...)
	out = append(out, head...)
	rest := page[i:]
	j := indexFold(rest, "<body")
	if j >= 0 {
		if k := bytes.IndexByte(rest[j:], '>'); k >= 0 {
			j += k + 1
		} else {
			j = -1
		}
	}
	if j < 0 {
		j = len(rest)
	}
	out = append(out, rest[:j]...)
	out = append(out, body...)
	return append(out, rest[j:]...)
}

// indexFold is bytes.Index ignoring ASCII case.
func indexFold(b []byte, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(b); i++ {
		if bytes.EqualFold(b[i:i+n], []byte(sub)) {
			return i
		}
	}
	return -1
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
// request: any host when it was bound elsewhere than loopback on purpose,
// else loopback names and addresses only.
func (s *Server) hostAllowed(host string) bool {
	if s.anyHost {
		return true
	}
	return isLoopbackHost(host)
}

func isLoopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
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
