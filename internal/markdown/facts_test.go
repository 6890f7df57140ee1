package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// factsOf is a FactResolver with a fixed set of facts, by the plain form
// of their references; it records every reference it is asked for, with
// its position.
type factsOf struct {
	resolveAll
	values map[string]string
	asked  []string
}

func (f *factsOf) Fact(r Ref, line, col int) (string, bool) {
	f.asked = append(f.asked, fmt.Sprintf("%d:%d %s", line, col, r))
	v, ok := f.values[r.String()]
	return v, ok
}

func TestFacts(t *testing.T) {
	values := map[string]string{
		"{dropoff.fee}":          "110 元",
		"{interview#return.fee}": "120 yuan",
		"{rules.max-age+1}":      "80",
		"{rules.min-age-1}":      "13",
		"{x.fee}":                "*bold* <b>&amp;",
	}
	tests := []struct {
		name, src string
		cjk       bool
		want      string // the HTML of the body
		asked     []string
	}{
		{"a step of this page", "费用 {dropoff.fee}。", true, "<p>费用 110 元。</p>\n", []string{"1:4 {dropoff.fee}"}},
		{"a step of another page", "Pay {interview#return.fee} to EMS.", false, "<p>Pay 120 yuan to EMS.</p>\n", []string{"1:5 {interview#return.fee}"}},
		{"offsets", "From { rules.max-age + 1 }, under {rules.min-age-1}.", false, "<p>From 80, under 13.</p>\n", []string{"1:6 {rules.max-age+1}", "1:35 {rules.min-age-1}"}},
		{"full-width punctuation", "费用｛dropoff。fee｝。", true, "<p>费用110 元。</p>\n", []string{"1:3 {dropoff.fee}"}},
		{"a value is text, not Markdown", "Fee: {x.fee}", false, "<p>Fee: *bold* &lt;b&gt;&amp;amp;</p>\n", []string{"1:6 {x.fee}"}},
		{"an escaped reference stays", `Write \{dropoff.fee} to show the fee.`, false, "<p>Write {dropoff.fee} to show the fee.</p>\n", nil},
		{"an escaped backslash does not escape", `A \\{dropoff.fee}`, false, "<p>A \\110 元</p>\n", []string{"1:5 {dropoff.fee}"}},
		{"code is not replaced", "Write `{dropoff.fee}`.", false, "<p>Write <code>{dropoff.fee}</code>.</p>\n", nil},
		{"other braces are text", "Sets {a, b} and {expiry-months} and {Dropoff fee}.", false, "<p>Sets {a, b} and {expiry-months} and {Dropoff fee}.</p>\n", nil},
		{"an unknown fact stays as written", "Fee {nope.fee}.", false, "<p>Fee {nope.fee}.</p>\n", []string{"1:5 {nope.fee}"}},
		{"inside emphasis and links", "**{dropoff.fee}** [{dropoff.fee}](/x/)", true, "<p><strong>110 元</strong> <a href=\"/x/\">110 元</a></p>\n", []string{"1:3 {dropoff.fee}", "1:20 {dropoff.fee}"}},
		{"a line break after a reference", "Fee {x.fee}\nnext line", false, "<p>Fee *bold* &lt;b&gt;&amp;amp;\nnext line</p>\n", []string{"1:5 {x.fee}"}},
		{"second line", "第一行\n费用{dropoff.fee}", true, "<p>第一行费用110 元</p>\n", []string{"2:3 {dropoff.fee}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &factsOf{values: values}
			doc, err := New(tt.cjk, Labels{}).Render([]byte(tt.src), f)
			if err != nil {
				t.Fatal(err)
			}
			if got := htmlOf(doc); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
			if !slices.Equal(f.asked, tt.asked) {
				t.Errorf("asked for %q; want %q", f.asked, tt.asked)
			}
		})
	}
}

// A Resolver that knows no facts leaves the references as they are.
func TestFactsWithoutFactResolver(t *testing.T) {
	if got := htmlOf(render(t, false, "Fee {dropoff.fee}.")); got != "<p>Fee {dropoff.fee}.</p>\n" {
		t.Errorf("got %q; want the reference as written", got)
	}
}

// A heading's plain text shows the value, as its section's HeadingText.
func TestFactInHeading(t *testing.T) {
	f := &factsOf{values: map[string]string{"{dropoff.fee}": "110 元"}}
	doc, err := New(true, Labels{}).Render([]byte("## 付 {dropoff.fee} {#pay}\n\n正文"), f)
	if err != nil {
		t.Fatal(err)
	}
	if s := doc.Sections[1]; s.HeadingText != "付 110 元" || string(s.Heading) != "付 110 元" {
		t.Errorf("heading %q, text %q; want both %q", s.Heading, s.HeadingText, "付 110 元")
	}
}

func TestRepeats(t *testing.T) {
	src := "费用为每人 110\n元。\n\n- 收费 **110** 元\n\n`110 元` 不算，{dropoff.fee} 也不算。\n\n| 费用 |\n| - |\n| 110元 |\n"
	doc := render(t, true, src)
	got := doc.Repeats("110 元")
	want := []Position{{1, 7}, {4, 8}, {10, 3}}
	if !slices.Equal(got, want) {
		t.Errorf("Repeats(110 元) = %v; want %v", got, want)
	}
	if got := doc.Repeats("元"); got != nil {
		t.Errorf("Repeats of a value of one character = %v; want none", got)
	}
	if got := doc.Repeats("{dropoff.fee}"); len(got) != 1 {
		// The reference is text as written, so it is found; no fee
		// is written like one.
		t.Errorf("Repeats({dropoff.fee}) = %v", got)
	}
	if got := strings.Count(htmlOf(doc), "110"); got != 4 {
		t.Errorf("the HTML has %d times 110; want 4", got)
	}
}

// TestRepeatsWithinBlocks checks that an occurrence is found wherever it
// starts in a block, and never across two blocks.
func TestRepeatsWithinBlocks(t *testing.T) {
	tests := []struct {
		src  string
		want []Position
	}{
		{"费用 110\n\n元。\n", nil},
		{"110 元，加急 110元。\n\n- 110\n  元\n", []Position{{1, 1}, {1, 10}, {3, 3}}},
		{"*a* 1 1 0 元 and 11 0元\n", []Position{{1, 5}, {1, 17}}},
		{"加急\u3000110\u00a0元，1\u200a10元\n", []Position{{1, 4}, {1, 10}}},
	}
	for _, tt := range tests {
		if got := render(t, true, tt.src).Repeats("110 元"); !slices.Equal(got, tt.want) {
			t.Errorf("Repeats(110 元) in %q = %v; want %v", tt.src, got, tt.want)
		}
	}
}

// TestSpaceAt checks spaceAt against decoding every character: it finds
// the white space that unicode.IsSpace finds, and steps over all of it.
func TestSpaceAt(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		b := utf8.AppendRune(nil, r)
		n, space := spaceAt(b)
		if space != unicode.IsSpace(r) || space && n != len(b) {
			t.Fatalf("spaceAt(%q) = %d, %v; want %d, %v", b, n, space, len(b), unicode.IsSpace(r))
		}
	}
}
