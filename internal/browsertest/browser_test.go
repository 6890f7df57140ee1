package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// shared is the one browser of this test binary, as doc.go recommends.
var shared Browser

func TestMain(m *testing.M) {
	code := m.Run()
	shared.Close()
	os.Exit(code)
}

// foreignURL is in TEST-NET-2 (RFC 5737), so no server answers there. The
// request fails or hangs, but the Recorder must see that it was made.
const foreignURL = "http://198.51.100.1/x.png"

// writeSite writes the files of a site, by name, into a new directory.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// open serves dir, opens its index in a new tab and waits until the page is
// quiet. It returns the tab, its Recorder and the base URL.
func open(t *testing.T, dir string) (context.Context, *Recorder, string) {
	t.Helper()
	ctx := shared.New(t)
	rec := Record(t, ctx)
	base := Serve(t, dir)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatalf("navigating to %s: %v", base, err)
	}
	if err := rec.WaitIdle(ctx, 500*time.Millisecond); err != nil {
		t.Fatalf("waiting for the page: %v", err)
	}
	return ctx, rec, base
}

// eventually polls cond until it is true or ctx ends.
func eventually(ctx context.Context, cond func() bool) bool {
	for !cond() {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(50 * time.Millisecond):
		}
	}
	return true
}

func TestRecorderSeesForeignRequestAndErrors(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, map[string]string{
		"index.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>foreign</title>
<link rel="icon" href="data:,"></head>
<body><p>A page that calls out.</p>
<script>
fetch("` + foreignURL + `", {mode: "no-cors"}).catch(() => {});
console.error("harness-check", 42);
</script>
<script>throw new Error("harness-exception");</script>
</body></html>`,
	})
	ctx, rec, base := open(t, dir)

	seen := eventually(ctx, func() bool { return slices.Contains(rec.Requests(), foreignURL) })
	if !seen {
		t.Errorf("the Recorder did not see the request for %s; it saw %q", foreignURL, rec.Requests())
	}
	if got := rec.RequestsOutside(base); !slices.Contains(got, foreignURL) {
		t.Errorf("RequestsOutside(%q) = %q, want it to hold %s", base, got, foreignURL)
	}
	if got := rec.RequestsOutside(base, "http://198.51.100.1:80/other"); len(got) != 0 {
		t.Errorf("RequestsOutside with the foreign origin allowed = %q, want none", got)
	}

	var console, exception bool
	for _, m := range rec.Errors() {
		switch {
		case m.Kind == KindConsole && m.Text == "harness-check 42":
			console = true
		case m.Kind == KindException && strings.Contains(m.Text, "harness-exception"):
			exception = true
		}
	}
	if !console {
		t.Errorf("the Recorder did not see console.error; it saw %v", rec.Errors())
	}
	if !exception {
		t.Errorf("the Recorder did not see the exception; it saw %v", rec.Errors())
	}

	// The assertions must fail on this page.
	fake := &fakeTB{TB: t}
	fake.run(func() { rec.AssertNoRequestsOutside(fake, base) })
	if !fake.failed || !strings.Contains(fake.msg, foreignURL) {
		t.Errorf("AssertNoRequestsOutside did not fail with the URL; failed=%v msg=%q", fake.failed, fake.msg)
	}
	fake = &fakeTB{TB: t}
	fake.run(func() { rec.AssertNoErrors(fake) })
	if !fake.failed || !strings.Contains(fake.msg, "harness-check") {
		t.Errorf("AssertNoErrors did not fail with the message; failed=%v msg=%q", fake.failed, fake.msg)
	}
}

func TestRecorderCleanSameOriginPage(t *testing.T) {
	t.Parallel()
	// No favicon: the browser's own request for /favicon.ico fails with a
	// 404, and that must not count as an error of the page.
	dir := writeSite(t, map[string]string{
		"index.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>clean</title>
<link rel="stylesheet" href="/css/site.css"></head>
<body><h1>Clean</h1>
<img src="/img/dot.svg" alt="">
<img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E" alt="">
<script src="/js/site.js"></script>
</body></html>`,
		"css/site.css": `body { font-family: sans-serif; }`,
		"img/dot.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><circle cx="2" cy="2" r="2"/></svg>`,
		"js/site.js":   `document.body.dataset.ready = "yes"; console.log("fine");`,
	})
	_, rec, base := open(t, dir)

	rec.AssertNoRequestsOutside(t, base)
	rec.AssertNoErrors(t)
	if got := rec.CSPViolations(); len(got) != 0 {
		t.Errorf("CSPViolations() = %v, want none", got)
	}
	for _, want := range []string{base + "/", base + "/css/site.css", base + "/img/dot.svg", base + "/js/site.js"} {
		if !slices.Contains(rec.Requests(), want) {
			t.Errorf("Requests() = %q, want it to hold %s", rec.Requests(), want)
		}
	}
}

