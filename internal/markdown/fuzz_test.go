package markdown

import (
	"regexp"
	"strings"
	"testing"
)

// unsafeHTML matches markup that could run script: a script element, an
// event-handler attribute, or a script address in a link or image.
var unsafeHTML = regexp.MustCompile(`<script|<[a-z][^<>]*\son[a-z]+\s*=|(href|src)\s*=\s*"?\s*(javascript|vbscript|data):`)

// refuse accepts site paths and records what it was given.
type refuse struct{ t *testing.T }

func (r refuse) Resolve(kind Kind, dest string, line, col int) (string, bool) {
	if line < 1 || col < 1 {
		r.t.Fatalf("destination %q at %d:%d: positions start at 1", dest, line, col)
	}
	return "/safe/", false
}

// FuzzRender renders arbitrary Markdown on a Chinese and an English
// renderer: no panic, no hang, no raw HTML or script in the output, and
// every destination resolved with a position.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"## 填写 DS-160 表格 {#ds160}\n\n见[流程](waiver.zh.md#form)，\n网址 https://ceac.state.gov/GENNIV/ 。",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1)) ![y](data:image/png;base64,AAAA)",
		strings.Repeat("> ", 40) + "deep",
		strings.Repeat("- ", 40) + "deep",
		"| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done",
		"```\ncode\n```\n\n***strong***",
	} {
		f.Add(s)
	}
	zh, en := New(true, Labels{}), New(false, Labels{})
	f.Fuzz(func(t *testing.T, src string) {
		for _, r := range []*Renderer{zh, en} {
			doc, err := r.Render([]byte(src), refuse{t})
			if err != nil {
				if _, ok := err.(*NestingError); !ok {
					t.Fatalf("unexpected error %v", err)
				}
				continue
			}
			for _, s := range doc.Sections {
				html := strings.ToLower(string(s.Body) + string(s.Heading))
				if unsafeHTML.MatchString(html) {
					t.Fatalf("unsafe output %q", html)
				}
			}
		}
	})
}
