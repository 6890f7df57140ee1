package walkthrough_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guide/internal/browsertest"
	"guide/internal/walkthrough"
)

// TestImageBytesOnPhone opens each walkthrough of the guide in Chromium as
// a phone 360 CSS pixels wide at three device pixels per CSS pixel, loads
// every picture as a reader who scrolls to the end does, and adds up the
// bytes of the pictures the browser chose from their srcset. They must not
// be more than guide check counts against the pictures' budget
// (View.PhoneBytes), or the check would let through pages that phones
// find heavier.
func TestImageBytesOnPhone(t *testing.T) {
	dir, s := realSite(t)
	base := serveCSP(t, dir)
	for _, u := range realPages(t, s, "", 1) {
		t.Run(strings.ReplaceAll(strings.Trim(u, "/"), "/", "_"), func(t *testing.T) {
			t.Parallel()
			view := s.Page(u).Data.(*walkthrough.View)
			ctx := browser.New(t)
			browsertest.Do(t, ctx, browsertest.SetViewport(360, 740, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch),
				chromedp.Navigate(base+u))
			waitFor(t, ctx, `(() => { for (const i of document.images) { i.loading = "eager"; } return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0); })()`)
			type loaded struct {
				Name string  `json:"name"`
				Size float64 `json:"size"`
			}
			images := browsertest.Eval[[]loaded](t, ctx, `performance.getEntriesByType("resource")
				.filter(e => e.initiatorType === "img")
				.map(e => ({name: new URL(e.name).pathname, size: e.encodedBodySize}))`)
			if len(images) < len(view.Frames) {
				t.Fatalf("%d pictures loaded; want the %d of the frames", len(images), len(view.Frames))
			}
			total := 0.0
			var list []string
			for _, img := range images {
				total += img.Size
				list = append(list, fmt.Sprintf("%s %.1f KB", img.Name, img.Size/1024))
			}
			t.Logf("%s: %.1f KB of pictures at 360 px, 3 device pixels per CSS pixel:\n%s", u, total/1024, strings.Join(list, "\n"))
			if total > float64(view.PhoneBytes) {
				t.Errorf("%s loads %.1f KB of pictures on a phone; guide check counts %.1f KB:\n%s", u, total/1024, float64(view.PhoneBytes)/1024, strings.Join(list, "\n"))
			}
		})
	}
}

// TestPrint prints each walkthrough to A4 paper in Chromium and reads the
// PDF's text page by page (pdftotext, from Debian's poppler-utils): the
// first page holds the introduction and the first screen; every later
// page, up to the last screen's, starts with a screen's heading, so that no
// screen's heading, picture and numbered list are split across pages; and
// a page holds one or two screens.
func TestPrint(t *testing.T) {
	dir, s := realSite(t)
	base := serveCSP(t, dir)
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing: apt-get install poppler-utils")
		}
		t.Skip("pdftotext is missing: apt-get install poppler-utils")
	}
	for _, u := range realPages(t, s, "", 1) {
		t.Run(strings.ReplaceAll(strings.Trim(u, "/"), "/", "_"), func(t *testing.T) {
			t.Parallel()
			p := s.Page(u)
			view := p.Data.(*walkthrough.View)
			format, err := s.Layouts.String(p.Lang, "wt_screen")
			if err != nil {
				t.Fatal(err)
			}
			var headings []string
			for _, f := range view.Frames {
				headings = append(headings, squash(fmt.Sprintf(format, f.Number, f.Count)+f.Title))
			}
			ctx := browser.New(t)
			browsertest.Do(t, ctx, browsertest.SetViewport(1280, 800), chromedp.Navigate(base+u))
			waitFor(t, ctx, `(() => { for (const i of document.images) { i.loading = "eager"; } return Array.from(document.images).every(i => i.complete); })()`)
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
			if err != nil {
				t.Fatalf("printing to PDF: %v", err)
			}
			if d := os.Getenv("WALKTHROUGH_SCREENSHOTS"); d != "" {
				_ = os.WriteFile(filepath.Join(d, "print"+strings.ReplaceAll(strings.TrimSuffix(u, "/"), "/", "-")+".pdf"), pdf, 0o644)
			}
			checkPrinted(t, headings, pdfPages(t, bin, pdf))
		})
	}
}

// checkPrinted checks the pages of a printed walkthrough, as text, against
// the headings of its screens.
func checkPrinted(t *testing.T, headings []string, pages []string) {
	t.Helper()
	last := 0 // the page of the last screen's heading
	for i, h := range headings {
		p := find(pages, h)
		switch {
		case p < 0:
			t.Fatalf("the heading of screen %d does not print", i+1)
		case i == 0 && p != 0:
			t.Errorf("the first screen prints on page %d; want it on the first page, after the introduction", p+1)
		}
		last = p
	}
	for p := 1; p <= last && p < len(pages); p++ {
		starts := false
		for _, h := range headings {
			starts = starts || strings.HasPrefix(pages[p], h)
		}
		if !starts {
			t.Errorf("page %d does not start with a screen's heading: a screen is split across pages 1 and 2 of it:\n%.200s", p+1, pages[p])
		}
		if n := countAny(pages[p], headings); n > 2 {
			t.Errorf("page %d holds %d screens; want one or two", p+1, n)
		}
	}
	if n := countAny(pages[0], headings); n > 2 {
		t.Errorf("page 1 holds %d screens; want one or two", n)
	}
}

// countAny counts the strings of list that s holds.
func countAny(s string, list []string) int {
	n := 0
	for _, l := range list {
		if strings.Contains(s, l) {
			n++
		}
	}
	return n
}

// find returns the index of the first page whose text has s, or -1.
func find(pages []string, s string) int {
	for i, p := range pages {
		if strings.Contains(p, s) {
			return i
		}
	}
	return -1
}

// pdfPages returns the text of each page of a PDF, squashed.
func pdfPages(t *testing.T, bin string, pdf []byte) []string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("printing made no PDF (%d bytes)", len(pdf))
	}
	file := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	// -raw keeps the order in which the page draws its text, which is
	// the order of the document.
	out, err := exec.Command(bin, "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// pdftotext ends every page with a form feed.
	var pages []string
	for _, p := range strings.Split(strings.TrimSuffix(string(out), "\f"), "\f") {
		pages = append(pages, squash(p))
	}
	return pages
}

// squash drops all white space from s: pdftotext breaks lines where the
// paper does, and spaces Chinese text as it likes.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }
