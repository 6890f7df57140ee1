package markdown

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// resolveAll accepts every destination as it is and records them.
type resolveAll struct{ got []string }

func (r *resolveAll) Resolve(kind Kind, dest string, line, col int) (string, bool) {
	r.got = append(r.got, dest)
	return dest, strings.HasPrefix(dest, "https://")
}

func render(t *testing.T, cjk bool, src string) *Doc {
	t.Helper()
	doc, err := New(cjk, Labels{}).Render([]byte(src), &resolveAll{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func htmlOf(d *Doc) string {
	var b strings.Builder
	for _, s := range d.Sections {
		b.WriteString(string(s.Heading))
		b.WriteString(string(s.Body))
	}
	return b.String()
}

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		cjk  bool
		src  string
		want []string // substrings of the HTML
		not  []string // substrings that must not appear
	}{
		{"chinese line break adds no space", true, "第一行，\n第二行。", []string{"<p>第一行，第二行。</p>"}, nil},
		{"english line break keeps its space", false, "first line\nsecond line", []string{"first line\nsecond line"}, nil},
		{"english on a cjk page keeps its space", true, "Visa Type:\nNon-Immigrant", []string{"Visa Type:\nNon-Immigrant"}, nil},
		{"raw html is dropped", false, "<script>alert(1)</script>\n\nText <b onclick=x>bold</b>", []string{"Text"}, []string{"<script", "<b", "onclick"}},
		{"external links are marked", false, "[DS-160](https://ceac.state.gov/GENNIV/)", []string{`<a href="https://ceac.state.gov/GENNIV/" rel="external">DS-160</a>`}, nil},
		{"bare urls become external links", true, "网址： https://ceac.state.gov/GENNIV/ 。", []string{`href="https://ceac.state.gov/GENNIV/" rel="external"`}, nil},
		{"internal links are not marked", false, "[x](/waiver/)", []string{`<a href="/waiver/">x</a>`}, []string{"external"}},
		{"tables scroll in a labelled region", false, "| a | b |\n| - | - |\n| 1 | 2 |", []string{`<div class="table" role="region" tabindex="0" aria-label="table"><table>`, "<td>1</td>", "</table>\n</div>"}, nil},
		{"task boxes are labelled", false, "- [x] done\n- [ ] todo", []string{`<input type="checkbox" disabled checked aria-label="done"> done`, `<input type="checkbox" disabled aria-label="not done"> todo`}, nil},
		{"bare addresses are marked", false, "See https://ceac.state.gov/GENNIV/ and [https://a.example/](https://a.example/) but [the form](https://b.example/).", []string{`<a href="https://ceac.state.gov/GENNIV/" rel="external" class="bare">`, `<a href="https://a.example/" rel="external" class="bare">`, `<a href="https://b.example/" rel="external">the form`}, nil},
		{"images are lazy", false, "![alt](a.png)", []string{`<img src="a.png" alt="alt" loading="lazy">`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := htmlOf(render(t, tt.cjk, tt.src))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got %q; want it to contain %q", got, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("got %q; want no %q", got, n)
				}
			}
		})
	}
}

func TestLabels(t *testing.T) {
	doc, err := New(true, Labels{TaskDone: "已完成", TaskOpen: "未完成", Table: "表格"}).Render([]byte("- [x] 甲\n\n| a |\n| - |\n| 1 |\n"), &resolveAll{})
	if err != nil {
		t.Fatal(err)
	}
	got := htmlOf(doc)
	for _, w := range []string{`aria-label="已完成"`, `aria-label="表格"`} {
		if !strings.Contains(got, w) {
			t.Errorf("got %q; want %q", got, w)
		}
	}
}

func TestHeadingIDs(t *testing.T) {
	doc := render(t, true, "## 注意事项\n\n## 填写 DS-160 表格 {#ds160}\n\n## 注意事项\n\n### Visa Options & Fees\n")
	var got []string
	for _, a := range doc.Anchors {
		got = append(got, fmt.Sprintf("%s@%d:%d", a.ID, a.Line, a.Col))
	}
	want := []string{"注意事项@1:4", "ds160@3:4", "注意事项@5:4", "visa-options-fees@7:5"}
	want[2] = "注意事项-1@5:4"
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("anchors = %q; want %q", got, want)
	}
}

func TestSections(t *testing.T) {
	doc := render(t, false, "Intro.\n\n## One {#one}\n\nFirst.\n\n### Sub\n\nMore.\n\n## Two *em*\n\nSecond.\n")
	if len(doc.Sections) != 3 {
		t.Fatalf("got %d sections; want 3 (intro, one, two)", len(doc.Sections))
	}
	if s := doc.Sections[0]; s.ID != "" || !strings.Contains(string(s.Body), "Intro.") {
		t.Errorf("intro = %+v", s)
	}
	one := doc.Sections[1]
	if one.ID != "one" || one.Line != 3 || !strings.Contains(string(one.Body), "<h3") || !strings.Contains(string(one.Body), "More.") {
		t.Errorf("section one = %+v; want id one on line 3 holding its h3", one)
	}
	if two := doc.Sections[2]; two.ID != "two-em" || string(two.Heading) != "Two <em>em</em>" || two.HeadingText != "Two em" {
		t.Errorf("section two = %+v", two)
	}
}

