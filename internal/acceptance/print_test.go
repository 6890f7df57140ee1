package acceptance

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
)

// printView is what window.__acceptance.printView returns.
type printView struct {
	Nav       bool     `json:"nav"`
	NavWhat   []string `json:"navWhat"`
	Languages bool     `json:"languages"`
	Dates     bool     `json:"dates"`
	Checklist bool     `json:"checklist"`
	External  []struct {
		Href  string `json:"href"`
		What  string `json:"what"`
		Text  string `json:"text"`
		After string `json:"after"`
	} `json:"external"`
	Boxes []struct {
		What   string  `json:"what"`
		Style  string  `json:"style"`
		Border float64 `json:"border"`
		W      float64 `json:"w"`
		H      float64 `json:"h"`
	} `json:"boxes"`
	Closed []string `json:"closed"`
}

// printCase is a procedure page to print in one language, and what the
// paper must and must not show.
type printCase struct {
	page page
	// want are texts the paper must show: the checklist's heading and
	// items, the "last confirmed" label and date, the addresses of the
	// steps' links to other sites.
	want []string
	// not are texts of the navigation, the skip link, the table of
	// contents and the language switcher.
	not []string
}

// printCases returns, for each language, the first procedure page of the
// guide that shows a checklist, preferring one whose steps link to other sites,
// with what its paper must and must not show: the interface strings of
// layouts/i18n and the facts of the page's front matter.
func printCases(t *testing.T, b *build) map[string]printCase {
	t.Helper()
	out := map[string]printCase{}
	links := map[string]bool{}
	for _, p := range b.pages {
		src := b.site.Page("/" + p.rel)
		if src == nil || src.Path == "" {
			continue
		}
		var bring, urls []string
		for _, st := range src.Steps {
			bring = append(bring, st.Bring...)
			for _, l := range st.Links {
				if strings.HasPrefix(l.URL, "http://") || strings.HasPrefix(l.URL, "https://") {
					urls = append(urls, l.URL)
				}
			}
		}
		if !hasChecklist(t, b, p) || links[p.lang] || (out[p.lang].page.rel != "" && len(urls) == 0) {
			continue
		}
		links[p.lang] = len(urls) > 0
		str := func(key string) string {
			s, err := b.site.Layouts.String(p.lang, key)
			if err != nil {
				t.Fatal(err)
			}
			return strings.TrimSpace(s)
		}
		confirmed := src.Confirmed
		if confirmed.IsZero() {
			confirmed = b.site.Content.Site.Confirmed
		}
		c := printCase{page: p, not: []string{str("skip"), str("contents")}}
		c.want = append([]string{str("checklist"), str("confirmed"), confirmed.String()}, bring...)
		c.want = append(c.want, urls...)
		for _, l := range b.site.Content.Site.Languages {
			if l.Code != p.lang {
				c.not = append(c.not, l.Name)
			}
		}
		out[p.lang] = c
	}
	return out
}

