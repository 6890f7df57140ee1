package yamlfile

import (
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"guide/internal/diag"
)

// This file finds the mistakes that typing on a Chinese keyboard makes in
// YAML: a tab to indent, and full-width punctuation (the colon "：", the
// comma "，", the quotation marks "“" and "”", the dash "－" and the
// full-width space U+3000) where YAML's syntax needs its ASCII
// counterpart. yaml.v3 reports such a mistake as a token it cannot start,
// often on the line after the mistake; these messages name the character
// at its own line and column and say what to type instead.
//
// The same characters are ordinary text inside a value ("注意：带护照"),
// so a full-width character is reported only when the document does not
// parse and putting the ASCII character in its place makes the line at
// which parsing fails parse: the character was where syntax was expected.

// Messages of the mistakes.
const (
	msgTab         = "a tab: YAML needs spaces for indentation; use spaces, not a tab"
	msgColonKey    = "full-width colon \"：\" after the key %q: YAML needs the ASCII colon \":\" followed by a space"
	msgColon       = "full-width colon \"：\": YAML needs the ASCII colon \":\" followed by a space"
	msgComma       = "full-width comma \"，\": YAML needs the ASCII comma \",\" followed by a space between values"
	msgQuotes      = "full-width quotation marks \"“\" and \"”\": YAML needs the ASCII quotation mark '\"' at both ends of the text"
	msgDash        = "full-width dash \"－\" before a list item: YAML needs the ASCII hyphen \"-\" followed by a space"
	msgSpace       = "a full-width space: YAML needs an ASCII space here; delete it and type a space"
	msgBracketOpen = "full-width bracket \"【\": a list on one line needs the ASCII bracket \"[\""
	msgBracketEnd  = "full-width bracket \"】\": a list on one line needs the ASCII bracket \"]\""
)

// maxTries bounds the parses spent on trying replacements, and maxTrySize
// the size of a document they are tried in, so that a broken document
// costs at most a hundred parses of 64 KiB. The guide's largest YAML file
// is a tenth of that.
const (
	maxTries   = 100
	maxTrySize = 64 << 10
)

// typo is one character typed where YAML syntax needs another.
type typo struct {
	line, col int    // in the document, 1-based; col counts characters
	off, size int    // the bytes replaced in the line
	repl      string // what replaces them to test the guess
	format    string // the message, which also tells the kinds apart
	key       string // the key before a colon, for msgColonKey
	// also is a second replacement of the same mistake on the line: the
	// closing quotation mark.
	also *typo
}

// typingMistakes reports the tabs and full-width punctuation of data, a
// document that yaml.v3 refused, and whether it found any.
func (d *decoder) typingMistakes(data []byte) bool {
	lines := strings.Split(string(data), "\n")
	inBlock := blockScalarLines(lines)
	var found []*typo
	var cands []*typo
	for i, l := range lines {
		if inBlock[i] {
			continue
		}
		if t := leadingTab(l, i+1); t != nil {
			found = append(found, t)
		}
		cands = append(cands, fullWidth(l, i+1)...)
	}
	fixed := map[*typo]bool{}
	for _, t := range found {
		fixed[t] = true
	}
	tries := 0
	if len(data) > maxTrySize {
		tries = maxTries
	}
	for tries < maxTries {
		line, _ := faultLine(apply(lines, fixed, nil))
		if line == 0 {
			break
		}
		t := firstFix(lines, fixed, cands, line, &tries)
		if t == nil {
			break
		}
		fixed[t] = true
		found = append(found, t)
	}
	for _, t := range found {
		d.typo(t)
	}
	return len(found) > 0
}

// firstFix returns the candidate, latest first from the line at which
// parsing fails, that makes that line parse.
func firstFix(lines []string, fixed map[*typo]bool, cands []*typo, line int, tries *int) *typo {
	for i := len(cands) - 1; i >= 0 && *tries < maxTries; i-- {
		t := cands[i]
		if fixed[t] || t.line > line {
			continue
		}
		*tries++
		doc := apply(lines[:line], fixed, t)
		var n yaml.Node
		if yaml.Unmarshal(doc, &n) == nil {
			return t
		}
	}
	return nil
}

