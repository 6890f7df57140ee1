package checker_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"guide/internal/checker"
	"guide/internal/site"
	"guide/internal/txtarsite"
)

// testSite returns the sources of the checker's test site: the pages and
// rules of testdata/site.txtar, a small guide of the checker's own, with
// the repository's layouts and static files, which the pages need (the
// browser tests run the real static/js/checker.js); files replace or add
// to them, and an empty text removes a file. The real guide's content/ is
// no part of it, so that no change of the guide's rules changes these
// tests.
func testSite(t testing.TB, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := txtarsite.Read(t, nil, filepath.Join("testdata", "site.txtar")).Root
	txtarsite.AddFolders(t, fsys, "../..", "layouts", "static")
	for name, data := range files {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// built is a built test site.
type built struct {
	site  *site.Site
	files map[string][]byte
	base  string // the base URL's path, "/visa"
}

func build(t testing.TB, fsys fs.FS, today checker.Day) *built {
	t.Helper()
	ext := &checker.Extension{Root: fsys, Today: func() checker.Day { return today }}
	s, errs := site.Load(site.Options{Root: fsys, Extensions: []site.Extension{ext}})
	if s == nil {
		t.Fatalf("the site does not load:\n%v", errs)
	}
	out := &site.Memory{}
	if _, err := s.Build(context.Background(), out); err != nil {
		t.Fatalf("the site does not build:\n%v", err)
	}
	return &built{site: s, files: out.Files, base: strings.TrimSuffix(s.Rel("/"), "/")}
}

// page returns the HTML published at the address href.
func (b *built) page(t testing.TB, href string) string {
	t.Helper()
	p := strings.TrimPrefix(href, b.base)
	if !strings.HasSuffix(p, "/") {
		t.Fatalf("%s is not the address of a page", href)
	}
	html, ok := b.files[strings.TrimPrefix(p, "/")+"index.html"]
	if !ok {
		t.Fatalf("%s leads to no page of the build", href)
	}
	return string(html)
}

func (b *built) view(t testing.TB, lang string) *checker.View {
	t.Helper()
	u := "/eligibility/"
	if lang != "zh" {
		u = "/" + lang + u
	}
	p := b.site.Page(u)
	if p == nil {
		t.Fatalf("no checker page at %s", u)
	}
	return p.Data.(*checker.View)
}

var (
	answersList = regexp.MustCompile(`(?s)<ul class="answers"[^>]*>(.*?)</ul>`)
	answerLink  = regexp.MustCompile(`<li><a href="([^"]+)">([^<]+)</a></li>`)
	h1          = regexp.MustCompile(`<h1[^>]*>([^<]*)</h1>`)
	h2q         = regexp.MustCompile(`<h2 id="q-[^"]*" class="q">([^<]*)</h2>`)
)

// answers returns the answer links of a checker page, text to address.
func answers(t testing.TB, html string) map[string]string {
	t.Helper()
	m := answersList.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("the page has no list of answers:\n%s", html)
	}
	out := map[string]string{}
	for _, a := range answerLink.FindAllStringSubmatch(m[1], -1) {
		out[unescape(a[2])] = a[1]
	}
	return out
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

// TestWithoutJavaScript follows every path of the checker as a reader
// without JavaScript does, clicking the answers' links from the checker's
// page, and checks that each page asks the right question and that the
// last shows the outcome the evaluator reaches, with a link to its route.
func TestWithoutJavaScript(t *testing.T) {
	b := build(t, testSite(t, nil), checker.Day{Y: 2025, M: 6, D: 1})
	for _, lang := range []string{"zh", "en"} {
		v := b.view(t, lang)
		rs := v.RuleSet
		for _, p := range rs.Paths() {
			html := b.page(t, v.Start)
			for i, c := range p.Choices {
				q := rs.Question(c.Question)
				heading := h2q
				if i > 0 {
					heading = h1
				}
				if m := heading.FindStringSubmatch(html); m == nil || unescape(m[1]) != q.Text[lang] {
					t.Fatalf("%s %s: answer %d: the page asks %v; want %q", lang, checker.Fragment(p.Choices), i+1, m, q.Text[lang])
				}
				href, ok := answers(t, html)[q.Answer(c.Answer).Text[lang]]
				if !ok {
					t.Fatalf("%s: question %s has no link for the answer %q", lang, q.ID, q.Answer(c.Answer).Text[lang])
				}
				html = b.page(t, href)
			}
			if m := h1.FindStringSubmatch(html); m == nil || unescape(m[1]) != p.Outcome.Title[lang] {
				t.Errorf("%s %s ends on a page titled %v; want the outcome %q", lang, checker.Fragment(p.Choices), m, p.Outcome.Title[lang])
			}
			route := rs.File().Route(p.Outcome.Route)
			routeURL := b.base + map[string]string{"zh": "/", "en": "/en/"}[lang] + route.Page + "/"
			if !strings.Contains(html, `<p class="next"><a href="`+routeURL+`">`) {
				t.Errorf("%s outcome %s does not link to its route's page %s", lang, p.Outcome.ID, routeURL)
			}
			b.page(t, routeURL)
		}
	}
}

// TestOutcomePages checks what every outcome says besides its own text:
// the note of the waiver route, the date of the rules, the sentence that
// sends readers to the US mission's website, the sources, and a way back.
func TestOutcomePages(t *testing.T) {
	b := build(t, testSite(t, nil), checker.Day{Y: 2025, M: 6, D: 1})
	type want struct {
		waiverNote, fam bool
		back            string
	}
	wants := map[string]want{
		"interview-lost": {false, false, "/eligibility/"},
		"waiver-visa":    {true, false, "/eligibility/last-visa/"},
		"waiver-age":     {true, true, "/eligibility/age/"},
		"interview":      {false, true, "/eligibility/age/"},
	}
	for _, lang := range []string{"zh", "en"} {
		v := b.view(t, lang)
		note := v.File.Route("waiver").Note[lang]
		// The fixture's rules in force on 1 June 2025 are those of 8 April.
		asOf := asOfSentence(t, b, lang, checker.Day{Y: 2025, M: 4, D: 8})
		confirm := map[string]string{"zh": "美国驻华大使馆和领事馆网站", "en": "website of the US Embassy and Consulates in China"}[lang]
		prefix := map[string]string{"zh": "", "en": "/en"}[lang]
		for id, w := range wants {
			html := b.page(t, b.base+prefix+"/eligibility/"+id+"/")
			if got := strings.Contains(html, `<p class="note">`+note+"</p>"); got != w.waiverNote {
				t.Errorf("%s %s: shows the waiver route's note: %v; want %v", lang, id, got, w.waiverNote)
			}
			if got := strings.Contains(html, "9 FAM 403.5-2"); got != w.fam {
				t.Errorf("%s %s: cites 9 FAM 403.5-2: %v; want %v", lang, id, got, w.fam)
			}
			for _, s := range []string{asOf, confirm, `class="restart"><a href="` + b.base + prefix + `/eligibility/"`} {
				if !strings.Contains(html, s) {
					t.Errorf("%s %s: the page does not contain %q", lang, id, s)
				}
			}
			if back := `<a class="back" href="` + b.base + prefix + w.back + `"`; !strings.Contains(html, back) {
				t.Errorf("%s %s: no back link to %s", lang, id, w.back)
			}
		}
	}
}

// asOfSentence returns the sentence that says from when the rules in
// force apply, as the layouts' interface strings of lang write it.
func asOfSentence(t *testing.T, b *built, lang string, from checker.Day) string {
	t.Helper()
	layout, err := b.site.Layouts.String(lang, "checker_date_layout")
	if err != nil {
		t.Fatal(err)
	}
	format, err := b.site.Layouts.String(lang, "checker_as_of")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(from.Y, time.Month(from.M), from.D, 0, 0, 0, 0, time.UTC)
	return fmt.Sprintf(format, day.Format(layout))
}

var (
	// inlineCode finds what a strict Content-Security-Policy refuses:
	// inline scripts and styles, event handler attributes, javascript:
	// addresses.
	inlineCode = regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]|<style|\sstyle=|\son[a-z]+=|javascript:`)
	scriptTag  = regexp.MustCompile(`<script[^>]*>`)
)

// TestStrictCSP checks that no page of the checker needs 'unsafe-inline':
// no inline script or style, no event handler attribute, and the script
// only on the checker's own page.
func TestStrictCSP(t *testing.T) {
	b := build(t, testSite(t, nil), checker.Day{Y: 2025, M: 6, D: 1})
	n := 0
	for name, data := range b.files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		html := string(data)
		if m := inlineCode.FindString(html); m != "" {
			t.Errorf("%s has inline code or style: %q", name, m)
		}
		got := scriptTag.FindAllString(html, -1)
		if strings.HasSuffix(name, "eligibility/index.html") {
			n++
			if len(got) != 1 || !strings.Contains(got[0], `src="`+b.site.Asset("/js/checker.js")+`"`) || !strings.Contains(got[0], "defer") {
				t.Errorf("%s: scripts %q; want the checker's script, deferred", name, got)
			}
		} else if len(got) > 0 {
			t.Errorf("%s loads scripts %q; only the checker's page needs one", name, got)
		}
	}
	if n != 2 {
		t.Errorf("%d checker pages; want 2", n)
	}
}

// TestRulesJSON checks that the rules the script runs are those the pages
// were made from.
func TestRulesJSON(t *testing.T) {
	b := build(t, testSite(t, nil), checker.Day{Y: 2025, M: 6, D: 1})
	data, ok := b.files[b.site.AssetName("/eligibility/rules.json")]
	if !ok {
		t.Fatal("eligibility/rules.json is not published")
	}
	var js map[string]struct {
		Start string `json:"start"`
		Q     map[string]struct {
			Text    string `json:"text"`
			Measure string `json:"measure"`
			Answers []struct {
				ID, Text, Next string
				Min, Max       *int
			} `json:"answers"`
		} `json:"q"`
		O  map[string]struct{ Title, Route string } `json:"o"`
		UI map[string]string                        `json:"ui"`
	}
	if err := json.Unmarshal(data, &js); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh", "en"} {
		rs := b.view(t, lang).RuleSet
		j := js[lang]
		if j.Start != rs.Start || len(j.Q) != len(rs.Questions) || len(j.O) != len(rs.Outcomes) {
			t.Errorf("%s: start %q, %d questions, %d outcomes; want %q, %d, %d", lang, j.Start, len(j.Q), len(j.O), rs.Start, len(rs.Questions), len(rs.Outcomes))
		}
		for _, q := range rs.Questions {
			jq := j.Q[q.ID]
			if jq.Text != q.Text[lang] || jq.Measure != q.Date.Measure || len(jq.Answers) != len(q.Answers) {
				t.Errorf("%s: question %s differs in the JSON: %+v", lang, q.ID, jq)
				continue
			}
			for i, a := range q.Answers {
				ja := jq.Answers[i]
				if ja.ID != a.ID || ja.Next != a.Next || ja.Text != a.Text[lang] ||
					(ja.Min != nil) != (a.Bounded && a.HasMin) || ja.Min != nil && *ja.Min != a.Min ||
					(ja.Max != nil) != (a.Bounded && a.HasMax) || ja.Max != nil && *ja.Max != a.Max {
					t.Errorf("%s: answer %s of %s differs in the JSON: %+v", lang, a.ID, q.ID, ja)
				}
			}
		}
		for _, k := range []string{"back", "restart", "continue", "as_of", "confirm", "reset", "result", "err_empty", "err_date", "future"} {
			if j.UI[k] == "" {
				t.Errorf("%s: the interface string %q is empty in the JSON", lang, k)
			}
		}
	}
}

func gzipSize(t testing.TB, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// TestWeight checks that the script stays under 4 KB gzipped and that
// every page of the checker, with the stylesheet, the script and the rules
// it loads, stays well under the 14 KB of a first round trip.
func TestWeight(t *testing.T) {
	b := build(t, testSite(t, nil), checker.Day{Y: 2025, M: 6, D: 1})
	js := gzipSize(t, b.files[b.site.AssetName("/js/checker.js")])
	css := gzipSize(t, b.files[b.site.AssetName("/css/site.css")])
	rules := gzipSize(t, b.files[b.site.AssetName("/eligibility/rules.json")])
	t.Logf("gzipped: checker.js %d B, site.css %d B, rules.json %d B", js, css, rules)
	if js >= 4096 {
		t.Errorf("checker.js is %d bytes gzipped; want under 4 KB", js)
	}
	for name, data := range b.files {
		if !strings.Contains(name, "eligibility/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		total := gzipSize(t, data) + css
		if strings.HasSuffix(name, "eligibility/index.html") {
			total += js + rules
		}
		if total > 12*1024 {
			t.Errorf("%s weighs %d bytes gzipped with what it loads; want under 12 KB", name, total)
		}
	}
}

// TestDatedRuleSets records a made-up later change of the rules as a new
// rule set (testdata/dated/rules.yaml) and checks that the site publishes
// the rules in force on the day it is built.
func TestDatedRuleSets(t *testing.T) {
	fixture, err := os.ReadFile("testdata/dated/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := testSite(t, map[string]string{"content/eligibility/rules.yaml": string(fixture)})
	for _, c := range []struct {
		today             checker.Day
		answer, asOf, src string
	}{
		{checker.Day{Y: 2026, M: 6, D: 30}, "仍然有效，或过期不超过 12 个月", "2025-04-08", "省外办《关于调整因公申办美国签证的通知》"},
		{checker.Day{Y: 2026, M: 7, D: 1}, "仍然有效，或过期不超过 48 个月", "2026-07-01", "虚构的 2026 年通知"},
	} {
		b := build(t, fsys, c.today)
		// The page writes the date as the layouts' interface strings say.
		layout, err := b.site.Layouts.String("zh", "checker_date_layout")
		if err != nil {
			t.Fatal(err)
		}
		asOf, _ := time.Parse(time.DateOnly, c.asOf)
		c.asOf = asOf.Format(layout)
		if _, ok := answers(t, b.page(t, b.base+"/eligibility/last-visa/"))[c.answer]; !ok {
			t.Errorf("on %v the question about the last visa has no answer %q", c.today, c.answer)
		}
		outcome := b.page(t, b.base+"/eligibility/waiver-visa/")
		for _, s := range []string{c.asOf, c.src} {
			if !strings.Contains(outcome, s) {
				t.Errorf("on %v the outcome page does not contain %q", c.today, s)
			}
		}
		var js map[string]struct {
			Q map[string]struct{ Answers []struct{ Max *int } } `json:"q"`
		}
		if err := json.Unmarshal(b.files[b.site.AssetName("/eligibility/rules.json")], &js); err != nil {
			t.Fatal(err)
		}
		want := map[bool]int{false: 12, true: 48}[c.today.M == 7]
		if got := js["en"].Q["last-visa"].Answers[0].Max; got == nil || *got != want {
			t.Errorf("on %v the script's bound is %v; want %d", c.today, got, want)
		}
	}
	if b := build(t, fsys, checker.Day{Y: 2026, M: 7, D: 1}); len(b.view(t, "zh").File.Rules) != 2 {
		t.Error("the earlier rule set is not kept")
	}
}

func TestNoRulesInForce(t *testing.T) {
	fsys := testSite(t, nil)
	ext := &checker.Extension{Root: fsys, Today: func() checker.Day { return checker.Day{Y: 2025, M: 4, D: 7} }}
	_, errs := site.Load(site.Options{Root: fsys, Extensions: []site.Extension{ext}})
	if want := "no rule set is in force on 2025-04-07"; !strings.Contains(errs.Error(), want) {
		t.Errorf("got %v; want %q", errs, want)
	}
}

// TestSiteErrors breaks what lies around the rules: the route pages, the
// addresses, the interface strings.
func TestSiteErrors(t *testing.T) {
	rules := string(testSite(t, nil)["content/eligibility/rules.yaml"].Data)
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"route page missing", map[string]string{"content/waiver.en.md": ""},
			posIn(t, rules, "waiver\n    note") + `: route "waiver": page "waiver" does not exist in en: there is no content/waiver.en.md`},
		{"rules file missing", map[string]string{"content/eligibility/rules.yaml": ""},
			"content/eligibility/_index.en.md:2:1: the checker's rules cannot be read"},
		{"address taken", map[string]string{"content/eligibility/age.zh.md": "---\ntitle: 年龄\nsummary: 年龄。\n---\n", "content/eligibility/age.en.md": "---\ntitle: Age\nsummary: Age.\n---\n"},
			`"age" would be published at /eligibility/age/, where content/eligibility/age.zh.md is already`},
		{"not a folder's page", map[string]string{"content/check.zh.md": "---\ntitle: 自查\nsummary: 自查。\nlayout: checker\n---\n", "content/check.en.md": "---\ntitle: Check\nsummary: Check.\nlayout: checker\n---\n"},
			`content/check.en.md:4:9: layout "checker" is for a folder's own page`},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := testSite(t, c.files)
			_, errs := site.Load(site.Options{Root: fsys, Extensions: []site.Extension{checker.New(fsys)}})
			if !strings.Contains(errs.Error(), c.want) {
				t.Errorf("got\n\t%v\nwant an error containing\n\t%s", strings.ReplaceAll(errs.Error(), "\n", "\n\t"), c.want)
			}
		})
	}
}