func TestRecorderSeesCSPViolation(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, map[string]string{
		"index.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>csp</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:">
<link rel="icon" href="data:,"></head>
<body><img src="http://198.51.100.2/blocked.png" alt=""></body></html>`,
	})
	ctx, rec, base := open(t, dir)

	if !eventually(ctx, func() bool { return len(rec.CSPViolations()) > 0 }) {
		t.Fatalf("the Recorder saw no CSP violation; it saw %v", rec.Errors())
	}
	if v := rec.CSPViolations()[0]; !strings.Contains(v.Text, "198.51.100.2") {
		t.Errorf("the CSP violation %v does not name the blocked URL", v)
	}
	// The browser blocked the image, but the page did ask for it.
	if got := rec.RequestsOutside(base); !slices.Contains(got, "http://198.51.100.2/blocked.png") {
		t.Errorf("RequestsOutside(%q) = %q, want the blocked image", base, got)
	}
}

func TestNewOwnBrowserAndScreenshot(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, map[string]string{
		"index.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tall</title>
<link rel="icon" href="data:,">
<style>html, body { margin: 0; } div { height: 1500px; background: #2a6; }</style></head>
<body><div>中文 tall</div></body></html>`,
	})
	ctx := New(t) // a browser of its own, not the shared one
	base := Serve(t, dir)
	if err := chromedp.Do(ctx, SetViewport(640, 480), chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int]("window.innerWidth"))
	if err != nil {
		t.Fatal(err)
	}
	if width != 640 {
		t.Errorf("window.innerWidth = %d after SetViewport(640, 480), want 640", width)
	}

	out := filepath.Join(t.TempDir(), "shot.png")
	if err := Screenshot(ctx, out); err != nil {
		t.Fatal(err)
	}
	buf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("the screenshot is no PNG: %v", err)
	}
	if cfg.Width != 640 || cfg.Height != 1500 {
		t.Errorf("the screenshot is %dx%d, want the full page, 640x1500", cfg.Width, cfg.Height)
	}
}

