package markdown

import (
	"strings"
	"testing"
)

// TestFullWidth pins the message of each full-width mark typed where
// Markdown's syntax needs ASCII, and checks the premise of each: that the
// page as written lacks the element meant (want), and that the fix the
// message gives makes it.
func TestFullWidth(t *testing.T) {
	tests := []struct {
		name, src, want, fixed, element string
	}{
		{"heading", "＃＃ 标题\n", `1:1: full-width "＃" at the start of the line: Markdown needs the ASCII "#" followed by a space: "## 标题"`,
			"## 标题\n", "<h2"},
		{"heading, one mark full-width", "#＃ 标题\n", `1:2: full-width "＃" at the start of the line: Markdown needs the ASCII "#" followed by a space: "## 标题"`,
			"## 标题\n", "<h2"},
		{"heading with a full-width space", "正文。\n\n##\u3000标题\n", `3:3: a full-width space after "##": Markdown needs an ASCII space there`,
			"正文。\n\n## 标题\n", "<h2"},
		{"list item", "正文：\n\n－ 护照\n－ 照片\n", "3:1: full-width \"－\" at the start of the line: Markdown needs the ASCII \"-\" followed by a space: \"- 护照\"\n4:1: full-width \"－\" at the start of the line: Markdown needs the ASCII \"-\" followed by a space: \"- 照片\"",
			"正文：\n\n- 护照\n- 照片\n", "<li>"},
		{"list item with a full-width star", "＊ 护照\n", `1:1: full-width "＊" at the start of the line: Markdown needs the ASCII "*" followed by a space: "* 护照"`,
			"* 护照\n", "<li>"},
		{"list item with a full-width space", "-\u3000护照\n", `1:2: a full-width space after "-": Markdown needs an ASCII space there`,
			"- 护照\n", "<li>"},
		{"full-width space before a list item", "正文：\n\n\u3000- 护照\n", `3:1: a full-width space before "-": Markdown does not see the "-" after it; delete the full-width space, or indent with ASCII spaces`,
			"正文：\n\n- 护照\n", "<li>"},
		{"link", "见【面谈】（interview.zh.md）。\n", `1:2: a link written with full-width brackets: Markdown needs the ASCII brackets [ ] and parentheses ( ): "[面谈](interview.zh.md)"`,
			"见[面谈](interview.zh.md)。\n", "<a "},
		{"link with full-width parentheses", "见[面谈]（/interview/#ds160）。\n", `1:6: a link written with full-width brackets: Markdown needs the ASCII brackets [ ] and parentheses ( ): "[面谈](/interview/#ds160)"`,
			"见[面谈](/interview/#ds160)。\n", "<a "},
		{"image", "！【表格】（form.png）\n", `1:1: a link written with full-width brackets: Markdown needs the ASCII brackets [ ] and parentheses ( ): "![表格](form.png)"`,
			"![表格](form.png)\n", "<img "},
		{"bold", "请带＊＊原件＊＊。\n", `1:3: full-width asterisks "＊＊" around "原件": Markdown needs the ASCII "**" for bold: "**原件**"`,
			"请带**原件**。\n", "<strong>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range FullWidth([]byte(tt.src)) {
				got = append(got, e.Error())
			}
			if g := strings.Join(got, "\n"); g != tt.want {
				t.Errorf("got\n%s\nwant\n%s", g, tt.want)
			}
			if doc := render(t, true, tt.src); has(doc, tt.element) {
				t.Errorf("as written, the page has %s: it is no mistake\n%s", tt.element, htmlOf(doc))
			}
			if doc := render(t, true, tt.fixed); !has(doc, tt.element) {
				t.Errorf("fixed, the page lacks %s\n%s", tt.element, htmlOf(doc))
			}
			if errs := FullWidth([]byte(tt.fixed)); len(errs) > 0 {
				t.Errorf("fixed, the page still has %v", errs)
			}
		})
	}
}

// has reports whether doc has the element: a level-2 heading, which
// starts a section, or HTML that contains element.
func has(doc *Doc, element string) bool {
	if element == "<h2" {
		return len(doc.Sections) > 1
	}
	return strings.Contains(htmlOf(doc), element)
}

// TestFullWidthInText checks that full-width punctuation in Chinese
// sentences, and in code, is text.
func TestFullWidthInText(t *testing.T) {
	for _, src := range []string{
		"注意：带护照，照片。\n",
		"【重要】（见下文）请带原件。\n",
		"【版本】（v1.0）\n",
		"\u3000\u3000段首缩进的正文。\n",
		"－－－\n",
		"＊注：仅限公务。\n",
		"＃1 号楼\n",
		"```\n＃＃ 代码\n－ 代码\n```\n",
		"~~~~\n【a】（b.md）\n~~~\n```\n~~~~\n",
		// ASCII links whose text holds full-width parentheses or
		// brackets are links as written.
		"见[面谈流程（第 1 步）](interview.zh.md)。\n",
		"[如何变更证明（239）](/housing/change-00239/)\n",
		"[【重要】通知](/notice/)\n",
	} {
		if errs := FullWidth([]byte(src)); len(errs) > 0 {
			t.Errorf("FullWidth(%q) = %v; want nothing", src, errs)
		}
	}
}

// FuzzFullWidth checks that no page, however written, makes FullWidth
// fail or point outside the page.
func FuzzFullWidth(f *testing.F) {
	f.Add("＃＃ 标题\n－ 项目\n见【面谈】（interview.zh.md）和＊＊粗体＊＊。\n")
	f.Add("```\n＃＃ 代码\n```\n\u3000- 项目\n-\u3000项目\n")
	f.Add("见[面谈]（/interview/）、！[图](a.png)和【表】(b.md)。\n")
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		for _, e := range FullWidth([]byte(src)) {
			if e.Line < 1 || e.Line > lines || e.Col < 1 {
				t.Fatalf("%v points outside a page of %d lines", e, lines)
			}
		}
		for l := range strings.Lines(src) {
			if !mayHaveFullWidthLink(l) {
				if errs := matchFullWidthLinks(l, 1); len(errs) > 0 {
					t.Fatalf("mayHaveFullWidthLink(%q) is false, but the line has %v", l, errs)
				}
			}
		}
	})
}

// TestMayMatter checks that the test that spares lines passes every line
// that holds a character FullWidth reports or a fence, and spares one of
// plain English.
func TestMayMatter(t *testing.T) {
	chars := []rune("\u3000！【】（）")
	for r := range fullWidthMark {
		chars = append(chars, r)
	}
	lines := []string{"```go", "  ~~~"}
	for _, r := range chars {
		lines = append(lines, "text "+string(r)+" text")
	}
	for _, l := range lines {
		if !mayMatter([]byte(l)) {
			t.Errorf("mayMatter(%q) = false; want true", l)
		}
	}
	if l := "- a list item with **bold** and [a link](a.md)\n"; mayMatter([]byte(l)) {
		t.Errorf("mayMatter(%q) = true; want false", l)
	}
}
