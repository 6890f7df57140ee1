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

// twice is a bare address printed twice: as the link and after it.
const twice = "https://ceac.state.gov/GENNIV/ (https://ceac.state.gov/GENNIV/)"

// printed holds what a procedure page must and must not show on paper, per
// language: the interface strings of layouts/i18n and facts of the page.
var printed = map[string]struct {
	rel string
	// want are texts the paper must show: the checklist's heading and
	// items, the "last confirmed" date, the external addresses.
	want []string
	// not are texts of the navigation, the skip link and the language
	// switcher, and an address printed twice.
	not []string
}{
	"zh": {
		rel:  "waiver/",
		want: []string{"材料清单", "最后核实日期", "2025-04-08", "新、旧护照", "身份证原件", "https://ceac.state.gov/GENNIV/", "https://www.usvisascheduling.com/zh-CN/SignIn"},
		not:  []string{"English", "跳到主要内容", "本页目录", twice},
	},
	"en": {
		rel:  "en/waiver/",
		want: []string{"Checklist of documents", "Last confirmed", "2025-04-08", "New and old passports", "Original ID card", "https://ceac.state.gov/GENNIV/", "https://www.usvisascheduling.com/zh-CN/SignIn"},
		not:  []string{"中文", "Skip to main content", "On this page", twice},
	},
}

// TestPrint prints the waiver procedure in each language as a reader
// does, and checks the result twice: in the browser under print media
// (what is displayed, what the stylesheet adds), and in the text of the
// PDF that Chromium prints (with pdftotext, from Debian's poppler-utils).
func TestPrint(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			want := printed[lang]
			tb := openTab(t, guide.url(guide.find(t, want.rel)))
			tb.viewport(browsertest.SetViewport(desktopWidth, desktopHeight))

			for _, p := range checkPrintView(tb) {
				t.Errorf("%s: printed, %s", tb.url, p)
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
			for _, n := range want.not {
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
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
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
