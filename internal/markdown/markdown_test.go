package markdown

import (
	"fmt"
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
	want := []string{"注意事项", "ds160", "注意事项-1", "visa-options-fees"}
	if strings.Join(doc.IDs, " ") != strings.Join(want, " ") {
		t.Errorf("ids = %q; want %q", doc.IDs, want)
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

func TestNestingBound(t *testing.T) {
	src := strings.Repeat(">", MaxNesting+5) + " deep\n"
	_, err := New(false, Labels{}).Render([]byte(src), &resolveAll{})
	ne, ok := err.(*NestingError)
	if !ok {
		t.Fatalf("err = %v; want a NestingError", err)
	}
	if ne.Line != 1 {
		t.Errorf("line = %d; want 1", ne.Line)
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
