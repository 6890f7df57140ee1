package acceptance

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guide/internal/checker"
)

// The eligibility checker of the real guide, as its rules in force are: the
// tests take its paths from the Go evaluator (checker.RuleSet.Paths) and
// never name a question, an answer or an outcome, so that a new rule set
// changes what they walk and not whether they pass.

// checkerPage is the page of an eligibility checker in one language.
type checkerPage struct {
	lang string
	// url is the page's absolute address.
	url  string
	view *checker.View
}

// checkers returns the checker pages of the build, in the order of its
// pages.
func (b *build) checkers() []checkerPage {
	var out []checkerPage
	for _, p := range b.site.Pages() {
		v, ok := p.Data.(*checker.View)
		if !ok || v.Question == nil || v.Start != b.site.Rel(b.site.URLPath(p)) {
			continue
		}
		out = append(out, checkerPage{lang: p.Lang, url: b.origin() + v.Start, view: v})
	}
	return out
}

// outcomeTitle is the title of the outcome id as the build shows it in
// lang.
func (b *build) outcomeTitle(lang, id string) string {
	for _, p := range b.site.Pages() {
		if v, ok := p.Data.(*checker.View); ok && p.Lang == lang && v.Outcome != nil && v.Outcome.ID == id {
			return v.Outcome.Title
		}
	}
	return ""
}

// longestPath returns the path that asks the most questions, the first of
// them when several do.
func longestPath(rs *checker.RuleSet) checker.Path {
	paths := rs.Paths()
	return slices.MaxFunc(paths, func(a, b checker.Path) int { return len(a.Choices) - len(b.Choices) })
}

// beforeDate returns the answers that lead to the first question that
// takes a date, on the first path that asks one, and that question; ok
// is false when no path asks for a date.
func beforeDate(rs *checker.RuleSet) (choices []checker.Choice, q *checker.Question, ok bool) {
	for _, p := range rs.Paths() {
		for i, c := range p.Choices {
			if q := rs.Question(c.Question); q.Date.Measure != "" {
				return p.Choices[:i], q, true
			}
		}
	}
	return nil, nil, false
}

// answerIndex is the place, from 1, of the answer a among the answers of
// the question q, as the page lists them.
func answerIndex(t testing.TB, q *checker.Question, a string) int {
	t.Helper()
	for i := range q.Answers {
		if q.Answers[i].ID == a {
			return i + 1
		}
	}
	t.Fatalf("question %s has no answer %s", q.ID, a)
	return 0
}

// outcomeShown is the text of the outcome the script shows, or "".
const outcomeShown = `((document.querySelector('#checker .outcome h2') || {}).textContent || '')`

// TestCheckerEveryPath runs every path of the checker's rules in force in
// the browser, in every language and in both builds, as a bookmarked
// result: the page opened with the path's answers in its address must show
// the outcome that the Go evaluator reaches. TestRealGuide in internal/cli
// follows the same paths through the pages made for readers without
// JavaScript.
func TestCheckerEveryPath(t *testing.T) {
	for _, b := range []*build{guide, subpath} {
		pages := b.checkers()
		if len(pages) == 0 {
			t.Logf("%s build: the guide has no eligibility checker", b.name)
		}
		for _, cp := range pages {
			t.Run(b.name+"/"+cp.lang, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, cp.url)
				for i, p := range cp.view.RuleSet.Paths() {
					fragment := checker.Fragment(p.Choices)
					want := b.outcomeTitle(cp.lang, p.Outcome.ID)
					tb.url = fmt.Sprintf("%s?n=%d#%s", cp.url, i, fragment)
					tb.navigate()
					tb.waitFor(outcomeShown + " === " + mustJSON(want))
					if got := strings.TrimPrefix(eval[string](tb, "location.hash"), "#"); got != fragment {
						t.Errorf("%s: the address ends in #%s; want #%s", tb.url, got, fragment)
					}
				}
				tb.assertClean(t, b.origin())
			})
		}
	}
}

// navigate opens tb.url in the tab and waits until the page is quiet.
func (tb *tab) navigate() {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.url))
	tb.settle()
}
