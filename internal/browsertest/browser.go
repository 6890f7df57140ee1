package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"guide/internal/browsertest/launch"
)

// DefaultTimeout is the time that a tab from New or Browser.New lives when the
// Browser has no Timeout of its own. Every action on the tab fails with
// context.DeadlineExceeded after it.
const DefaultTimeout = 60 * time.Second

// Browser is a headless browser that the tests of one package can share. The
// zero value is ready to use: the browser starts when a test first calls New,
// and it runs until Close.
//
// A Browser is meant to be a package-level variable of a test package, which
// TestMain closes after m.Run. That variable is the only state that lives
// longer than one test, and it is what makes one browser process serve every
// test of the binary. A Browser that nobody closes still ends with the test
// binary, because chromedp asks Linux to kill the browser when its parent
// process dies, but its temporary profile directory then stays behind.
//
// The methods of a Browser are safe to call from tests that run in parallel.
type Browser struct {
	// Timeout is the time that a tab from New lives. Zero means
	// DefaultTimeout. Set it before the first call of New.
	Timeout time.Duration

	// userDataDir is the profile directory. Empty means a temporary directory
	// that chromedp makes and removes.
	userDataDir string

	once    sync.Once
	findErr error // no browser: skip, or fail under CI=true
	// skipAsked is SkipAsked when the browser was to start: New then
	// skips, and no browser starts.
	skipAsked bool
	startErr  error // a browser that does not start: fail
	ctx       context.Context
	stop      context.CancelFunc
}

// EnvBrowser names the environment variable with which a developer who
// lacks the browser tools skips the browser tests on purpose:
// GUIDE_BROWSER=skip go test ./... (see TestBrowserTools).
const EnvBrowser = "GUIDE_BROWSER"

// SkipAsked reports whether the browser tests are to be skipped on
// purpose: GUIDE_BROWSER is "skip", and CI is not "true", where nothing
// may pass by being skipped.
func SkipAsked() bool {
	return os.Getenv(EnvBrowser) == "skip" && os.Getenv("CI") != "true"
}

// errClosed is the error of New on a Browser after Close.
var errClosed = errors.New("the Browser is closed")

// New starts a browser for the test t alone, and returns the context of a tab
// in it. The browser has a new profile in t.TempDir(). The tab and the browser
// close when the test ends.
//
// When there is no browser, New skips the test with t.Skip. When the
// environment variable CI is "true", it fails the test with t.Fatal instead.
// A browser that is found but does not start always fails the test.
func New(t testing.TB) context.Context {
	t.Helper()
	// t.TempDir comes first, so that its cleanup runs after the browser has
	// closed and no longer writes to the directory.
	b := &Browser{userDataDir: t.TempDir()}
	t.Cleanup(b.Close)
	return b.New(t)
}

// New returns the context of a new tab in the browser b, and starts the
// browser first if it does not run yet. The context ends after b.Timeout, and
// the tab closes when the test ends.
//
// When there is no browser, New skips the test with t.Skip. When the
// environment variable CI is "true", it fails the test with t.Fatal instead.
// A browser that is found but does not start always fails the test. With
// GUIDE_BROWSER=skip (SkipAsked), New skips the test without looking for a
// browser.
func (b *Browser) New(t testing.TB) context.Context {
	t.Helper()
	b.once.Do(b.start)
	if b.skipAsked {
		t.Skipf("browsertest: skipping a browser test: %s=skip", EnvBrowser)
	}
	if b.findErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true: browser tests must run; install Debian's chromium (%v)", b.findErr)
		}
		t.Skipf("browsertest: skipping a browser test: %v (install Debian's chromium or set %s)", b.findErr, launch.EnvChromePath)
	}
	if b.startErr != nil {
		t.Fatalf("browsertest: %v", b.startErr)
	}
	timeout := b.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	tabCtx, cancelTab := chromedp.NewContext(b.ctx)
	ctx, cancel := context.WithTimeout(tabCtx, timeout)
	t.Cleanup(func() {
		cancel()
		cancelTab()
	})
	// Open the tab now, so that an error shows here and not in the first
	// action of the test.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: opening a tab: %v", err)
	}
	return ctx
}

