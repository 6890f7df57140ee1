package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"testing/synctest"
	"time"

	"guide/internal/diag"
	"guide/internal/watch"
)

func TestSafePath(t *testing.T) {
	tests := []struct {
		path, escaped string
		want          bool
	}{
		{"/", "/", true},
		{"/en/interview/", "/en/interview/", true},
		{"/css/site.css", "/css/site.css", true},
		{"/.well-known/security.txt", "/.well-known/security.txt", true},
		{"/a..b/", "/a..b/", true},
		{"/../etc/passwd", "/../etc/passwd", false},
		{"/a/../../etc/passwd", "/a/%2e%2e/%2e%2e/etc/passwd", false},
		{"/a/..", "/a/..", false},
		{"/./a", "/./a", false},
		{"/a/b", "/a%2Fb", false},
		{"/a\\b", "/a%5Cb", false},
		{"/a\x00", "/a%00", false},
		{"//example.com/", "//example.com/", false},
		{"a", "a", false},
	}
	for _, tt := range tests {
		if got := safePath(tt.path, tt.escaped); got != tt.want {
			t.Errorf("safePath(%q, %q) = %v; want %v", tt.path, tt.escaped, got, tt.want)
		}
	}
}

func TestLoopbackHost(t *testing.T) {
	tests := map[string]bool{
		"127.0.0.1:1313":        true,
		"127.0.0.1":             true,
		"127.1.2.3:80":          true,
		"localhost:1313":        true,
		"LOCALHOST.:1313":       true,
		"guide.localhost:1313":  true,
		"[::1]:1313":            true,
		"[::1]":                 true,
		"":                      false,
		"example.com":           false,
		"127.0.0.1.nip.io:1313": false,
		"localhost.example.com": false,
		"10.0.0.5:1313":         false,
		"[::ffff:10.0.0.5]:80":  false,
		"0.0.0.0:1313":          false,
	}
	for host, want := range tests {
		if got := isLoopbackHost(host); got != want {
			t.Errorf("isLoopbackHost(%q) = %v; want %v", host, got, want)
		}
	}
}

func TestContentType(t *testing.T) {
	tests := map[string]string{
		"index.html":    "text/html; charset=utf-8",
		"css/site.css":  "text/css; charset=utf-8",
		"js/checker.js": "text/javascript; charset=utf-8",
		"sitemap.xml":   "application/xml; charset=utf-8",
		"feed.xml":      "application/xml; charset=utf-8",
		"robots.txt":    "text/plain; charset=utf-8",
		"rules.json":    "application/json",
		"a/form.PNG":    "image/png",
		"a/photo.jpeg":  "image/jpeg",
		"a/icon.svg":    "image/svg+xml",
		"a/x.webp":      "image/webp",
		"a/notice.pdf":  "application/pdf",
		"LICENSE":       "text/plain; charset=utf-8",
	}
	for name, want := range tests {
		if got := contentType(name, []byte("plain text")); got != want {
			t.Errorf("contentType(%q) = %q; want %q", name, got, want)
		}
	}
}

func testServer(t *testing.T, files map[string]string) *Server {
	t.Helper()
	s := newServer(Options{}, "http://127.0.0.1:1313/", false)
	st := &state{build: "x-1", files: map[string]*file{}}
	for name, data := range files {
		st.files[name] = newFile(name, []byte(data))
	}
	s.state.Store(st)
	return s
}

func TestInject(t *testing.T) {
	s := testServer(t, nil)
	st := &state{build: "b-7", overlay: []byte("<div>OVERLAY</div>"), banner: []byte("<aside>BANNER</aside>")}
	tests := []struct{ page, want string }{
		{
			`<!doctype html><html><head><title>t</title></head><body class="x"><p>text</p></body></html>`,
			`<!doctype html><html><head><title>t</title><link rel="stylesheet" href="/_guide/overlay.css"><script src="/_guide/reload.js" data-build="b-7" defer></script></head><body class="x"><div>OVERLAY</div><aside>BANNER</aside><p>text</p></body></html>`,
		},
		{
			`<HTML><HEAD></HEAD><BODY>x</BODY></HTML>`,
			`<HTML><HEAD><link rel="stylesheet" href="/_guide/overlay.css"><script src="/_guide/reload.js" data-build="b-7" defer></script></HEAD><BODY><div>OVERLAY</div><aside>BANNER</aside>x</BODY></HTML>`,
		},
		{
			`<p>a fragment</p>`,
			`<link rel="stylesheet" href="/_guide/overlay.css"><script src="/_guide/reload.js" data-build="b-7" defer></script><p>a fragment</p><div>OVERLAY</div><aside>BANNER</aside>`,
		},
	}
	for _, tt := range tests {
		if got := string(s.inject(st, []byte(tt.page))); got != tt.want {
			t.Errorf("inject(%q):\ngot  %s\nwant %s", tt.page, got, tt.want)
		}
	}
}

