package acceptance

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"guide/internal/browsertest"
)

// The viewports of the tests, in CSS px.
const (
	// A common phone, on which most readers read the guide.
	phoneWidth, phoneHeight = 390, 844
	// The narrowest width WCAG 1.4.10 (reflow) asks a page to fit.
	reflowWidth = 320
	// A desktop window, as keyboard users mostly have.
	desktopWidth, desktopHeight = 1024, 768
	// The width at which text is zoomed to 200% (WCAG 1.4.4): a 1280 px
	// window at 200% browser zoom is 640 CSS px wide.
	zoomWidth = 640
	// The browser's default font size, and the size at 200% text.
	defaultFontSize = 16
)

// checksJS is testdata/checks.js, read once.
var checksJS = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "checks.js"))
	return string(b), err
})

// tab is a browser tab on one page, with a Recorder that has seen
// everything the page did since before it loaded.
type tab struct {
	t   testing.TB
	ctx context.Context
	rec *browsertest.Recorder
	url string
}

// openTab opens url in a new tab of the shared browser, as a phone shows
// it, waits until the page is quiet and loads the in-page checks.
func openTab(t testing.TB, url string) *tab {
	t.Helper()
	ctx := browser.New(t)
	tb := &tab{t: t, ctx: ctx, rec: browsertest.Record(t, ctx), url: url}
	// Several tabs run at once. Each must behave as the focused window, or
	// focus, :focus-visible and the Tab key do not work as for a reader.
	tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}), phone(), chromedp.Navigate(url))
	tb.settle()
	return tb
}

// phone is the viewport of a phone: the page's meta viewport applies and
// scrollbars take no room, as on a phone.
func phone() chromedp.Action[chromedp.Void] {
	return browsertest.SetViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile)
}

// do runs the actions in the tab, or fails the test.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", tb.url, err)
	}
}

// settle waits until the page is quiet and (again) loads the in-page
// checks, which a navigation drops.
func (tb *tab) settle() {
	tb.t.Helper()
	if err := tb.rec.WaitIdle(tb.ctx, 250*time.Millisecond); err != nil {
		tb.t.Fatalf("%s: waiting for the page: %v", tb.url, err)
	}
	src, err := checksJS()
	if err != nil {
		tb.t.Fatal(err)
	}
	tb.do(chromedp.Evaluate[chromedp.Void](src))
}

// eval evaluates expr in the page and decodes its value into a T. A
// promise is awaited.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: evaluating %.60s: %v", tb.url, expr, err)
	}
	return v
}

// call calls a function of window.__acceptance (testdata/checks.js).
func call[T any](tb *tab, fn string) T {
	tb.t.Helper()
	return eval[T](tb, "window.__acceptance."+fn+"()")
}

// key presses the keys, one at a time, as a keyboard does.
func (tb *tab) key(keys string) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(keys))
}

// viewport sets the viewport and waits a frame for the layout.
func (tb *tab) viewport(a chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	tb.do(a)
	eval[chromedp.Void](tb, "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
}

// setFontSize sets the browser's default font size, as a reader does in
// the browser's settings (Chrome: Settings, Appearance, Font size). It is
// text zoom: only text that the page sizes in relative units grows.
func (tb *tab) setFontSize(px int64) {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cdppage.SetFontSizes, cdppage.SetFontSizesParams{
			FontSizes: &cdppage.FontSizes{Standard: px, Fixed: px * 13 / 16},
		})
		return err
	}))
	eval[chromedp.Void](tb, "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
}

// media emulates a CSS media type: "print", or "" for the screen.
func (tb *tab) media(m string) {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	}))
}

// tabKey is the Tab key.
const tabKey = kb.Tab

// axeSource reads axe-core from node_modules, where npm ci puts it. When
// it is missing, the test is skipped, or fails under CI=true.
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	return string(b), err
})

// axeViolation is one rule that axe-core found broken, with the elements
// that break it.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target         json.RawMessage `json:"target"`
		FailureSummary string          `json:"failureSummary"`
	} `json:"nodes"`
}

// axeTags are the rules the audit runs: every WCAG 2.0, 2.1 and 2.2 rule
// of levels A and AA, and axe's best practices, among them a name of its
// own for every landmark and region (landmark-unique).
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"}

// axe runs axe-core on the page as it is now and fails the test on every
// violation, naming the rule, its impact, the element and the page.
func axe(t *testing.T, tb *tab) {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		need(t, "node_modules/axe-core", "run npm ci at the root of the repository")
	}
	for _, v := range axeViolations(tb, src) {
		t.Errorf("%s: %s", tb.url, v)
	}
}

// axeViolations runs axe-core, whose source is src, on the page as it is
// now, and describes each element that breaks a rule.
func axeViolations(tb *tab, src string) []string {
	if !eval[bool](tb, "typeof window.axe === 'object'") {
		tb.do(chromedp.Evaluate[chromedp.Void](src))
	}
	tags, _ := jsonMarshal(axeTags)
	res := eval[struct {
		Violations []axeViolation `json:"violations"`
		Passes     int            `json:"passes"`
	}](tb, `axe.run(document, {runOnly: {type: 'tag', values: `+tags+`}, resultTypes: ['violations']})
		.then(r => ({violations: r.violations, passes: r.passes.length}))`)
	var out []string
	if res.Passes == 0 && len(res.Violations) == 0 {
		out = append(out, "axe checked no rule at all: is the page empty?")
	}
	for _, v := range res.Violations {
		for _, n := range v.Nodes {
			out = append(out, fmt.Sprintf("axe %s (%s): %s\n\t%s\n\t%s\n\t%s", v.ID, v.Impact, v.Help, n.Target,
				strings.ReplaceAll(strings.TrimSpace(n.FailureSummary), "\n", "\n\t"), v.HelpURL))
		}
	}
	return out
}

// assertClean fails the test when the page has, since it opened, asked a
// host other than origin for anything, logged an error or broken its
// Content Security Policy.
func (tb *tab) assertClean(t *testing.T, origin string) {
	t.Helper()
	if err := tb.rec.WaitIdle(tb.ctx, 150*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if out := tb.rec.RequestsOutside(origin); len(out) > 0 {
		t.Errorf("%s made %d requests to hosts other than %s:\n\t%s", tb.url, len(out), origin, strings.Join(out, "\n\t"))
	}
	for _, r := range tb.rec.Requests() {
		if strings.HasSuffix(r, "/favicon.ico") {
			t.Errorf("%s names no icon, so the browser asked for %s, which a host without one answers with an error in the console", tb.url, r)
		}
	}
	if msgs := tb.rec.Errors(); len(msgs) > 0 {
		lines := make([]string, len(msgs))
		for i, m := range msgs {
			lines[i] = m.String()
		}
		t.Errorf("%s logged %d errors or CSP violations:\n\t%s", tb.url, len(msgs), strings.Join(lines, "\n\t"))
	}
}

// jsonMarshal writes v as JSON, which is also JavaScript.
func jsonMarshal(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