// start finds and starts the browser. It runs once for each Browser.
func (b *Browser) start() {
	if SkipAsked() {
		b.skipAsked = true
		return
	}
	execPath, err := launch.FindBrowser()
	if err != nil {
		b.findErr = err
		return
	}
	// The browser must outlive the test that starts it, so its context comes
	// from context.Background and not from t.Context.
	b.ctx, b.stop, b.startErr = launch.Start(context.Background(), execPath, b.userDataDir)
}

// Close closes the browser and waits until its process has ended. A later
// call of New fails the test. Close does nothing more when it is called again,
// and it is safe to call on a Browser that never started.
func (b *Browser) Close() {
	b.once.Do(func() { b.startErr = errClosed })
	if b.stop != nil {
		b.stop()
	}
}

// Serve serves the files of the directory dir over HTTP on 127.0.0.1 until
// the test ends, and returns the base URL, such as "http://127.0.0.1:41234",
// with no slash at the end.
//
// It serves the files as http.FileServer does. A request for a file that does
// not exist gets the status 404 and, when dir has a file 404.html, that file
// as the body, as static hosts do.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("browsertest: serving %s: %v", dir, err)
	}
	return ServeWithPolicy(t, dir, "")
}

// ServeWithPolicy is Serve, with every response carrying the
// Content-Security-Policy policy as a header (see StaticHost).
func ServeWithPolicy(t testing.TB, dir, policy string) string {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("browsertest: serving %s: %v", dir, err)
	}
	srv := httptest.NewServer(StaticHost(dir, "/", policy))
	t.Cleanup(srv.Close)
	return srv.URL
}

// StaticHost serves the files of dir under the path prefix ("/" or
// "/visa/") as a static web host does: a folder's index.html for the
// folder, and for a missing file the status 404 with dir/404.html as the
// body when there is one. When policy is not empty, every response carries
// it as the Content-Security-Policy header, so that the policy holds for
// files without a meta element too.
func StaticHost(dir, prefix, policy string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	root := os.DirFS(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if policy != "" {
			w.Header().Set("Content-Security-Policy", policy)
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if rest, ok := strings.CutPrefix(r.URL.Path, prefix); ok {
			name := strings.TrimPrefix(path.Clean("/"+rest), "/")
			if name == "" {
				name = "."
			}
			if _, err := fs.Stat(root, name); err == nil {
				r2 := r.Clone(r.Context())
				r2.URL = &url.URL{Path: "/" + rest, RawQuery: r.URL.RawQuery}
				files.ServeHTTP(w, r2)
				return
			}
		}
		body, err := os.ReadFile(filepath.Join(dir, "404.html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if r.Method != http.MethodHead {
			_, _ = w.Write(body) // A client that went away is no error of the server.
		}
	})
}

// SetViewport is an action that sets the size of the viewport of the tab to
// width by height CSS pixels, with a device scale factor of 1, no mobile
// emulation and no touch, unless opts say otherwise. For a phone, pass
// chromedp.EmulateMobile and chromedp.EmulateTouch, and
// chromedp.EmulateScale for its pixel density.
func SetViewport(width, height int64, opts ...chromedp.EmulateViewportOption) chromedp.Action[chromedp.Void] {
	all := append([]chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}, opts...)
	return chromedp.EmulateViewport(width, height, all...)
}

// Screenshot writes a PNG image of the whole page of the tab, and not only of
// the viewport, to the file path. One CSS pixel is one image pixel at a device
// scale factor of 1.
func Screenshot(ctx context.Context, path string) error {
	buf, err := chromedp.Run(ctx, FullPagePNG())
	if err != nil {
		return fmt.Errorf("browsertest: screenshot: %w", err)
	}
	return os.WriteFile(path, buf, 0o644)
}

// FullPagePNG is an action that returns a PNG image of the whole page, from
// its top left corner to the end of its content.
func FullPagePNG() chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, t, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		if m.CSSContentSize == nil {
			return nil, errors.New("the browser reported no content size")
		}
		res, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: new(true),
			FromSurface:           new(true),
			Clip: &page.Viewport{
				Width:  math.Ceil(m.CSSContentSize.Width),
				Height: math.Ceil(m.CSSContentSize.Height),
				Scale:  1,
			},
		})
		if err != nil {
			return nil, err
		}
		return res.Data, nil
	}
}

