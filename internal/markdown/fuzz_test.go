package markdown

import (
	"regexp"
	"strings"
	"testing"
)

// unsafeHTML matches markup that could run script: a script element, an
// event-handler attribute, or a script address in a link or image.
var unsafeHTML = regexp.MustCompile(`<script|<[a-z][^<>]*\son[a-z]+\s*=|(href|src)\s*=\s*"?\s*(javascript|vbscript|data):`)

// attribute matches an attribute of the rendered HTML that content could
// have written: anything but those the renderer sets itself.
var attribute = regexp.MustCompile(`<h[1-6]((?:\s+[a-z-]+="[^"]*")*)>`)

// refuse accepts site paths and records what it was given.
type refuse struct{ t *testing.T }

func (r refuse) Resolve(kind Kind, dest string, line, col int) (string, bool) {
	if line < 1 || col < 1 {
		r.t.Fatalf("destination %q at %d:%d: positions start at 1", dest, line, col)
	}
	return "/safe/", false
}

// FuzzRender renders arbitrary Markdown on a Chinese and an English
// renderer: no panic, no hang, no raw HTML or script in the output, no
// heading attribute but id and class, and every destination resolved with
// a position. Markdown that the limits let through nests no deeper than
// they say: the check before parsing never underestimates goldmark's own
// nesting.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"## 填写 DS-160 表格 {#ds160}\n\n见[流程](waiver.zh.md#form)，\n网址 https://ceac.state.gov/GENNIV/ 。",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1)) ![y](data:image/png;base64,AAAA)",
		strings.Repeat("> ", 40) + "deep",
		strings.Repeat("- ", 40) + "deep",
		"- a\n  1. b\n     > c\n     >   - d\n",
		"| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done",
		"```\ncode\n```\n\n***strong***",
		"### x {#checker data-rules=\"/x.json\" style=\"color:red\" .a}\n\nSetext {onclick=alert(1)}\n===\n",
		"# a {id=5}\n\n# b {id=true}\n\nc {id=[1] .x}\n---\n\n# d {#e id={f=g}}\n",
	} {
		f.Add(s)
	}
	zh, en := New(true, Labels{}), New(false, Labels{})
	f.Fuzz(func(t *testing.T, src string) {
		if len(checkShape([]byte(src))) == 0 {
			if b, l := depths(en, []byte(src)); b > MaxNesting || l > MaxBrackets {
				t.Fatalf("nesting %d, links %d passed the limits %d and %d", b, l, MaxNesting, MaxBrackets)
			}
		}
		for _, r := range []*Renderer{zh, en} {
			doc, err := r.Render([]byte(src), refuse{t})
			if err != nil {
				if _, ok := err.(Errors); !ok {
					t.Fatalf("unexpected error %v", err)
				}
				continue
			}
			for _, s := range doc.Sections {
				html := strings.ToLower(string(s.Body) + string(s.Heading))
				if unsafeHTML.MatchString(html) {
					t.Fatalf("unsafe output %q", html)
				}
				for _, m := range attribute.FindAllStringSubmatch(string(s.Body), -1) {
					for _, a := range strings.Fields(m[1]) {
						if !strings.HasPrefix(a, `id="`) && !strings.HasPrefix(a, `class="`) {
							t.Fatalf("heading attribute %s in %q", a, s.Body)
						}
					}
				}
			}
		}
	})
}
