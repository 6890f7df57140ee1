package checker_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"guide/internal/browsertest"
	"guide/internal/checker"
)

// The browser tests run static/js/checker.js in a headless Chromium and
// check it against the Go evaluator: every path, every boundary date, a
// tampered fragment, the keyboard, a narrow screen, and what the page does
// on the network and in storage. They skip without a browser, except under
// CI=true (see package browsertest).

var browser browsertest.Browser

func TestMain(m *testing.M) {
	code := m.Run()
	browser.Close()
	os.Exit(code)
}

// csp is the policy the test server sends with every file: nothing inline,
// nothing from another origin, no form submitted anywhere.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"

// served is the test site built and served under the sub-path /visa/, as
// the office publishes it.
type served struct {
	*built
	origin string
}

func serve(t *testing.T) *served {
	t.Helper()
	return serveSite(t, testSite(t, nil))
}

// serveSite builds the site fsys and serves it as serve does.
func serveSite(t *testing.T, fsys fs.FS) *served {
	t.Helper()
	b := build(t, fsys, checker.Day{Y: 2025, M: 6, D: 1})
	dir := t.TempDir()
	for name, data := range b.files {
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(b.base, "/")), filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return &served{built: b, origin: browsertest.ServeWithPolicy(t, dir, csp)}
}

// checkerURL returns the address of the checker's page in lang; n makes
// each address a new document, so that Navigate waits for its load.
func (s *served) checkerURL(t *testing.T, lang string, n int) string {
	return fmt.Sprintf("%s%s?n=%d", s.origin, s.view(t, lang).Start, n)
}

func (s *served) ui(t *testing.T, lang, key string) string {
	t.Helper()
	str, err := s.site.Layouts.String(lang, key)
	if err != nil {
		t.Fatal(err)
	}
	return str
}

func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// state describes what the checker shows, for messages.
const state = `location.hash + " | " + (document.getElementById("checker") || document.body).innerText.replace(/\s+/g, " ").slice(0, 300)`

// waitUntil polls the expression until it is true.
func waitUntil(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: timed out waiting for %s; the page shows %s", what, expr, browsertest.Eval[string](t, ctx, state))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// heading is the text of the checker's current question or outcome.
const heading = `(document.querySelector("#checker h2") || {}).textContent`

// scripted is true once the script has taken over the checker: its
// answers link to fragments, or it shows an outcome, which the page's own
// HTML never does.
const scripted = `!!document.querySelector('#checker a[href^="#"], #checker .outcome')`

// waitHeading waits until the script shows the question or outcome want.
func waitHeading(t *testing.T, ctx context.Context, want, what string) {
	t.Helper()
	waitUntil(t, ctx, scripted+" && "+heading+" === "+js(want), what)
}

// back goes one entry back in the tab's history, as the browser's back
// button does. chromedp.NavigateBack waits for a load that a change of
// the fragment never fires.
func back() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		h, err := cdp.Call(ctx, tg, page.GetNavigationHistory, cdp.Empty{})
		if err != nil {
			return err
		}
		if h.CurrentIndex < 1 {
			return fmt.Errorf("no history to go back to")
		}
		_, err = cdp.Call(ctx, tg, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: h.Entries[h.CurrentIndex-1].ID})
		return err
	})
}

// fakeToday makes every page of the tab see today as the local date.
func fakeToday(today string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		d, err := checker.ParseDay(today)
		if err != nil {
			return err
		}
		src := fmt.Sprintf(`(() => {
			const T = new Date(%d, %d, %d, 12).getTime(), D = Date;
			class Fake extends D { constructor(...a) { if (a.length) super(...a); else super(T); } static now() { return T; } }
			window.Date = Fake;
		})();`, d.Y, d.M-1, d.D)
		_, err = cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// clickAnswer clicks the link of the answer a of the question on screen.
func clickAnswer(t *testing.T, ctx context.Context, q *checker.Question, a string) {
	t.Helper()
	for i := range q.Answers {
		if q.Answers[i].ID == a {
			browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf("#checker .answers li:nth-child(%d) a", i+1))))
			return
		}
	}
	t.Fatalf("question %s has no answer %s", q.ID, a)
}