// Kind tells where a Message comes from.
type Kind string

// The kinds of a Message.
const (
	// KindConsole is a call of console.error, or of console.assert with a
	// false condition.
	KindConsole Kind = "console"
	// KindException is an exception that no code caught, or a promise
	// rejection that no code handled.
	KindException Kind = "exception"
	// KindCSP is a violation of the Content Security Policy of the page, which
	// the browser blocked (or, for a report-only policy, reported).
	KindCSP Kind = "csp"
	// KindLog is another error of the browser log, such as a resource that
	// failed to load or answered with an HTTP error status.
	KindLog Kind = "log"
)

// Message is an error that the page or the browser wrote to the console of
// the tab.
type Message struct {
	// Kind tells where the message comes from.
	Kind Kind
	// Text is the text of the message, as the console shows it.
	Text string
	// URL is the document, script or resource that the message is about, when
	// the browser says.
	URL string
}

// String returns the kind, the text and the URL of the message.
func (m Message) String() string {
	if m.URL == "" {
		return fmt.Sprintf("%s: %s", m.Kind, m.Text)
	}
	return fmt.Sprintf("%s: %s (%s)", m.Kind, m.Text, m.URL)
}

// Recorder records what the page in one tab does that a test may want to
// forbid: every network request that the page starts, every console error,
// every uncaught exception, every error of the browser log and every Content
// Security Policy violation. Make it with Record before the navigation, and
// read it after.
//
// A request that the Content Security Policy blocks before it reaches the
// network, such as a blocked fetch, has no request event; it shows as a
// KindCSP message. A blocked image or script has both.
//
// The browser asks for /favicon.ico on its own when the page names no icon.
// The Recorder records that request, but not the error when it fails, because
// the page did not ask for it.
//
// The methods of a Recorder are safe to call while the page runs.
type Recorder struct {
	mu       sync.Mutex
	requests []string
	messages []Message
	favicons map[network.RequestID]bool
	last     time.Time
}

// Record starts to record the events of the tab of ctx, a context from New
// or Browser.New, until ctx ends. It sees only the events that come after it
// returns, so call it before chromedp.Navigate.
func Record(t testing.TB, ctx context.Context) *Recorder {
	t.Helper()
	r := &Recorder{favicons: make(map[network.RequestID]bool), last: time.Now()}
	if err := chromedp.Listen(ctx, r.listen); err != nil {
		t.Fatalf("browsertest: listening to the tab: %v", err)
	}
	return r
}

// listen handles one event. chromedp calls it on the goroutine that reads the
// messages of the tab, so it must be quick and must not run a command.
func (r *Recorder) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.last = time.Now()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request == nil {
			return
		}
		r.requests = append(r.requests, ev.Request.URL)
		if ev.Type == network.ResourceTypeOther && isFavicon(ev.Request.URL) {
			r.favicons[ev.RequestID] = true
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		m := Message{Kind: KindConsole, Text: consoleText(ev.Args)}
		if st := ev.StackTrace; st != nil && len(st.CallFrames) > 0 {
			m.URL = st.CallFrames[0].URL
		}
		r.messages = append(r.messages, m)
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			return
		}
		m := Message{Kind: KindException, Text: d.Text, URL: d.URL}
		if d.Exception != nil && d.Exception.Description != "" {
			first, _, _ := strings.Cut(d.Exception.Description, "\n")
			m.Text = strings.TrimSpace(d.Text + " " + first)
		}
		if m.URL == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
			m.URL = d.StackTrace.CallFrames[0].URL
		}
		r.messages = append(r.messages, m)
	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil || e.Level != log.EntryLevelError {
			return
		}
		if e.NetworkRequestID != "" && r.favicons[e.NetworkRequestID] {
			return
		}
		kind := KindLog
		if e.Source == log.EntrySourceSecurity && strings.Contains(e.Text, "Content Security Policy") {
			kind = KindCSP
		}
		r.messages = append(r.messages, Message{Kind: kind, Text: e.Text, URL: e.URL})
	}
}

// isFavicon reports whether rawURL is the path /favicon.ico of a site.
func isFavicon(rawURL string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && u.Path == "/favicon.ico"
}