func TestHandler(t *testing.T) {
	s := testServer(t, map[string]string{
		"index.html":       "<html><head></head><body>home</body></html>",
		"en/index.html":    "<html><head></head><body>en</body></html>",
		"404.html":         "<html><head></head><body>the 404 page</body></html>",
		"css/site.css":     "body{}",
		"booking/form.png": "\x89PNG",
	})
	tests := []struct {
		method, target string
		header         map[string]string
		status         int
		ctype          string
		body           string
	}{
		{method: "GET", target: "/", status: 200, ctype: "text/html; charset=utf-8", body: "/_guide/reload.js"},
		{method: "GET", target: "/en/", status: 200, body: "en"},
		{method: "GET", target: "/en", status: 301},
		{method: "GET", target: "/css/site.css", status: 200, ctype: "text/css; charset=utf-8", body: "body{}"},
		{method: "GET", target: "/booking/form.png", status: 200, ctype: "image/png"},
		{method: "GET", target: "/booking/", status: 404, body: "the 404 page"},
		{method: "GET", target: "/css/", status: 404, body: "the 404 page"},
		{method: "GET", target: "/nope", status: 404, body: "the 404 page"},
		{method: "HEAD", target: "/", status: 200},
		{method: "PUT", target: "/", status: 405},
		{method: "OPTIONS", target: "/", status: 405},
		{method: "GET", target: "/_guide/reload.js", status: 200, ctype: "text/javascript; charset=utf-8", body: "EventSource"},
		{method: "GET", target: "/_guide/overlay.css", status: 200, ctype: "text/css; charset=utf-8", body: ".guide-overlay"},
		{method: "GET", target: "/_guide/overlay.html", status: 404},
		{method: "GET", target: "/_guide/../index.html", status: 400},
		{method: "GET", target: "/", header: map[string]string{"Origin": "http://evil.example"}, status: 403},
		{method: "GET", target: "/", header: map[string]string{"Origin": "null"}, status: 403},
		{method: "GET", target: "/", header: map[string]string{"Host": "evil.example"}, status: 421},
		{method: "GET", target: "/?" + strings.Repeat("q", 3000), status: 414},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, "http://127.0.0.1:1313"+tt.target, nil)
		for k, v := range tt.header {
			if k == "Host" {
				r.Host = v
			}
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != tt.status {
			t.Errorf("%s %.40s: status %d; want %d", tt.method, tt.target, w.Code, tt.status)
		}
		if tt.ctype != "" && w.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("%s %s: Content-Type %q; want %q", tt.method, tt.target, w.Header().Get("Content-Type"), tt.ctype)
		}
		if !strings.Contains(w.Body.String(), tt.body) {
			t.Errorf("%s %s: body %q does not contain %q", tt.method, tt.target, w.Body.String(), tt.body)
		}
		if tt.method == "HEAD" && w.Body.Len() > 0 {
			t.Errorf("HEAD %s: a body of %d bytes", tt.target, w.Body.Len())
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: no X-Content-Type-Options", tt.method, tt.target)
		}
	}
}

// TestHandlerAnyHost checks that a server bound elsewhere than loopback on
// purpose answers for other names.
func TestHandlerAnyHost(t *testing.T) {
	s := testServer(t, map[string]string{"index.html": "<html></html>"})
	s.anyHost = true
	r := httptest.NewRequest("GET", "http://guide.lan:1313/", nil)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Errorf("status %d; want 200", w.Code)
	}
}

func TestHubMerge(t *testing.T) {
	tests := []struct {
		name   string
		events []event
		want   event
	}{
		{"one", []event{{kind: "reload", build: "1"}}, event{kind: "reload", build: "1"}},
		{"stylesheets merge", []event{{kind: "css", build: "1", css: []string{"/b.css"}}, {kind: "css", build: "2", css: []string{"/a.css", "/b.css"}}},
			event{kind: "css", build: "2", css: []string{"/a.css", "/b.css"}}},
		{"reload after css", []event{{kind: "css", build: "1", css: []string{"/a.css"}}, {kind: "reload", build: "2"}}, event{kind: "reload", build: "2"}},
		{"css after reload", []event{{kind: "reload", build: "1"}, {kind: "css", build: "2", css: []string{"/a.css"}}}, event{kind: "reload", build: "2"}},
	}
	for _, tt := range tests {
		h := newHub(10)
		c := h.join()
		for _, ev := range tt.events {
			h.broadcast(ev)
		}
		got := c.take()
		if got == nil || got.kind != tt.want.kind || got.build != tt.want.build || strings.Join(got.css, " ") != strings.Join(tt.want.css, " ") {
			t.Errorf("%s: got %+v; want %+v", tt.name, got, tt.want)
		}
		if c.take() != nil {
			t.Errorf("%s: a second event; want the events merged into one", tt.name)
		}
	}
}

