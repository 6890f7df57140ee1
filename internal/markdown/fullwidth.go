package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// FullWidth finds the full-width punctuation that a Chinese keyboard types
// where Markdown's syntax needs ASCII, in a page's body: a heading written
// "＃＃ 标题", a list item "－ 项目", a link "【文字】（interview.zh.md）",
// bold "＊＊粗体＊＊", and a full-width space (U+3000) before or after the
// marks of a heading, list item or quotation. Markdown reads each of these
// as plain text, so the page would show the marks to readers instead of a
// heading, a list or a link. Each problem is at its own line and column
// of src and says what to type instead.
//
// Only what can only be meant as syntax is reported: the marks at the
// start of a line followed by a space, a link whose parentheses hold an
// address, and a pair of double asterisks. Full-width punctuation in
// sentences ("注意：", "【重要】（见下文）") is Chinese text. Fenced code
// blocks are left alone.
func FullWidth(src []byte) Errors {
	var errs Errors
	fence := ""
	n := 0
	for line := range bytes.Lines(src) {
		n++
		if !mayMatter(line) {
			continue
		}
		l := strings.TrimRight(string(line), "\r\n")
		if f := fenceOf(l); f != "" && (fence == "" || strings.HasPrefix(f, fence)) {
			if fence == "" {
				fence = f
			} else {
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		errs = append(errs, lineStart(l, n)...)
		errs = append(errs, fullWidthLinks(l, n)...)
		errs = append(errs, fullWidthBold(l, n)...)
	}
	return errs
}

// mayMatter reports whether FullWidth must look at line: whether it can
// open or close a fenced code block, or hold one of the full-width
// characters that FullWidth reports, whose UTF-8 all start with the bytes
// E3 80 (U+3000, 【 and 】) or EF BC (＃, －, ＊, （, ） and ！). It spares
// most lines of English, which hold none, the work of the checks.
func mayMatter(line []byte) bool {
	t := bytes.TrimLeft(line, " ")
	return bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) ||
		bytes.Contains(line, []byte("\xe3\x80")) || bytes.Contains(line, []byte("\xef\xbc"))
}

// fenceOf returns the backticks or tildes that open or close a fenced code
// block on line l, or "".
func fenceOf(l string) string {
	t := strings.TrimLeft(l, " ")
	for _, c := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, c) {
			return t[:len(t)-len(strings.TrimLeft(t, c[:1]))]
		}
	}
	return ""
}

// fullWidthMark are the full-width marks that start a heading or a list
// item, and their ASCII counterparts. ("＋" and "＞" are left out: a line
// of Chinese may start with them.)
var fullWidthMark = map[rune]string{'＃': "#", '－': "-", '＊': "*"}

// lineStart reports the full-width marks and spaces at the start of line l
// (number n) where a heading, list item or quotation starts.
func lineStart(l string, n int) Errors {
	indent := len(l) - len(strings.TrimLeft(l, " "))
	rest := l[indent:]
	col := indent + 1
	at := func(c int, format string, args ...any) Errors {
		return Errors{newError(n, c, format, args...)}
	}
	// A full-width space before ASCII syntax: "　- 项目".
	if t := strings.TrimLeft(rest, "\u3000"); len(t) < len(rest) && startsSyntax(t) {
		return at(col, "a full-width space before %q: Markdown does not see the %q after it; delete the full-width space, or indent with ASCII spaces", syntaxMark(t), syntaxMark(t))
	}
	// The marks, ASCII or full-width, and what follows them.
	marks := 0
	fullWidth := -1 // the offset of the first full-width mark
	for _, r := range rest {
		_, isFull := fullWidthMark[r]
		isMark := isFull || strings.ContainsRune("#-*", r)
		// Only a heading repeats its mark.
		if !isMark || marks > 0 && r != '#' && r != '＃' {
			break
		}
		if isFull && fullWidth < 0 {
			fullWidth = marks
		}
		marks += utf8.RuneLen(r)
	}
	if marks == 0 {
		return nil
	}
	mark, after := rest[:marks], rest[marks:]
	spaced := strings.HasPrefix(after, " ") || strings.HasPrefix(after, "\u3000")
	switch {
	case !spaced:
		return nil
	case fullWidth >= 0:
		r, _ := utf8.DecodeRuneInString(mark[fullWidth:])
		want := asciiMarks(mark) + " " + strings.TrimLeft(after, " \u3000")
		return at(col+utf8.RuneCountInString(mark[:fullWidth]), "full-width %q at the start of the line: Markdown needs the ASCII %q followed by a space: %q", string(r), fullWidthMark[r], want)
	case strings.HasPrefix(after, "\u3000"):
		return at(col+utf8.RuneCountInString(mark), "a full-width space after %q: Markdown needs an ASCII space there", mark)
	}
	return nil
}

