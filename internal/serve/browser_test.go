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
	g := start(t, files, serve.Options{})

	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	// until evaluates js until it is true.
	until := func(js, what string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("waited 15 s for %s", what)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	settle := func() {
		t.Helper()
		if err := rec.WaitIdle(ctx, 300*time.Millisecond); err != nil {
			t.Fatal(err)
		}
	}

	do(chromedp.Navigate(g.url + "a/"))
	settle()

	// A save reloads the page where it was.
	y := browsertest.Eval[float64](t, ctx, `window.scrollTo(0, 1500); window.guideMarker = "before"; window.scrollY`)
	if y < 1400 {
		t.Fatalf("the page scrolled to %v; the test needs a longer page", y)
	}
	g.write("content/a.zh.md", strings.Replace(page, "第 0 段。", "第 0 段，已保存。", 1))
	until(`document.body.textContent.includes("已保存")`, "the reload after the save")
	settle()
	if marker := browsertest.Eval[string](t, ctx, `String(window.guideMarker)`); marker != "undefined" {
		t.Errorf("the page was not reloaded: marker %q", marker)
	}
	if y = browsertest.Eval[float64](t, ctx, `window.scrollY`); y < 1490 || y > 1510 {
		t.Errorf("after the reload the page is at %v; want 1500", y)
	}

	// A stylesheet is swapped without a reload.
	browsertest.Eval[bool](t, ctx, `window.guideMarker = "css"; true`)
	g.write("static/site.css", "body { background-color: rgb(1, 2, 3); }\n")
	until(`getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`, "the new stylesheet")
	settle()
	if marker := browsertest.Eval[string](t, ctx, `String(window.guideMarker)`); marker != "css" {
		t.Errorf("the page reloaded for a stylesheet change")
	}
	// The stylesheet is published under a new name, which the page links.
	if links := browsertest.Eval[int](t, ctx, `document.querySelectorAll('link[rel="stylesheet"][href*="/site."]').length`); links != 1 {
		t.Errorf("%d links to site.css after the swap; want 1", links)
	}
	if href := browsertest.Eval[string](t, ctx, `new URL(document.querySelector('link[rel="stylesheet"][href*="/site."]').href).pathname`); href != g.linked("/a/", `/site\.[0-9a-f]{8}\.css`) {
		t.Errorf("after the swap the page links %s; want the new name, as the served page has it", href)
	}

	// A broken file shows the overlay; closing it shows the page; fixing
	// the file removes it.
	g.write("content/a.zh.md", "---\ntitle: 流程\nsumary: 流程摘要。\n---\n坏了。\n")
	until(`!!document.getElementById("guide-overlay")`, "the overlay")
	settle()
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
	do(chromedp.Click(chromedp.CSS(`#guide-overlay [data-guide-dismiss]`)))
	if !browsertest.Eval[bool](t, ctx, `document.getElementById("guide-overlay").hidden`) {
		t.Errorf("the close button does not hide the overlay")
	}
	g.write("content/a.zh.md", page)
	until(`!document.getElementById("guide-overlay") && document.body.textContent.includes("第 0 段。")`, "the overlay to go")
	settle()

	if v := rec.CSPViolations(); len(v) > 0 {
		t.Errorf("Content-Security-Policy violations: %v", v)
	}
	rec.AssertNoErrors(t)
	if os.Getenv("GUIDE_SCREENSHOT") != "" {
		g.write("content/a.zh.md", "---\ntitle: 流程\nsumary: 流程摘要。\n---\n坏了。\n")
		until(`!!document.getElementById("guide-overlay")`, "the overlay")
		if err := browsertest.Screenshot(context.WithoutCancel(ctx), os.Getenv("GUIDE_SCREENSHOT")); err != nil {
			t.Error(err)
		}
	}
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