func TestHubLimit(t *testing.T) {
	h := newHub(2)
	a, b := h.join(), h.join()
	if a == nil || b == nil || h.join() != nil {
		t.Fatalf("join: got %v, %v and a third; want two and then nil", a, b)
	}
	h.leave(a)
	if h.count() != 1 || h.join() == nil {
		t.Errorf("after a client left, another cannot join")
	}
}

func TestEventsTooMany(t *testing.T) {
	s := testServer(t, nil)
	s.hub = newHub(0)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "http://127.0.0.1:1313/_guide/events", nil))
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d; want 503", w.Code)
	}
}

func TestTerminalReport(t *testing.T) {
	s := newServer(Options{}, "http://127.0.0.1:1313/", false)
	s.opts.Site.Root = fstest.MapFS{
		"content/a.zh.md": {Data: []byte("---\ntitle: 流程\nsumary: 中文\n---\n正文\t有错的地方。\n")},
	}
	list := diag.List{
		{Pos: diag.Pos{File: "content/a.zh.md", Line: 3, Col: 1}, Msg: `unknown key "sumary"`},
		{Pos: diag.Pos{File: "content/a.zh.md", Line: 5, Col: 5}, Msg: "a problem after a tab and wide characters"},
		{Pos: diag.Pos{File: "-base-url"}, Msg: "no source"},
		{Pos: diag.Pos{File: "content/a.en.md"}, Msg: "the English translation is missing", Warning: true},
	}
	got := s.terminalReport(list)
	want := `content/a.zh.md:3:1: unknown key "sumary"
    1 | ---
    2 | title: 流程
  > 3 | sumary: 中文
      | ^
    4 | ---
    5 | 正文	有错的地方。
content/a.zh.md:5:5: a problem after a tab and wide characters
    3 | sumary: 中文
    4 | ---
  > 5 | 正文	有错的地方。
      |     	  ^
    6 | 
-base-url: no source
content/a.en.md: warning: the English translation is missing
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	html := string(s.renderOverlay(list))
	for _, w := range []string{`<code>content/a.zh.md:5:5</code>`, `正文	有<mark>错</mark>的地方。`, `unknown key &#34;sumary&#34;`, "4 problems"} {
		if !strings.Contains(html, w) {
			t.Errorf("overlay lacks %q:\n%s", w, html)
		}
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		b    watch.Batch
		want string
	}{
		{watch.Batch{All: true}, "the first build"},
		{watch.Batch{All: true, Events: 3}, "files changed (events were lost, so everything was read again)"},
		{watch.Batch{Paths: []string{"content/a.zh.md"}, Events: 1}, "content/a.zh.md changed"},
		{watch.Batch{Paths: []string{"a", "b", "c", "d"}, Events: 4}, "4 files changed (a, b, …)"},
	}
	for _, tt := range tests {
		if got := describe(tt.b); got != tt.want {
			t.Errorf("describe(%+v) = %q; want %q", tt.b, got, tt.want)
		}
	}
}

// TestEventsStream checks the event stream with fake time: the hello, an
// event after a rebuild, the heartbeats, and the end of the stream after
// maxStream, when the browser opens a new one.
func TestEventsStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := testServer(t, nil)
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "http://127.0.0.1:1313/_guide/events", nil)
		done := make(chan struct{})
		go func() {
			defer close(done)
			s.ServeHTTP(w, r)
		}()
		synctest.Wait()
		if s.hub.count() != 1 {
			t.Fatalf("%d clients; want 1", s.hub.count())
		}
		s.hub.broadcast(event{kind: "reload", build: "x-2"})
		time.Sleep(maxStream - time.Second)
		synctest.Wait()
		select {
		case <-done:
			t.Fatal("the stream ended before maxStream")
		default:
		}
		time.Sleep(2 * time.Second)
		synctest.Wait()
		select {
		case <-done:
		default:
			t.Fatal("the stream is still open after maxStream")
		}
		if s.hub.count() != 0 {
			t.Errorf("%d clients after the stream ended; want 0", s.hub.count())
		}
		body := w.Body.String()
		for _, want := range []string{"retry: 1000\n\n", "event: hello\ndata: {\"build\":\"x-1\"}\n\n", "event: reload\ndata: {\"build\":\"x-2\"}\n\n", ": ping\n\n"} {
			if !strings.Contains(body, want) {
				t.Errorf("the stream lacks %q:\n%s", want, body)
			}
		}
		// The last heartbeat may fall at the very end of the stream.
		if n, want := strings.Count(body, ": ping"), int(maxStream/heartbeat); n != want && n != want-1 {
			t.Errorf("%d heartbeats in %v; want %d", n, maxStream, want)
		}
	})
}
