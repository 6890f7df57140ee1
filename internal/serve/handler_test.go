package serve

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"testing/synctest"
	"time"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

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
	s := newServer(Options{}, "http://127.0.0.1:1313/", nil)
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
		{
			// "</head>" and "<body>" that are not tags: in an attribute,
			// the title, a comment and a script.
			`<html><head><meta name="description" content="</head><body>"><title></head></title><!-- </head><body> --><script>"</head>"</script></head ><body data-x="<body>" >x</body></html>`,
			`<html><head><meta name="description" content="</head><body>"><title></head></title><!-- </head><body> --><script>"</head>"</script><link rel="stylesheet" href="/_guide/overlay.css"><script src="/_guide/reload.js" data-build="b-7" defer></script></head ><body data-x="<body>" ><div>OVERLAY</div><aside>BANNER</aside>x</body></html>`,
		},
		{
			// No end tag of the head: its markup goes before the body.
			`<html><head><title>t</title><body>x`,
			`<html><head><title>t</title><link rel="stylesheet" href="/_guide/overlay.css"><script src="/_guide/reload.js" data-build="b-7" defer></script><body><div>OVERLAY</div><aside>BANNER</aside>x`,
		},
	}
	for _, tt := range tests {
		if got := string(s.inject(st, []byte(tt.page))); got != tt.want {
			t.Errorf("inject(%q):\ngot  %s\nwant %s", tt.page, got, tt.want)
		}
	}
}

