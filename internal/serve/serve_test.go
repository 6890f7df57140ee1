package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"guide/internal/serve"
)

// These tests run the whole server: real files in a temporary folder,
// real file events, a real HTTP server on 127.0.0.1 and a client of its
// event stream.

var fixture = map[string]string{
	"content/site.yaml":    "baseURL: https://example.gov.cn/\nconfirmed: 2025-04-08\nlanguages:\n  - {code: zh, tag: zh-CN, name: 中文, title: 指南, cjk: true}\n  - {code: en, tag: en, name: English, title: Guide}\n",
	"content/_index.zh.md": "---\ntitle: 首页\nsummary: 首页摘要。\n---\n见[流程](a.zh.md)。\n",
	"content/_index.en.md": "---\ntitle: Home\nsummary: Home summary.\n---\nSee [the steps](a.en.md).\n",
	"content/a.zh.md":      "---\ntitle: 流程\nsummary: 流程摘要。\n---\n正文。\n",
	"content/a.en.md":      "---\ntitle: Steps\nsummary: Steps summary.\n---\nText.\n",
	"layouts/base.html":    `<!DOCTYPE html><html lang="{{.Lang.Tag}}"><head><meta charset="utf-8"><title>{{.Page.Title}}</title><link rel="stylesheet" href="{{.Asset "/site.css"}}"></head><body>{{block "main" .}}{{end}}</body></html>` + "\n",
	"layouts/home.html":    `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Intro}}<ul>{{range .Children}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>{{end}}`,
	"layouts/section.html": `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Intro}}<ul>{{range .Children}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>{{end}}`,
	"layouts/page.html":    `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Intro}}{{end}}`,
	"layouts/404.html":     `{{define "main"}}<h1>{{.T "not_found"}}</h1>{{end}}`,
	"layouts/i18n/zh.yaml": "not_found: 找不到页面\n",
	"layouts/i18n/en.yaml": "not_found: Page not found\n",
	"static/site.css":      "body {\n  color : black;\n}\n",
}

// The published names of the test site's stylesheet and picture, which
// carry a hash of their content.
var (
	hashedCSS = regexp.MustCompile(`/site\.[0-9a-f]{8}\.css`)
	hashedSVG = regexp.MustCompile(`/map\.[0-9a-f]{8}\.svg`)
)

// linked returns the address that the page at target names, matched by
// re: the published name of a stylesheet.
func (g *guide) linked(target string, re *regexp.Regexp) string {
	g.t.Helper()
	body := g.mustGet(target, 200)
	m := re.FindString(body)
	if m == "" {
		g.t.Fatalf("%s names nothing that matches %s:\n%s", target, re, body)
	}
	return m
}

// guide is a running guide serve and what it printed.
type guide struct {
	t      testing.TB
	dir    string
	url    string
	out    *syncBuffer
	errOut *syncBuffer
	stop   func()
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start writes files into a temporary folder and serves them.
func start(t testing.TB, files map[string]string, opts serve.Options) *guide {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return startIn(t, dir, opts)
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// startIn serves the folder dir.
func startIn(t testing.TB, dir string, opts serve.Options) *guide {
	t.Helper()
	g := &guide{t: t, dir: dir, out: &syncBuffer{}, errOut: &syncBuffer{}}
	opts.Dir = g.dir
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	opts.Stdout, opts.Stderr = g.out, g.errOut
	ready := make(chan string, 1)
	opts.Ready = func(url string) { ready <- url }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, opts) }()
	select {
	case g.url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve.Run: %v\n%s", err, g.errOut)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("the server did not start")
	}
	var once sync.Once
	g.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve.Run: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Errorf("serve.Run did not return 10 s after its context ended")
			}
		})
	}
	t.Cleanup(g.stop)
	return g
}

func (g *guide) path(name string) string { return filepath.Join(g.dir, filepath.FromSlash(name)) }

func (g *guide) write(name, data string) {
	g.t.Helper()
	if err := os.MkdirAll(filepath.Dir(g.path(name)), 0o755); err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(g.path(name), []byte(data), 0o644); err != nil {
		g.t.Fatal(err)
	}
}

