package serve_test

import (
	"regexp"
	"strings"
	"testing"

	"guide/internal/messages"
	"guide/internal/serve"
)

// TestServeLanguages checks that guide serve speaks the language it was
// started in: the terminal's lines after a failed and a fixed rebuild, the
// overlay's heading and note, and the banner's warning with the text that
// explains it.
func TestServeLanguages(t *testing.T) {
	for _, tt := range []struct {
		lang                                      messages.Lang
		failed, fixed, heading, note, banner, tag string
	}{
		{
			lang:    messages.English,
			failed:  "content/a.zh.md changed: 1 problem; still serving the last good build:\n",
			fixed:   "content/a.zh.md changed: rebuilt 1 page in N ms (fixed)\n",
			heading: `<h2 id="guide-overlay-title">1 problem in the guide&#39;s files</h2>`,
			note:    `<p id="guide-overlay-note" class="guide-note">The page below is the last good build. Fix the file and save it: this message goes away by itself.</p>`,
			banner:  `<p id="guide-warnings-title"><strong>1 warning</strong>: guide serve shows the page, but guide build will refuse it until this is done.</p>`,
			tag:     `lang="en"`,
		},
		{
			lang:    messages.Chinese,
			failed:  "content/a.zh.md 有改动：有 1 处问题；浏览器中仍显示上一次成功生成的版本：\n",
			fixed:   "content/a.zh.md 有改动：重新生成了 1 个页面，用时 N 毫秒（问题已解决）\n",
			heading: `<h2 id="guide-overlay-title">指南的文件中有 1 处问题</h2>`,
			note:    `<p id="guide-overlay-note" class="guide-note">下面显示的是上一次成功生成的页面。请修改文件并保存，这个提示会自动消失。</p>`,
			banner:  `<p id="guide-warnings-title"><strong>1 条提醒</strong>：guide serve 照常显示页面，但在处理好之前，guide build 不会生成网站。</p>`,
			tag:     `lang="zh-CN"`,
		},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			g := start(t, described(), serve.Options{Lang: tt.lang})
			events := g.listen()
			g.write("content/a.zh.md", "---\ntitle: 流程\nsumary: 流程摘要。\n---\n坏了。\n")
			events.expect("reload")
			body := g.mustGet("/a/", 200)
			for _, want := range []string{tt.heading, tt.note, `<div id="guide-overlay" class="guide-overlay" ` + tt.tag} {
				if !strings.Contains(body, want) {
					t.Errorf("the overlay lacks %s:\n%s", want, body)
				}
			}
			if e := g.errOut.String(); !strings.Contains(e, tt.failed) {
				t.Errorf("the terminal lacks %q:\n%s", tt.failed, e)
			}

			g.write("content/a.zh.md", "---\ntitle: 流程\nsummary: "+summary("content/a.zh.md")+"\n---\n修好了。\n")
			events.expect("reload")
			if out := duration.ReplaceAllString(g.out.String(), "N $1"); !strings.Contains(out, tt.fixed) {
				t.Errorf("the terminal lacks %q:\n%s", tt.fixed, out)
			}

			// A page without its Chinese translation is unfinished
			// work: serve shows it, with the banner.
			g.write("content/b.en.md", "---\ntitle: B\nsummary: "+summary("content/b.en.md")+"\n---\nB.\n")
			events.expect("reload")
			body = g.mustGet("/en/b/", 200)
			for _, want := range []string{tt.banner, `<aside id="guide-warnings" class="guide-warnings" ` + tt.tag} {
				if !strings.Contains(body, want) {
					t.Errorf("the banner lacks %s:\n%s", want, body)
				}
			}
		})
	}
}

var (
	// duration is the time a rebuild took, in either language.
	duration = regexp.MustCompile(`[0-9]+ (ms|毫秒)`)
	// summaryLine is the summary of a page's front matter.
	summaryLine = regexp.MustCompile(`(?m)^summary: .*$`)
)

// summary returns a summary for the page of the file name, of its own
// and long enough to draw no advice.
func summary(name string) string {
	return "The summary of " + name + ", long enough for search engines."
}

// described returns the fixture with summaries that draw no advice, so
// that the only warning is the one a test makes.
func described() map[string]string {
	files := map[string]string{}
	for name, data := range fixture {
		files[name] = summaryLine.ReplaceAllString(data, "summary: "+summary(name))
	}
	return files
}
