package acceptance

import (
	"slices"
	"strings"
	"testing"

	"guide/internal/browsertest"
)

// TestChecksCatchDefects runs every check of a page on testdata/defects,
// a page made of the defects the checks are for, and expects each check
// to report its defect: a check that cannot fail proves nothing.
func TestChecksCatchDefects(t *testing.T) {
	base := browsertest.Serve(t, "testdata/defects")
	tb := openTab(t, base+"/")
	report := func(t *testing.T, got []string, want ...string) {
		t.Helper()
		all := strings.Join(got, "\n")
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("the check does not report %q; it reports:\n%s", w, all)
			}
		}
	}

	t.Run("csp", func(t *testing.T) {
		report(t, checkPolicy(tb, "default-src 'self'; object-src 'none'"),
			"Content-Security-Policy meta elements", "inline <script>", "style attribute on <p>")
		report(t, strictPolicy("default-src *; script-src 'self' 'unsafe-inline'; style-src https://cdn.example.com"),
			`default-src is "*"`, "script-src allows 'unsafe-inline'", "style-src allows https://cdn.example.com, another host")
	})
	t.Run("system-fonts", func(t *testing.T) {
		report(t, checkFonts(tb), `does not name "PingFang SC"`, "does not end with the generic sans-serif", "loads a web font")
	})
	t.Run("axe", func(t *testing.T) {
		src, err := axeSource()
		if err != nil {
			need(t, "node_modules/axe-core", "run npm ci at the root of the repository")
		}
		report(t, axeViolations(tb, src), "axe image-alt")
	})
	t.Run("headings", func(t *testing.T) {
		report(t, checkHeadings(tb, []string{"or", "或"}), "a level is skipped", `is the word "or" alone`)
	})
	t.Run("target-size", func(t *testing.T) {
		got, r := checkTargets(tb)
		report(t, got, `button.tiny:nth-of-type(1) "a" is 12.0×12.0 CSS px`, `button.tiny:nth-of-type(2) "b"`)
		var exempt []string
		for _, e := range r.Exempt {
			exempt = append(exempt, e.Why+": "+e.What)
		}
		for _, w := range []string{`inline in a sentence: #main > p:nth-of-type(1) > a.tiny-inline`, `spacing: #main > p.alone:nth-of-type(3) > button.tiny "c"`} {
			if !slices.ContainsFunc(exempt, func(e string) bool { return strings.HasPrefix(e, w) }) {
				t.Errorf("the exemptions do not include %s:\n%s", w, strings.Join(exempt, "\n"))
			}
		}
	})
	t.Run("reflow-320", func(t *testing.T) {
		report(t, checkReflow(tb), "the page scrolls sideways", "div.wide", "div.scroller")
	})
	t.Run("text-200", func(t *testing.T) {
		report(t, checkTextZoom(tb), "at 200% text size, the text is 15.0 px", "div.clip")
	})
	t.Run("keyboard", func(t *testing.T) {
		got, _ := checkKeyboard(tb)
		report(t, got, "not a skip link", `focus on #main > p:nth-of-type(4) > a.nofocus "A link that hides its focus" shows no indicator`,
			"cannot be seen: it is entirely hidden under body > header.fixed", "the page has no skip link")
	})
	t.Run("print", func(t *testing.T) {
		defer tb.media("")
		report(t, checkPrintView(tb), "the page shows its navigation", `not show its "last confirmed" date`,
			"no checklist", "is not followed by its address https://example.com/elsewhere")
	})
	t.Run("own-origin-only", func(t *testing.T) {
		var kinds []string
		for _, m := range tb.rec.Errors() {
			kinds = append(kinds, string(m.Kind)+": "+m.Text)
		}
		report(t, kinds, "csp: ", "script-src", "style-src")
		if !slices.ContainsFunc(tb.rec.Errors(), func(m browsertest.Message) bool { return strings.Contains(m.Text, "198.51.100.1") }) &&
			len(tb.rec.RequestsOutside(base)) == 0 {
			t.Errorf("neither a request nor a CSP violation shows the image from another host: %v", tb.rec.Errors())
		}
	})
}
