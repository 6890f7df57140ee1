package acceptance

import (
	"testing"
)

// TestPolicyIsStrict checks the Content Security Policy that every page
// carries: the site's own origin only, no inline script or style.
func TestPolicyIsStrict(t *testing.T) {
	for _, p := range strictPolicy(guide.policy) {
		t.Errorf("the Content-Security-Policy of the pages (layouts/base.html): %s", p)
	}
}

// TestPages opens every page of the guide, in both languages, once, and
// checks in that visit every property that doc.go lists, each as a
// subtest: TestPages/<page>/<property>.
func TestPages(t *testing.T) {
	logic, err := logicWords()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range guide.pages {
		t.Run(p.name(), func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, guide.url(p))
			runPageChecks(t, tb, guide.policy, guide.origin(), logic)
		})
	}
}

// runPageChecks runs the checks of one page in order, each as a subtest,
// on the tab that has just opened it as a phone shows it. The last
// subtest looks at everything the page did during all of them.
func runPageChecks(t *testing.T, tb *tab, policy, origin string, logic []string) {
	report := func(t *testing.T, problems []string) {
		t.Helper()
		for _, p := range problems {
			t.Errorf("%s: %s", tb.url, p)
		}
	}
	t.Run("csp", func(t *testing.T) { report(t, checkPolicy(tb, policy)) })
	t.Run("system-fonts", func(t *testing.T) { report(t, checkFonts(tb)) })
	t.Run("axe", func(t *testing.T) { axe(t, tb) })
	t.Run("headings", func(t *testing.T) { report(t, checkHeadings(tb, logic)) })
	t.Run("target-size", func(t *testing.T) {
		problems, r := checkTargets(tb)
		report(t, problems)
		if testing.Verbose() {
			for _, e := range r.Exempt {
				t.Logf("exempt (%s): %s, %.1f×%.1f", e.Why, e.What, e.W, e.H)
			}
		}
	})
	t.Run("reflow-320", func(t *testing.T) { report(t, checkReflow(tb)) })
	t.Run("text-200", func(t *testing.T) { report(t, checkTextZoom(tb)) })
	t.Run("keyboard", func(t *testing.T) {
		problems, n := checkKeyboard(tb)
		report(t, problems)
		if n < 2 {
			t.Errorf("%s: Tab reached %d elements; a page has at least the skip link and a link home", tb.url, n)
		}
	})
	t.Run("own-origin-only", func(t *testing.T) { tb.assertClean(t, origin) })
}
