package acceptance

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"

	"guide/internal/browsertest"
	"guide/internal/checker"
)

// tabTo presses Tab until the focused element matches the CSS selector,
// or fails the test after limit presses. It returns how many it took.
func (tb *tab) tabTo(selector string, limit int) int {
	tb.t.Helper()
	for i := 1; i <= limit; i++ {
		tb.key(tabKey)
		if eval[bool](tb, "!!document.activeElement && document.activeElement.matches("+mustJSON(selector)+")") {
			return i
		}
	}
	tb.t.Fatalf("%s: %d presses of Tab never reach %s; focus is on %s", tb.url, limit, selector,
		eval[string](tb, "document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : 'nothing'"))
	return 0
}

// waitFor polls the JavaScript condition until it is true, or fails the
// test after a few seconds.
func (tb *tab) waitFor(cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !eval[bool](tb, "!!("+cond+")") {
		if time.Now().After(deadline) {
			tb.t.Fatalf("%s: %s did not become true", tb.url, cond)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// focusShows fails the test when the focused element has no focus
// indicator or cannot be seen.
func focusShows(t *testing.T, tb *tab) {
	t.Helper()
	s := call[tabStep](tb, "focusNow")
	if s.Indicator == "" {
		t.Errorf("%s: focus on %s shows no indicator", tb.url, s.What)
	}
	if s.Hidden != "" {
		t.Errorf("%s: focus on %s cannot be seen: %s", tb.url, s.What, s.Hidden)
	}
}

// TestCheckerByKeyboard uses the eligibility checker, with its script, by
// keyboard alone, in every language and under the sub-path: Tab to an
// answer, Enter, and the next question shows in place with focus on its
// heading, until the outcome, which is announced. The answers are those of
// the longest path of the rules in force. A date typed wrong shows an
// error that takes focus. Every state passes axe, and the rules are
// fetched from the guide's own origin.
func TestCheckerByKeyboard(t *testing.T) {
	for _, b := range []*build{guide, subpath} {
		for _, cp := range b.checkers() {
			t.Run(b.name+"/"+cp.lang, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, cp.url)
				tb.viewport(browsertest.SetViewport(desktopWidth, desktopHeight))
				// The script has taken over when the question's heading
				// can take focus.
				tb.waitFor(`document.querySelector('#checker h2[tabindex="-1"]')`)

				rs := cp.view.RuleSet
				path := longestPath(rs)
				for i, c := range path.Choices {
					n := answerIndex(t, rs.Question(c.Question), c.Answer)
					tb.tabTo(fmt.Sprintf("#checker .answers li:nth-child(%d) a", n), 40)
					tb.key(kb.Enter)
					tb.waitFor(`document.activeElement && document.activeElement.matches('#checker h2[tabindex="-1"]')`)
					if i == 0 && len(path.Choices) > 1 {
						t.Run("axe-question", func(t *testing.T) { axe(t, tb) })
					}
				}
				want := b.outcomeTitle(cp.lang, path.Outcome.ID)
				if got := eval[string](tb, outcomeShown); got != want {
					t.Fatalf("%s: the answers %s by keyboard show the outcome %q; want %q", tb.url, checker.Fragment(path.Choices), got, want)
				}
				status := eval[string](tb, `document.getElementById('checker-status').textContent`)
				if !strings.Contains(status, want) {
					t.Errorf("%s: the status region says %q; want it to announce the outcome %q", tb.url, status, want)
				}
				if title := eval[string](tb, "document.title"); !strings.HasPrefix(title, want) {
					t.Errorf("%s: the document title is %q; want it to start with the outcome %q", tb.url, title, want)
				}
				t.Run("axe-outcome", func(t *testing.T) { axe(t, tb) })
				t.Run("keyboard-outcome", func(t *testing.T) {
					problems, _ := checkKeyboard(tb)
					for _, p := range problems {
						t.Errorf("%s (outcome shown): %s", tb.url, p)
					}
				})

				// A date question, sent empty with Enter on its button.
				if before, q, ok := beforeDate(rs); ok {
					tb.url = cp.url + "#" + checker.Fragment(before)
					tb.navigate()
					tb.waitFor(`document.querySelector('#checker form button')`)
					tb.tabTo("#checker form button", 40)
					tb.key(kb.Enter)
					tb.waitFor(`document.activeElement && document.activeElement.id === 'date'`)
					if !eval[bool](tb, `!document.getElementById('date-error').hidden && document.getElementById('date').getAttribute('aria-invalid') === 'true' && /date-error/.test(document.getElementById('date').getAttribute('aria-describedby'))`) {
						t.Errorf("%s: an empty date for question %s shows no error tied to the field", tb.url, q.ID)
					}
					t.Run("axe-date-error", func(t *testing.T) { axe(t, tb) })
				} else {
					t.Log("no question of the rules in force takes a date")
				}
				tb.assertClean(t, b.origin())
				requested := strings.Join(tb.rec.Requests(), "\n")
				if rules := b.origin() + cp.view.Rules; !strings.Contains(requested, rules) {
					t.Errorf("%s: the script never fetched %s; it asked for:\n%s", tb.url, rules, requested)
				}
			})
		}
	}
}

// TestWalkthroughZoomByKeyboard opens a walkthrough's picture full size
// by keyboard, in both languages: Enter on the picture's link opens a
// dialog with focus in it; the dialog passes axe; Tab reaches its close
// button, which shows focus; Enter on it, or Escape, closes the dialog and
// focus returns to the link.
func TestWalkthroughZoomByKeyboard(t *testing.T) {
	var walkthroughs []page
	for _, p := range guide.site.Pages() {
		if p.Layout == "walkthrough" {
			walkthroughs = append(walkthroughs, guide.find(t, strings.TrimPrefix(guide.site.Abs(guide.site.URLPath(p)), guide.base)))
		}
	}
	if len(walkthroughs) == 0 {
		t.Skip("the guide has no walkthrough page yet")
	}
	for _, p := range walkthroughs {
		t.Run(p.name(), func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, guide.url(p))
			tb.viewport(browsertest.SetViewport(desktopWidth, desktopHeight))
			if !eval[bool](tb, `!!document.querySelector('a.zoom')`) {
				t.Fatalf("%s is a walkthrough without a picture to open", tb.url)
			}
			tb.tabTo("a.zoom", 60)
			tb.key(kb.Enter)
			tb.waitFor(`document.querySelector('dialog[open]')`)
			if !eval[bool](tb, `!!document.activeElement.closest('dialog[open]')`) {
				t.Errorf("%s: the dialog opens with focus on %s, outside it", tb.url, eval[string](tb, "document.activeElement.outerHTML.slice(0, 80)"))
			}
			t.Run("axe-dialog", func(t *testing.T) { axe(t, tb) })
			// The close button: reached by Tab, focus shown, Enter closes.
			tb.tabTo("dialog[open] button", 3)
			focusShows(t, tb)
			tb.key(kb.Enter)
			tb.waitFor(`!document.querySelector('dialog[open]')`)
			if !eval[bool](tb, `document.activeElement.matches('a.zoom')`) {
				t.Errorf("%s: after the close button, focus is on %s; want the link that opened the dialog", tb.url, eval[string](tb, "document.activeElement.outerHTML.slice(0, 80)"))
			}
			// Escape closes it too.
			tb.key(kb.Enter)
			tb.waitFor(`document.querySelector('dialog[open]')`)
			tb.key(kb.Escape)
			tb.waitFor(`!document.querySelector('dialog[open]')`)
			if !eval[bool](tb, `document.activeElement.matches('a.zoom')`) {
				t.Errorf("%s: after Escape, focus is on %s; want the link that opened the dialog", tb.url, eval[string](tb, "document.activeElement.outerHTML.slice(0, 80)"))
			}
			tb.assertClean(t, guide.origin())
		})
	}
}

// mustJSON writes v as JSON, which is also JavaScript.
func mustJSON(v any) string {
	s, err := jsonMarshal(v)
	if err != nil {
		panic(err)
	}
	return s
}
