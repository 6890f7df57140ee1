package serve_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"guide/internal/browsertest"
	"guide/internal/serve"
)

// TestBrowser opens a page of guide serve in a headless browser and checks
// what an editor sees: the page reloads after a save and stays where it was
// scrolled to; a stylesheet change is swapped in without a reload; a broken
// file shows the overlay, which can be closed, and which goes away once the
// file is fixed; and none of it breaks the site's Content-Security-Policy.
func TestBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	rec := browsertest.Record(t, ctx)
	files := map[string]string{}
	for k, v := range fixture {
		files[k] = v
	}
	var long strings.Builder
	for i := range 200 {
		fmt.Fprintf(&long, "第 %d 段。\n\n", i)
	}
	page := "---\ntitle: 流程\nsummary: 流程摘要。\n---\n" + long.String()
	files["content/a.zh.md"] = page
	tab := &editorTab{t: t, ctx: ctx, rec: rec, g: start(t, files, serve.Options{})}

	tab.do(chromedp.Navigate(tab.g.url + "a/"))
	tab.settle()
	tab.checkSaveReloads(page)
	tab.checkStylesheetSwap()
	tab.checkOverlay(page)

	if v := rec.CSPViolations(); len(v) > 0 {
		t.Errorf("Content-Security-Policy violations: %v", v)
	}
	rec.AssertNoErrors(t)
	if os.Getenv("GUIDE_SCREENSHOT") != "" {
		tab.g.write("content/a.zh.md", "---\ntitle: 流程\nsumary: 流程摘要。\n---\n坏了。\n")
		tab.until(`!!document.getElementById("guide-overlay")`, "the overlay")
		if err := browsertest.Screenshot(context.WithoutCancel(ctx), os.Getenv("GUIDE_SCREENSHOT")); err != nil {
			t.Error(err)
		}
	}
}

// editorTab is the browser tab of TestBrowser, on the page /a/ of the
// guide g that it serves.
type editorTab struct {
	t   *testing.T
	ctx context.Context
	rec *browsertest.Recorder
	g   *guide
}

// do runs actions in the tab.
func (tab *editorTab) do(actions ...chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	if err := chromedp.Do(tab.ctx, actions...); err != nil {
		tab.t.Fatal(err)
	}
}