// TestBrowserEveryPath runs every path of the Go evaluator in the browser,
// once from a bookmarked fragment and once by clicking the answers, and
// checks that the script reaches the same outcome, that focus moves to each
// new question, that the outcome is announced, and that the back button
// goes back one question.
func TestBrowserEveryPath(t *testing.T) {
	s := serve(t)
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			ctx := browser.New(t)
			rec := browsertest.Record(t, ctx)
			rs := s.view(t, lang).RuleSet
			prefix := map[string]string{"zh": "", "en": "/en"}[lang]
			n := 0
			for _, p := range rs.Paths() {
				fragment := checker.Fragment(p.Choices)
				title := p.Outcome.Title[lang]

				// A bookmarked or shared result.
				n++
				browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, lang, n)+"#"+fragment))
				waitHeading(t, ctx, title, fragment)
				route := rs.File().Route(p.Outcome.Route)
				if got, want := browsertest.Eval[string](t, ctx, `document.querySelector("#checker .next a").getAttribute("href")`), s.base+prefix+"/"+route.Page+"/"; got != want {
					t.Errorf("%s: the outcome links to %s; want %s", fragment, got, want)
				}
				hasNote := browsertest.Eval[bool](t, ctx, `!!document.querySelector("#checker .note")`)
				if hasNote != (route.Note != nil) {
					t.Errorf("%s: the outcome shows the route's note: %v; want %v", fragment, hasNote, route.Note != nil)
				}

				// A reader clicking through.
				n++
				browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, lang, n)))
				for i, c := range p.Choices {
					q := rs.Question(c.Question)
					waitHeading(t, ctx, q.Text[lang], fmt.Sprintf("%s: question %d", fragment, i+1))
					if i > 0 && !browsertest.Eval[bool](t, ctx, `document.activeElement === document.querySelector("#checker h2")`) {
						t.Errorf("%s: focus is not on question %d", fragment, i+1)
					}
					clickAnswer(t, ctx, q, c.Answer)
				}
				waitHeading(t, ctx, title, fragment+": the outcome")
				if got := browsertest.Eval[string](t, ctx, `location.hash`); got != "#"+fragment {
					t.Errorf("the outcome's address ends in %q; want #%s", got, fragment)
				}
				if !browsertest.Eval[bool](t, ctx, `document.activeElement === document.querySelector("#checker h2")`) {
					t.Errorf("%s: focus is not on the outcome", fragment)
				}
				if got, want := browsertest.Eval[string](t, ctx, `document.getElementById("checker-status").textContent`), s.ui(t, lang, "checker_result")+title; got != want {
					t.Errorf("%s: the status region says %q; want %q", fragment, got, want)
				}

				// The back button: one question back.
				browsertest.Do(t, ctx, back())
				last := p.Choices[len(p.Choices)-1]
				waitHeading(t, ctx, rs.Question(last.Question).Text[lang], fragment+": back")
				if got, want := browsertest.Eval[string](t, ctx, `location.hash`), checker.Fragment(p.Choices[:len(p.Choices)-1]); strings.TrimPrefix(got, "#") != want {
					t.Errorf("%s: back leads to %q; want #%s", fragment, got, want)
				}
			}
			// The back link and the "start again" link.
			browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, lang, n+1)+"#lost-passport=no&last-visa=never"))
			waitHeading(t, ctx, rs.Question("age").Text[lang], "age")
			browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS("#checker a.back")))
			waitHeading(t, ctx, rs.Question("last-visa").Text[lang], "the back link")
			browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS("#checker .restart a")))
			waitHeading(t, ctx, rs.Question(rs.Start).Text[lang], "start again")
			if browsertest.Eval[bool](t, ctx, `!!document.querySelector("#checker .restart, #checker .back")`) {
				t.Error("the first question shows a back or start again link")
			}
			rec.AssertNoErrors(t)
			rec.AssertNoRequestsOutside(t, s.origin)
		})
	}
}

// TestBrowserDates types the boundary dates of the Go tests into the date
// questions, with the browser's clock set to each case's day, and checks
// that the script chooses the answer the Go evaluator chooses.
func TestBrowserDates(t *testing.T) {
	s := serve(t)
	days := map[string][]checker.DateCase{}
	for _, c := range checker.DateCases {
		days[c.Today] = append(days[c.Today], c)
	}
	for _, lang := range []string{"zh", "en"} {
		rs := s.view(t, lang).RuleSet
		for today, cases := range days {
			t.Run(lang+"/"+today, func(t *testing.T) {
				t.Parallel()
				ctx := browser.New(t)
				rec := browsertest.Record(t, ctx)
				browsertest.Do(t, ctx, fakeToday(today))
				browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, lang, 0)))
				for _, c := range cases {
					dateCase(t, ctx, s, lang, rs, c)
				}
				rec.AssertNoErrors(t)
			})
		}
	}
}

