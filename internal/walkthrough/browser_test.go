package walkthrough_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"guide/internal/browsertest"
	"guide/internal/cli"
	"guide/internal/site"
	"guide/internal/walkthrough"
)

// browser is the headless browser that the browser tests of this package
// share.
var browser browsertest.Browser

// built is the guide of this repository, built once for the browser tests
// into a temporary folder that TestMain removes.
var built struct {
	once sync.Once
	dir  string
	site *site.Site
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	browser.Close()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// realSite builds the repository's guide, with every extension of the guide
// command, at the root of a host, and returns its folder and the site.
func realSite(t *testing.T) (string, *site.Site) {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "walkthrough-browser-")
		if built.err != nil {
			return
		}
		root := os.DirFS(repoRoot)
		exts := cli.Extensions(root)
		for i, e := range exts {
			// Resized images go to the test's folder, not the user's
			// cache.
			if _, ok := e.(*walkthrough.Extension); ok {
				exts[i] = walkthrough.New(root, walkthrough.Options{CacheDir: filepath.Join(built.dir, "cache")})
			}
		}
		s, errs := site.Load(site.Options{Root: root, BaseURL: "https://example.gov.cn/", Extensions: exts})
		if s == nil {
			built.err = errs.Err()
			return
		}
		built.site = s
		_, built.err = s.Build(context.Background(), dirOutput(filepath.Join(built.dir, "public")))
	})
	if built.err != nil {
		t.Fatalf("building the guide: %v", built.err)
	}
	return filepath.Join(built.dir, "public"), built.site
}

// serveCSP serves dir with the Content Security Policy that the guide is
// published with, so that an inline style or script shows as a violation.
func serveCSP(t *testing.T, dir string) string {
	t.Helper()
	return browsertest.ServeWithPolicy(t, dir, "default-src 'self'")
}

