package checker_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"guide/internal/browsertest"
	"guide/internal/checker"
	"guide/internal/txtarsite"
)

// The tests of this file run the checker on the test site of
// testdata/lang/site.txtar, with the repository's layouts and static
// files, in both languages, on a phone 360 pixels wide and on a screen
// 1,280 pixels wide: the language switcher keeps the reader's answers,
// and a date typed wrong is told what is wrong with it.

// langSite returns the sources of the test site of testdata/lang: its
// content and the repository's layouts and static files.
func langSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := testSite(t, nil)
	for name := range fsys {
		if strings.HasPrefix(name, "content/") {
			delete(fsys, name)
		}
	}
	maps.Copy(fsys, txtarsite.Read(t, nil, "testdata/lang/site.txtar").Root)
	return fsys
}

// screens are the widths the tests run at: a phone and a desktop.
var screens = []struct {
	width int64
	opts  []chromedp.EmulateViewportOption
}{
	{360, []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulateTouch}},
	{1280, nil},
}

// eachScreen runs test in a new tab of each language at each width, in
// parallel subtests named like "zh/360".
func eachScreen(t *testing.T, test func(t *testing.T, ctx context.Context, lang string)) {
	for _, lang := range []string{"zh", "en"} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s/%d", lang, sc.width), func(t *testing.T) {
				t.Parallel()
				ctx := browser.New(t)
				browsertest.Do(t, ctx, browsertest.SetViewport(sc.width, 800, sc.opts...))
				test(t, ctx, lang)
			})
		}
	}
}

// switcherHref is the address of the language switcher's link.
const switcherHref = `document.querySelector("[data-translation]").getAttribute("href")`

// TestBrowserLanguageSwitchKeepsAnswers answers the first question, follows
// the language switcher, and checks that the page in the other language
// goes on from the same question; then that the switcher follows every
// later answer, and forgets them when the reader starts again.
func TestBrowserLanguageSwitchKeepsAnswers(t *testing.T) {
	s := serveSite(t, langSite(t))
	other := map[string]string{"zh": "en", "en": "zh"}
	eachScreen(t, func(t *testing.T, ctx context.Context, lang string) {
		rec := browsertest.Record(t, ctx)
		rs := s.view(t, lang).RuleSet
		there := other[lang]
		browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, lang, 1)+"#member=yes"))
		waitHeading(t, ctx, rs.Question("born").Text[lang], "the second question")
		if got, want := browsertest.Eval[string](t, ctx, switcherHref), s.view(t, there).Start+"#member=yes"; got != want {
			t.Errorf("the language switcher links to %s; want %s", got, want)
		}

		browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS("[data-translation]")))
		waitHeading(t, ctx, rs.Question("born").Text[there], "the second question after the switch")
		if got := browsertest.Eval[string](t, ctx, `location.pathname + location.hash`); got != s.view(t, there).Start+"#member=yes" {
			t.Errorf("the switch leads to %s; want %s#member=yes", got, s.view(t, there).Start)
		}

		// An answer in the other language: the switcher follows.
		clickAnswer(t, ctx, rs.Question("born"), "adult")
		waitHeading(t, ctx, rs.Outcome("short-way").Title[there], "the outcome")
		if got, want := browsertest.Eval[string](t, ctx, switcherHref), s.view(t, lang).Start+"#member=yes&born=adult"; got != want {
			t.Errorf("after the outcome, the language switcher links to %s; want %s", got, want)
		}
		// Starting again forgets the answers.
		browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS("#checker .restart a")))
		waitHeading(t, ctx, rs.Question("member").Text[there], "start again")
		if got, want := browsertest.Eval[string](t, ctx, switcherHref), s.view(t, lang).Start; got != want {
			t.Errorf("after starting again, the language switcher links to %s; want %s", got, want)
		}
		rec.AssertNoErrors(t)
		rec.AssertNoRequestsOutside(t, s.origin)
	})
}

// TestBrowserLanguageSwitchWithoutJavaScript checks that without script
// the switcher links to the other language's checker as the page gives it.
func TestBrowserLanguageSwitchWithoutJavaScript(t *testing.T) {
	s := serveSite(t, langSite(t))
	ctx := browser.New(t)
	browsertest.Do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, "zh", 1)+"#member=yes"))
	browsertest.Do(t, ctx, chromedp.WaitReady(chromedp.CSS("[data-translation]")))
	if got, want := browsertest.Eval[string](t, ctx, switcherHref), s.view(t, "en").Start; got != want {
		t.Errorf("without JavaScript, the language switcher links to %s; want %s", got, want)
	}
}

// dateMessage is a date typed into the field and the message it must
// bring, by its interface string; accepted dates bring none and give the
// answer that Go gives the date iso.
type dateMessage struct {
	typed, key, iso string
}