// dateCase types the date of c into its question, on a page whose clock
// says c.Today.
func dateCase(t *testing.T, ctx context.Context, s *served, lang string, rs *checker.RuleSet, c checker.DateCase) {
	t.Helper()
	name := fmt.Sprintf("%s: %s on %s", c.Question, c.Date, c.Today)
	q := rs.Question(c.Question)
	// The answers that lead to the question.
	var before []checker.Choice
	for _, p := range rs.Paths() {
		for k, ch := range p.Choices {
			if ch.Question == c.Question && before == nil {
				before = p.Choices[:k:k]
			}
		}
	}
	goAnswer := ""
	if a, err := q.AnswerForDate(mustDay(t, c.Date), mustDay(t, c.Today)); err == nil {
		goAnswer = a.ID
	}
	if goAnswer != c.Answer {
		t.Fatalf("%s: Go chooses %q; the case wants %q", name, goAnswer, c.Answer)
	}
	start := "#" + checker.Fragment(before)
	browsertest.Eval[string](t, ctx, `location.hash = `+js(start)+`; ""`)
	waitHeading(t, ctx, q.Text[lang], name)
	browsertest.Do(t, ctx,
		chromedp.SetValue(chromedp.ID("date"), c.Date),
		chromedp.Click(chromedp.CSS("#checker form button[type=submit]")),
	)
	if c.Err != nil {
		waitUntil(t, ctx, `!document.getElementById("date-error").hidden`, name+": the error message")
		msg := browsertest.Eval[string](t, ctx, `document.getElementById("date-error").textContent`)
		if want := s.ui(t, lang, "checker_error") + s.ui(t, lang, "checker_error_future"); msg != want {
			t.Errorf("%s: the error says %q; want %q", name, msg, want)
		}
		if browsertest.Eval[string](t, ctx, `location.hash`) != start {
			t.Errorf("%s: the page went on despite the error", name)
		}
		if !browsertest.Eval[bool](t, ctx, `document.activeElement.id === "date" && document.activeElement.getAttribute("aria-invalid") === "true"`) {
			t.Errorf("%s: focus is not on the date field marked invalid", name)
		}
		return
	}
	waitUntil(t, ctx, `location.hash !== `+js(start), name+": an answer")
	got := strings.TrimPrefix(browsertest.Eval[string](t, ctx, `location.hash`), start+"&"+c.Question+"=")
	if got != goAnswer {
		t.Errorf("%s: the browser chooses %q; Go chooses %q", name, got, goAnswer)
	}
}

func mustDay(t *testing.T, s string) checker.Day {
	t.Helper()
	d, err := checker.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestBrowserDateErrors submits the date form empty: the page says what is
// wrong, beside the field, and stays on the question.
func TestBrowserDateErrors(t *testing.T) {
	s := serve(t)
	ctx := browser.New(t)
	browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, "en", 1)+"#lost-passport=no"))
	waitUntil(t, ctx, `!!document.getElementById("date")`, "the date field")
	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS("#checker form button")))
	waitUntil(t, ctx, `!document.getElementById("date-error").hidden`, "the error message")
	if got, want := browsertest.Eval[string](t, ctx, `document.getElementById("date-error").textContent`), "Error: Enter a date."; got != want {
		t.Errorf("the error says %q; want %q", got, want)
	}
	if got := browsertest.Eval[string](t, ctx, `document.getElementById("date").getAttribute("aria-describedby")`); got != "date-error" {
		t.Errorf("the field is described by %q; want the error", got)
	}
	if got := browsertest.Eval[string](t, ctx, `location.hash`); got != "#lost-passport=no" {
		t.Errorf("the page moved on to %q", got)
	}
}