// waitFor polls the JavaScript condition expr until it is true.
func waitFor(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v", expr, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// shot is a frame's image as the browser lays it out.
type shot struct {
	ID    string  `json:"id"`
	Left  float64 `json:"left"`
	Top   float64 `json:"top"`
	Width float64 `json:"width"`
	Hght  float64 `json:"height"`
	Marks []mark  `json:"marks"`
	// Boxes are the outlines of the fields, in the order of the callouts
	// that have one, with their computed stroke colour and width.
	Boxes []box `json:"boxes"`
}

// box is the outline of a field as laid out.
type box struct {
	Left   float64 `json:"left"`
	Top    float64 `json:"top"`
	Right  float64 `json:"right"`
	Bottom float64 `json:"bottom"`
	Stroke string  `json:"stroke"`
	Width  float64 `json:"strokeWidth"`
}

// mark is a marker as laid out: the centre and size of its circle and the
// centre of its number.
type mark struct {
	N      string  `json:"n"`
	CX     float64 `json:"cx"`
	CY     float64 `json:"cy"`
	Size   float64 `json:"size"`
	TextX  float64 `json:"tx"`
	TextY  float64 `json:"ty"`
	FontPx float64 `json:"font"`
}

// measure returns the frames' images of the page, in the page's order,
// within the element root (a CSS selector).
const measure = `Array.from(document.querySelectorAll(%s), shot => {
	const img = shot.querySelector("img").getBoundingClientRect();
	const frame = shot.closest("section.frame");
	return {
		id: frame ? frame.querySelector("h2").id : "",
		left: img.left, top: img.top, width: img.width, height: img.height,
		marks: Array.from(shot.querySelectorAll("svg.marks g"), g => {
			const c = g.querySelector("circle").getBoundingClientRect();
			const tx = g.querySelector("text");
			const t = tx.getBoundingClientRect();
			return {n: tx.textContent, cx: c.left + c.width / 2, cy: c.top + c.height / 2, size: Math.min(c.width, c.height),
				tx: t.left + t.width / 2, ty: t.top + t.height / 2, font: t.height};
		}),
		boxes: Array.from(shot.querySelectorAll("svg.marks rect.hl"), r => {
			const b = r.getBoundingClientRect(), st = getComputedStyle(r);
			const scale = b.width / r.width.baseVal.value;
			return {left: b.left, top: b.top, right: b.right, bottom: b.bottom, stroke: st.stroke, strokeWidth: parseFloat(st.strokeWidth) * scale};
		}),
	};
})`

// TestMarkersOnImage checks, in Chromium at the width of a phone and of a
// desktop, that the centre of every marker lies within 2% of the position
// the frames file gives it on the displayed image, that the markers keep a
// readable size and cover none of the fields that they point at, and that
// the page breaks no rule of the Content Security Policy and loads nothing
// from elsewhere.
func TestMarkersOnImage(t *testing.T) {
	dir, s := realSite(t)
	base := serveCSP(t, dir)
	pages := realPages(t, s, "", 1)
	for _, width := range []int64{360, 1280} {
		for _, u := range pages {
			t.Run(fmt.Sprintf("%d%s", width, strings.ReplaceAll(u, "/", "_")), func(t *testing.T) {
				t.Parallel()
				view, ok := s.Page(u).Data.(*walkthrough.View)
				if !ok {
					t.Fatalf("%s has no walkthrough", u)
				}
				ctx := browser.New(t)
				rec := browsertest.Record(t, ctx)
				var opts []chromedp.EmulateViewportOption
				if width < 600 {
					opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
				}
				browsertest.Do(t, ctx, browsertest.SetViewport(width, 800, opts...), chromedp.Navigate(base+u))
				shots := browsertest.Eval[[]shot](t, ctx, fmt.Sprintf(measure, `"section.frame .shot"`))
				if len(shots) != len(view.Frames) {
					t.Fatalf("%d frames on the page; want %d", len(shots), len(view.Frames))
				}
				for i, sh := range shots {
					f := view.Frames[i]
					if sh.ID != f.ID {
						t.Errorf("frame %d is %q; want %q", i+1, sh.ID, f.ID)
					}
					checkMarks(t, f, sh)
				}
				if err := rec.WaitIdle(ctx, 300*time.Millisecond); err != nil {
					t.Fatal(err)
				}
				rec.AssertNoRequestsOutside(t, base)
				rec.AssertNoErrors(t)
				if v := rec.CSPViolations(); len(v) > 0 {
					t.Errorf("Content Security Policy violations: %v", v)
				}
				if w := browsertest.Eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > float64(width) {
					t.Errorf("the page is %.0f px wide in a viewport of %d px", w, width)
				}
				if dir := os.Getenv("WALKTHROUGH_SCREENSHOTS"); dir != "" {
					name := fmt.Sprintf("%d%s.png", width, strings.ReplaceAll(strings.Trim(u, "/"), "/", "-"))
					waitFor(t, ctx, `(() => { for (const i of document.images) { i.loading = "eager"; } return Array.from(document.images).every(i => i.complete); })()`)
					if err := browsertest.Screenshot(ctx, filepath.Join(dir, name)); err != nil {
						t.Error(err)
					}
				}
			})
		}
	}
}

// checkMarks compares the markers of one frame as laid out with the
// callouts of its frames file, and checks that no marker covers the field
// it points at: its circle, rim included, stays off the outline drawn
// around the field.
func checkMarks(t *testing.T, f walkthrough.FrameView, sh shot) {
	t.Helper()
	if len(sh.Marks) != len(f.Callouts) {
		t.Errorf("frame %q: %d markers; want %d", f.ID, len(sh.Marks), len(f.Callouts))
		return
	}
	if sh.Width <= 0 || math.Abs(sh.Hght/sh.Width-float64(f.Image.Height)/float64(f.Image.Width)) > 0.01 {
		t.Errorf("frame %q: the image is laid out %.1f×%.1f px; want the proportions of %d×%d", f.ID, sh.Width, sh.Hght, f.Image.Width, f.Image.Height)
		return
	}
	var boxed []walkthrough.CalloutView
	for _, c := range f.Callouts {
		if c.Box != nil {
			boxed = append(boxed, c)
		}
	}
	if len(sh.Boxes) != len(boxed) {
		t.Errorf("frame %q: %d outlines; want %d", f.ID, len(sh.Boxes), len(boxed))
		return
	}
	viewH := float64(walkthrough.ViewWidth) * float64(f.Image.Height) / float64(f.Image.Width)
	boxOf := map[int]box{}
	for i, c := range boxed {
		boxOf[c.N] = sh.Boxes[i]
	}
	for j, c := range f.Callouts {
		m := sh.Marks[j]
		wantX, wantY := units(t, c.X)/walkthrough.ViewWidth*100, units(t, c.Y)/viewH*100
		gotX := (m.CX - sh.Left) / sh.Width * 100
		gotY := (m.CY - sh.Top) / sh.Hght * 100
		if math.Abs(gotX-wantX) > 2 || math.Abs(gotY-wantY) > 2 {
			t.Errorf("frame %q: marker %d is at %.1f%%, %.1f%% of the image; want %.1f%%, %.1f%% within 2%%", f.ID, c.N, gotX, gotY, wantX, wantY)
		}
		if m.N != strconv.Itoa(c.N) {
			t.Errorf("frame %q: marker %d shows %q", f.ID, c.N, m.N)
		}
		if m.Size < 16 {
			t.Errorf("frame %q: marker %d is %.1f px across; want at least 16", f.ID, c.N, m.Size)
		}
		if m.FontPx < 10 {
			t.Errorf("frame %q: the number of marker %d is %.1f px high; want at least 10", f.ID, c.N, m.FontPx)
		}
		if b, ok := boxOf[c.N]; ok {
			// The outline's outer edge, half its stroke outside its
			// geometry, and the marker's rim, a sixth of its radius.
			half := b.Width / 2
			dx := math.Max(math.Max(b.Left-half-m.CX, m.CX-(b.Right+half)), 0)
			dy := math.Max(math.Max(b.Top-half-m.CY, m.CY-(b.Bottom+half)), 0)
			if gap := math.Hypot(dx, dy) - m.Size/2*(1+walkthrough.MarkerStroke/2.0/walkthrough.MarkerR); gap < 0 {
				t.Errorf("frame %q: marker %d covers the outline of its field by %.1f px", f.ID, c.N, -gap)
			}
			if b.Stroke != markColour {
				t.Errorf("frame %q: the outline of field %d is drawn in %q; want %s", f.ID, c.N, b.Stroke, markColour)
			}
		}
		if math.Hypot(m.TextX-m.CX, m.TextY-m.CY) > 3 {
			t.Errorf("frame %q: the number of marker %d is %.1f px off the circle's centre", f.ID, c.N, math.Hypot(m.TextX-m.CX, m.TextY-m.CY))
		}
	}
}

// markColour is the colour of the markers and outlines.
const markColour = "rgb(179, 38, 30)"

// units reads a position in the SVG's user units.
func units(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("callout position %q: %v", s, err)
	}
	return v
}