// typo reports t, in the message its format names.
func (d *decoder) typo(t *typo) {
	pos := diag.Pos{File: d.file, Line: t.line + d.lineOff, Col: t.col}
	switch t.format {
	case msgTab:
		d.errs.Add(pos, msgTab)
	case msgColonKey:
		d.errs.Add(pos, msgColonKey, t.key)
	case msgColon:
		d.errs.Add(pos, msgColon)
	case msgComma:
		d.errs.Add(pos, msgComma)
	case msgQuotes:
		d.errs.Add(pos, msgQuotes)
	case msgDash:
		d.errs.Add(pos, msgDash)
	case msgSpace:
		d.errs.Add(pos, msgSpace)
	}
}

// apply returns the lines joined, with the replacements of fixed and of
// extra (if not nil) made.
func apply(lines []string, fixed map[*typo]bool, extra *typo) []byte {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		var reps []*typo
		for t := range fixed {
			reps = appendReps(reps, t, i+1)
		}
		if extra != nil {
			reps = appendReps(reps, extra, i+1)
		}
		b.WriteString(replace(l, reps))
	}
	return []byte(b.String())
}

// appendReps appends the replacements of t that fall on line.
func appendReps(reps []*typo, t *typo, line int) []*typo {
	for ; t != nil; t = t.also {
		if t.line == line {
			reps = append(reps, t)
		}
	}
	return reps
}

// replace makes the replacements reps in line, which do not overlap.
func replace(line string, reps []*typo) string {
	if len(reps) == 0 {
		return line
	}
	slices.SortFunc(reps, func(a, b *typo) int { return a.off - b.off })
	var b strings.Builder
	last := 0
	for _, r := range reps {
		b.WriteString(line[last:r.off])
		b.WriteString(r.repl)
		last = r.off + r.size
	}
	b.WriteString(line[last:])
	return b.String()
}

// leadingTab returns the first tab in the indentation of line n.
func leadingTab(l string, n int) *typo {
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '\t':
			return &typo{line: n, col: i + 1, off: i, size: 1, repl: "  ", format: msgTab}
		case ' ':
			continue
		}
		return nil
	}
	return nil
}

// fullWidth returns the full-width characters of line n that may stand
// where YAML's syntax needs an ASCII one.
func fullWidth(l string, n int) []*typo {
	var out []*typo
	col := 0
	for i, r := range l {
		col++
		_, size := utf8.DecodeRuneInString(l[i:])
		t := &typo{line: n, col: col, off: i, size: size}
		next := l[i+t.size:]
		switch r {
		case '：':
			t.format = msgColonKey
			if t.key = keyBefore(l[:i]); t.key == "" {
				t.format = msgColon
			}
			t.spaced(":", next)
		case '，':
			t.format = msgComma
			t.spaced(",", next)
		case '－':
			t.format = msgDash
			t.spaced("-", next)
		case '\u3000':
			t.format, t.repl = msgSpace, " "
		case '“':
			end := strings.IndexRune(next, '”')
			if end < 0 {
				continue
			}
			t.format, t.repl = msgQuotes, `"`
			t.also = &typo{line: n, off: i + t.size + end, size: len("”"), repl: `"`}
		default:
			continue
		}
		out = append(out, t)
	}
	return out
}

// spaced makes t's replacement the ASCII character followed by one space:
// the space typed after the mistake, the full-width space typed after it
// (which it replaces too), or a new one.
func (t *typo) spaced(ascii, next string) {
	switch {
	case strings.HasPrefix(next, " "):
		t.repl = ascii
	case strings.HasPrefix(next, "\u3000"):
		t.repl, t.size = ascii+" ", t.size+len("\u3000")
	default:
		t.repl = ascii + " "
	}
}

// keyBefore returns the key that the text before a colon ends with, or ""
// when it does not end with a word: "title" of "  - title", "code" of
// "{code".
func keyBefore(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '{' || r == ',' || r == '[' || r == '\u3000'
	})
	key := s
	if i >= 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		key = s[i+size:]
	}
	if key == "" || strings.ContainsAny(key, `"'#：`) {
		return ""
	}
	return key
}

// blockScalarLines marks the lines that are the text of a block scalar
// ("key: |" and the lines indented under it), in which tabs and
// punctuation are text.
func blockScalarLines(lines []string) []bool {
	in := make([]bool, len(lines))
	for i := 0; i < len(lines); i++ {
		if !opensBlock(lines[i]) {
			continue
		}
		indent := indentOf(lines[i])
		for i+1 < len(lines) && (strings.TrimSpace(lines[i+1]) == "" || indentOf(lines[i+1]) > indent) {
			i++
			in[i] = true
		}
	}
	return in
}