// TestInjectAttack serves the page of the attack on guide serve: a
// description that holds "</head>" and a meta refresh to another site,
// as the minifier keeps it in the attribute. The reload script must land
// in the real head, and the page must hold no meta refresh.
func TestInjectAttack(t *testing.T) {
	const attack = `</head><meta http-equiv=refresh content=&#34;0;url=https://evil.example/&#34;>`
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Steps</title>` +
		`<meta name="description" content="` + attack + `"></head>` +
		`<body><main><p>&lt;/head&gt;&lt;meta http-equiv=refresh content=&#34;0;url=https://evil.example/&#34;&gt;</p></main></body></html>`
	s := testServer(t, map[string]string{"a/index.html": page})
	st := s.state.Load()
	st.overlay, st.banner = []byte(`<div class="guide-overlay">problems</div>`), []byte(`<aside>warnings</aside>`)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "http://127.0.0.1:1313/a/", nil))
	if w.Code != 200 {
		t.Fatalf("status %d; want 200", w.Code)
	}
	served := w.Body.Bytes()
	var tags []string
	lex := htmllex.NewLexer(parse.NewInputBytes(bytes.Clone(served)))
	for {
		tt, _ := lex.Next()
		if tt == htmllex.ErrorToken {
			break
		}
		switch tt {
		case htmllex.StartTagToken:
			tags = append(tags, "<"+string(lex.Text()))
		case htmllex.EndTagToken:
			tags = append(tags, "</"+string(lex.Text()))
		case htmllex.AttributeToken:
			if string(lex.AttrKey()) == "http-equiv" {
				t.Errorf("the served page has a real <meta http-equiv>:\n%s", served)
			}
		}
	}
	want := "<html <head <meta <title </title <meta <link <script </script </head <body <div </div <aside </aside <main <p </p </main </body </html"
	if got := strings.Join(tags, " "); got != want {
		t.Errorf("the served page's tags are\n%s\nwant\n%s\npage:\n%s", got, want, served)
	}
	if !bytes.Contains(served, []byte(`content="`+attack+`"`)) {
		t.Errorf("the description was changed:\n%s", served)
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

// TestHandlerHosts checks which Host names a server bound to all
// addresses answers for: the names it was given, this computer's name and
// addresses, and loopback; any other name, such as that of a site whose
// owner points it at this computer, gets 421 with how to allow it.
func TestHandlerHosts(t *testing.T) {
	hostname, err := os.Hostname()
	if err != nil {
		t.Skip(err)
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil || len(addrs) == 0 {
		t.Skip("no interface addresses", err)
	}
	s := testServer(t, map[string]string{"index.html": "<html></html>"})
	names := hostNames("guide.lan", false, []string{"Guide.Office.", "10.9.8.7"})
	for _, h := range names {
		s.hosts[h] = true
	}
	tests := []struct {
		host   string
		status int
	}{
		{"guide.lan:1313", 200},                    // the host of -addr
		{"guide.office:1313", 200},                 // -host, in any case, without the dot
		{"GUIDE.OFFICE.", 200},                     // and as written
		{"10.9.8.7:1313", 200},                     // -host, an address
		{strings.ToLower(hostname) + ":1313", 200}, // this computer's name
		{strings.TrimSuffix(strings.ToLower(hostname), ".local") + ".local:1313", 200},
		{net.JoinHostPort(addrs[0].(*net.IPNet).IP.String(), "1313"), 200}, // its address
		{"localhost:1313", 200},
		{"127.0.0.1:1313", 200},
		{"[::1]:1313", 200},
		{"evil.example:1313", 421},
		{"guide.lan.evil.example", 421},
		{"10.9.8.6:1313", 421},
		{"", 421},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "http://127.0.0.1:1313/", nil)
		r.Host = tt.host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != tt.status {
			t.Errorf("Host %q: status %d; want %d", tt.host, w.Code, tt.status)
		}
	}

	r := httptest.NewRequest("GET", "http://evil.example:1313/", nil)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	want := `guide serve does not answer for the name "evil.example"; open http://127.0.0.1:1313/ instead, or allow the name by starting guide serve with -host evil.example`
	if got := strings.TrimSpace(w.Body.String()); got != want {
		t.Errorf("the refusal says %q; want %q", got, want)
	}
}

// TestHostNames checks the names a server answers for besides loopback:
// on loopback only those given, elsewhere also the computer's own.
func TestHostNames(t *testing.T) {
	if got := hostNames("127.0.0.1", true, nil); len(got) != 0 {
		t.Errorf("on loopback: %q; want none", got)
	}
	if got := hostNames("localhost", true, []string{"guide.lan", "LOCALHOST"}); !slices.Equal(got, []string{"guide.lan"}) {
		t.Errorf("on loopback with -host: %q; want [guide.lan]", got)
	}
	all := hostNames("0.0.0.0", false, nil)
	if slices.Contains(all, "0.0.0.0") || slices.Contains(all, "") || slices.Contains(all, "localhost") {
		t.Errorf("the names hold the unspecified address, an empty name or loopback: %q", all)
	}
	if hostname, err := os.Hostname(); err == nil {
		base := strings.TrimSuffix(strings.ToLower(hostname), ".local")
		if !slices.Contains(all, base) || !slices.Contains(all, base+".local") {
			t.Errorf("%q lacks the computer's name %q with and without .local", all, hostname)
		}
	}
}

func TestParseHosts(t *testing.T) {
	got, err := parseHosts([]string{"guide.lan, Guide.Office", "10.0.0.1"})
	if want := []string{"guide.lan", "Guide.Office", "10.0.0.1"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	_, err = parseHosts([]string{"guide.lan,guide.lan:1313"})
	if want := `-host "guide.lan:1313" is not a host name: give a name such as guide.office.lan, or an address such as 192.168.1.20, without a port`; err == nil || err.Error() != want {
		t.Errorf("got %v; want %s", err, want)
	}
}

func TestValidHostName(t *testing.T) {
	tests := map[string]bool{
		"guide.office.lan": true, "DESKTOP-AB12": true, "192.168.1.20": true, "[fe80::1]": true, "fe80::1": true,
		"": false, "guide.lan:1313": false, "http://guide.lan/": false, "a b": false, "*": false,
	}
	for name, want := range tests {
		if got := validHostName(name); got != want {
			t.Errorf("validHostName(%q) = %v; want %v", name, got, want)
		}
	}
}

// TestSVGPolicy checks that pictures are sent with a policy that forbids
// script and loading, whatever they hold, and pages with the site's own.
func TestSVGPolicy(t *testing.T) {
	s := testServer(t, map[string]string{
		"index.html":      "<html><head></head><body>home</body></html>",
		"booking/map.svg": `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`,
		"site.css":        "body{}",
	})
	tests := map[string]string{
		"/booking/map.svg": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
		"/":                csp,
		"/site.css":        "",
	}
	for target, want := range tests {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", "http://127.0.0.1:1313"+target, nil))
		if got := w.Header().Get("Content-Security-Policy"); got != want {
			t.Errorf("GET %s: Content-Security-Policy %q; want %q", target, got, want)
		}
	}
}

func TestHubMerge(t *testing.T) {
	same := func(p string) swap { return swap{p, p} }
	tests := []struct {
		name   string
		events []event
		want   event
	}{
		{"one", []event{{kind: "reload", build: "1"}}, event{kind: "reload", build: "1"}},
		{"stylesheets merge", []event{{kind: "css", build: "1", css: []swap{same("/b.css")}}, {kind: "css", build: "2", css: []swap{same("/a.css"), same("/b.css")}}},
			event{kind: "css", build: "2", css: []swap{same("/a.css"), same("/b.css")}}},
		{"a stylesheet renamed twice", []event{{kind: "css", build: "1", css: []swap{{"/s.1.css", "/s.2.css"}}}, {kind: "css", build: "2", css: []swap{{"/s.2.css", "/s.3.css"}}}},
			event{kind: "css", build: "2", css: []swap{{"/s.1.css", "/s.3.css"}, {"/s.2.css", "/s.3.css"}}}},
		{"reload after css", []event{{kind: "css", build: "1", css: []swap{same("/a.css")}}, {kind: "reload", build: "2"}}, event{kind: "reload", build: "2"}},
		{"css after reload", []event{{kind: "reload", build: "1"}, {kind: "css", build: "2", css: []swap{same("/a.css")}}}, event{kind: "reload", build: "2"}},
	}
	for _, tt := range tests {
		h := newHub(10)
		c := h.join()
		for _, ev := range tt.events {
			h.broadcast(ev)
		}
		got := c.take()
		if got == nil || got.kind != tt.want.kind || got.build != tt.want.build || !slices.Equal(got.css, tt.want.css) {
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
	s := newServer(Options{}, "http://127.0.0.1:1313/", nil)
	s.opts.Site.Root = fstest.MapFS{
		"content/a.zh.md":       {Data: []byte("---\ntitle: 流程\nsumary: 中文\n---\n正文\t有错的地方。\n")},
		"content/\x1b[2J.en.md": {Data: []byte("---\ntitle: \x1b]0;owned\x07Steps\u202e\n---\n")},
	}
	list := diag.List{
		{Pos: diag.Pos{File: "content/a.zh.md", Line: 3, Col: 1}, Msg: `unknown key "sumary"`},
		{Pos: diag.Pos{File: "content/a.zh.md", Line: 5, Col: 5}, Msg: "a problem after a tab and wide characters"},
		{Pos: diag.Pos{File: "content/\x1b[2J.en.md", Line: 2, Col: 23}, Msg: "title \"\x1b]0;owned\x07Steps\u202e\" is odd"},
		{Pos: diag.Pos{File: "-base-url"}, Msg: "no source"},
		{Pos: diag.Pos{File: "content/a.en.md"}, Msg: "the English translation is missing\x1b[31m", Level: diag.LevelUnfinished},
	}
	var out bytes.Buffer
	s.printf(&out, "%s", s.terminalReport(list))
	// A tab shows as a space, and the caret stands under the column;
	// control characters and direction marks show as escapes.
	want := `content/a.zh.md:3:1: unknown key "sumary"
    1 | ---
    2 | title: 流程
  > 3 | sumary: 中文
      | ^
    4 | ---
    5 | 正文 有错的地方。
content/a.zh.md:5:5: a problem after a tab and wide characters
    3 | sumary: 中文
    4 | ---
  > 5 | 正文 有错的地方。
      |        ^
    6 | 
content/\x1b[2J.en.md:2:23: title "\x1b]0;owned\x07Steps\u202e" is odd
    1 | ---
  > 2 | title: \x1b]0;owned\x07Steps\u202e
      |                             ^
    3 | ---
    4 | 
-base-url: no source
content/a.en.md: warning: the English translation is missing\x1b[31m
`
	if got := out.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	html := string(s.renderOverlay(list))
	for _, w := range []string{`<code>content/a.zh.md:5:5</code>`, `正文 有<mark>错</mark>的地方。`, `unknown key &#34;sumary&#34;`, "5 problems",
		`<code>content/\x1b[2J.en.md:2:23</code>`, `title &#34;\x1b]0;owned\x07Steps\u202e&#34; is odd`, `title: \x1b]0;owned\x07Steps<mark>\u202e</mark>`} {
		if !strings.Contains(html, w) {
			t.Errorf("overlay lacks %q:\n%s", w, html)
		}
	}
	banner := string(s.renderBanner(list[4:]))
	if !strings.Contains(banner, `missing\x1b[31m`) {
		t.Errorf("banner lacks the escaped message:\n%s", banner)
	}
	for _, page := range []string{html, banner} {
		if strings.ContainsAny(page, "\x1b\x07\u202e") {
			t.Errorf("a control character reaches the page:\n%q", page)
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
		{watch.Batch{Paths: []string{"content/\x1b]0;owned\x07\u202e.zh.md"}, Events: 1}, `content/\x1b]0;owned\x07\u202e.zh.md changed`},
	}
	for _, tt := range tests {
		if got := describe(tt.b).String(); got != tt.want {
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

// TestBannerWords checks that the banner says what its warnings stop: the
// unfinished work, listed first, stops guide build; advice stops nothing.
func TestBannerWords(t *testing.T) {
	unfinished := &diag.Error{Pos: diag.Pos{File: "content/b.en.md"}, Msg: "the 中文 translation is missing", Level: diag.LevelUnfinished}
	advice := &diag.Error{Pos: diag.Pos{File: "content/a.zh.md", Line: 3, Col: 10}, Msg: "a short description", Level: diag.LevelWarning}
	for _, tt := range []struct {
		list diag.List
		want string
	}{
		{diag.List{unfinished}, "<strong>1 warning</strong>: guide serve shows the page, but guide build will refuse it until this is done."},
		{diag.List{advice, advice}, "<strong>2 warnings</strong>: advice only; guide build publishes the guide all the same."},
		{diag.List{advice, unfinished}, "<strong>2 warnings</strong>: guide serve shows the page, but guide build will refuse it until the first is done; the others are advice.</p>\n<ul>\n<li><code>content/b.en.md</code>"},
		{diag.List{advice, unfinished, unfinished}, "until the first 2 are done; the others are advice."},
	} {
		s := testServer(t, nil)
		if got := string(s.renderBanner(tt.list)); !strings.Contains(got, tt.want) {
			t.Errorf("the banner of %d warnings lacks %q:\n%s", len(tt.list), tt.want, got)
		}
	}
}