// consoleText joins the arguments of a console call as the console shows
// them: a string as it is, another value by its description.
func consoleText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		if a == nil {
			continue
		}
		var s string
		switch {
		case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal(a.Value, &s) == nil:
		case a.Description != "":
			s = a.Description
		case a.UnserializableValue != "":
			s = string(a.UnserializableValue)
		case len(a.Value) > 0:
			s = string(a.Value)
		default:
			s = string(a.Type)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// Requests returns the URLs of every request that the page started, in order.
// A redirect counts as another request, to the new URL.
func (r *Recorder) Requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requests...)
}

// RequestsOutside returns the URLs of the requests whose origin is none of
// origins. An origin can be given as any URL of the site, such as the base
// URL from Serve: only its scheme, host and port count. Requests for data:,
// blob:, about: and javascript: URLs never leave the browser, so they are not
// returned.
func (r *Recorder) RequestsOutside(origins ...string) []string {
	allowed := make(map[string]bool, len(origins))
	for _, o := range origins {
		if n, ok := originOf(o); ok {
			allowed[n] = true
		}
	}
	var out []string
	for _, u := range r.Requests() {
		if n, ok := originOf(u); ok && !allowed[n] {
			out = append(out, u)
		} else if !ok && !isLocalURL(u) {
			out = append(out, u)
		}
	}
	return out
}

// AssertNoRequestsOutside fails the test t, and lists the URLs, when the page
// made a request to an origin that is none of origins. See RequestsOutside.
func (r *Recorder) AssertNoRequestsOutside(t testing.TB, origins ...string) {
	t.Helper()
	if out := r.RequestsOutside(origins...); len(out) > 0 {
		t.Errorf("the page made %d requests outside %q:\n\t%s", len(out), origins, strings.Join(out, "\n\t"))
	}
}

// Errors returns every message that the Recorder saw, of every Kind, in order.
func (r *Recorder) Errors() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.messages...)
}

// CSPViolations returns the messages of the kind KindCSP, in order.
func (r *Recorder) CSPViolations() []Message {
	var out []Message
	for _, m := range r.Errors() {
		if m.Kind == KindCSP {
			out = append(out, m)
		}
	}
	return out
}

// AssertNoErrors fails the test t, and lists the messages, when the Recorder
// saw a console error, an uncaught exception, a CSP violation or an error of
// the browser log.
func (r *Recorder) AssertNoErrors(t testing.TB) {
	t.Helper()
	msgs := r.Errors()
	if len(msgs) == 0 {
		return
	}
	lines := make([]string, len(msgs))
	for i, m := range msgs {
		lines[i] = m.String()
	}
	t.Errorf("the page logged %d errors:\n\t%s", len(msgs), strings.Join(lines, "\n\t"))
}

// WaitIdle waits until the tab has sent no event for the duration quiet, and
// so has most likely finished loading. It returns the error of ctx when ctx
// ends first. A few hundred milliseconds is a good value for a static page.
//
// chromedp.Navigate returns after the load event, when the requests of
// scripts that run later may not have started. Call WaitIdle before the
// assertions, so that they see those requests too.
func (r *Recorder) WaitIdle(ctx context.Context, quiet time.Duration) error {
	for {
		r.mu.Lock()
		since := time.Since(r.last)
		r.mu.Unlock()
		if since >= quiet {
			return nil
		}
		timer := time.NewTimer(quiet - since)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
}

// originOf returns the origin of rawURL in a normal form, scheme://host:port
// in lower case with no default port. It reports false for a URL that has no
// host, such as a data: URL.
func originOf(rawURL string) (string, bool) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	switch {
	case port == "80" && (scheme == "http" || scheme == "ws"),
		port == "443" && (scheme == "https" || scheme == "wss"):
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return scheme + "://" + host, true
}

// isLocalURL reports whether a request for rawURL stays in the browser.
func isLocalURL(rawURL string) bool {
	scheme, _, _ := strings.Cut(rawURL, ":")
	switch strings.ToLower(scheme) {
	case "data", "blob", "about", "javascript":
		return true
	}
	return false
}

// Do runs actions in the tab ctx and stops the test on an error.
func Do(t testing.TB, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression in the tab ctx and returns its
// value, stopping the test on an error.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}