// opensBlock reports whether a line ends with the indicator of a block
// scalar: "|" or ">", with an optional chomping or indentation indicator.
func opensBlock(l string) bool {
	if i := strings.Index(l, " #"); i >= 0 {
		l = l[:i]
	}
	l = strings.TrimRight(l, " \t\r")
	l = strings.TrimRight(l, "+-0123456789")
	return strings.HasSuffix(l, ": |") || strings.HasSuffix(l, ": >") || strings.HasSuffix(l, "- |") || strings.HasSuffix(l, "- >") || l == "|" || l == ">"
}

func indentOf(l string) int {
	return len(l) - len(strings.TrimLeft(l, " "))
}

// The documents below parse, but a full-width character turned what was
// meant as syntax into text: "title：申请" alone is a text, not a mapping;
// "{code：zh}" has the key "code：zh"; "－ 护照" under "bring:" is a text,
// not a list. The decoder asks these functions before it reports a value
// of the wrong kind or an unknown key.

// line returns the text of line n of the document (1-based, not shifted
// by lineOff), or "".
func (d *decoder) line(n int) string {
	lines := d.sourceLines()
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// sourceLines returns the lines of the document.
func (d *decoder) sourceLines() []string {
	if d.lines == nil {
		d.lines = strings.Split(string(d.src), "\n")
	}
	return d.lines
}

// at returns the byte offset in line of the character at column col.
func at(line string, col int) int {
	c := 1
	for i := range line {
		if c == col {
			return i
		}
		c++
	}
	return len(line)
}

// mappingTypo reports a scalar where a mapping was expected whose lines
// are keys followed by a full-width colon, and whether it did.
func (d *decoder) mappingTypo(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || n.Style != 0 {
		return false
	}
	found := false
	for _, line := range d.span(n) {
		l := d.line(line)
		start := len(l) - len(strings.TrimLeft(l, " "))
		if line == n.Line {
			start = at(l, n.Column)
		}
		for _, t := range fullWidth(l, line) {
			if t.off >= start && t.format == msgColonKey {
				t.key = keyBefore(l[start:t.off])
				d.typo(t)
				found = true
				break
			}
		}
	}
	return found
}

// span returns the lines of the plain scalar n: its first, and those after
// it that are indented at least as far as its column, up to a comment.
func (d *decoder) span(n *yaml.Node) []int {
	lines := []int{n.Line}
	for line := n.Line + 1; line <= len(d.sourceLines()); line++ {
		l := strings.TrimSuffix(d.line(line), "\r")
		rest := strings.TrimLeft(l, " ")
		switch {
		case rest == "":
			continue
		case len(l)-len(rest) < n.Column-1 || strings.HasPrefix(rest, "#"):
			return lines
		}
		lines = append(lines, line)
	}
	return lines
}

// keyTypo reports a key that holds a full-width colon, comma, dash or
// space, and whether it did.
func (d *decoder) keyTypo(k *yaml.Node) bool {
	if k.Style != 0 {
		return false
	}
	l := d.line(k.Line)
	start := at(l, k.Column)
	// A plain scalar's first line is written as it is in its value.
	end := start + len(k.Value)
	for _, t := range fullWidth(l, k.Line) {
		if t.off >= start && t.off < end && t.format != msgQuotes {
			if t.format == msgColonKey {
				t.key = keyBefore(l[start:t.off])
			}
			d.typo(t)
			return true
		}
	}
	return false
}

// listTypo reports a scalar where a list was expected that starts with a
// full-width bracket or dash, and whether it did. Each dash that starts
// one of the scalar's lines is reported.
func (d *decoder) listTypo(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || n.Style != 0 {
		return false
	}
	pos := diag.Pos{File: d.file, Line: n.Line + d.lineOff, Col: n.Column}
	switch {
	case strings.HasPrefix(n.Value, "【"):
		d.errs.Add(pos, msgBracketOpen)
		l := d.line(n.Line)
		if i := strings.LastIndex(l, "】"); i > at(l, n.Column) {
			d.errs.Add(diag.Pos{File: d.file, Line: pos.Line, Col: 1 + utf8.RuneCountInString(l[:i])}, msgBracketEnd)
		}
		return true
	case strings.HasPrefix(n.Value, "－"):
		for _, line := range d.span(n) {
			l := d.line(line)
			rest := strings.TrimLeft(l, " ")
			if strings.HasPrefix(rest, "－") {
				d.errs.Add(diag.Pos{File: d.file, Line: line + d.lineOff, Col: 1 + len(l) - len(rest)}, msgDash)
			}
		}
		return true
	}
	return false
}
