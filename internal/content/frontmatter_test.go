package content

import (
	"reflect"
	"strings"
	"testing"
)

var testSite = &Site{Languages: []Language{{Code: "zh"}, {Code: "en"}}}

// TestFrontMatterMessages pins the message of each mistake in a page's
// front matter, and checks that each points at the value it is about.
func TestFrontMatterMessages(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"tab", "---\ntitle: 申请\n\tsummary: x\n---\n",
			`content/a.zh.md:3:1: a tab: YAML needs spaces for indentation; use spaces, not a tab`},
		{"full-width colon after the title", "---\ntitle：申请\nsummary: x\n---\n",
			`content/a.zh.md:2:6: full-width colon "：" after the key "title": YAML needs the ASCII colon ":" followed by a space`},
		{"full-width colon after the weight", "---\ntitle: 申请\nweight：2\n---\n",
			`content/a.zh.md:3:7: full-width colon "：" after the key "weight": YAML needs the ASCII colon ":" followed by a space`},
		{"full-width colon in a quoted title is text", "---\ntitle: \"注意：申请\"\nweight：2\n---\n",
			`content/a.zh.md:3:7: full-width colon "：" after the key "weight": YAML needs the ASCII colon ":" followed by a space`},
		{"empty title", "---\ntitle: \"\"\nsummary: x\n---\n",
			`content/a.zh.md:2:8: title must not be empty`},
		{"step id", "---\ntitle: a\nsteps:\n  - title: 递交\n    id: Drop_Off\n---\n",
			`content/a.zh.md:5:9: step id "Drop_Off" must be lowercase letters, digits and hyphens, as in "ds160"`},
		{"step id twice", "---\ntitle: a\nsteps:\n  - id: x\n    title: X\n  - title: Y\n    id: x\n---\n",
			`content/a.zh.md:7:9: step id "x" is used twice on this page`},
		{"step title", "---\ntitle: a\nsteps:\n  - id: x\n    title: \" \"\n---\n",
			`content/a.zh.md:5:12: step "x": title must not be empty`},
		{"first step an alternative", "---\ntitle: a\nsteps:\n  - id: x\n    title: X\n    logic: or\n---\n",
			`content/a.zh.md:6:12: step "x": the first step cannot be an alternative ("or") to a step before it`},
		{"change note", "---\ntitle: a\nchanges:\n  - date: 2025-09-02\n    note: \"\"\n---\n",
			`content/a.zh.md:5:11: change of 2025-09-02: note must not be empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParsePage("a.zh.md", []byte(tt.src), testSite)
			if got := errs.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			// Windows line endings change nothing.
			crlf := strings.ReplaceAll(tt.src, "\n", "\r\n")
			_, errs = ParsePage("a.zh.md", []byte(crlf), testSite)
			if got := errs.Error(); got != tt.want {
				t.Errorf("with CRLF line endings: got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestCRLFPage checks that a page saved with Windows line endings reads
// as the same page saved with Unix ones: the same front matter, and a body
// that starts on the same line.
func TestCRLFPage(t *testing.T) {
	src := "---\ntitle: 申请\nsummary: 摘要。\nsteps:\n  - id: form\n    title: 表格\n    bring: [护照, 照片]\n    links:\n      - {text: DS-160, url: \"https://ceac.state.gov/GENNIV/\"}\n---\n\n## 表格 {#form}\n"
	lf, errs := ParsePage("a.zh.md", []byte(src), testSite)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	crlf, errs := ParsePage("a.zh.md", []byte(strings.ReplaceAll(src, "\n", "\r\n")), testSite)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !reflect.DeepEqual(lf.Meta, crlf.Meta) {
		t.Errorf("front matter with CRLF: got %+v; want %+v", crlf.Meta, lf.Meta)
	}
	if lf.BodyLine != crlf.BodyLine {
		t.Errorf("body line with CRLF: got %d; want %d", crlf.BodyLine, lf.BodyLine)
	}
}