func TestServe(t *testing.T) {
	t.Parallel()
	with := writeSite(t, map[string]string{
		"index.html": "home",
		"404.html":   "custom not found",
		"a/b.txt":    "b",
	})
	without := writeSite(t, map[string]string{"index.html": "home"})

	tests := []struct {
		dir, path  string
		wantStatus int
		wantBody   string
	}{
		{with, "/", http.StatusOK, "home"},
		{with, "/a/b.txt", http.StatusOK, "b"},
		{with, "/missing", http.StatusNotFound, "custom not found"},
		{with, "/a/missing.html", http.StatusNotFound, "custom not found"},
		{without, "/missing", http.StatusNotFound, "404 page not found\n"},
	}
	for _, tt := range tests {
		base := Serve(t, tt.dir)
		if !strings.HasPrefix(base, "http://127.0.0.1:") {
			t.Errorf("Serve returned %q, want a URL on 127.0.0.1", base)
		}
		resp, err := http.Get(base + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tt.wantStatus || string(body) != tt.wantBody {
			t.Errorf("GET %s = %d %q, want %d %q", tt.path, resp.StatusCode, body, tt.wantStatus, tt.wantBody)
		}
	}
}

func TestOriginOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"http://127.0.0.1:8080/a/b?c", "http://127.0.0.1:8080", true},
		{"HTTP://Example.COM:80/", "http://example.com", true},
		{"https://example.com:443", "https://example.com", true},
		{"https://example.com:8443/x", "https://example.com:8443", true},
		{"http://[::1]:9000/", "http://[::1]:9000", true},
		{"http://[::1]/", "http://[::1]", true},
		{"data:image/png;base64,AAAA", "", false},
		{"about:blank", "", false},
	}
	for _, tt := range tests {
		got, ok := originOf(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("originOf(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNoBrowser checks what New does when CHROME_PATH names no browser: a
// skip, or under CI=true a failure.
func TestNoBrowser(t *testing.T) {
	t.Setenv("CHROME_PATH", "/nonexistent/chromium")
	t.Setenv(EnvBrowser, "")
	for _, ci := range []string{"", "false", "true"} {
		t.Run("CI="+ci, func(t *testing.T) {
			t.Setenv("CI", ci)
			fake := &fakeTB{TB: t}
			var b Browser
			fake.run(func() { b.New(fake) })
			if ci == "true" {
				if !fake.failed || fake.skipped || !strings.Contains(fake.msg, "CI=true: browser tests must run; install Debian's chromium") {
					t.Errorf("with CI=true: failed=%v skipped=%v msg=%q, want a failure", fake.failed, fake.skipped, fake.msg)
				}
				return
			}
			if !fake.skipped || fake.failed || !strings.Contains(fake.msg, "/nonexistent/chromium") {
				t.Errorf("with CI=%q: failed=%v skipped=%v msg=%q, want a skip that names the path", ci, fake.failed, fake.skipped, fake.msg)
			}
		})
	}
}

// TestSkipAsked checks that GUIDE_BROWSER=skip skips a browser test
// without looking for a browser, except under CI=true.
func TestSkipAsked(t *testing.T) {
	t.Setenv(EnvBrowser, "skip")
	t.Setenv("CHROME_PATH", "/nonexistent/chromium")
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		fake := &fakeTB{TB: t}
		var b Browser
		fake.run(func() { b.New(fake) })
		if ci == "true" && (!fake.failed || fake.skipped) {
			t.Errorf("with CI=true: failed=%v skipped=%v msg=%q, want a failure", fake.failed, fake.skipped, fake.msg)
		}
		if ci == "" && (!fake.skipped || !strings.Contains(fake.msg, "GUIDE_BROWSER=skip")) {
			t.Errorf("without CI: skipped=%v msg=%q, want a skip that names GUIDE_BROWSER=skip", fake.skipped, fake.msg)
		}
	}
}

func TestNewAfterCloseFails(t *testing.T) {
	t.Parallel()
	var b Browser
	b.Close()
	b.Close()
	fake := &fakeTB{TB: t}
	fake.run(func() { b.New(fake) })
	if !fake.failed || !strings.Contains(fake.msg, "closed") {
		t.Errorf("New after Close: failed=%v msg=%q, want a failure", fake.failed, fake.msg)
	}
}

// fakeTB records the failures and skips of the code under test instead of
// reporting them. Its Fatal and Skip methods end the goroutine, as those of
// testing.T do, so run the code with run. Other methods, such as Cleanup and
// TempDir, go to the real test.
type fakeTB struct {
	testing.TB

	mu      sync.Mutex
	failed  bool
	skipped bool
	msg     string
}

// run calls f on a new goroutine and waits until f returns or calls
// runtime.Goexit.
func (f *fakeTB) run(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	<-done
}

func (f *fakeTB) record(failed, skipped bool, msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failed = f.failed || failed
	f.skipped = f.skipped || skipped
	f.msg += msg
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.record(true, false, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.record(true, false, fmt.Sprintf(format, args...))
	runtime.Goexit()
}

func (f *fakeTB) Skipf(format string, args ...any) {
	f.record(false, true, fmt.Sprintf(format, args...))
	runtime.Goexit()
}