func (g *guide) do(err error) {
	g.t.Helper()
	if err != nil {
		g.t.Fatal(err)
	}
}

// get fetches a path and returns the status and body.
func (g *guide) get(path string) (int, string) {
	g.t.Helper()
	resp, err := http.Get(strings.TrimSuffix(g.url, "/") + path)
	if err != nil {
		g.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		g.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// mustGet fetches a path, expecting status, and returns the body.
func (g *guide) mustGet(path string, status int) string {
	g.t.Helper()
	code, body := g.get(path)
	if code != status {
		g.t.Fatalf("GET %s: status %d; want %d\n%s", path, code, status, body)
	}
	return body
}

// sse is a client of the event stream.
type sse struct {
	t      testing.TB
	events chan sseEvent
}

type sseEvent struct{ name, data string }

// listen opens the event stream and waits for its hello.
func (g *guide) listen() *sse {
	g.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", g.url+"_guide/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		g.t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		cancel()
		g.t.Fatalf("event stream: status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s := &sse{t: g.t, events: make(chan sseEvent, 100)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					s.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
		close(s.events)
	}()
	g.t.Cleanup(cancel)
	if ev := s.next(); ev.name != "hello" {
		g.t.Fatalf("first event %q; want hello", ev.name)
	}
	return s
}

// next waits for the next event.
func (s *sse) next() sseEvent {
	s.t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			s.t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(15 * time.Second):
		s.t.Fatal("no event after 15 s")
	}
	return sseEvent{}
}

// expect waits for one event named name and checks that no other follows
// for a while, which has to be waited for in real time.
func (s *sse) expect(name string) sseEvent {
	s.t.Helper()
	ev := s.next()
	if ev.name != name {
		s.t.Fatalf("got event %q %s; want %q", ev.name, ev.data, name)
	}
	s.none()
	return ev
}

// none checks that no event arrives for a while.
func (s *sse) none() {
	s.t.Helper()
	select {
	case ev := <-s.events:
		s.t.Fatalf("got another event %q %s; want exactly one per change", ev.name, ev.data)
	case <-time.After(400 * time.Millisecond):
	}
}

func TestServeStartup(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	if !strings.Contains(g.out.String(), "built 4 pages (zh 2, en 2), 1 static files in ") ||
		!strings.Contains(g.out.String(), "serving the guide at http://127.0.0.1:") {
		t.Errorf("output:\n%s", g.out)
	}
	body := g.mustGet("/", 200)
	if !strings.Contains(body, `<script src="/_guide/reload.js" data-build=`) || !strings.Contains(body, "首页") {
		t.Errorf("home page lacks the reload script or its text:\n%s", body)
	}
	if css := g.mustGet(g.linked("/", hashedCSS), 200); strings.Contains(css, "_guide") || !strings.Contains(css, "color:") {
		t.Errorf("site.css: %q", css)
	}
	g.mustGet("/_guide/reload.js", 200)
	g.mustGet("/_guide/overlay.css", 200)
}

func TestServeEdit(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	g.write("content/a.zh.md", "---\ntitle: 流程\nsummary: 流程摘要。\n---\n新的正文。\n")
	events.expect("reload")
	if body := g.mustGet("/a/", 200); !strings.Contains(body, "新的正文") {
		t.Errorf("the page does not show the edit right after the reload event:\n%s", body)
	}
	if !strings.Contains(g.out.String(), "content/a.zh.md changed: rebuilt 1 page in ") {
		t.Errorf("output lacks the rebuild line:\n%s", g.out)
	}
	// A title shown on the home page renders the home page too.
	g.write("content/a.en.md", "---\ntitle: The steps\nsummary: Steps summary.\n---\nText.\n")
	events.expect("reload")
	if body := g.mustGet("/en/", 200); !strings.Contains(body, "The steps") {
		t.Errorf("the home page does not show the new title:\n%s", body)
	}
	if !strings.Contains(g.out.String(), "content/a.en.md changed: rebuilt 2 pages in ") {
		t.Errorf("output:\n%s", g.out)
	}
}

func TestServeCreateDeleteRename(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	g.write("content/b.zh.md", "---\ntitle: 乙\nsummary: 乙。\n---\n乙。\n")
	g.write("content/b.en.md", "---\ntitle: B\nsummary: B.\n---\nB.\n")
	events.expect("reload")
	g.mustGet("/b/", 200)
	g.mustGet("/en/b/", 200)

	g.do(os.Rename(g.path("content/b.zh.md"), g.path("content/c.zh.md")))
	g.do(os.Rename(g.path("content/b.en.md"), g.path("content/c.en.md")))
	events.expect("reload")
	g.mustGet("/c/", 200)
	if body := g.mustGet("/b/", 404); !strings.Contains(body, "找不到页面") {
		t.Errorf("/b/ after the rename: not the site's 404 page:\n%s", body)
	}

	g.do(os.Remove(g.path("content/c.zh.md")))
	g.do(os.Remove(g.path("content/c.en.md")))
	events.expect("reload")
	g.mustGet("/c/", 404)
	g.mustGet("/en/c/", 404)
}

func TestServeNewFolder(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	g.write("content/sec/_index.zh.md", "---\ntitle: 栏目\nsummary: 栏目。\n---\n栏目。\n")
	g.write("content/sec/_index.en.md", "---\ntitle: Section\nsummary: Section.\n---\nSection.\n")
	g.write("content/sec/deep/d.zh.md", "---\ntitle: 丁\nsummary: 丁。\n---\n丁。\n")
	g.write("content/sec/deep/d.en.md", "---\ntitle: D\nsummary: D.\n---\nD.\n")
	events.next()
	for _, p := range []string{"/sec/", "/en/sec/", "/sec/deep/d/", "/en/sec/deep/d/"} {
		waitFor(t, func() bool { code, _ := g.get(p); return code == 200 }, "GET "+p)
	}
	// Files in the new folders are watched.
	g.write("content/sec/deep/d.en.md", "---\ntitle: D\nsummary: D.\n---\nDeeper.\n")
	waitFor(t, func() bool { _, body := g.get("/en/sec/deep/d/"); return strings.Contains(body, "Deeper") }, "the edit in the new folder")
	// The folder removed: no stale page.
	g.do(os.RemoveAll(g.path("content/sec")))
	waitFor(t, func() bool { code, _ := g.get("/sec/deep/d/"); return code == 404 }, "the removed folder's pages to go")
}

// waitFor polls cond, for changes that may arrive as more than one event.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 15 s for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServeAtomicSave(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	g.write("content/.a.zh.md.tmp", "---\ntitle: 流程\nsummary: 流程摘要。\n---\n原子保存。\n")
	g.do(os.Rename(g.path("content/.a.zh.md.tmp"), g.path("content/a.zh.md")))
	events.expect("reload")
	if body := g.mustGet("/a/", 200); !strings.Contains(body, "原子保存") {
		t.Errorf("the page does not show the save:\n%s", body)
	}
}