// TestZoomByKeyboard opens the last frame's image of a walkthrough in each
// language in the zoom view with the keyboard, at the width of a phone and
// of a desktop. It
// checks that focus moves into the dialog; that the picture fits the width
// of the screen, with its markers in place and its outlines drawn as on
// the page; that the zoom buttons make it larger and smaller, markers and
// all; that Escape, and then Enter on the close button, close the dialog;
// and that focus returns to the image's link each time.
func TestZoomByKeyboard(t *testing.T) {
	dir, s := realSite(t)
	base := serveCSP(t, dir)
	var pages []string
	for _, l := range s.Content.Site.Languages {
		pages = append(pages, realPages(t, s, l.Code, 1)[0])
	}
	for _, width := range []int64{360, 1280} {
		for _, u := range pages {
			t.Run(fmt.Sprintf("%d%s", width, strings.ReplaceAll(u, "/", "_")), func(t *testing.T) {
				t.Parallel()
				view := s.Page(u).Data.(*walkthrough.View)
				last := len(view.Frames) - 1
				ctx := browser.New(t)
				rec := browsertest.Record(t, ctx)
				browsertest.Do(t, ctx, browsertest.SetViewport(width, 800), chromedp.Navigate(base+u))
				for _, key := range []string{kb.Escape, "\r"} {
					zoomOnce(t, ctx, view.Frames[last], last, key, width)
				}
				if got := browsertest.Eval[string](t, ctx, zoomLink(last)+`.getAttribute("href")`); got != view.Frames[last].Image.Full {
					t.Errorf("the image links to %s; want the full-size image %s", got, view.Frames[last].Image.Full)
				}
				rec.AssertNoErrors(t)
				if v := rec.CSPViolations(); len(v) > 0 {
					t.Errorf("Content Security Policy violations: %v", v)
				}
			})
		}
	}
}