// positions records where each destination was found.
type positions struct{ got []string }

func (p *positions) Resolve(kind Kind, dest string, line, col int) (string, bool) {
	p.got = append(p.got, fmt.Sprintf("%s@%02d:%02d", dest, line, col))
	return dest, false
}

func TestPositions(t *testing.T) {
	p := &positions{}
	src := "见[表](a.md)。\n\n- item **[b](/b/)**\n\n![图](c.png)\n"
	if _, err := New(true, Labels{}).Render([]byte(src), p); err != nil {
		t.Fatal(err)
	}
	want := "a.md@01:02 /b/@03:10 c.png@05:01"
	if got := strings.Join(p.got, " "); got != want {
		t.Errorf("positions = %s; want %s", got, want)
	}
}

func TestLineBreaks(t *testing.T) {
	tests := []struct {
		cjk       bool
		src, want string
	}{
		{true, "第一行，\n第二行。", "<p>第一行，第二行。</p>\n"},
		{true, "请填写\nDS-160 表格。", "<p>请填写DS-160 表格。</p>\n"},
		{true, "Visa Type:\nNon-Immigrant", "<p>Visa Type:\nNon-Immigrant</p>\n"},
		{true, "**注意：**\n请带护照。", "<p><strong>注意：</strong>请带护照。</p>\n"},
		{false, "中文\n第二行", "<p>中文\n第二行</p>\n"},
	}
	for _, tt := range tests {
		if got := htmlOf(render(t, tt.cjk, tt.src)); got != tt.want {
			t.Errorf("cjk=%v %q: got %q; want %q", tt.cjk, tt.src, got, tt.want)
		}
	}
}

// h3Element finds the level-3 heading that TestAttributes renders.
var h3Element = regexp.MustCompile(`<h3.*</h3>`)

func TestAttributes(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the HTML's heading, or the errors
	}{
		{"an id", "### Fees {#fees}\n", `<h3 id="fees">Fees</h3>`},
		{"an id and classes", "### Fees {#fees .note .wide}\n", `<h3 id="fees" class="note wide">Fees</h3>`},
		{"a chinese id", "### 费用 {#费用_2025}\n", `<h3 id="费用_2025">费用</h3>`},
		{"id and class written out", "### Fees {id=\"fees\" class=note}\n", `<h3 id="fees" class="note">Fees</h3>`},
		{"braces that are not attributes", "### Fees {hidden autofocus}\n", `<h3 id="fees-hidden-autofocus">Fees {hidden autofocus}</h3>`},
		{"the attack", "Intro.\n\n### x {#checker data-rules=\"/evil.json\" style=\"display:none\" hidden=\"\"}\n",
			"3:17: heading attribute \"data-rules\" is not allowed: a heading may have only an id, written {#id}, and classes, written {.class}\n" +
				"3:41: heading attribute \"style\" is not allowed: a heading may have only an id, written {#id}, and classes, written {.class}\n" +
				"3:62: heading attribute \"hidden\" is not allowed: a heading may have only an id, written {#id}, and classes, written {.class}"},
		{"an event handler", "## 第一步 {onclick=\"alert(1)\"}\n", "1:9: heading attribute \"onclick\" is not allowed: a heading may have only an id, written {#id}, and classes, written {.class}"},
		{"an underlined heading", "Title {autofocus=true}\n=====\n", "1:8: heading attribute \"autofocus\" is not allowed: a heading may have only an id, written {#id}, and classes, written {.class}"},
		{"an id with a dot", "### Fees {#a.b}\n", "1:10: heading id \"a.b\" may only have letters, digits, \"-\" and \"_\", and must start with a letter or digit: {#ds160}"},
		{"an id with spaces and quotes", "### Fees {id=\"a \\\"b\"}\n", "1:10: heading id \"a \\\"b\" may only have letters, digits, \"-\" and \"_\", and must start with a letter or digit: {#ds160}"},
		{"an empty id", "### Fees {#}\n", "1:10: heading id \"\" may only have letters, digits, \"-\" and \"_\", and must start with a letter or digit: {#ds160}"},
		{"an id that is a number", "### Fees {id=5}\n", "1:11: a heading's id must be written {#name}, or id=\"name\" in quotes"},
		{"an id that is true", "Fees {.a id = true}\n===\n", "1:10: a heading's id must be written {#name}, or id=\"name\" in quotes"},
		{"an id that is a list", "> - ## Fees {#a id=[1]}\n", "1:17: a heading's id must be written {#name}, or id=\"name\" in quotes"},
		{"an id in the text", "## Set id=5 {.a}\n", "1:8: a heading's id must be written {#name}, or id=\"name\" in quotes"},
		{"a class with a quote", "### Fees {class=\"ok b'c\"}\n", "1:10: heading class \"b'c\" may only have letters, digits, \"-\" and \"_\", and must start with a letter or digit: {.note}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := New(true, Labels{}).Render([]byte(tt.src), &resolveAll{})
			got := ""
			if err != nil {
				got = err.Error()
			} else if m := h3Element.FindString(htmlOf(doc)); m != "" {
				got = m
			} else {
				got = htmlOf(doc)
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