func TestServeEditorTempFiles(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	before := g.out.String()
	for _, name := range []string{".a.zh.md.swp", "4913", "a.zh.md~", ".#a.zh.md", "a.zh.md___jb_tmp___", ".DS_Store"} {
		g.write("content/"+name, "junk")
		g.write("static/"+name, "junk")
	}
	events.none()
	if after := g.out.String(); after != before {
		t.Errorf("editor files made output: %q", strings.TrimPrefix(after, before))
	}
	g.mustGet("/4913", 404)
	g.mustGet("/.DS_Store", 404)
}

// TestServeBurst writes 500 pages at once, as a git checkout does, and
// checks that they make a few rebuilds, not one per file, and that all are
// served. How few depends on how fast the machine writes them: a busy
// machine pauses between writes longer than the watcher's quiet time.
func TestServeBurst(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	for i := range 250 {
		g.write(fmt.Sprintf("content/many/p%03d.zh.md", i), fmt.Sprintf("---\ntitle: 页%d\nsummary: 摘要。\n---\n正文%d。\n", i, i))
		g.write(fmt.Sprintf("content/many/p%03d.en.md", i), fmt.Sprintf("---\ntitle: Page %d\nsummary: Summary.\n---\nText %d.\n", i, i))
	}
	n := 0
	for {
		events.next()
		n++
		if code, _ := g.get("/en/many/p249/"); code == 200 {
			if code, _ := g.get("/many/p000/"); code == 200 {
				break
			}
		}
	}
	events.none()
	if n > 10 {
		t.Errorf("500 files made %d reloads; want a few, at most 10", n)
	}
	for _, p := range []string{"/many/p000/", "/many/p123/", "/en/many/p249/"} {
		g.mustGet(p, 200)
	}
}

