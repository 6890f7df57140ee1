package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// table returns a table of the given columns and rows (the header row
// included), whose rows but the header are empty: goldmark gives them
// their cells.
func table(columns, rows int) string {
	head := strings.Repeat("|a", columns) + "|\n" + strings.Repeat("|-", columns) + "|\n"
	return head + strings.Repeat("|\n", rows-2)
}

// paragraphs returns n paragraphs of text p, separated by blank lines.
func paragraphs(p string, n int) string {
	return strings.Repeat(p+"\n\n", n)
}

func TestLimits(t *testing.T) {
	blockText := strings.Repeat("一二三四五六七八九十\n", MaxBlock/31)
	tests := []struct {
		name, src string
		want      string // the errors; "" when the page is within the limits
	}{
		{"a page at the size limit", paragraphs(strings.Repeat("x", 1022), MaxBytes/1024), ""},
		{"a page over the size limit", paragraphs(strings.Repeat("x", 1022), MaxBytes/1024) + "x",
			"1:1: the page's text is 129 KB; a page may be at most 128 KB: split it into several pages"},
		{"a page of 1 MB", strings.Repeat("[", 1<<20),
			"1:1: the page's text is 1.0 MB; a page may be at most 128 KB: split it into several pages"},
		{"a paragraph at the limit", strings.Repeat("x", MaxBlock-1) + "\n", ""},
		{"a paragraph over the limit", "Intro.\n\n" + blockText + blockText + "\nMore.\n",
			"3:1: the text from this line on has no blank line for more than 8 KB; a paragraph, list or table may be at most 8 KB: add blank lines between paragraphs, or split the list or table"},
		{"quotes at the nesting limit", strings.Repeat("> ", MaxNesting) + "deep\n", ""},
		{"quotes over the nesting limit", "text\n\n" + strings.Repeat("> ", 200) + "deep\n",
			"3:65: block quotes and lists are nested more than 32 levels deep here (each \">\", each list marker and every two spaces of indentation count as a level); nest them less deeply"},
		{"quotes without spaces", strings.Repeat(">", 1000),
			"1:33: block quotes and lists are nested more than 32 levels deep here (each \">\", each list marker and every two spaces of indentation count as a level); nest them less deeply"},
		{"lists nested by indentation", "- a\n" + strings.Repeat(" ", 62) + "- b\n", ""},
		{"lists nested too deeply by indentation", "- a\n" + strings.Repeat(" ", 64) + "- b\n",
			"2:65: block quotes and lists are nested more than 32 levels deep here (each \">\", each list marker and every two spaces of indentation count as a level); nest them less deeply"},
		{"quotes and lists on one line", strings.Repeat("> 1. ", 17) + "x\n",
			"1:81: block quotes and lists are nested more than 32 levels deep here (each \">\", each list marker and every two spaces of indentation count as a level); nest them less deeply"},
		{"brackets at the limit", strings.Repeat("[", MaxBrackets) + "a" + strings.Repeat("]", MaxBrackets) + "\n", ""},
		{"brackets over the limit", "见" + strings.Repeat("![", MaxBrackets+1) + "x\n",
			"1:19: \"[\" is nested more than 8 levels deep here; links and images nest at most two levels, as in [![photo](a.png)](b.md): close the brackets, or write \\[ for a bracket that is only text"},
		{"brackets closed in between", strings.Repeat("[a] ", 2000) + "\n", ""},
		{"escaped brackets", strings.Repeat(`\[`, 100) + "\n", ""},
		{"brackets across paragraphs", paragraphs(strings.Repeat("[", MaxBrackets), 3), ""},
		{"a heading's braces at the limit", "## 第 {1} 步" + strings.Repeat(" {x}", MaxBraces-2) + " {#step}\n", ""},
		{"a heading's braces over the limit", "text\n\n### x " + strings.Repeat("{a=", 2000) + "\n",
			"3:1: this heading has 2000 \"{\"; a heading may have at most 8: its attributes are written once, at its end, as in {#id}"},
		{"an underlined heading's braces over the limit", strings.Repeat("{a=", 9) + "\n===\n",
			"1:1: this heading has 9 \"{\"; a heading may have at most 8: its attributes are written once, at its end, as in {#id}"},
		{"braces in a paragraph", strings.Repeat("{", 100) + "\n", ""},
		{"tables at the limit", paragraphs(table(100, 50), 2), ""},
		{"tables over the limit", "Fees:\n\n" + paragraphs(table(100, 50), 2) + table(1, 2),
			"107:1: this table has 1 columns and 2 rows; the tables of a page may have at most 10000 cells in all, and this one brings them to 10002: split the table or the page"},
		{"a table of short rows", table(1000, 2) + strings.Repeat("|\n", 1000),
			"1:1: this table has 1000 columns and 1002 rows; the tables of a page may have at most 10000 cells in all, and this one brings them to 1002000: split the table or the page"},
		{"links at the limit", paragraphs("[a](/x)", MaxLinks), ""},
		{"links over the limit", "[r]: /" + strings.Repeat("a", 7000) + "\n\n" + paragraphs(strings.Repeat("[r] ", 100), 11),
			"23:1: this is link or image number 1001 of the page; a page may have at most 1000: split it into several pages"},
		{"several limits at once", strings.Repeat("> ", 40) + "\n\n" + strings.Repeat("[", 10) + "\n\n" + strings.Repeat("> ", 40) + "\n",
			"1:65: block quotes and lists are nested more than 32 levels deep here (each \">\", each list marker and every two spaces of indentation count as a level); nest them less deeply\n" +
				"3:9: \"[\" is nested more than 8 levels deep here; links and images nest at most two levels, as in [![photo](a.png)](b.md): close the brackets, or write \\[ for a bracket that is only text"},
	}
	r := New(true, Labels{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Render([]byte(tt.src), &resolveAll{})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int]string{900: "900 bytes", 8 << 10: "8 KB", 8<<10 + 1: "9 KB", 1 << 20: "1.0 MB", 1<<20 + 1: "1.1 MB"} {
		if got := size(n).String(); got != want {
			t.Errorf("size(%d) = %q; want %q", n, got, want)
		}
	}
}

// hostileShapes are the shapes of text that cost goldmark the most time
// for their size, found by trying the constructs of its parser one by one.
// Each is made as large as the limits allow: a page of MaxBytes, of blocks
// of MaxBlock.
var hostileShapes = []struct {
	// name is the sub-benchmark's name; hostilePage makes some shapes
	// by name.
	name string
	// unit is repeated to fill each block of the page.
	unit string
}{
	// Emphasis that never closes: goldmark compares every closing
	// delimiter with every opening one before it.
	{"emphasis */_", "*a_"},
	{"emphasis _/*", "_a*"},
	{"emphasis */~", "*a~"},
	{"emphasis ***/_", "***a_"},
	{"emphasis in headings", "# *a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_*a_\n"},
	// Links whose destination is never closed: every one reads to the
	// end of the paragraph.
	{"links without end", "[a]("},
	{"images without end", "![]("},
	{"empty links without end", "[]("},
	{"links with <", "[a](<"},
	{"links without )", "[a](b "},
	{"nested brackets", "[[[[[[[[*a_]]]]]]]]"},
	{"reference labels", "[a]\n"},
	{"long reference used often", ""},
	{"reference definitions", ""},
	{"quotes nested 32 deep", strings.Repeat("> ", MaxNesting) + "a\n"},
	{"lists nested 32 deep", ""},
	{"quotes and lists", strings.Repeat("> - ", MaxNesting/2) + "a\n"},
	{"same headings", "# a\n"},
	{"underlined headings", "a\n=\n"},
	{"heading attributes", "# " + strings.Repeat("{a=", MaxBraces) + strings.Repeat("b", 200) + "\n"},
	{"tables of most cells", ""},
	{"table of most columns", ""},
	{"pipes", "|"},
	{"backtick runs", ""},
	{"autolinks", "<http://a"},
	{"linkify www", "www._"},
	{"entities", "&#x"},
	{"processing instructions", "a <?"},
	{"raw html attributes", "a <a b='"},
}

// hostilePage returns the page of a hostile shape.
func hostilePage(name, unit string) string {
	fill := func(unit string, n int) string { return strings.Repeat(unit, n/len(unit)) }
	var block string
	switch name {
	case "long reference used often":
		refs := "[r]: /" + fill("a", MaxBlock-16) + "\n\n" + paragraphs(strings.Repeat("[r]", MaxLinks/10), 10)
		return refs + paragraphs(fill("x", MaxBlock-8), (MaxBytes-len(refs))/MaxBlock)
	case "reference definitions":
		var b strings.Builder
		for i := 0; b.Len() < MaxBytes-64; i++ {
			fmt.Fprintf(&b, "[r%d]: /x\n", i)
			if i%500 == 499 {
				b.WriteString("\n")
			}
		}
		return b.String()
	case "lists nested 32 deep":
		var b strings.Builder
		for i := 0; b.Len() < MaxBlock-64; i++ {
			b.WriteString(strings.Repeat("  ", i%MaxNesting) + "- a\n")
		}
		block = b.String()
	case "tables of most cells":
		// Tables of empty rows, as many as the page may have.
		t := table(64, 64)
		n := MaxCells / (64 * 64)
		return paragraphs(t, n) + paragraphs(fill("x", MaxBlock-8), (MaxBytes-len(t)*n)/MaxBlock)
	case "table of most columns":
		// The widest table a block may hold.
		t := table((MaxBlock-16)/4, 2)
		return t + "\n" + paragraphs(fill("x", MaxBlock-8), (MaxBytes-len(t))/MaxBlock-1)
	case "backtick runs":
		var b strings.Builder
		for i := 0; b.Len() < MaxBlock-256; i++ {
			b.WriteString(strings.Repeat("`", i%100+1) + "a")
		}
		block = b.String()
	default:
		block = fill(unit, MaxBlock-8)
		if strings.HasSuffix(unit, "\n") {
			// Whole lines, so that no line is cut.
			block = strings.Repeat(unit, (MaxBlock-8)/len(unit))
		}
	}
	return paragraphs(strings.TrimSuffix(block, "\n"), MaxBytes/(len(block)+2))
}

// TestHostileShapesFit checks that every page of BenchmarkHostileShapes is
// within the limits, so that the benchmark measures parsing, not refusal,
// and is near the size limit.
func TestHostileShapesFit(t *testing.T) {
	for _, s := range hostileShapes {
		src := hostilePage(s.name, s.unit)
		if errs := checkShape([]byte(src)); len(errs) > 0 {
			t.Errorf("%s: %v; want it within the limits", s.name, errs)
		}
		if len(src) < MaxBytes*9/10 {
			t.Errorf("%s: %d bytes; want at least 90%% of %d", s.name, len(src), MaxBytes)
		}
	}
}

// BenchmarkHostileShapes renders the page of each hostile shape, at the
// limits, on the Chinese renderer. Every one must take well under 2 s.
func BenchmarkHostileShapes(b *testing.B) {
	r := New(true, Labels{})
	for _, s := range hostileShapes {
		src := []byte(hostilePage(s.name, s.unit))
		b.Run(strings.ReplaceAll(s.name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := r.Render(src, &resolveAll{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// depths returns how deeply the block quotes and list items of src nest
// in goldmark's tree, and how deeply its links and images nest.
func depths(r *Renderer, src []byte) (blocks, links int) {
	var walk func(n ast.Node, b, l int)
	walk = func(n ast.Node, b, l int) {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindListItem:
			b++
		case ast.KindLink, ast.KindImage:
			l++
		}
		blocks, links = max(blocks, b), max(links, l)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, b, l)
		}
	}
	walk(r.md.Parser().Parse(text.NewReader(src)), 0, 0)
	return blocks, links
}

func TestDepths(t *testing.T) {
	r := New(false, Labels{})
	src := "> - a\n>   - b\n>     > [![x](y)](z)\n"
	if b, l := depths(r, []byte(src)); b != 4 || l != 2 {
		t.Errorf("depths = %d, %d; want 4, 2", b, l)
	}
}