// TestBrowserTamperedFragment opens the checker with fragments that are no
// path through the rules: each restarts the checker at the first question
// with a clean address and says so, without an error.
func TestBrowserTamperedFragment(t *testing.T) {
	s := serve(t)
	rs := s.view(t, "zh").RuleSet
	first := rs.Question(rs.Start).Text["zh"]
	ctx := browser.New(t)
	rec := browsertest.Record(t, ctx)
	for i, f := range []string{
		"garbage",
		"lost-passport=maybe",
		"last-visa=recent",
		"lost-passport=yes&last-visa=recent",
		"lost-passport=no&age=under",
		"lost-passport=no=no",
		"lost-passport=no&&last-visa=never",
		"__proto__=x",
		"constructor=valueOf",
		"lost-passport=hasOwnProperty",
		"%E0%A4%A",
		"%3Cimg%20src=x%20onerror=alert(1)%3E",
		"lost-passport=no&last-visa=recent&extra=1",
		"=",
		"&",
	} {
		browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, "zh", i)+"#"+f))
		waitHeading(t, ctx, first, f)
		if got := browsertest.Eval[string](t, ctx, `location.hash`); got != "" {
			t.Errorf("#%s: the address keeps the fragment %q", f, got)
		}
		if got, want := browsertest.Eval[string](t, ctx, `document.getElementById("checker-status").textContent`), s.ui(t, "zh", "checker_reset"); got != want {
			t.Errorf("#%s: the status says %q; want %q", f, got, want)
		}
		if browsertest.Eval[bool](t, ctx, `document.querySelector("main img, main [onerror]") !== null`) {
			t.Errorf("#%s: markup of the fragment reached the page", f)
		}
	}
	// Tampering on the page, after a few answers.
	browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, "zh", 100)+"#lost-passport=no"))
	waitHeading(t, ctx, rs.Question("last-visa").Text["zh"], "last-visa")
	browsertest.Eval[string](t, ctx, `location.hash = "#lost-passport=no&last-visa=bogus"; ""`)
	waitHeading(t, ctx, first, "tampered on the page")
	// A link to a part of the page is no answer: the skip link keeps the
	// question on screen.
	browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, "zh", 101)+"#lost-passport=no"))
	waitHeading(t, ctx, rs.Question("last-visa").Text["zh"], "last-visa")
	browsertest.Eval[string](t, ctx, `location.hash = "#main"; ""`)
	time.Sleep(100 * time.Millisecond)
	if got := browsertest.Eval[string](t, ctx, heading); got != rs.Question("last-visa").Text["zh"] {
		t.Errorf("the skip link changed the question to %q", got)
	}
	rec.AssertNoErrors(t)
}

// TestBrowserPrivacy checks that the answers never leave the browser: the
// page requests nothing but itself, the stylesheet, the script and the
// rules, sets no cookie and stores nothing, whatever the reader answers.
func TestBrowserPrivacy(t *testing.T) {
	s := serve(t)
	ctx := browser.New(t)
	rec := browsertest.Record(t, ctx)
	browsertest.Do(t, ctx, fakeToday("2025-04-08"))
	browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, "zh", 1)))
	rs := s.view(t, "zh").RuleSet
	waitHeading(t, ctx, rs.Question(rs.Start).Text["zh"], "start")
	if err := rec.WaitIdle(ctx, 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	loaded := rec.Requests()
	clickAnswer(t, ctx, rs.Question("lost-passport"), "no")
	waitUntil(t, ctx, `!!document.getElementById("date")`, "the date field")
	browsertest.Do(t, ctx,
		chromedp.SetValue(chromedp.ID("date"), "2020-01-01"),
		chromedp.Click(chromedp.CSS("#checker form button")),
	)
	waitHeading(t, ctx, rs.Question("age").Text["zh"], "age")
	browsertest.Do(t, ctx,
		chromedp.SetValue(chromedp.ID("date"), "1940-01-01"),
		chromedp.Click(chromedp.CSS("#checker form button")),
	)
	waitHeading(t, ctx, rs.Outcome("waiver-age").Title["zh"], "the outcome")
	if err := rec.WaitIdle(ctx, 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	// The date field's own icon is a data: URL, which never leaves the
	// browser; anything else would.
	for _, u := range rec.Requests()[len(loaded):] {
		if !strings.HasPrefix(u, "data:") {
			t.Errorf("answering made a request: %s", u)
		}
	}
	want := map[string]bool{
		s.view(t, "zh").Start: true, s.site.Asset("/css/site.css"): true, s.site.Asset("/js/checker.js"): true,
		s.site.Asset("/eligibility/rules.json"): true, "/favicon.ico": true, s.site.Asset("/favicon.svg"): true,
	}
	for _, u := range loaded {
		p := strings.TrimPrefix(u, s.origin)
		p, _, _ = strings.Cut(p, "?")
		if !want[p] {
			t.Errorf("the page requested %s", u)
		}
	}
	rec.AssertNoRequestsOutside(t, s.origin)
	if got := browsertest.Eval[string](t, ctx, `document.cookie`); got != "" {
		t.Errorf("the page set cookies: %q", got)
	}
	if n := browsertest.Eval[int](t, ctx, `localStorage.length + sessionStorage.length`); n != 0 {
		t.Errorf("the page stored %d items", n)
	}
	dbs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`indexedDB.databases().then(d => d.length)`, chromedp.EvalAwaitPromise))
	if err != nil || dbs != 0 {
		t.Errorf("the page made %d databases (%v)", dbs, err)
	}
	rec.AssertNoErrors(t)
}