func TestServeBrokenFrontMatter(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	g.write("content/a.zh.md", "---\ntitle: 流程\nsumary: 流程摘要。\n---\n坏了。\n")
	events.expect("reload")
	for _, p := range []string{"/a/", "/", "/en/", "/missing/"} {
		_, body := g.get(p)
		for _, want := range []string{`id="guide-overlay"`, "content/a.zh.md:3:1", "unknown key", "sumary", `<span class="guide-ln" aria-hidden="true">3</span>`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: the overlay lacks %q:\n%s", p, want, body)
			}
		}
	}
	// The last good build stays underneath.
	if body := g.mustGet("/a/", 200); !strings.Contains(body, "<h1>流程</h1><p>正文。</p>") {
		t.Errorf("the page under the overlay is not the last good build:\n%s", body)
	}
	if e := g.errOut.String(); !strings.Contains(e, "content/a.zh.md:3:1:") || !strings.Contains(e, "> 3 | sumary: 流程摘要。") {
		t.Errorf("the terminal does not show the problem with its line:\n%s", e)
	}

	g.write("content/a.zh.md", "---\ntitle: 流程\nsummary: 流程摘要。\n---\n修好了。\n")
	events.expect("reload")
	if body := g.mustGet("/a/", 200); strings.Contains(body, "guide-overlay") || !strings.Contains(body, "修好了") {
		t.Errorf("after the fix, the overlay stays or the page is old:\n%s", body)
	}
	if !strings.Contains(g.out.String(), "(fixed)") {
		t.Errorf("output does not say it is fixed:\n%s", g.out)
	}
}

func TestServeBrokenTemplate(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	g.write("layouts/page.html", `{{define "main"}}<h1>{{.Page.Title}</h1>{{end}}`)
	events.expect("reload")
	body := g.mustGet("/a/", 200)
	if !strings.Contains(body, "<code>layouts/page.html:1</code>") || !strings.Contains(body, "guide-overlay") {
		t.Errorf("the overlay does not name layouts/page.html:1:\n%s", body)
	}
	g.write("layouts/page.html", `{{define "main"}}<h1 class="fixed">{{.Page.Title}}</h1>{{.Intro}}{{end}}`)
	events.expect("reload")
	if body := g.mustGet("/a/", 200); strings.Contains(body, "guide-overlay") || !strings.Contains(body, `<h1 class="fixed">`) {
		t.Errorf("after the fix:\n%s", body)
	}
}