// TestDevFillsMissingTranslations: the development server shows a
// missing translation as a warning and the other language's text in its
// place, so that an editor can see the page while translating.
func TestDevFillsMissingTranslations(t *testing.T) {
	src := string(testSite(t, nil)["content/eligibility/rules.yaml"].Data)
	broken := strings.Replace(src, "          en: How old are you?\n", "", 1)
	if broken == src {
		t.Fatal("the rules do not ask \"How old are you?\"")
	}
	fsys := testSite(t, map[string]string{"content/eligibility/rules.yaml": broken})
	s, errs := site.Load(site.Options{Root: fsys, Dev: true, Extensions: []site.Extension{checker.New(fsys)}})
	if s == nil {
		t.Fatalf("Dev: the site does not load: %v", errs)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0].Msg, `the en translation of text is missing`) {
		t.Errorf("warnings %v; want one about the missing translation", s.Warnings)
	}
	if p := s.Page("/en/eligibility/age/"); p == nil || p.Title != "您今年多少周岁？" {
		t.Errorf("the English page of the question is %v; want it with the Chinese text", p)
	}
	if _, errs := site.Load(site.Options{Root: fsys, Extensions: []site.Extension{checker.New(fsys)}}); !strings.Contains(errs.Error(), "the en translation of text is missing") {
		t.Errorf("build: got %v; want the missing translation as an error", errs)
	}
}

// posIn returns the position of the first occurrence of at in the rules
// file src, as content/eligibility/rules.yaml:line:col.
func posIn(t testing.TB, src, at string) string {
	t.Helper()
	i := strings.Index(src, at)
	if i < 0 {
		t.Fatalf("%q is not in the rules", at)
	}
	line := strings.Count(src[:i], "\n") + 1
	col := utf8.RuneCountInString(src[strings.LastIndex(src[:i], "\n")+1:i]) + 1
	return fmt.Sprintf("content/eligibility/rules.yaml:%d:%d", line, col)
}
