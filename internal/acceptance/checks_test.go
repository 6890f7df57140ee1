package acceptance

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
	"go.yaml.in/yaml/v3"

	"guide/internal/browsertest"
)

// The checks of one page. Each runs in the tab as it is, may change the
// viewport, and returns what is wrong, one line each, so that the tests of
// defects_test.go can prove that it finds what it is for.

// checkPolicy: the page carries the site's strict policy in a meta element,
// and its HTML has nothing the policy forbids.
func checkPolicy(tb *tab, policy string) []string {
	var out []string
	facts := call[pageFacts](tb, "facts")
	if len(facts.Policy) != 1 || facts.Policy[0] != policy {
		out = append(out, fmt.Sprintf("Content-Security-Policy meta elements %q; want one, %q", facts.Policy, policy))
	}
	for _, m := range call[[]string](tb, "markup") {
		out = append(out, "the policy forbids the "+m)
	}
	return out
}

// strictPolicy checks that a Content Security Policy allows only the
// site's own origin and no inline script or style.
func strictPolicy(policy string) []string {
	var out []string
	directives := map[string][]string{}
	for d := range strings.SplitSeq(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			directives[strings.ToLower(f[0])] = f[1:]
		}
	}
	if got := strings.Join(directives["default-src"], " "); got != "'self'" && got != "'none'" {
		out = append(out, fmt.Sprintf("default-src is %q; want 'self'", got))
	}
	for name, sources := range directives {
		for _, s := range sources {
			switch ls := strings.ToLower(s); {
			case ls == "'unsafe-inline'", ls == "'unsafe-eval'", ls == "'unsafe-hashes'", ls == "'wasm-unsafe-eval'":
				out = append(out, fmt.Sprintf("%s allows %s", name, s))
			case ls == "*", ls == "data:" && name != "img-src", ls == "blob:", ls == "http:", ls == "https:", strings.Contains(ls, "://"):
				out = append(out, fmt.Sprintf("%s allows %s, another host", name, s))
			}
		}
	}
	return out
}

// pageFacts is what window.__acceptance.facts returns for the page in
// the tab, and crawl for each page it fetches.
type pageFacts struct {
	// Status is the HTTP status, for a fetched page.
	Status      int     `json:"status"`
	Lang        string  `json:"lang"`
	Title       string  `json:"title"`
	Description *string `json:"description"`
	Robots      *string `json:"robots"`
	// Canonical, the hrefs of the alternates and Feeds are absolute.
	Canonical  []string `json:"canonical"`
	Alternates []struct {
		Hreflang string `json:"hreflang"`
		Href     string `json:"href"`
	} `json:"alternates"`
	Feeds  []string `json:"feeds"`
	Policy []string `json:"policy"`
	// Confirmed and Updated are the datetime of the "last confirmed" and
	// "last updated" dates; UpdatedText the whole "last updated" line.
	Confirmed   *string `json:"confirmed"`
	Updated     *string `json:"updated"`
	UpdatedText *string `json:"updatedText"`
	// Links are the addresses the page refers to, for a fetched page.
	Links []string `json:"links"`
	// Changes are the entries of a "what changed" page.
	Changes []struct {
		Date  string `json:"date"`
		Href  string `json:"href"`
		Title string `json:"title"`
		Note  string `json:"note"`
	} `json:"changes"`
}

// heading is one heading of the page.
type heading struct {
	Level int    `json:"level"`
	Text  string `json:"text"`
	Where string `json:"where"`
}

// logicWords are the words that join a step to the one before it ("or",
// "and", "或", …), read from the interface strings of every language.
var logicWords = sync.OnceValues(func() ([]string, error) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "layouts", "i18n", "*.yaml"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no interface strings in layouts/i18n: %v", err)
	}
	var words []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := yaml.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, k := range []string{"or", "and"} {
			if s, ok := m[k].(string); ok && s != "" {
				words = append(words, s)
			}
		}
	}
	return words, nil
})