// until evaluates js until it is true.
func (tab *editorTab) until(js, what string) {
	tab.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		if ok, err := chromedp.Run(tab.ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tab.t.Fatalf("waited 15 s for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// settle waits until the tab makes no more requests.
func (tab *editorTab) settle() {
	tab.t.Helper()
	if err := tab.rec.WaitIdle(tab.ctx, 300*time.Millisecond); err != nil {
		tab.t.Fatal(err)
	}
}

// checkSaveReloads checks that a save of page reloads it where it was.
func (tab *editorTab) checkSaveReloads(page string) {
	t, ctx := tab.t, tab.ctx
	y := browsertest.Eval[float64](t, ctx, `window.scrollTo(0, 1500); window.guideMarker = "before"; window.scrollY`)
	if y < 1400 {
		t.Fatalf("the page scrolled to %v; the test needs a longer page", y)
	}
	tab.g.write("content/a.zh.md", strings.Replace(page, "第 0 段。", "第 0 段，已保存。", 1))
	tab.until(`document.body.textContent.includes("已保存")`, "the reload after the save")
	tab.settle()
	if marker := browsertest.Eval[string](t, ctx, `String(window.guideMarker)`); marker != "undefined" {
		t.Errorf("the page was not reloaded: marker %q", marker)
	}
	if y = browsertest.Eval[float64](t, ctx, `window.scrollY`); y < 1490 || y > 1510 {
		t.Errorf("after the reload the page is at %v; want 1500", y)
	}
}

// checkStylesheetSwap checks that a stylesheet is swapped without a
// reload.
func (tab *editorTab) checkStylesheetSwap() {
	t, ctx := tab.t, tab.ctx
	browsertest.Eval[bool](t, ctx, `window.guideMarker = "css"; true`)
	tab.g.write("static/site.css", "body { background-color: rgb(1, 2, 3); }\n")
	tab.until(`getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`, "the new stylesheet")
	tab.settle()
	if marker := browsertest.Eval[string](t, ctx, `String(window.guideMarker)`); marker != "css" {
		t.Errorf("the page reloaded for a stylesheet change")
	}
	// The stylesheet is published under a new name, which the page links.
	if links := browsertest.Eval[int](t, ctx, `document.querySelectorAll('link[rel="stylesheet"][href*="/site."]').length`); links != 1 {
		t.Errorf("%d links to site.css after the swap; want 1", links)
	}
	if href := browsertest.Eval[string](t, ctx, `new URL(document.querySelector('link[rel="stylesheet"][href*="/site."]').href).pathname`); href != tab.g.linked("/a/", hashedCSS) {
		t.Errorf("after the swap the page links %s; want the new name, as the served page has it", href)
	}
}

// checkOverlay checks that a broken file shows the overlay, that closing
// it shows the page, and that fixing the file, back to page, removes it.
func (tab *editorTab) checkOverlay(page string) {
	t, ctx := tab.t, tab.ctx
	tab.g.write("content/a.zh.md", "---\ntitle: 流程\nsumary: 流程摘要。\n---\n坏了。\n")
	tab.until(`!!document.getElementById("guide-overlay")`, "the overlay")
	tab.settle()
	text := browsertest.Eval[string](t, ctx, `document.getElementById("guide-overlay").innerText`)
	if !strings.Contains(text, "content/a.zh.md:3:1") || !strings.Contains(text, `unknown key "sumary"`) {
		t.Errorf("the overlay says:\n%s", text)
	}
	visible := browsertest.Eval[bool](t, ctx, `(() => { const r = document.querySelector(".guide-overlay-panel").getBoundingClientRect(); return r.width > 200 && r.height > 100 })()`)
	if !visible {
		t.Errorf("the overlay is not laid out: its stylesheet did not apply")
	}
	if !browsertest.Eval[bool](t, ctx, `!!document.activeElement && document.activeElement.matches("[data-guide-dismiss]")`) {
		t.Errorf("the overlay's close button does not have the focus")
	}
	tab.do(chromedp.Click(chromedp.CSS(`#guide-overlay [data-guide-dismiss]`)))
	if !browsertest.Eval[bool](t, ctx, `document.getElementById("guide-overlay").hidden`) {
		t.Errorf("the close button does not hide the overlay")
	}
	tab.g.write("content/a.zh.md", page)
	tab.until(`!document.getElementById("guide-overlay") && document.body.textContent.includes("第 0 段。")`, "the overlay to go")
	tab.settle()
}

// TestBrowserManyTabs opens more tabs of the guide than a browser opens
// connections to one server (six), and checks that every one loads and
// reloads after a save: the tabs share one event stream.
func TestBrowserManyTabs(t *testing.T) {
	first := browsertest.New(t)
	g := start(t, fixture, serve.Options{})
	pages := []string{"", "a/", "en/", "en/a/", "", "a/", "en/", "en/a/", "", "a/"}
	var tabs []context.Context
	for i, p := range pages {
		ctx := first
		if i > 0 {
			var cancel context.CancelFunc
			ctx, cancel = chromedp.NewContext(first)
			t.Cleanup(cancel)
		}
		// The first run on a tab's context opens the tab, and ending
		// that run's context would close it: no timeout of its own.
		if err := chromedp.Do(ctx, chromedp.Navigate(g.url+p)); err != nil {
			t.Fatalf("tab %d (/%s) did not load: %v", i+1, p, err)
		}
		browsertest.Eval[bool](t, ctx, `window.guideMarker = true`)
		tabs = append(tabs, ctx)
	}
	// Let the tabs settle on who listens.
	time.Sleep(500 * time.Millisecond)
	g.write("content/_index.en.md", "---\ntitle: Home\nsummary: Home summary.\n---\nSee [the steps](a.en.md). Saved.\n")
	g.write("content/_index.zh.md", "---\ntitle: 首页\nsummary: 首页摘要。\n---\n见[流程](a.zh.md)。已保存。\n")
	deadline := time.Now().Add(20 * time.Second)
	for i, ctx := range tabs {
		for {
			gone, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.guideMarker === undefined && document.readyState === "complete"`))
			if err == nil && gone {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("tab %d (/%s) did not reload after the save", i+1, pages[i])
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}