// TestServeScriptedPicture saves a picture with a script while the server
// runs: the picture is refused, with its place, in the panel and the
// terminal, and never served; a clean one is served with its policy.
func TestServeScriptedPicture(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	g.write("static/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(1)</script>\n</svg>\n")
	events.expect("reload")
	if body := g.mustGet("/a/", 200); !strings.Contains(body, "<code>static/map.svg:2:3</code>") || !strings.Contains(body, "&lt;script&gt; is not allowed in a picture") {
		t.Errorf("the overlay does not show the problem at static/map.svg:2:3:\n%s", body)
	}
	if e := g.errOut.String(); !strings.Contains(e, "static/map.svg:2:3: <script> is not allowed in a picture") {
		t.Errorf("the terminal does not show the problem:\n%s", e)
	}
	g.mustGet("/map.svg", 404)

	g.write("static/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect width=\"1\" height=\"1\"/>\n</svg>\n")
	events.expect("reload")
	// A page shows it, under its published name.
	g.write("content/a.zh.md", "---\ntitle: 流程\nsummary: 流程摘要。\n---\n![地图](/map.svg)\n")
	events.expect("reload")
	resp, err := http.Get(g.url + strings.TrimPrefix(g.linked("/a/", hashedSVG), "/"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox" {
		t.Errorf("the clean picture: status %d, policy %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
}

func TestServeCSSOnly(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	before := g.linked("/", hashedCSS)
	g.write("static/site.css", "body { color: navy; }\n")
	ev := events.expect("css")
	after := g.linked("/", hashedCSS)
	if want := `"css":[{"from":"` + before + `","to":"` + after + `"}]`; before == after || !strings.Contains(ev.data, want) {
		t.Errorf("css event %s; want it to swap %s for %s", ev.data, before, after)
	}
	if css := g.mustGet(after, 200); !strings.Contains(css, "navy") {
		t.Errorf("the stylesheet after the change: %q", css)
	}
	g.mustGet(before, 404)
}

func TestServeFirstBuildBroken(t *testing.T) {
	files := map[string]string{}
	for k, v := range fixture {
		files[k] = v
	}
	files["content/a.en.md"] = "---\ntitle: [\n---\n"
	g := start(t, files, serve.Options{})
	body := g.mustGet("/", 503)
	if !strings.Contains(body, "content/a.en.md:2:") {
		t.Errorf("the page does not show the problem:\n%s", body)
	}
	events := g.listen()
	g.write("content/a.en.md", fixture["content/a.en.md"])
	events.expect("reload")
	g.mustGet("/", 200)
}

func TestServeWarningsAndDrafts(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	g.write("content/draft.zh.md", "---\ntitle: 草稿\nsummary: 草稿。\ndraft: true\n---\n草稿。\n")
	events.expect("reload")
	body := g.mustGet("/draft/", 200)
	if !strings.Contains(body, `id="guide-warnings"`) || !strings.Contains(body, "translation is missing") {
		t.Errorf("the page lacks the banner about the missing translation:\n%s", body)
	}
	if !strings.Contains(g.errOut.String(), "warning: the English translation is missing") {
		t.Errorf("the terminal does not show the warning:\n%s", g.errOut)
	}
}

// TestServeRequests checks what the server refuses, with raw requests
// that no HTTP client would normalise.
func TestServeRequests(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	host := strings.TrimSuffix(strings.TrimPrefix(g.url, "http://"), "/")
	tests := []struct {
		request string
		status  int
	}{
		{"GET / HTTP/1.1\r\nHost: " + host, 200},
		{"HEAD / HTTP/1.1\r\nHost: " + host, 200},
		{"GET /../../etc/passwd HTTP/1.1\r\nHost: " + host, 400},
		{"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: " + host, 400},
		{"GET /a/%2E%2E/%2E%2E/etc/passwd HTTP/1.1\r\nHost: " + host, 400},
		{"GET /..%2f..%2fetc/passwd HTTP/1.1\r\nHost: " + host, 400},
		{"GET /..%5c..%5cwindows HTTP/1.1\r\nHost: " + host, 400},
		{"GET /a/./ HTTP/1.1\r\nHost: " + host, 400},
		{"GET //example.com/ HTTP/1.1\r\nHost: " + host, 400},
		{"GET /content/a.zh.md HTTP/1.1\r\nHost: " + host, 404},
		{"GET /layouts/base.html HTTP/1.1\r\nHost: " + host, 404},
		{"GET /en HTTP/1.1\r\nHost: " + host, 301},
		{"POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0", 405},
		{"DELETE /a/ HTTP/1.1\r\nHost: " + host, 405},
		{"GET / HTTP/1.1\r\nHost: attacker.example:" + strings.Split(host, ":")[1], 421},
		{"GET / HTTP/1.1\r\nHost: localhost:" + strings.Split(host, ":")[1], 200},
		{"GET / HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://attacker.example", 403},
		{"GET / HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://" + host, 200},
		{"GET /" + strings.Repeat("a", 3000) + " HTTP/1.1\r\nHost: " + host, 414},
	}
	for _, tt := range tests {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "%s\r\nConnection: close\r\n\r\n", tt.request)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%q: %v", tt.request, err)
		}
		resp.Body.Close()
		conn.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%.60q: status %d; want %d", tt.request, resp.StatusCode, tt.status)
		}
	}
}