// dateMessages are typed on 2025-06-01, so that the earliest date the
// field takes is 1895-06-01.
var dateMessages = []dateMessage{
	{typed: "", key: "checker_error_empty"},
	{typed: "   ", key: "checker_error_empty"},
	{typed: "2000", key: "checker_error_no_month"},
	{typed: "2000-05", key: "checker_error_no_day"},
	{typed: "2000年5月", key: "checker_error_no_day"},
	{typed: "5-3", key: "checker_error_no_year"},
	{typed: "3/5/2000", key: "checker_error_order"},
	{typed: "2000-02-30", key: "checker_error_date"},
	{typed: "20000230", key: "checker_error_date"},
	{typed: "2000-13-01", key: "checker_error_date"},
	{typed: "May 3 2000", key: "checker_error_date"},
	{typed: "20000-05-03", key: "checker_error_date"},
	{typed: "0001-01-01", key: "checker_error_old", iso: "0001-01-01"},
	{typed: "1800-05-03", key: "checker_error_old", iso: "1800-05-03"},
	{typed: "1895-05-31", key: "checker_error_old", iso: "1895-05-31"},
	{typed: "2025-06-02", key: "checker_error_future", iso: "2025-06-02"},
	{typed: "1895-06-01", iso: "1895-06-01"},
	{typed: "2000-05-03", iso: "2000-05-03"},
	{typed: "2000年5月3日", iso: "2000-05-03"},
	{typed: " 2000.5.3 ", iso: "2000-05-03"},
	{typed: "20070602", iso: "2007-06-02"},
	{typed: "2007 6 1", iso: "2007-06-01"},
	{typed: "2025-06-01", iso: "2025-06-01"},
}

// isoDate finds a date written as the field's hint shows it.
var isoDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// TestBrowserDateMessages types dates into the date question: each wrong
// one brings the message that says what is wrong (which part is missing,
// the year not first, a day not of the calendar, a year too long ago, a
// birth after today), beside the field, with focus on it; each right one
// gives the answer Go gives. The examples of the field's hint and of
// every message are typed too: written as the field takes dates, they
// are accepted.
func TestBrowserDateMessages(t *testing.T) {
	s := serveSite(t, langSite(t))
	const today = "2025-06-01"
	eachScreen(t, func(t *testing.T, ctx context.Context, lang string) {
		rec := browsertest.Record(t, ctx)
		q := s.view(t, lang).RuleSet.Question("born")
		browsertest.Do(t, ctx, fakeToday(today))
		browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, lang, 1)+"#member=yes"))
		waitHeading(t, ctx, q.Text[lang], "the date question")
		hint := s.ui(t, lang, "checker_date_hint")
		if label := browsertest.Eval[string](t, ctx, `document.querySelector("label[for=date]").textContent`); !strings.Contains(label, hint) {
			t.Errorf("the field's label says %q; want it to show the hint %q", label, hint)
		}
		cases := append([]dateMessage(nil), dateMessages...)
		examples := hint
		for _, key := range []string{"checker_error_no_year", "checker_error_no_month", "checker_error_no_day", "checker_error_order", "checker_error_date"} {
			examples += s.ui(t, lang, key)
		}
		for _, ex := range isoDate.FindAllString(examples, -1) {
			cases = append(cases, dateMessage{typed: ex, iso: ex})
		}
		if len(cases) == len(dateMessages) {
			t.Errorf("the hint %q gives no example date written YYYY-MM-DD", hint)
		}
		for _, c := range cases {
			typeDate(t, ctx, s, lang, q, c, today)
		}
		rec.AssertNoErrors(t)
	})
}

// typeDate types the date of c into the field of q, on a page whose clock
// says today, and checks what the page does.
func typeDate(t *testing.T, ctx context.Context, s *served, lang string, q *checker.Question, c dateMessage, today string) {
	t.Helper()
	const start = "#member=yes"
	name := fmt.Sprintf("%q", c.typed)
	goErr, goAnswer := error(nil), ""
	if c.iso != "" {
		a, err := q.AnswerForDate(mustDay(t, c.iso), mustDay(t, today))
		if goErr = err; err == nil {
			goAnswer = a.ID
		}
	}
	if browsertest.Eval[string](t, ctx, `location.hash`) != start {
		browsertest.Eval[string](t, ctx, `location.hash = `+js(start)+`; ""`)
		waitHeading(t, ctx, q.Text[lang], name)
	}
	// chromedp.SetValue refuses to set an empty value.
	browsertest.Eval[string](t, ctx, `document.getElementById("date").value = `+js(c.typed)+`; ""`)
	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS("#checker form button[type=submit]")))
	if c.key == "" {
		if goErr != nil {
			t.Fatalf("%s: Go refuses %s: %v", name, c.iso, goErr)
		}
		waitUntil(t, ctx, `location.hash !== `+js(start), name+": an answer")
		if got := strings.TrimPrefix(browsertest.Eval[string](t, ctx, `location.hash`), start+"&born="); got != goAnswer {
			t.Errorf("%s: the browser chooses %q; Go chooses %q", name, got, goAnswer)
		}
		return
	}
	if c.iso != "" && !errors.Is(goErr, map[string]error{"checker_error_old": checker.ErrTooOld, "checker_error_future": checker.ErrFuture}[c.key]) {
		t.Errorf("%s: Go says %v for %s; the browser says %s", name, goErr, c.iso, c.key)
	}
	waitUntil(t, ctx, `!document.getElementById("date-error").hidden`, name+": the error message")
	want := s.ui(t, lang, "checker_error") + strings.Replace(s.ui(t, lang, c.key), "%s", "1895-06-01", 1)
	if got := browsertest.Eval[string](t, ctx, `document.getElementById("date-error").textContent`); got != want {
		t.Errorf("%s: the error says %q; want %q", name, got, want)
	}
	if !browsertest.Eval[bool](t, ctx, `document.activeElement.id === "date" && document.activeElement.getAttribute("aria-invalid") === "true"`) {
		t.Errorf("%s: focus is not on the date field marked invalid", name)
	}
	if w := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth - innerWidth`); w > 0 {
		t.Errorf("%s: with the message shown, the page scrolls %d px sideways", name, w)
	}
	if browsertest.Eval[string](t, ctx, `location.hash`) != start {
		t.Errorf("%s: the page went on despite the error", name)
	}
}