// zoomDialog is the zoom view.
const zoomDialog = `document.querySelector("dialog.zoom-dialog")`

// zoomLink is the link of the image of the frame i (from 0).
func zoomLink(i int) string { return fmt.Sprintf(`document.querySelectorAll("a.zoom")[%d]`, i) }

// zoomOnce opens the zoom view of frame f, the frame i of the page, with
// Enter on its link, checks it, and closes it with key: Escape, or Enter
// on its close button.
func zoomOnce(t *testing.T, ctx context.Context, f walkthrough.FrameView, i int, key string, width int64) {
	t.Helper()
	link := zoomLink(i)
	// Tab to the link from the element before it, as a reader would.
	browsertest.Eval[bool](t, ctx, `(() => {
		const links = Array.from(document.querySelectorAll("a, button"));
		links[links.indexOf(`+link+`) - 1].focus();
		return true;
	})()`)
	browsertest.Do(t, ctx, chromedp.KeyEvent("\t"))
	if !browsertest.Eval[bool](t, ctx, `document.activeElement === `+link) {
		t.Fatalf("Tab did not reach the image link; focus is on %s", browsertest.Eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	page := browsertest.Eval[[]shot](t, ctx, fmt.Sprintf(measure, `"section.frame .shot"`))[i]
	browsertest.Do(t, ctx, chromedp.KeyEvent("\r"))
	waitFor(t, ctx, zoomDialog+` !== null && `+zoomDialog+`.open`)
	if !browsertest.Eval[bool](t, ctx, `document.activeElement === `+zoomDialog) {
		t.Errorf("focus is not on the dialog but on %s", browsertest.Eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	if label := browsertest.Eval[string](t, ctx, zoomDialog+`.getAttribute("aria-label")`); label != f.Title {
		t.Errorf("the dialog is labelled %q; want %q", label, f.Title)
	}
	waitFor(t, ctx, zoomDialog+`.querySelector("img").complete`)
	zoomed := func() shot {
		shots := browsertest.Eval[[]shot](t, ctx, fmt.Sprintf(measure, `"dialog.zoom-dialog .shot"`))
		if len(shots) != 1 {
			t.Fatalf("%d images in the dialog; want 1", len(shots))
		}
		checkMarks(t, f, shots[0])
		return shots[0]
	}
	fit := zoomed()
	if fit.Left < -0.5 || fit.Left+fit.Width > float64(width)+0.5 || fit.Width < math.Min(float64(width), float64(f.Image.Width))*0.9 {
		t.Errorf("in a viewport %d px wide the zoom view shows the picture from %.0f to %.0f px; want it to fit the width", width, fit.Left, fit.Left+fit.Width)
	}
	for i, b := range fit.Boxes {
		if b.Stroke != page.Boxes[i].Stroke {
			t.Errorf("outline %d is drawn in %s in the zoom view and in %s on the page", i+1, b.Stroke, page.Boxes[i].Stroke)
		}
	}
	if dir := os.Getenv("WALKTHROUGH_SCREENSHOTS"); dir != "" && key == kb.Escape {
		saveViewport(t, ctx, filepath.Join(dir, fmt.Sprintf("zoom-%d-%s.png", width, browsertest.Eval[string](t, ctx, `document.documentElement.lang`))))
	}
	// Zoom in twice and out once: the picture grows by 1.5 and 2 times
	// the width that fits, and the reader can scroll across it.
	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`dialog.zoom-dialog .zoom-in`)), chromedp.Click(chromedp.CSS(`dialog.zoom-dialog .zoom-in`)))
	if big := zoomed(); math.Abs(big.Width-2*fit.Width) > 2 || !browsertest.Eval[bool](t, ctx, zoomDialog+`.querySelector(".zoom-pane").scrollWidth > `+zoomDialog+`.querySelector(".zoom-pane").clientWidth`) {
		t.Errorf("zoomed in twice, the picture is %.0f px wide, from %.0f; want twice as wide, in a pane that scrolls", big.Width, fit.Width)
	}
	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`dialog.zoom-dialog .zoom-out`)))
	if mid := zoomed(); math.Abs(mid.Width-1.5*fit.Width) > 2 {
		t.Errorf("zoomed out once, the picture is %.0f px wide; want 1.5 times %.0f", mid.Width, fit.Width)
	}
	if key == "\r" {
		// Enter on the close button, which comes first in the dialog.
		browsertest.Eval[bool](t, ctx, zoomDialog+`.focus(); true`)
		browsertest.Do(t, ctx, chromedp.KeyEvent("\t"))
		if !browsertest.Eval[bool](t, ctx, `document.activeElement === `+zoomDialog+`.querySelector(".zoom-close")`) {
			t.Errorf("Tab in the dialog went to %s; want its close button", browsertest.Eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
		}
	}
	browsertest.Do(t, ctx, chromedp.KeyEvent(key))
	waitFor(t, ctx, zoomDialog+` === null`)
	if !browsertest.Eval[bool](t, ctx, `document.activeElement === `+link) {
		t.Errorf("after closing with %q, focus is on %s; want the image link", key, browsertest.Eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
	}
}

// saveViewport writes a PNG image of what the viewport shows.
func saveViewport(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		t.Error(err)
	}
}