// TestServeAllAddresses starts the server on every address, as an editor
// does to let a colleague look: it says which names it answers for, and
// answers for those and no other.
func TestServeAllAddresses(t *testing.T) {
	g := start(t, fixture, serve.Options{Addr: "0.0.0.0:0", Hosts: []string{"guide.test,preview.test"}})
	hostname, err := os.Hostname()
	if err != nil {
		t.Skip(err)
	}
	out := g.out.String()
	line := ""
	for l := range strings.SplitSeq(out, "\n") {
		if strings.HasPrefix(l, "answering for localhost and ") {
			line = l
		}
	}
	for _, want := range []string{"guide.test", "preview.test", strings.ToLower(hostname), "-host NAME"} {
		if !strings.Contains(line, want) {
			t.Errorf("the line of names %q lacks %q; output:\n%s", line, want, out)
		}
	}
	port := g.url[strings.LastIndex(g.url, ":")+1 : len(g.url)-1]
	for host, want := range map[string]int{"guide.test": 200, "preview.test:" + port: 200, "localhost": 200, "evil.example": 421} {
		conn, err := net.Dial("tcp", "127.0.0.1:"+port)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", host)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		conn.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: status %d; want %d", host, resp.StatusCode, want)
		}
	}
}

func TestServeTooManyStreams(t *testing.T) {
	g := start(t, fixture, serve.Options{MaxClients: 2})
	g.listen()
	g.listen()
	resp, err := http.Get(g.url + "_guide/events")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("third stream: status %d; want 503", resp.StatusCode)
	}
}

// TestServeStops checks that the server stops promptly when its context
// ends, with event streams open.
func TestServeStops(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	events := g.listen()
	start := time.Now()
	g.stop()
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("stopping took %v", d)
	}
	select {
	case _, ok := <-events.events:
		if ok {
			t.Errorf("an event after the stop")
		}
	case <-time.After(5 * time.Second):
		t.Errorf("the event stream is still open after the stop")
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := t.TempDir()
	err = serve.Run(context.Background(), serve.Options{Dir: dir, Addr: ln.Addr().String()})
	if err == nil || !strings.Contains(err.Error(), "-addr") {
		t.Errorf("got %v; want an error that suggests -addr", err)
	}
}

func TestServePoll(t *testing.T) {
	g := start(t, fixture, serve.Options{Poll: 50 * time.Millisecond})
	events := g.listen()
	g.write("content/a.zh.md", "---\ntitle: 流程\nsummary: 流程摘要。\n---\n轮询看到的正文。\n")
	events.expect("reload")
	if body := g.mustGet("/a/", 200); !strings.Contains(body, "轮询看到的正文") {
		t.Errorf("the page does not show the edit:\n%s", body)
	}
}

// TestServeFileReplacedByFolder replaces a page by a folder of the same
// name: the page is gone, the link to it is reported, and putting the file
// back fixes the guide.
func TestServeFileReplacedByFolder(t *testing.T) {
	g := start(t, fixture, serve.Options{})
	g.do(os.Remove(g.path("content/a.zh.md")))
	g.write("content/a.zh.md/b.zh.md", "---\ntitle: 乙\nsummary: 乙。\n---\n乙。\n")
	waitFor(t, func() bool {
		_, body := g.get("/")
		return strings.Contains(body, "content/_index.zh.md:5:") && strings.Contains(body, "a.zh.md")
	}, "the broken link to be reported")
	g.do(os.RemoveAll(g.path("content/a.zh.md")))
	g.write("content/a.zh.md", fixture["content/a.zh.md"])
	waitFor(t, func() bool { _, body := g.get("/a/"); return !strings.Contains(body, "guide-overlay") }, "the fix")
	g.mustGet("/a/", 200)
}