// hasChecklist reports whether the built page p shows a checklist of
// what to bring, which the layouts give a page when it is worth one.
func hasChecklist(t *testing.T, b *build, p page) bool {
	t.Helper()
	html, err := os.ReadFile(filepath.Join(b.dir, filepath.FromSlash(p.rel), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Contains(html, []byte(`<section class="checklist"`))
}

// pageText is the text of the page without its header, navigation, skip
// link and footer: what its content says.
const pageText = `(() => {
	const c = document.body.cloneNode(true);
	for (const e of c.querySelectorAll('header, nav, .skip, footer, .languages')) e.remove();
	return c.textContent;
})()`

// TestPrint prints a procedure page in each language as a reader does,
// and checks the result twice: in the browser under print media (what is
// displayed, what the stylesheet adds), and in the text of the PDF that
// Chromium prints (with pdftotext, from Debian's poppler-utils).
func TestPrint(t *testing.T) {
	cases := printCases(t, guide)
	if len(cases) == 0 {
		t.Skip("the guide has no procedure page with a checklist to print")
	}
	for _, lang := range sortedKeys(cases) {
		want := cases[lang]
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, guide.url(want.page))
			tb.viewport(browsertest.SetViewport(desktopWidth, desktopHeight))
			// A word of the navigation that the page's own text uses
			// may well be printed.
			own := squash(eval[string](tb, pageText))
			var not []string
			for _, n := range want.not {
				if !strings.Contains(own, squash(n)) {
					not = append(not, n)
				}
			}

			for _, p := range checkPrintView(tb) {
				t.Errorf("%s: printed, %s", tb.url, p)
			}
			for _, e := range call[printView](tb, "printView").External {
				// A bare address is its own text: printed once is enough.
				if strings.TrimSuffix(e.Text, "/") == strings.TrimSuffix(e.Href, "/") {
					not = append(not, e.Text+" ("+e.Href+")")
				}
			}

			pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
			if err != nil {
				t.Fatalf("%s: printing to PDF: %v", tb.url, err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 1000 {
				t.Fatalf("%s: printing made no PDF (%d bytes)", tb.url, len(pdf))
			}
			text := pdfText(t, pdf)
			for _, w := range want.want {
				if !strings.Contains(text, squash(w)) {
					t.Errorf("%s: the printed page does not show %q", tb.url, w)
				}
			}
			for _, n := range not {
				if strings.Contains(text, squash(n)) {
					t.Errorf("%s: the printed page shows %q", tb.url, n)
				}
			}
			tb.assertClean(t, guide.origin())
		})
	}
}

// pdfText returns the text of a PDF, as pdftotext reads it, squashed. Without pdftotext the test ends here, as
// skipped, or fails under CI=true.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		need(t, "pdftotext", "apt-get install poppler-utils")
	}
	file := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	// -raw keeps the text in the order the page writes it: without it,
	// pdftotext lays out Chinese and Latin runs of one line apart.
	out, err := exec.Command(bin, "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return squash(string(out))
}

// squash drops all white space from s. pdftotext breaks lines where the
// paper does, inside a phrase or an address, and spaces Chinese text as
// it likes; texts compared without white space are found all the same.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// checkPrintView: under print media, the page shows no navigation and no
// language switcher; it shows its dates, its checklist with a box to tick
// for each item, the address after each external link whose text is not
// the address itself, and nothing closed. It leaves the tab in print media.
func checkPrintView(tb *tab) []string {
	tb.media("print")
	v := call[printView](tb, "printView")
	var out []string
	if v.Nav || v.Languages {
		out = append(out, fmt.Sprintf("the page shows its navigation: %q", v.NavWhat))
	}
	if !v.Dates {
		out = append(out, `the page does not show its "last confirmed" date`)
	}
	if !v.Checklist || len(v.Boxes) == 0 {
		out = append(out, "the page shows no checklist of documents")
	}
	for _, b := range v.Boxes {
		if b.Style == "none" || b.Style == "hidden" || b.Border < 1 || b.W < 10 || b.H < 10 {
			out = append(out, fmt.Sprintf("checklist item %s has no box to tick (border %s %.1fpx, %.0f×%.0f px); want a bordered box of at least 10×10 px",
				b.What, b.Style, b.Border, b.W, b.H))
		}
	}
	if len(v.External) == 0 {
		out = append(out, "the page has no external link; the test needs one")
	}
	for _, e := range v.External {
		// A bare address is its own text: printed once is enough.
		bare := strings.TrimSuffix(e.Text, "/") == strings.TrimSuffix(e.Href, "/")
		if !bare && !strings.Contains(e.After, e.Href) {
			out = append(out, fmt.Sprintf("external link %s is not followed by its address %s (::after is %s)", e.What, e.Href, e.After))
		}
	}
	for _, c := range v.Closed {
		out = append(out, c+" stays closed")
	}
	return out
}