// TestForcedColors checks that in forced-colours mode the markers use the
// system colours, with their numbers in contrast to the circles.
func TestForcedColors(t *testing.T) {
	dir, s := realSite(t)
	base := serveCSP(t, dir)
	langs := s.Content.Site.Languages
	u := realPages(t, s, langs[len(langs)-1].Code, 1)[0]
	ctx := browser.New(t)
	browsertest.Do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}},
		})
		return err
	}), chromedp.Navigate(base+u))
	if !browsertest.Eval[bool](t, ctx, `matchMedia("(forced-colors: active)").matches`) {
		t.Fatal("forced colours are not emulated")
	}
	colors := browsertest.Eval[map[string]string](t, ctx, `(() => {
		const c = document.querySelector("svg.marks circle"), tx = document.querySelector("svg.marks text"), m = document.querySelector(".callouts .mark");
		const probe = document.createElement("span");
		document.body.append(probe);
		probe.style.color = "Canvas";
		const canvas = getComputedStyle(probe).color;
		probe.style.color = "CanvasText";
		const text = getComputedStyle(probe).color;
		return {circle: getComputedStyle(c).fill, number: getComputedStyle(tx).fill, canvas, text,
			listMark: getComputedStyle(m).color, listBg: getComputedStyle(m).backgroundColor};
	})()`)
	if colors["circle"] != colors["canvas"] || colors["number"] != colors["text"] {
		t.Errorf("in forced colours the circle is %s and its number %s; want Canvas (%s) and CanvasText (%s)", colors["circle"], colors["number"], colors["canvas"], colors["text"])
	}
	if c := contrast(t, colors["circle"], colors["number"]); c < 4.5 {
		t.Errorf("in forced colours the numbers have a contrast of %.1f with their circles; want 4.5 or more", c)
	}
	if c := contrast(t, colors["listBg"], colors["listMark"]); c < 4.5 {
		t.Errorf("in forced colours the numbers of the list have a contrast of %.1f (%s on %s); want 4.5 or more", c, colors["listMark"], colors["listBg"])
	}
}

// TestReflow checks that a walkthrough page fits a viewport of 320 CSS
// pixels, the width of 1280 px at 400% zoom, without scrolling sideways.
func TestReflow(t *testing.T) {
	dir, s := realSite(t)
	base := serveCSP(t, dir)
	ctx := browser.New(t)
	for _, u := range realPages(t, s, "", 1) {
		browsertest.Do(t, ctx, browsertest.SetViewport(320, 640), chromedp.Navigate(base+u))
		if w := browsertest.Eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > 320 {
			t.Errorf("%s is %.0f px wide at 320 px", u, w)
		}
	}
}

// contrast returns the contrast ratio of two CSS colours "rgb(r, g, b)".
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(t *testing.T, css string) float64 {
	t.Helper()
	inner := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(css, "rgba("), "rgb("), ")")
	parts := strings.Split(inner, ",")
	if len(parts) < 3 {
		t.Fatalf("cannot read the colour %q", css)
	}
	var lin [3]float64
	for i := range 3 {
		v, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil {
			t.Fatalf("cannot read the colour %q", css)
		}
		c := v / 255
		if c <= 0.04045 {
			lin[i] = c / 12.92
		} else {
			lin[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*lin[0] + 0.7152*lin[1] + 0.0722*lin[2]
}