// TestBrowserKeyboardAndSmallScreen answers by keyboard alone on a screen
// 320 pixels wide: the focus is visible, every target is at least 24 by 24
// pixels, nothing scrolls sideways, and the headings go in order.
func TestBrowserKeyboardAndSmallScreen(t *testing.T) {
	s := serve(t)
	ctx := browser.New(t)
	rec := browsertest.Record(t, ctx)
	browsertest.Do(t, ctx, browsertest.SetViewport(320, 640, chromedp.EmulateMobile))
	browsertest.Do(t, ctx, fakeToday("2025-04-08"))
	browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, "zh", 1)))
	rs := s.view(t, "zh").RuleSet
	waitHeading(t, ctx, rs.Question(rs.Start).Text["zh"], "start")

	const check = `(() => {
		const out = [];
		if (document.documentElement.scrollWidth > 320) out.push("the page is " + document.documentElement.scrollWidth + " px wide");
		for (const e of document.querySelectorAll("#checker a, #checker button, #checker input")) {
			const r = e.getBoundingClientRect();
			if (r.width < 24 || r.height < 24) out.push((e.textContent || e.outerHTML).trim() + " is " + r.width + "×" + r.height);
		}
		const levels = [...document.querySelectorAll("main h1, main h2, main h3")].map(h => +h.tagName[1]);
		levels.forEach((l, i) => { if (i ? l > levels[i - 1] + 1 : l !== 1) out.push("headings go " + levels.join(",")); });
		return out.join("; ");
	})()`
	tab := func(until string) {
		t.Helper()
		for range 30 {
			browsertest.Do(t, ctx, chromedp.KeyEvent("\t"))
			if browsertest.Eval[bool](t, ctx, until) {
				return
			}
		}
		t.Fatalf("tabbing never reached %s; the page shows %s", until, browsertest.Eval[string](t, ctx, state))
	}
	focusVisible := func() {
		t.Helper()
		if style := browsertest.Eval[string](t, ctx, `getComputedStyle(document.activeElement).outlineStyle`); style == "none" {
			t.Errorf("the focused %s has no visible outline", browsertest.Eval[string](t, ctx, `document.activeElement.outerHTML`))
		}
	}

	// Question 1: tab to "no" and press Enter.
	tab(`document.activeElement.closest("#checker .answers li:nth-child(2)") !== null`)
	focusVisible()
	if p := browsertest.Eval[string](t, ctx, check); p != "" {
		t.Errorf("question 1: %s", p)
	}
	browsertest.Do(t, ctx, chromedp.KeyEvent("\r"))
	waitHeading(t, ctx, rs.Question("last-visa").Text["zh"], "question 2")
	// Question 2: type a date and submit with the keyboard.
	tab(`document.activeElement.id === "date"`)
	focusVisible()
	if p := browsertest.Eval[string](t, ctx, check); p != "" {
		t.Errorf("question 2: %s", p)
	}
	browsertest.Do(t, ctx, chromedp.SetValue(chromedp.ID("date"), "2024-12-31"))
	tab(`document.activeElement.type === "submit"`)
	focusVisible()
	browsertest.Do(t, ctx, chromedp.KeyEvent("\r"))
	waitHeading(t, ctx, rs.Outcome("waiver-visa").Title["zh"], "the outcome")
	if p := browsertest.Eval[string](t, ctx, check); p != "" {
		t.Errorf("the outcome: %s", p)
	}
	rec.AssertNoErrors(t)
}

// TestBrowserWithoutJavaScript clicks through the checker with scripts off:
// the answers are links to the pre-rendered pages.
func TestBrowserWithoutJavaScript(t *testing.T) {
	s := serve(t)
	ctx := browser.New(t)
	browsertest.Do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	rs := s.view(t, "en").RuleSet
	for i, p := range rs.Paths() {
		browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, "en", i)))
		for _, c := range p.Choices {
			q := rs.Question(c.Question)
			for k := range q.Answers {
				if q.Answers[k].ID == c.Answer {
					sel := fmt.Sprintf(".answers li:nth-child(%d) a", k+1)
					browsertest.Do(t, ctx, chromedp.WaitReady(chromedp.CSS(sel)))
					href := browsertest.Eval[string](t, ctx, `document.querySelector(`+js(sel)+`).href`)
					browsertest.Do(t, ctx, chromedp.Navigate(href))
				}
			}
		}
		if got := browsertest.Eval[string](t, ctx, `document.querySelector("h1").textContent`); got != p.Outcome.Title["en"] {
			t.Errorf("%s: without JavaScript the last page is %q; want %q", checker.Fragment(p.Choices), got, p.Outcome.Title["en"])
		}
	}
}