// checkHeadings: one h1 first, no level skipped on the way down, and no
// heading that is only a word joining steps, such as "or".
func checkHeadings(tb *tab, logic []string) []string {
	hs := call[[]heading](tb, "headings")
	if len(hs) == 0 {
		return []string{"the page has no heading"}
	}
	var out []string
	if hs[0].Level != 1 {
		out = append(out, fmt.Sprintf("the first heading is h%d %s; want h1", hs[0].Level, hs[0].Where))
	}
	h1 := 0
	for i, h := range hs {
		if h.Level == 1 {
			h1++
		}
		if i > 0 && h.Level > hs[i-1].Level+1 {
			out = append(out, fmt.Sprintf("h%d %s follows h%d %s: a level is skipped", h.Level, h.Where, hs[i-1].Level, hs[i-1].Where))
		}
		for _, w := range logic {
			if strings.EqualFold(strings.Trim(h.Text, " :：()（）"), w) {
				out = append(out, fmt.Sprintf("h%d %s is the word %q alone: a step's %q is text, not a heading", h.Level, h.Where, w, w))
			}
		}
	}
	if h1 != 1 {
		out = append(out, fmt.Sprintf("%d h1 headings; want 1", h1))
	}
	return out
}

// targetReport is what window.__acceptance.targets returns.
type targetReport struct {
	Checked int `json:"checked"`
	Exempt  []struct {
		What string  `json:"what"`
		Why  string  `json:"why"`
		W    float64 `json:"w"`
		H    float64 `json:"h"`
	} `json:"exempt"`
	Failing []struct {
		What string  `json:"what"`
		Near string  `json:"near"`
		W    float64 `json:"w"`
		H    float64 `json:"h"`
	} `json:"failing"`
}

// checkTargets: every target is at least 24 by 24 CSS px on a phone, or
// exempt under WCAG 2.5.8.
func checkTargets(tb *tab) ([]string, targetReport) {
	tb.viewport(phone())
	r := call[targetReport](tb, "targets")
	var out []string
	for _, f := range r.Failing {
		out = append(out, fmt.Sprintf("target %s is %.1f×%.1f CSS px, under 24×24, and too close to %s", f.What, f.W, f.H, f.Near))
	}
	return out, r
}

// overflowReport is what window.__acceptance.overflow returns.
type overflowReport struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Wide        []string `json:"wide"`
	Scrollers   []string `json:"scrollers"`
}

func (o overflowReport) problem(when string) []string {
	var out []string
	if o.ScrollWidth > o.ClientWidth {
		out = append(out, fmt.Sprintf("%s the page scrolls sideways: it is %d CSS px wide in a viewport of %d; too wide:\n\t\t%s",
			when, o.ScrollWidth, o.ClientWidth, strings.Join(o.Wide, "\n\t\t")))
	}
	for _, s := range o.Scrollers {
		out = append(out, fmt.Sprintf("%s %s scrolls, but a keyboard cannot reach it to scroll it", when, s))
	}
	return out
}

// checkReflow: at 320 CSS px (a phone's viewport, with the page's meta
// viewport) nothing scrolls sideways.
func checkReflow(tb *tab) []string {
	tb.viewport(browsertest.SetViewport(reflowWidth, 640, chromedp.EmulateMobile))
	o := call[overflowReport](tb, "overflow")
	out := o.problem(fmt.Sprintf("at %d CSS px", reflowWidth))
	if o.ClientWidth != reflowWidth {
		out = append(out, fmt.Sprintf("the viewport is %d CSS px wide, not %d: is the meta viewport missing?", o.ClientWidth, reflowWidth))
	}
	return out
}

// checkTextZoom: with the browser's text size at 200% in a 640 CSS px
// window, the text grows, nothing scrolls sideways and no box cuts text
// off. The text grows as it does when a reader sets a larger font size in
// the browser (see tab.setFontSize), which makes every size the stylesheet
// gives in rem or em twice as large, and leaves sizes in px as they were:
// a stylesheet that sets text in px fails here, as it fails readers.
func checkTextZoom(tb *tab) []string {
	tb.viewport(browsertest.SetViewport(zoomWidth, 800))
	before := call[float64](tb, "fontSize")
	tb.setFontSize(2 * defaultFontSize)
	defer tb.setFontSize(defaultFontSize)
	var out []string
	if after := call[float64](tb, "fontSize"); after < 2*before-0.5 {
		out = append(out, fmt.Sprintf("at 200%% text size, the text is %.1f px, not twice %.1f px", after, before))
	}
	out = append(out, call[overflowReport](tb, "overflow").problem(fmt.Sprintf("at 200%% text in %d CSS px,", zoomWidth))...)
	for _, c := range call[[]string](tb, "clipped") {
		out = append(out, "at 200% text, "+c+" cuts text off")
	}
	return out
}

