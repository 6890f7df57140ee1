package serve

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"guide/internal/browsertest"
)

// TestBrowserPolicies serves, from a hand-made build, a picture that would
// run script and a page built like the attack on guide serve, and checks
// in a browser what an editor's browser does with them: the picture draws,
// as an image and opened by itself, but its script does not run; the page
// gets the reload script in its head and does not navigate away.
func TestBrowserPolicies(t *testing.T) {
	s := testServer(t, map[string]string{
		// Pictures are checked when the site is built (package svgcheck);
		// this one stands for a check that failed.
		"map.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10" onload="document.documentElement.setAttribute('data-onload', 'ran')">` +
			`<script>document.documentElement.setAttribute('data-script', 'ran')</script>` +
			`<rect id="r" width="20" height="10" style="fill:#ff0000"/>` +
			`<image href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" width="1" height="1"/></svg>`,
		"index.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Map</title>` +
			`<meta name="description" content="</head><meta http-equiv=refresh content=&#34;0;url=/moved/&#34;>"></head>` +
			`<body><img id="map" src="/map.svg" alt="map"></body></html>`,
		"moved/index.html": `<!DOCTYPE html><html lang="en"><head><title>Moved</title></head><body>moved</body></html>`,
	})
	srv := httptest.NewServer(s)
	// The server closes after the tab, whose reload script holds a
	// stream open.
	t.Cleanup(srv.Close)
	ctx := browsertest.New(t)
	rec := browsertest.Record(t, ctx)

	browsertest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"))
	if err := rec.WaitIdle(ctx, 500*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if path := browsertest.Eval[string](t, ctx, `location.pathname`); path != "/" {
		t.Errorf("the page navigated to %s", path)
	}
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("meta[http-equiv]").length`); n != 0 {
		t.Errorf("the page holds %d <meta http-equiv>; want none", n)
	}
	if !browsertest.Eval[bool](t, ctx, `!!document.head.querySelector('script[src="/_guide/reload.js"]')`) {
		t.Errorf("the reload script is not in the head")
	}
	if w := browsertest.Eval[int](t, ctx, `(() => { const i = document.getElementById("map"); return i.complete ? i.naturalWidth : -1 })()`); w != 20 {
		t.Errorf("the picture as an image is %d pixels wide; want 20", w)
	}

	browsertest.Do(t, ctx, chromedp.Navigate(srv.URL+"/map.svg"))
	if err := rec.WaitIdle(ctx, 500*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	for _, attr := range []string{"data-onload", "data-script"} {
		if v := browsertest.Eval[string](t, ctx, `String(document.documentElement.getAttribute("`+attr+`"))`); v != "null" {
			t.Errorf("the picture's script ran (%s=%q)", attr, v)
		}
	}
	if fill := browsertest.Eval[string](t, ctx, `getComputedStyle(document.getElementById("r")).fill`); fill != "rgb(255, 0, 0)" {
		t.Errorf("the picture's own style did not apply: fill %q", fill)
	}
}