// asciiMarks returns marks with each full-width mark made ASCII.
func asciiMarks(marks string) string {
	var b strings.Builder
	for _, r := range marks {
		if a, ok := fullWidthMark[r]; ok {
			b.WriteString(a)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// syntax matches the ASCII marks that start a heading, a list item, a
// quotation, a table row or an image.
var syntax = regexp.MustCompile(`^(#{1,6} |[-*+>] |\d{1,9}[.)] |\||!\[)`)

func startsSyntax(s string) bool { return syntax.MatchString(s) }

func syntaxMark(s string) string { return strings.TrimSpace(syntax.FindString(s)) }

// fullWidthLink matches a link or image written with full-width brackets
// or parentheses (at least one of them): 【文字】（interview.zh.md）.
var fullWidthLink = regexp.MustCompile(`(!|！)?(【|\[)([^【】\[\]]*)(】|\])(（|\()([^（）()\s]*)(）|\))`)

// address matches what can only be a link's address: an address of
// another site, a path from the site's root, an anchor, a relative path,
// or the name of a page's or image's file.
var address = regexp.MustCompile(`^(https?://|mailto:|tel:|/|#|\.\.?/)|\.(md|png|jpe?g|gif|webp|svg|pdf)(#.*)?$`)

// mayHaveFullWidthLink reports whether line l can hold a link that
// fullWidthLinks reports: one needs a closing bracket right before an
// opening parenthesis, and one of the full-width marks. It spares most
// lines the regular expression, which backtracks over the whole line.
func mayHaveFullWidthLink(l string) bool {
	closeOpen := strings.Contains(l, "](") || strings.Contains(l, "]（") || strings.Contains(l, "】(") || strings.Contains(l, "】（")
	return closeOpen && strings.ContainsAny(l, "！【】（）")
}

// fullWidthLinks reports the links of line l (number n) written with
// full-width brackets or parentheses.
func fullWidthLinks(l string, n int) Errors {
	if !mayHaveFullWidthLink(l) {
		return nil
	}
	return matchFullWidthLinks(l, n)
}

// matchFullWidthLinks is fullWidthLinks without the test that spares most
// lines.
func matchFullWidthLinks(l string, n int) Errors {
	var errs Errors
	for _, m := range fullWidthLink.FindAllStringSubmatchIndex(l, -1) {
		text, dest := l[m[6]:m[7]], l[m[12]:m[13]]
		// Only the brackets and parentheses around the text and the
		// address count: full-width ones inside the text are text.
		first := -1
		for _, g := range []int{2, 4, 8, 10, 14} {
			if m[g] >= 0 && strings.ContainsAny(l[m[g]:m[g+1]], "！【】（）") {
				first = m[g]
				break
			}
		}
		if first < 0 || !address.MatchString(dest) {
			continue
		}
		col := 1 + utf8.RuneCountInString(l[:first])
		want := "[" + text + "](" + dest + ")"
		if m[2] >= 0 {
			want = "!" + want
		}
		errs = append(errs, newError(n, col, "a link written with full-width brackets: Markdown needs the ASCII brackets [ ] and parentheses ( ): %q", want))
	}
	return errs
}

// fullWidthBoldPattern matches text between full-width double asterisks.
var fullWidthBoldPattern = regexp.MustCompile(`＊＊([^＊*]+)＊＊`)

// fullWidthBold reports bold text of line l (number n) marked with
// full-width asterisks.
func fullWidthBold(l string, n int) Errors {
	if !strings.Contains(l, "＊＊") {
		return nil
	}
	var errs Errors
	for _, m := range fullWidthBoldPattern.FindAllStringSubmatchIndex(l, -1) {
		col := 1 + utf8.RuneCountInString(l[:m[0]])
		errs = append(errs, newError(n, col, "full-width asterisks \"＊＊\" around %q: Markdown needs the ASCII \"**\" for bold: %q", l[m[2]:m[3]], "**"+l[m[2]:m[3]]+"**"))
	}
	return errs
}