// tabStep is what window.__acceptance.afterTab returns.
type tabStep struct {
	Done      bool   `json:"done"`
	What      string `json:"what"`
	Index     int    `json:"index"`
	Again     bool   `json:"again"`
	IsSkip    bool   `json:"isSkip"`
	Indicator string `json:"indicator"`
	Hidden    string `json:"hidden"`
}

// checkKeyboard: in a desktop window, the first Tab reaches the skip
// link; Tab then reaches every focusable element, in turn, each with a
// visible focus indicator and none hidden; the skip link, activated with
// Enter, moves focus to the main content, where the next Tab continues.
// It returns the problems and the number of elements Tab reached.
func checkKeyboard(tb *tab) ([]string, int) {
	tb.viewport(browsertest.SetViewport(desktopWidth, desktopHeight))
	var out []string
	n := call[int](tb, "startTab")
	reached := 0
	for i := 0; i < n+3; i++ {
		tb.key(tabKey)
		s := call[tabStep](tb, "afterTab")
		if s.Done || s.Again {
			break
		}
		reached++
		if reached == 1 && !s.IsSkip {
			out = append(out, fmt.Sprintf("the first Tab reaches %s, not a skip link to #main", s.What))
		}
		if s.Indicator == "" {
			out = append(out, fmt.Sprintf("focus on %s shows no indicator: no outline of 2 CSS px or more, no box shadow", s.What))
		}
		if s.Hidden != "" {
			out = append(out, fmt.Sprintf("focus on %s cannot be seen: %s", s.What, s.Hidden))
		}
	}
	for _, u := range call[[]string](tb, "unreached") {
		out = append(out, "Tab never reaches "+u)
	}

	// The skip link, used.
	skip := eval[struct {
		Found    bool `json:"found"`
		First    bool `json:"first"`
		OnScreen bool `json:"onScreen"`
		Focused  bool `json:"focused"`
	}](tb, "window.__acceptance.focusSkip()")
	switch {
	case !skip.Found:
		out = append(out, "the page has no skip link (a.skip)")
	case !skip.Focused || !skip.OnScreen:
		out = append(out, fmt.Sprintf("the focused skip link is not on screen (focused %v, on screen %v)", skip.Focused, skip.OnScreen))
	default:
		tb.key("\r")
		type focus struct {
			Active string `json:"active"`
			OnMain bool   `json:"onMain"`
			InMain bool   `json:"inMain"`
			// FirstAfterMain: focus is on the first thing Tab reaches
			// from the start of the main content, in it or, on a page
			// whose main content has nothing to focus, after it.
			FirstAfterMain bool `json:"firstAfterMain"`
		}
		f := call[focus](tb, "focusState")
		if !f.OnMain && !f.InMain {
			out = append(out, "Enter on the skip link leaves focus on "+f.Active+", not on the main content")
		}
		tb.key(tabKey)
		if f := call[focus](tb, "focusState"); !f.FirstAfterMain {
			out = append(out, "after the skip link, Tab goes to "+f.Active+", not to the first thing in or after the main content")
		}
	}
	return out, reached
}

// cjkFonts are the system fonts that show Chinese on the readers'
// systems, which the stylesheet must name: macOS and iOS, Windows, Android
// and Linux.
var cjkFonts = []string{"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"}

// checkFonts: the text uses the system's fonts, named for Chinese on every
// common system, and no stylesheet loads a web font.
func checkFonts(tb *tab) []string {
	f := call[struct {
		Family string   `json:"family"`
		Faces  []string `json:"faces"`
	}](tb, "fonts")
	var out []string
	for _, face := range f.Faces {
		out = append(out, "a stylesheet loads a web font: "+face)
	}
	// Font family names match without regard to case; the minifier
	// writes them in lower case.
	family := strings.ToLower(f.Family)
	for _, name := range cjkFonts {
		if !strings.Contains(family, strings.ToLower(name)) {
			out = append(out, fmt.Sprintf("the text's font-family does not name %q: %s", name, f.Family))
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(f.Family), "sans-serif") {
		out = append(out, "the text's font-family does not end with the generic sans-serif: "+f.Family)
	}
	return out
}
