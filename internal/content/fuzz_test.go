package content

import (
	"strings"
	"testing"
)

// FuzzParsePage feeds arbitrary sources through the front-matter splitter,
// the strict YAML decoder and the page checks: none may panic or hang, and
// every problem must name the file and a line.
func FuzzParsePage(f *testing.F) {
	f.Add([]byte("---\ntitle: 申请\nsummary: 如何。\nsteps:\n  - id: form\n    title: 表格\n    bring: [护照]\n    links:\n      - {text: DS-160, url: \"https://ceac.state.gov/GENNIV/\"}\n---\n## 表格 {#form}\n"))
	f.Add([]byte("---\r\ntitle: x\r\n---\r\n"))
	f.Add([]byte("\ufeff---\n- a\n---\n"))
	f.Add([]byte("---\na: &x [*x]\n---\n"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("---\ntitle: \xff\n---\n"))
	f.Add([]byte("no front matter"))
	site := &Site{Languages: []Language{{Code: "zh"}, {Code: "en"}}}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, errs := ParsePage("a.zh.md", src, site)
		for _, e := range errs {
			if e.Pos.File != "content/a.zh.md" {
				t.Fatalf("error %q names file %q", e.Error(), e.Pos.File)
			}
			if e.Pos.Line < 1 && !strings.Contains(e.Msg, "larger than") {
				t.Fatalf("error %q has no line", e.Error())
			}
		}
		if p != nil && len(errs) == 0 && p.Title == "" {
			t.Fatalf("a page without a title was accepted")
		}
	})
}
